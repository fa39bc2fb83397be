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
