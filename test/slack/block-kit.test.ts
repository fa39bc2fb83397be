import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/adapters/slack/block-kit/message.js';
import { escapeMrkdwn, mrkdwn } from '../../src/adapters/slack/block-kit/text.js';
import type { MessageModel } from '../../src/app/messages/model.js';

const huge = `<!channel> ${'a&b<c>'.repeat(7_000)}`; // ~42 kB

function model(text: string): MessageModel {
  return {
    summary: text,
    title: text,
    intro: text,
    facts: [{ label: 'Geuit door', value: text }],
    sections: [{ heading: 'Wat is er gebeurd?', text }],
    actions: [
      {
        command: 'declare_founded',
        id: 'kb_declare_founded',
        label: 'Gegrond',
        style: 'primary',
        opensForm: false,
      },
      {
        command: 'withdraw',
        id: 'kb_withdraw',
        label: 'Intrekken',
        style: 'danger',
        opensForm: false,
      },
    ],
    footer: text,
    complaint: {
      id: '00000000-0000-4000-8000-000000000001',
      reference: 'KL-2026-0001',
      version: 3,
    },
  };
}

describe('Block Kit rendering', () => {
  it('escapes &, < and > in mrkdwn', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('never splits an entity when truncating', () => {
    const cut = mrkdwn('&'.repeat(100), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/^(&amp;)+…$/);
  });

  it('keeps 40 kB of user text within every Slack limit', () => {
    const { text, blocks } = renderMessage(model(huge));
    expect(text.length).toBeLessThanOrEqual(3000);
    for (const block of blocks as {
      type: string;
      text?: { text: string };
      fields?: { text: string }[];
      elements?: { value?: string; text?: string | { text: string } }[];
    }[]) {
      if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(150);
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
      for (const e of block.elements ?? []) {
        if (e.value) expect(e.value.length).toBeLessThanOrEqual(2000);
        if (typeof e.text === 'string') expect(e.text.length).toBeLessThanOrEqual(3000);
      }
    }
    const json = JSON.stringify(blocks.filter((b) => b.type !== 'header'));
    expect(json).not.toContain('<!channel>');
  });

  it('buttons carry the complaint id, version and reference', () => {
    const { blocks } = renderMessage(model('x'));
    const actions = blocks.find((b) => b.type === 'actions') as {
      elements: { value: string; confirm?: unknown }[];
    };
    expect(JSON.parse(actions.elements[0]?.value ?? '')).toEqual({
      c: '00000000-0000-4000-8000-000000000001',
      v: 3,
      r: 'KL-2026-0001',
    });
  });
});
