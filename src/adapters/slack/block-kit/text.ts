/** Slack limits (Block Kit reference): exceeding them makes Slack reject the whole message. */
export const LIMITS = {
  sectionText: 3000,
  header: 150,
  field: 2000,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  fallbackText: 3000,
  contextText: 3000,
  placeholder: 150,
  initialValue: 3000,
  privateMetadata: 3000,
} as const;

/** Escapes user text for mrkdwn so `<!channel>` and `<@U…>` never ping anyone. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Cuts text to `max` characters (code points kept whole), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Escaped and cut after escaping, so an entity like `&amp;` is never split in half. */
export function mrkdwn(text: string, max: number = LIMITS.sectionText): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  const cut = truncate(escaped, max);
  return cut.replace(/&[a-z]{0,3}…$/, '…');
}

export function plain(text: string, max: number) {
  return { type: 'plain_text' as const, text: truncate(text || ' ', max), emoji: true };
}

/**
 * Escapes user text for mrkdwn and splits it into pieces of at most `max` characters (the
 * first at most `firstMax`), never inside an entity (`&amp;`) or a surrogate pair, preferring
 * a line break or space. Joined, the pieces are exactly the escaped text: nothing is dropped.
 */
export function splitMrkdwn(text: string, max: number, firstMax = max): string[] {
  const escaped = escapeMrkdwn(text);
  const pieces: string[] = [];
  let rest = escaped;
  while (rest.length > 0) {
    const limit = pieces.length === 0 ? firstMax : max;
    if (rest.length <= limit) {
      pieces.push(rest);
      break;
    }
    let cut = limit;
    const entity = rest.lastIndexOf('&', cut - 1);
    if (entity >= 0 && entity > cut - 5 && rest.indexOf(';', entity) >= cut) cut = entity;
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    // Prefer a natural break in the last fifth of the piece.
    const window = rest.slice(Math.floor(cut * 0.8), cut);
    const soft = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    if (soft >= 0) cut = Math.floor(cut * 0.8) + soft + 1;
    if (cut <= 0) cut = Math.min(limit, rest.length);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return pieces;
}

/** Undoes escapeMrkdwn (for tests and for comparing rendered text with the original). */
export function unescapeMrkdwn(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
