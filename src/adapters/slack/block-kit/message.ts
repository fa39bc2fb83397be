import type { types } from '@slack/bolt';
import type { ComplaintDetailModel } from '../../../app/messages/detail.js';
import type { ActionModel, MessageModel } from '../../../app/messages/model.js';
import { LIMITS, mrkdwn, plain, splitMrkdwn, truncate } from './text.js';

type Block = types.KnownBlock;

/** What a button carries: which complaint, and the version the card showed. */
export interface ButtonValue {
  c: string;
  v: number;
  r: string;
}

export function encodeButtonValue(complaint: { id: string; version: number; reference: string }) {
  const value: ButtonValue = { c: complaint.id, v: complaint.version, r: complaint.reference };
  return truncate(JSON.stringify(value), LIMITS.buttonValue);
}

/** Slack allows 10 fields per section and 25 elements per actions block. */
const MAX_FIELDS = 10;
const MAX_BUTTONS = 25;
/** Slack refuses a message with more than 50 blocks (a modal or Home tab: 100). */
export const MAX_MESSAGE_BLOCKS = 50;

export interface RenderedMessage {
  text: string;
  blocks: Block[];
}

/** MessageModel → Block Kit; every piece of text that may hold user input is escaped. */
export function renderMessage(
  model: MessageModel,
  confirm?: ConfirmTexts,
  maxBlocks = MAX_MESSAGE_BLOCKS,
): RenderedMessage {
  const blocks: Block[] = [{ type: 'header', text: plain(model.title, LIMITS.header) }];
  if (model.intro) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(model.intro) } });
  }
  for (let i = 0; i < model.facts.length; i += MAX_FIELDS) {
    blocks.push({
      type: 'section',
      fields: model.facts.slice(i, i + MAX_FIELDS).map((fact) => field(fact.label, fact.value)),
    });
  }
  const tail = (model.actions.length > 0 ? 1 : 0) + (model.footer ? 1 : 0);
  const texts = model.sections.flatMap((section) => sectionBlocks(section.heading, section.text));
  const room = Math.max(maxBlocks - blocks.length - tail, 1);
  if (texts.length > room) {
    // Only reachable with absurd amounts of text: cut visibly, never silently.
    texts.length = room;
    const last = texts[room - 1] as { text: { text: string } };
    last.text.text = `${last.text.text.slice(0, LIMITS.sectionText - 2)} …`;
  }
  blocks.push(...texts);
  if (model.actions.length > 0 && model.complaint) {
    const value = encodeButtonValue(model.complaint);
    blocks.push({
      type: 'actions',
      block_id: `kb_actions_${model.complaint.version}`,
      elements: model.actions.slice(0, MAX_BUTTONS).map((a) => button(a, value, confirm)),
    });
  }
  if (model.footer) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: mrkdwn(model.footer, LIMITS.contextText) }],
    });
  }
  return { text: mrkdwn(model.summary, LIMITS.fallbackText), blocks };
}

/**
 * A fact as plain text: its value may be user text (a complainant's name, "related to", a
 * Slack display name), and in mrkdwn `*Status:* Gesloten` or `> Goedgekeurd` would pass for
 * the bot's own lines. `<`, `>` and `&` stay escaped, as Slack decodes them in every text.
 */
function field(label: string, value: string): types.PlainTextElement {
  return literal(mrkdwn(`${label}\n${value || '—'}`, LIMITS.field));
}

/** User text shown as typed: plain_text (no formatting, no links), emoji shortcodes left alone. */
function literal(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: text || ' ', emoji: false };
}

/**
 * A bold heading (our text) over user text in plain_text sections: as many as the text needs
 * (each within Slack's 3,000 characters, escaping included), so a long text is shown whole and
 * nothing in it (`*URGENT*`, code fences, `>` quotes) renders as formatting.
 */
export function sectionBlocks(title: string, text: string): Block[] {
  const pieces = splitMrkdwn(text, LIMITS.sectionText);
  if (pieces.length === 0) pieces.push('');
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `*${mrkdwn(title, 200)}*` } },
    ...pieces.map((piece) => ({ type: 'section' as const, text: literal(piece) })),
  ];
}

/** A complaint opened by reference: the message with its history just above the buttons. */
export function renderDetail(
  model: ComplaintDetailModel,
  confirm?: ConfirmTexts,
  maxBlocks = MAX_MESSAGE_BLOCKS,
): RenderedMessage {
  const { timeline, downloads, ...message } = model;
  const sections = [...message.sections];
  if (timeline.entries.length > 0) {
    sections.push({ heading: timeline.heading, text: timeline.entries.join('\n') });
  }
  const links = downloadBlock(downloads);
  const rendered = renderMessage({ ...message, sections }, confirm, maxBlocks - (links ? 1 : 0));
  if (!links) return rendered;
  // The private download links (signed for this viewer) just above the buttons.
  const at = rendered.blocks.findIndex((b) => b.type === 'actions');
  rendered.blocks.splice(at < 0 ? rendered.blocks.length : at, 0, links);
  return rendered;
}

/** `<url|Download scan.pdf>` per attachment; the file name is escaped, the URL is ours. */
function downloadBlock(downloads: ComplaintDetailModel['downloads']): Block | null {
  if (!downloads || downloads.links.length === 0) return null;
  const lines = downloads.links.map((l) => `<${l.url}|${mrkdwn(l.label, 300)}>`);
  if (downloads.hint) lines.push(`_${mrkdwn(downloads.hint, 300)}_`);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(lines.join('\n'), LIMITS.sectionText) },
  };
}

/** The detail as a modal (opened from App Home or a list): up to 100 blocks. */
export function detailModal(
  model: ComplaintDetailModel,
  closeText: string,
  confirm?: ConfirmTexts,
): types.ModalView {
  return {
    type: 'modal',
    title: plain(model.complaint?.reference ?? model.title, 24),
    close: plain(closeText, 24),
    blocks: renderDetail(model, confirm, 100).blocks,
  };
}

export interface ConfirmTexts {
  title: string;
  text: string;
  yes: string;
  no: string;
}

function button(action: ActionModel, value: string, confirm?: ConfirmTexts) {
  const element: types.Button = {
    type: 'button',
    action_id: action.id,
    text: plain(action.label, LIMITS.buttonText),
    value,
  };
  if (action.style !== 'default') element.style = action.style;
  if (action.command === 'withdraw' && confirm) {
    element.confirm = {
      title: plain(confirm.title, 100),
      text: plain(confirm.text, 300),
      confirm: plain(confirm.yes, 30),
      deny: plain(confirm.no, 30),
    };
  }
  return element;
}
