import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/postgres/database.js';
import { createRunClaims } from '../../src/adapters/postgres/job-store.js';
import { JOB_NAMES } from '../../src/adapters/scheduler/jobs.js';
import { startScheduler } from '../../src/adapters/scheduler/scheduler.js';
import { insertComplaint, jobDepsFor, nineAm, query } from '../jobs/support.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  FixedClock,
  type TestDatabase,
} from '../support/databases.js';

/** Two replicas fire every job at the same moment: each effect happens once. */
describe.each(DATABASE_KINDS)('two replicas running all jobs at once on %s', (kind) => {
  let database: TestDatabase;
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

  it('runs daily, monthly, digest and retention once each, with one message per effect', async () => {
    // Monday 4 January 2027: the first working day of the year and of the month.
    const clock = new FixedClock(nineAm('2027-01-04'));
    const a = await jobDepsFor(database.handle, clock);
    const b = await jobDepsFor(second, clock);
    const stale = await insertComplaint(database.handle, {
      registeredAt: new Date('2026-12-14T08:00:00Z'),
      feedbackDue: '2027-02-01',
      decisionDue: '2027-02-01',
      resolutionDue: '2027-03-01',
    });
    await insertComplaint(database.handle, {
      registeredAt: new Date('2022-03-01T08:00:00Z'),
      status: 'closed',
      closedAt: new Date('2022-04-01T08:00:00Z'),
      closeReason: 'accepted',
    });
    const replicaA = startScheduler(a, createRunClaims(database.handle.db));
    const replicaB = startScheduler(b, createRunClaims(second.db));
    try {
      const outcomes = await Promise.all(
        JOB_NAMES.flatMap((name) => [replicaA.trigger(name), replicaB.trigger(name)]),
      );
      const statuses = outcomes.map((o) => o?.status);
      expect(statuses.filter((s) => s === 'done')).toHaveLength(JOB_NAMES.length);
      expect(statuses.filter((s) => s === 'skipped')).toHaveLength(JOB_NAMES.length);
    } finally {
      await replicaA.stop();
      await replicaB.stop();
    }
    const runs = await query<{ job: string; n: number }>(
      database.handle,
      sql`select job, count(*)::int as n from job_runs where status = 'done' group by job order by job`,
    );
    expect(runs).toEqual(
      JOB_NAMES.map((job) => ({ job, n: 1 })).sort((x, y) => x.job.localeCompare(y.job)),
    );
    const messages = await query<{ kind: string; n: number }>(
      database.handle,
      sql`select kind, count(*)::int as n from outbox group by kind order by kind`,
    );
    const count = (k: string) => messages.find((m) => m.kind === k)?.n ?? 0;
    expect(count('yearly_digest')).toBe(1);
    expect(count('monthly_overview')).toBe(1);
    const reminders = await query<{ n: number }>(
      database.handle,
      sql`select count(*)::int as n from outbox where kind = 'reminder' and complaint_id = ${stale}`,
    );
    expect(reminders[0]?.n).toBe(1);
    const anonymised = await query<{ n: number }>(
      database.handle,
      sql`select count(*)::int as n from audit_events where action = 'anonymise'`,
    );
    expect(anonymised[0]?.n).toBe(1);
  });
});
