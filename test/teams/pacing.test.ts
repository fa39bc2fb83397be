import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxStore } from '../../src/adapters/postgres/outbox-store.js';
import { CONVERSATION_INTERVAL_MS } from '../../src/adapters/teams/pacing.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';

const T0 = new Date('2026-05-04T08:00:00Z').getTime();

/**
 * Replays messages against the shared pacing as the outbox would: each takes a slot or comes
 * back when told. `stores` are the replicas (each its own store, one database).
 */
async function replay(
  stores: ReturnType<typeof createOutboxStore>[],
  arrivals: { key: string; conversation: string; at: number }[],
  intervalMs: number,
) {
  const queue = arrivals.map((a, i) => ({ ...a, replica: i % stores.length }));
  const sent: { key: string; conversation: string; at: number }[] = [];
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at);
    const now = queue[0]!.at;
    // Everything due at this instant is tried at once, as a claimed batch is.
    const due = queue.filter((q) => q.at === now);
    const waits = await Promise.all(
      due.map((q) =>
        stores[q.replica]!.takeSlot(
          'teams',
          `to:${q.conversation}`,
          intervalMs,
          [],
          new Date(T0 + q.at),
        ),
      ),
    );
    for (const [i, q] of due.entries()) {
      queue.splice(queue.indexOf(q), 1);
      const wait = waits[i]!;
      if (wait === 0) sent.push({ key: q.key, conversation: q.conversation, at: q.at });
      else queue.push({ ...q, at: q.at + wait });
    }
  }
  return sent;
}

function gaps(sent: { conversation: string; at: number }[], conversation: string) {
  const times = sent.filter((s) => s.conversation === conversation).map((s) => s.at);
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe.each(DATABASE_KINDS)('conversation pacing through the database on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('two replicas sending a burst to one chat: one message per interval, each sent once', async () => {
    const stores = [createOutboxStore(database.handle.db), createOutboxStore(database.handle.db)];
    const arrivals = Array.from({ length: 12 }, (_, i) => ({
      key: String(i),
      conversation: 'piet',
      at: 0,
    }));
    const sent = await replay(stores, arrivals, CONVERSATION_INTERVAL_MS);
    expect(sent.map((s) => s.key).sort()).toEqual(arrivals.map((a) => a.key).sort());
    expect(sent.filter((s) => s.at === 0)).toHaveLength(1);
    for (const gap of gaps(sent, 'piet'))
      expect(gap).toBeGreaterThanOrEqual(CONVERSATION_INTERVAL_MS);
    // Within both Teams limits: at most 7 a second and 60 in 30 s.
    expect(1_000 / CONVERSATION_INTERVAL_MS).toBeLessThanOrEqual(7);
    expect(30_000 / CONVERSATION_INTERVAL_MS).toBeLessThanOrEqual(60);
  });

  it('keeps conversations apart', async () => {
    const store = createOutboxStore(database.handle.db);
    const sent = await replay(
      [store],
      [
        ...Array.from({ length: 5 }, (_, i) => ({ key: `a${i}`, conversation: 'a', at: 60_000 })),
        { key: 'b0', conversation: 'b', at: 60_010 },
      ],
      CONVERSATION_INTERVAL_MS,
    );
    expect(sent.find((s) => s.key === 'b0')?.at).toBe(60_010);
    for (const gap of gaps(sent, 'a')) expect(gap).toBeGreaterThanOrEqual(CONVERSATION_INTERVAL_MS);
  });

  it('a paused method blocks every scope that names it until the pause ends', async () => {
    const store = createOutboxStore(database.handle.db);
    const at = (ms: number) => new Date(T0 + 120_000 + ms);
    await store.pause('slack', 'method:chat.postMessage', at(5_000));
    const paused = ['method:chat.postMessage'];
    expect(await store.takeSlot('slack', 'to:C1', 1_000, paused, at(0))).toBe(5_000);
    expect(await store.takeSlot('slack', 'to:C2', 1_000, paused, at(4_000))).toBe(1_000);
    // A shorter pause never shortens a longer one.
    await store.pause('slack', 'method:chat.postMessage', at(1_000));
    expect(await store.takeSlot('slack', 'to:C1', 1_000, paused, at(4_999))).toBe(1);
    expect(await store.takeSlot('slack', 'to:C1', 1_000, paused, at(5_000))).toBe(0);
    // Another surface is not paused.
    expect(await store.takeSlot('teams', 'to:C1', 1_000, paused, at(0))).toBe(0);
  });
});
