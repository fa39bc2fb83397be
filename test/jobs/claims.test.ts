import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/postgres/database.js';
import { createRunClaims } from '../../src/adapters/postgres/job-store.js';
import { runClaimedJob } from '../../src/adapters/scheduler/job-runner.js';
import { JOBS } from '../../src/adapters/scheduler/jobs.js';
import { startScheduler } from '../../src/adapters/scheduler/scheduler.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { insertComplaint, jobDepsFor, nineAm, query } from './support.js';

describe.each(DATABASE_KINDS)('job claims on %s', (kind) => {
  let database: TestDatabase;
  /** A second replica: its own connection pool on PostgreSQL (PGlite has one connection). */
  let second: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    second = database.url
      ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: 5 })
      : database.handle;
  });
  afterAll(async () => {
    if (second !== database.handle) await second.close();
    await database?.drop();
  });

  it('two scheduler instances on one database run the daily job once and send one reminder', async () => {
    const clock = new FixedClock(nineAm('2026-04-28'));
    const a = await jobDepsFor(database.handle, clock);
    const b = await jobDepsFor(second, clock);
    const id = await insertComplaint(database.handle, {
      feedbackDue: '2026-06-01',
      decisionDue: '2026-06-01',
    });
    const schedulerA = startScheduler(a, createRunClaims(database.handle.db));
    const schedulerB = startScheduler(b, createRunClaims(second.db));
    try {
      const outcomes = await Promise.all([
        schedulerA.trigger('daily'),
        schedulerB.trigger('daily'),
      ]);
      expect(outcomes.map((o) => o?.status).sort()).toEqual(['done', 'skipped']);
    } finally {
      await schedulerA.stop();
      await schedulerB.stop();
    }
    const reminders = await query<{ n: number }>(
      database.handle,
      sql`select count(*)::int as n from outbox where complaint_id = ${id} and kind = 'reminder'`,
    );
    expect(reminders[0]?.n).toBe(1);
    const runs = await query<{ status: string }>(
      database.handle,
      sql`select status from job_runs where job = 'daily' and period = '2026-04-28'`,
    );
    expect(runs).toEqual([{ status: 'done' }]);
  });

  it('claims a crashed run again once its heartbeat is stale, and a failed one at once', async () => {
    const claims = createRunClaims(database.handle.db);
    const t0 = new Date('2026-05-01T07:00:00Z');
    expect(
      await claims.claim('retention', '2026-05-01', t0, new Date(t0.getTime() - 300_000)),
    ).toBe(true);
    // The claimer dies; a second replica 1 minute later must wait, 10 minutes later takes over.
    const t1 = new Date(t0.getTime() + 60_000);
    expect(
      await claims.claim('retention', '2026-05-01', t1, new Date(t1.getTime() - 300_000)),
    ).toBe(false);
    const t2 = new Date(t0.getTime() + 600_000);
    expect(
      await claims.claim('retention', '2026-05-01', t2, new Date(t2.getTime() - 300_000)),
    ).toBe(true);
    await claims.finish('retention', '2026-05-01', t2, 'failed', { error: 'x' });
    expect(
      await claims.claim('retention', '2026-05-01', t2, new Date(t2.getTime() - 300_000)),
    ).toBe(true);
    await claims.finish('retention', '2026-05-01', t2, 'done', {});
    expect(await claims.claim('retention', '2026-05-01', t2, t2)).toBe(false);
    expect(await claims.claim('retention', '2026-05-01', t2, t2, true)).toBe(true);
  });

  it('stores a failing job as failed and runs it again on the next attempt', async () => {
    const deps = await jobDepsFor(database.handle, new FixedClock(nineAm('2026-05-04')));
    const claims = createRunClaims(database.handle.db);
    let calls = 0;
    const flaky = {
      ...JOBS.retention,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database hiccup');
        return { ok: true };
      },
    };
    const first = await runClaimedJob(deps, claims, flaky, '2026-05-04', '2026-05-04');
    expect(first.status).toBe('failed');
    const second_ = await runClaimedJob(deps, claims, flaky, '2026-05-04', '2026-05-04');
    expect(second_.status).toBe('done');
    expect(await claims.find('retention', '2026-05-04')).toMatchObject({ status: 'done' });
  });
});

describe('job periods', () => {
  it('runs the monthly overview and the digest on the first working days only', async () => {
    const { WorkingDayCalendar } = await import('../../src/domain/calendar.js');
    const calendar = new WorkingDayCalendar();
    // 1 January 2027 is a holiday (Friday): the first working day is Monday 4 January.
    expect(JOBS.digest.scheduledPeriod('2027-01-01', calendar)).toBeNull();
    expect(JOBS.digest.scheduledPeriod('2027-01-04', calendar)).toBe('2026');
    expect(JOBS.digest.scheduledPeriod('2027-02-01', calendar)).toBeNull();
    expect(JOBS.monthly.scheduledPeriod('2026-06-01', calendar)).toBe('2026-05');
    expect(JOBS.monthly.scheduledPeriod('2026-06-15', calendar)).toBeNull();
    expect(JOBS.daily.scheduledPeriod('2026-04-27', calendar)).toBeNull();
    expect(JOBS.daily.manualPeriod('2026-04-27', null)).toBe('2026-04-27');
    expect(JOBS.digest.manualPeriod('2026-04-27', 2025)).toBe('2025');
  });
});
