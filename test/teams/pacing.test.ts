import { describe, expect, it } from 'vitest';
import { ConversationPacer, PACING_WINDOWS } from '../../src/adapters/teams/pacing.js';

/** Replays messages against the pacer as the outbox would: each comes back when told. */
function replay(arrivals: { key: string; conversation: string; at: number }[]) {
  const pacer = new ConversationPacer();
  const queue = arrivals.map((a) => ({ ...a, tries: 0 }));
  const sent: { key: string; conversation: string; at: number; tries: number }[] = [];
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at);
    const next = queue.shift()!;
    next.tries++;
    const wait = pacer.take(next.conversation, next.key, next.at);
    if (wait === 0) sent.push({ ...next });
    else queue.push({ ...next, at: next.at + wait });
  }
  return sent;
}

function violations(sent: { conversation: string; at: number }[]) {
  const found: string[] = [];
  for (const s of sent) {
    for (const window of PACING_WINDOWS) {
      const inWindow = sent.filter(
        (o) => o.conversation === s.conversation && o.at > s.at - window.ms && o.at <= s.at,
      );
      if (inWindow.length > window.max) found.push(`${inWindow.length} in ${window.ms} ms`);
    }
  }
  return found;
}

describe('Teams conversation pacing', () => {
  it('sends a burst of 7 at once, then spreads the rest within both limits', () => {
    const arrivals = Array.from({ length: 200 }, (_, i) => ({
      key: String(i),
      conversation: 'piet',
      at: 0,
    }));
    const sent = replay(arrivals);
    expect(sent).toHaveLength(200);
    expect(sent.filter((s) => s.at === 0)).toHaveLength(7);
    expect(violations(sent)).toEqual([]);
    // Each message is turned away at most once: it comes back at its own slot.
    expect(Math.max(...sent.map((s) => s.tries))).toBeLessThanOrEqual(2);
    // First come, first served.
    expect(sent.map((s) => Number(s.key))).toEqual(arrivals.map((_, i) => i));
    // 200 messages at 60 per 30 s take a little over 90 s, not much more.
    expect(sent.at(-1)!.at).toBeLessThan(100_000);
  });

  it('keeps conversations apart and lets a newcomer wait behind the queue, not jump it', () => {
    const arrivals = [
      ...Array.from({ length: 20 }, (_, i) => ({ key: `a${i}`, conversation: 'a', at: 0 })),
      { key: 'b0', conversation: 'b', at: 10 },
      { key: 'a-late', conversation: 'a', at: 100 },
    ];
    const sent = replay(arrivals);
    expect(violations(sent)).toEqual([]);
    expect(sent.find((s) => s.key === 'b0')?.at).toBe(10);
    const order = sent.filter((s) => s.conversation === 'a').map((s) => s.key);
    expect(order.at(-1)).toBe('a-late');
  });

  it('forgets a reservation whose message never came back', () => {
    const pacer = new ConversationPacer();
    for (let i = 0; i < 7; i++) expect(pacer.take('c', `m${i}`, 0)).toBe(0);
    expect(pacer.take('c', 'gone', 0)).toBe(1_000);
    // Long after, the conversation is free again and the stale slot is no obstacle.
    expect(pacer.take('c', 'fresh', 3_600_000)).toBe(0);
  });
});
