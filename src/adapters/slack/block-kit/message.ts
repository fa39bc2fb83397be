import type { types } from '@slack/bolt';
import type { ActionModel, MessageModel } from '../../../app/messages/model.js';
import { LIMITS, mrkdwn, plain, truncate } from './text.js';

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

export interface RenderedMessage {
  text: string;
  blocks: Block[];
}

/** MessageModel → Block Kit; every piece of text that may hold user input is escaped. */
export function renderMessage(model: MessageModel, confirm?: ConfirmTexts): RenderedMessage {
  const blocks: Block[] = [{ type: 'header', text: plain(model.title, LIMITS.header) }];
  if (model.intro) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(model.intro) } });
  }
  for (let i = 0; i < model.facts.length; i += MAX_FIELDS) {
    blocks.push({
      type: 'section',
      fields: model.facts.slice(i, i + MAX_FIELDS).map((fact) => ({
        type: 'mrkdwn' as const,
        text: field(fact.label, fact.value),
      })),
    });
  }
  for (const section of model.sections) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: heading(section.heading, section.text) },
    });
  }
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

function field(label: string, value: string): string {
  const head = `*${mrkdwn(label, 200)}*\n`;
  return head + mrkdwn(value || '—', LIMITS.field - head.length);
}

/** A bold heading over escaped user text, within the section limit. */
function heading(title: string, text: string): string {
  const head = `*${mrkdwn(title, 200)}*\n`;
  return head + mrkdwn(text, LIMITS.sectionText - head.length);
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
