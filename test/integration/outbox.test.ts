import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createOutboxStore } from '../../src/adapters/postgres/outbox-store.js';
import { createRepository } from '../../src/adapters/postgres/repository.js';
import {
  DEFAULT_DISPATCH_OPTIONS,
  type DispatchDeps,
  dispatchOutboxOnce,
} from '../../src/app/dispatch-outbox.js';
import type { ClaimedMessage, DeliveryOutcome, DeliveryPort } from '../../src/app/ports.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  FixedClock,
  silentLogger,
  type TestDatabase,
} from '../support/databases.js';

type Script = (message: ClaimedMessage) => DeliveryOutcome | Promise<DeliveryOutcome>;

/** A delivery port that records every call and answers from a script. */
class ScriptedPort implements DeliveryPort {
  readonly calls: string[] = [];
  constructor(
    readonly name: string,
    private script: Script,
    private reaches: (m: ClaimedMessage) => boolean = () => true,
  ) {}
  async canDeliver(message: ClaimedMessage) {
    return this.reaches(message);
  }
  async deliver(message: ClaimedMessage) {
    this.calls.push(message.idempotencyKey);
    return this.script(message);
  }
}

const options = { ...DEFAULT_DISPATCH_OPTIONS, random: () => 0.5 };

describe.each(DATABASE_KINDS)('outbox dispatcher on %s', (kind) => {
  let database: TestDatabase;
  let clock: FixedClock;
  let seq = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await buildDeps(database.handle);
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    clock = new FixedClock(new Date('2026-04-20T08:00:00Z'));
    await database.handle.db.execute(sql`update outbox set status = 'done-earlier'`);
  });

  async function enqueue(recipient: ClaimedMessage['recipient'] = { personId: 'piet' }) {
    const key = `test-${kind}-${++seq}`;
    await createRepository(database.handle.db).enqueue(
      [{ idempotencyKey: key, kind: 'handler_card', recipient, complaintId: null, payload: {} }],
      clock.now(),
    );
    return key;
  }

  async function row(key: string) {
    const rows = rowsOf<{
      status: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: string | Date;
      delivered_via: string[];
    }>(
      await database.handle.db.execute(
        sql`select status, attempts, last_error, next_attempt_at, delivered_via from outbox where idempotency_key = ${key}`,
      ),
    );
    return rows[0]!;
  }

  const deps = (ports: DeliveryPort[]): DispatchDeps => ({
    outbox: createOutboxStore(database.handle.db),
    ports,
    clock,
    logger: silentLogger,
  });

  it('delivers once and marks the row delivered', async () => {
    const key = await enqueue();
    const port = new ScriptedPort('slack', () => ({ kind: 'delivered' }));
    expect(await dispatchOutboxOnce(deps([port]), options)).toEqual({
      delivered: 1,
      retried: 0,
      parked: 0,
    });
    expect(await dispatchOutboxOnce(deps([port]), options)).toEqual({
      delivered: 0,
      retried: 0,
      parked: 0,
    });
    expect(port.calls).toEqual([key]);
    expect((await row(key)).status).toBe('delivered');
  });

  it('honours Retry-After, then backs off exponentially, and delivers later', async () => {
    const key = await enqueue();
    const answers: DeliveryOutcome[] = [
      { kind: 'retry', reason: 'rate_limited', retryAfterMs: 30_000 },
      { kind: 'retry', reason: 'http 500' },
      { kind: 'delivered' },
    ];
    const port = new ScriptedPort('slack', () => answers.shift()!);
    await dispatchOutboxOnce(deps([port]), options);
    const first = await row(key);
    expect(new Date(first.next_attempt_at).getTime() - clock.now().getTime()).toBe(30_000);
    expect(first.last_error).toContain('rate_limited');
    clock.advance(29_000);
    await dispatchOutboxOnce(deps([port]), options);
    expect(port.calls).toHaveLength(1);
    clock.advance(1_000);
    await dispatchOutboxOnce(deps([port]), options);
    const second = await row(key);
    // attempt 2 → base 2 s × 2 = 4 s, half fixed + half × random(0.5) = 3 s
    expect(new Date(second.next_attempt_at).getTime() - clock.now().getTime()).toBe(3_000);
    clock.advance(3_000);
    await dispatchOutboxOnce(deps([port]), options);
    expect(await row(key)).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(port.calls).toEqual([key, key, key]);
  });

  it('a paced message (defer) waits exactly as asked and is never counted, backed off or parked', async () => {
    const key = await enqueue();
    let deferrals = options.maxAttempts + 5;
    const port = new ScriptedPort('teams', () =>
      deferrals-- > 0
        ? { kind: 'defer', reason: 'conversation rate limit', retryAfterMs: 150 }
        : { kind: 'delivered' },
    );
    for (let i = 0; i < options.maxAttempts + 5; i++) {
      await dispatchOutboxOnce(deps([port]), options);
      const paced = await row(key);
      expect(paced).toMatchObject({ status: 'pending', attempts: 0 });
      expect(new Date(paced.next_attempt_at).getTime() - clock.now().getTime()).toBe(150);
      clock.advance(150);
    }
    await dispatchOutboxOnce(deps([port]), options);
    expect(await row(key)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(port.calls).toHaveLength(options.maxAttempts + 6);
  });

  it('parks permanent failures, unreachable recipients and exhausted retries; never deletes', async () => {
    const permanent = await enqueue();
    const failing = new ScriptedPort('slack', () => ({
      kind: 'permanent',
      reason: 'channel_not_found',
    }));
    await dispatchOutboxOnce(deps([failing]), options);
    expect(await row(permanent)).toMatchObject({
      status: 'failed',
      last_error: 'slack: channel_not_found',
    });

    const unreachable = await enqueue();
    await dispatchOutboxOnce(
      deps([
        new ScriptedPort(
          'teams',
          () => ({ kind: 'delivered' }),
          () => false,
        ),
      ]),
      options,
    );
    expect((await row(unreachable)).status).toBe('failed');
    expect((await row(unreachable)).last_error).toContain('unreachable');

    const flaky = await enqueue();
    const throwing = new ScriptedPort('slack', () => {
      throw new Error('socket hang up');
    });
    for (let i = 0; i < options.maxAttempts; i++) {
      await dispatchOutboxOnce(deps([throwing]), options);
      clock.advance(options.maxDelayMs);
    }
    expect(await row(flaky)).toMatchObject({ status: 'failed', attempts: options.maxAttempts });
    expect((await row(flaky)).last_error).toContain('gave up after 10 attempts');
  });

  it('posts a channel message on every surface once, also when one surface needs a retry', async () => {
    const key = await enqueue({ channel: 'quality' });
    const slack = new ScriptedPort('slack', () => ({ kind: 'delivered' }));
    let teamsAnswers: DeliveryOutcome[] = [{ kind: 'retry', reason: '502' }, { kind: 'delivered' }];
    const teams = new ScriptedPort('teams', () => teamsAnswers.shift()!);
    await dispatchOutboxOnce(deps([slack, teams]), options);
    expect(await row(key)).toMatchObject({ status: 'pending', delivered_via: ['slack'] });
    clock.advance(options.maxDelayMs);
    await dispatchOutboxOnce(deps([slack, teams]), options);
    expect(slack.calls).toEqual([key]);
    expect(teams.calls).toEqual([key, key]);
    expect((await row(key)).status).toBe('delivered');
    teamsAnswers = [];
  });

  it('re-claims a message whose claimer died mid-delivery once the lease expires', async () => {
    const key = await enqueue();
    const store = createOutboxStore(database.handle.db);
    const claimed = await store.claimDue(clock.now(), 10, 60_000);
    expect(claimed.map((m) => m.idempotencyKey)).toEqual([key]);
    // The claimer crashes here; nobody else may take it during the lease...
    expect(await store.claimDue(clock.now(), 10, 60_000)).toEqual([]);
    clock.advance(60_000);
    const port = new ScriptedPort('slack', () => ({ kind: 'delivered' }));
    await dispatchOutboxOnce(deps([port]), options);
    expect(port.calls).toEqual([key]);
    expect(await row(key)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('lets concurrent dispatchers claim disjoint batches (each message delivered once)', async () => {
    const keys = await Promise.all(Array.from({ length: 30 }, () => enqueue()));
    const port = new ScriptedPort('slack', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { kind: 'delivered' };
    });
    const small = { ...options, batchSize: 5 };
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 5; i++) await dispatchOutboxOnce(deps([port]), small);
      }),
    );
    expect([...port.calls].sort()).toEqual([...keys].sort());
  });
});
