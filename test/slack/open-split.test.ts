import { describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../src/adapters/slack/block-kit/message.js';
import {
  escapeMrkdwn,
  splitMrkdwn,
  unescapeMrkdwn,
} from '../../src/adapters/slack/block-kit/text.js';

describe('Slack: long texts split over blocks, never cut', () => {
  it('joins back to exactly the escaped text, no piece over the limit, no entity split', () => {
    for (const text of [
      '&'.repeat(3000),
      `${'a&b<c> '.repeat(600)}`,
      '😀'.repeat(2000),
      'x'.repeat(9001),
    ]) {
      const pieces = splitMrkdwn(text, 3000, 2970);
      expect(pieces.join('')).toBe(escapeMrkdwn(text));
      expect(pieces[0]?.length).toBeLessThanOrEqual(2970);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(3000);
        expect(piece).not.toMatch(/&[a-z]{0,3}$/); // no entity cut at the end
        expect(piece).not.toMatch(/^[a-z]{1,3};/); // ... nor its tail at the start
        expect(piece).not.toMatch(/[\uD800-\uDBFF]$/);
      }
    }
  });

  it('a heading and a 3,000-character text of ampersands become several sections, whole', () => {
    const text = '&'.repeat(3000);
    const blocks = sectionBlocks('Wat is er gebeurd?', text) as { text: { text: string } }[];
    expect(blocks.length).toBe(6);
    const joined = blocks.map((b) => b.text.text).join('');
    // Our heading in bold mrkdwn, the user's text after it in plain_text blocks (issue 14, 11).
    expect(joined.startsWith('*Wat is er gebeurd?*')).toBe(true);
    expect(unescapeMrkdwn(joined.slice('*Wat is er gebeurd?*'.length))).toBe(text);
    for (const b of blocks.slice(1)) {
      expect((b.text as { type?: string }).type).toBe('plain_text');
    }
    for (const b of blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });
});
