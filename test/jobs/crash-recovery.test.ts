import { sql } from 'drizzle-orm';
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunClaims } from '../../src/adapters/postgres/job-store.js';
import { DEFAULT_RUNNER_OPTIONS } from '../../src/adapters/scheduler/job-runner.js';
import { JOBS } from '../../src/adapters/scheduler/jobs.js';
import { startScheduler } from '../../src/adapters/scheduler/scheduler.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { type LocalDate, WorkingDayCalendar } from '../../src/domain/calendar.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { insertComplaint, jobDepsFor, nineAm, query } from './support.js';

const calendar = new WorkingDayCalendar();

/** The instants on local `day` at which a cron expression fires (the organisation's zone). */
function slotsOn(expression: string, day: LocalDate): Date[] {
  const task = cron.createTask(expression, () => {}, { timezone: calendar.options.timezone });
  const slots: Date[] = [];
  try {
    // Every minute from local midnight (09:00 local less nine hours) on: a day of 24 hours.
    const midnight = nineAm(day).getTime() - 9 * 3_600_000;
    for (let minute = 0; minute < 24 * 60; minute++) {
      const at = new Date(midnight + minute * 60_000);
      if (calendar.localDate(at) === day && task.match(at)) slots.push(at);
    }
  } finally {
    void task.destroy();
  }
  return slots;
}

describe.each(DATABASE_KINDS)('reruns and crashes on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const countOf = async (statement: ReturnType<typeof sql>) =>
    (await query<{ n: number }>(database.handle, statement))[0]?.n ?? 0;

  it('a daily run that crashed is taken over later the same day and sends nothing twice', async () => {
    const day = '2026-04-28'; // Tuesday, the 5th working day of the complaint below
    const deps = await jobDepsFor(database.handle);
    const claims = createRunClaims(database.handle.db);
    const id = await insertComplaint(database.handle, {
      feedbackDue: '2026-06-01',
      decisionDue: '2026-06-01',
    });
    // The run is claimed at 09:00 and sends the handler's reminder …
    const start = nineAm(day);
    deps.clock.set(start);
    expect(await claims.claim('daily', day, start, new Date(start.getTime() - 300_000))).toBe(true);
    await runDailyJob(deps, day);
    // … and died before it finished: the claim stays 'running', its heartbeat stops at 09:00.

    const slots = slotsOn(JOBS.daily.cron, day);
    expect(slots[0]).toEqual(start);
    // A slot while the claimer may still be alive leaves the run alone …
    const scheduler = startScheduler(deps, claims);
    try {
      deps.clock.set(new Date(start.getTime() + 60_000));
      expect(await scheduler.trigger('daily')).toMatchObject({ status: 'skipped' });
      // … the first slot after its heartbeat went stale takes it over, on the same day.
      const takeover = slots.find(
        (at) => at.getTime() - start.getTime() > DEFAULT_RUNNER_OPTIONS.staleAfterMs,
      );
      expect(takeover, `a slot of "${JOBS.daily.cron}" later on ${day}`).toBeDefined();
      deps.clock.set(takeover!);
      expect(calendar.localDate(takeover!)).toBe(day);
      expect(await scheduler.trigger('daily')).toMatchObject({ status: 'done', period: day });
    } finally {
      await scheduler.stop();
    }
    expect(await claims.find('daily', day)).toMatchObject({ status: 'done' });
    expect(
      await countOf(
        sql`select count(*)::int as n from outbox where complaint_id = ${id} and kind = 'reminder'`,
      ),
    ).toBe(1);
  });

  it('a rerun of the yearly digest posts and sends nothing twice', async () => {
    const deps = await jobDepsFor(database.handle);
    const outbox = () => countOf(sql`select count(*)::int as n from outbox`);
    const before = await outbox();
    deps.clock.set(nineAm('2027-01-04'));
    await sendYearlyDigest(deps, 2026, '2027-01-04');
    const sent = (await outbox()) - before;
    expect(
      await countOf(sql`select count(*)::int as n from outbox where kind = 'yearly_digest'`),
    ).toBe(1);
    // The rerun of a backfill, or a crashed run taken over, minutes later.
    deps.clock.set(new Date(nineAm('2027-01-04').getTime() + 15 * 60_000));
    await sendYearlyDigest(deps, 2026, '2027-01-04');
    expect((await outbox()) - before).toBe(sent);
  });
});
