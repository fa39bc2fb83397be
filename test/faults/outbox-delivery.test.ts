import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxStore } from '../../src/adapters/postgres/outbox-store.js';
import { DEFAULT_DISPATCH_OPTIONS, dispatchOutboxOnce } from '../../src/app/dispatch-outbox.js';
import type { PacedDeliveryPort } from '../../src/app/outbox-ports.js';
import type { RunningService } from '../../src/service.js';
import { input } from '../fakes/slack-client.js';
import type { FakeSlackWebApi, SlackCall } from '../fakes/slack-web-api.js';
import { openedViewAfter, USERS } from '../slack/harness.js';
import { FixedClock } from '../support/databases.js';
import { ThrowawayPostgres } from '../support/throwaway-postgres.js';
import { waitFor } from '../teams/harness.js';
import {
  newFake,
  type OutboxHarness,
  outboxRowsOf,
  queueChannelNotices,
  startOutboxService,
} from './outbox-harness.js';
import { sleep } from './support.js';

/** Clock skew between the fake's timestamps and ours is nil (one process); allow for timers. */
const TOLERANCE_MS = 100;

async function report(h: OutboxHarness, fake: FakeSlackWebApi, text: string) {
  const opened = fake.callsOf('views.open').length;
  await h.slack.command(USERS.mo, '');
  const view = await openedViewAfter(fake, opened);
  const res = await h.slack.submit(USERS.mo, view, {
    description: input.text(text),
    categoryKey: input.option('dienstverlening'),
  });
  const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0];
  if (!reference) throw new Error(`no reference: ${res.text}`);
  const complaint = await h.service.deps.store.repository.findComplaint(reference);
  return { reference, complaintId: complaint!.id };
}

const allDelivered = async (service: RunningService) => {
  const rows = await outboxRowsOf(service);
  return rows.length > 0 && rows.every((r) => r.status === 'delivered') && rows;
};

/** Person messages that carry no complaint (the parked-messages notice) to several people. */
async function queueDirectMessages(service: RunningService, people: string[], tag: string) {
  await service.deps.store.repository.enqueue(
    people.map((personId) => ({
      idempotencyKey: `${tag}:${personId}`,
      kind: 'parked_messages',
      recipient: { personId },
      complaintId: null,
      payload: { lines: '[]', more: false },
    })),
    service.deps.clock.now(),
  );
}

const okPosts = (fake: FakeSlackWebApi) =>
  fake.callsOf('chat.postMessage').filter((c) => c.outcome === 'ok');

function assertNothingDuring(calls: SlackCall[], from: number, ms: number) {
  const early = calls.filter((c) => c.at > from && c.at < from + ms - TOLERANCE_MS);
  expect(early.map((c) => `${c.args.channel} +${c.at - from}ms`)).toEqual([]);
}

describe('faults: a failed recipient lookup is transient (item 3)', () => {
  let fake: FakeSlackWebApi;
  let h: OutboxHarness;
  beforeAll(async () => {
    fake = await newFake();
    h = await startOutboxService(fake, { pietByEmail: true });
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.stop();
  });

  it('one 500 from users.lookupByEmail, then success: the handler card is delivered once, not parked', async () => {
    fake.script('users.lookupByEmail', { status: 500 });
    const { reference } = await report(h, fake, 'Opzoeken faalt eenmaal.');
    const rows = await waitFor(() => allDelivered(h.service), 'every message delivered', 20_000);
    expect(rows.some((r) => r.status === 'failed')).toBe(false);
    expect(fake.callsOf('users.lookupByEmail').map((c) => c.outcome)).toEqual(['500', 'ok']);
    const cards = fake
      .messagesTo('U0PIET')
      .filter((c) => JSON.stringify(c.args).includes(reference));
    expect(cards).toHaveLength(1);
  }, 30_000);

  it('users_not_found is permanent: parked as unreachable', async () => {
    fake.users.delete('U0PIET');
    const before = (await outboxRowsOf(h.service)).length;
    // A fresh lookup: the answer for piet was cached, so a restart-free way is a new address.
    await h.service.database.db.execute(
      sql`update people set email = 'piet.nieuw@example.org' where id = 'piet'`,
    );
    await report(h, fake, 'Behandelaar niet in Slack.');
    const parked = await waitFor(
      async () =>
        (await outboxRowsOf(h.service)).slice(before).find((r) => r.status === 'failed') ?? null,
      'a parked card',
      15_000,
    );
    expect(parked.kind).toBe('handler_card');
  }, 30_000);
});

describe('faults: 429 and pacing (item 5)', () => {
  let fake: FakeSlackWebApi;
  let h: OutboxHarness;
  let complaintId: string;
  beforeAll(async () => {
    fake = await newFake();
    h = await startOutboxService(fake);
    complaintId = (await report(h, fake, 'Voor de tempotests.')).complaintId;
    await waitFor(() => allDelivered(h.service), 'the report delivered');
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.stop();
  });

  it('a 429 with Retry-After pauses chat.postMessage for every message until then', async () => {
    await sleep(1_100); // the report's channel slot is free again
    fake.script('chat.postMessage', { status: 429, retryAfter: 2 });
    await queueDirectMessages(h.service, ['dirk'], 'pause-first');
    const limited = await fake.waitFor(() =>
      fake.callsOf('chat.postMessage').find((c) => c.outcome === '429'),
    );
    await queueDirectMessages(h.service, ['kim', 'hanna', 'mo', 'eva', 'piet'], 'pause-rest');
    await waitFor(() => allDelivered(h.service), 'all delivered after the pause', 20_000);
    const after = fake.callsOf('chat.postMessage').filter((c) => c.at > limited.at);
    expect(after.length).toBeGreaterThanOrEqual(6);
    assertNothingDuring(after, limited.at, 2_000);
    // Waiting as asked is not an attempt.
    const rows = await outboxRowsOf(h.service, sql`idempotency_key like 'pause-%'`);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  }, 30_000);

  it('14 posts to one channel queued at once reach Slack about a second apart', async () => {
    const before = okPosts(fake).length;
    await queueChannelNotices(h.service, complaintId, 14, 'burst');
    await waitFor(() => allDelivered(h.service), 'the burst delivered', 40_000);
    const posts = okPosts(fake)
      .slice(before)
      .filter((c) => c.args.channel === 'C0KWALITEIT');
    expect(posts).toHaveLength(14);
    // Slots are taken a second apart in PostgreSQL; arrival at the fake jitters with the
    // machine's load, so each gap may be a little short, but the burst as a whole is paced.
    const gaps = posts.slice(1).map((c, i) => c.at - posts[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(700);
    expect(posts.at(-1)!.at - posts[0]!.at).toBeGreaterThanOrEqual(13 * 1_000 - TOLERANCE_MS);
  }, 60_000);
});

describe('faults: a post Slack took just before a crash is not sent again (item 8)', () => {
  let fake: FakeSlackWebApi;
  let h: OutboxHarness;
  beforeAll(async () => {
    fake = await newFake();
    h = await startOutboxService(fake);
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.stop();
  });

  it('crash after send, lease expires, claimed again: exactly one post, found by its metadata', async () => {
    // Far in the future, so the service's own dispatcher (real clock) leaves the row alone.
    const t = new Date(Date.now() + 365 * 86_400_000);
    await h.service.deps.store.repository.enqueue(
      [
        {
          idempotencyKey: 'crash:kim',
          kind: 'parked_messages',
          recipient: { personId: 'kim' },
          complaintId: null,
          payload: { lines: '[]', more: false },
        },
      ],
      t,
    );
    const store = createOutboxStore(h.service.database.db);
    const port = h.service.surfaces[0]!.deliveryPort as PacedDeliveryPort;
    const options = { ...DEFAULT_DISPATCH_OPTIONS, leaseMs: 30_000 };
    const logger = h.service.deps.logger;
    // The process dies after Slack accepted the post, before the outbox recorded it.
    const dying = {
      ...store,
      markDelivered: () => Promise.reject(new Error('process killed')),
    };
    await dispatchOutboxOnce(
      { outbox: dying, ports: [port], clock: new FixedClock(t), logger },
      options,
    ).catch(() => {});
    expect(fake.messagesTo('U0KIM')).toHaveLength(1);
    const [leased] = await outboxRowsOf(h.service, sql`idempotency_key = 'crash:kim'`);
    expect(leased).toMatchObject({ status: 'pending', attempts: 1 });
    // Before the lease runs out nobody claims it; after, another dispatcher does.
    const early = new FixedClock(new Date(t.getTime() + 10_000));
    expect(
      (await dispatchOutboxOnce({ outbox: store, ports: [port], clock: early, logger }, options))
        .delivered,
    ).toBe(0);
    const late = new FixedClock(new Date(t.getTime() + 31_000));
    const report = await dispatchOutboxOnce(
      { outbox: store, ports: [port], clock: late, logger },
      options,
    );
    expect(report.delivered).toBe(1);
    expect(fake.messagesTo('U0KIM')).toHaveLength(1);
    const history = fake.callsOf('conversations.history').at(-1);
    expect(history?.args).toMatchObject({ channel: 'DU0KIM', include_all_metadata: 'true' });
    const [row] = await outboxRowsOf(h.service, sql`idempotency_key = 'crash:kim'`);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    // Every post says which outbox row it is.
    expect(fake.messagesTo('U0KIM')[0]?.args.metadata).toEqual({
      event_type: 'klachtenbot_outbox',
      event_payload: { outbox_id: row!.id },
    });
  });
});

describe('faults: two replicas on one PostgreSQL respect one pause (item 5)', () => {
  let pg: ThrowawayPostgres;
  let fake: FakeSlackWebApi;
  let a: OutboxHarness;
  let b: OutboxHarness;
  beforeAll(async () => {
    pg = await ThrowawayPostgres.create();
    fake = await newFake();
    const database = { kind: 'postgres' as const, url: pg.url, poolSize: 4 };
    [a, b] = await Promise.all([
      startOutboxService(fake, { database }),
      startOutboxService(fake, { database }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
    await pg?.destroy();
  });

  it('after a 429 on one replica, neither replica posts until Retry-After has passed', async () => {
    fake.script('chat.postMessage', { status: 429, retryAfter: 2 });
    await queueDirectMessages(a.service, ['dirk'], 'replicas-first');
    const limited = await fake.waitFor(() =>
      fake.callsOf('chat.postMessage').find((c) => c.outcome === '429'),
    );
    await queueDirectMessages(b.service, ['kim', 'hanna', 'mo', 'eva', 'piet'], 'replicas-rest');
    await waitFor(() => allDelivered(a.service), 'all delivered', 20_000);
    const after = fake.callsOf('chat.postMessage').filter((c) => c.at > limited.at);
    expect(after).toHaveLength(6);
    assertNothingDuring(after, limited.at, 2_000);
    for (const user of ['U0DIRK', 'U0KIM', 'U0HANNA', 'U0MO', 'U0EVA', 'U0PIET']) {
      expect(fake.messagesTo(user)).toHaveLength(1);
    }
  }, 60_000);
});
