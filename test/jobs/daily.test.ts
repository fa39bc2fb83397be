import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measures } from '../../db/schema/index.js';
import type { JobDeps, JobTransaction } from '../../src/app/jobs/ports.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { insertComplaint, jobDepsFor, nineAm, query } from './support.js';

describe.each(DATABASE_KINDS)('daily job on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const runOn = (date: string) => {
    deps.clock.set(nineAm(date));
    return runDailyJob(deps, date);
  };
  const messagesFor = (complaintId: string, messageKind: string) =>
    query<{ person: string; payload: Record<string, unknown> }>(
      database.handle,
      sql`select recipient_person_id as person, payload from outbox
          where complaint_id = ${complaintId} and kind = ${messageKind} order by id`,
    );

  it('reminds the handler on the 5th working day without progress, skipping weekend and Koningsdag', async () => {
    // Registered Monday 20 April 2026, 10:00 in Amsterdam; no progress since.
    const id = await insertComplaint(database.handle, {
      feedbackDue: '2026-06-01',
      decisionDue: '2026-06-01',
    });
    expect((await runOn('2026-04-24')).reminders).toBe(0); // 4th working day
    expect(await runOn('2026-04-25')).toMatchObject({ skipped: 'not a working day' }); // Saturday
    expect(await runOn('2026-04-27')).toMatchObject({ skipped: 'not a working day' }); // Koningsdag
    expect(await messagesFor(id, 'reminder')).toHaveLength(0);

    await runOn('2026-04-28'); // 5th working day
    await runOn('2026-04-28'); // the job again on the same day
    const reminders = await messagesFor(id, 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      person: 'piet',
      payload: { idleWorkingDays: 5, number: 1 },
    });
    expect(JSON.stringify(reminders)).not.toContain('Vertrouwelijk');

    // Minimum interval: the next reminder comes reminderAfter working days later.
    await runOn('2026-04-29');
    expect(await messagesFor(id, 'reminder')).toHaveLength(1);
    await runOn('2026-05-05');
    expect(await messagesFor(id, 'reminder')).toHaveLength(2);
    // Cap: at most three reminders, however long it stays idle.
    await runOn('2026-05-12');
    await runOn('2026-05-19');
    await runOn('2026-05-26');
    expect(await messagesFor(id, 'reminder')).toHaveLength(3);
    const ledger = await query<{ n: number }>(
      database.handle,
      sql`select count(*)::int as n from reminder_ledger where complaint_id = ${id}`,
    );
    expect(ledger[0]?.n).toBe(3);

    const [claimed] = await query<{ id: number }>(
      database.handle,
      sql`select id from outbox where complaint_id = ${id} and kind = 'reminder' order by id limit 1`,
    );
    const rendered = await composeOutboxMessage(
      deps,
      {
        id: Number(claimed?.id),
        idempotencyKey: 'x',
        kind: 'reminder',
        recipient: { personId: 'piet' },
        complaintId: id,
        payload: { idleWorkingDays: 5, number: 1 },
        attempts: 1,
        deliveredVia: [],
      },
      'nl',
    );
    expect(rendered?.model.title).toContain('5 werkdagen');
  });

  it('escalates a missed deadline once to the director and quality adviser; an employee complaint only to the director', async () => {
    const normal = await insertComplaint(database.handle, { feedbackDue: '2026-04-22' });
    const aboutEmployee = await insertComplaint(database.handle, {
      feedbackDue: '2026-04-22',
      concernsEmployee: true,
      subjectPersonId: 'hanna',
    });
    await runOn('2026-04-28');
    await runOn('2026-04-28');
    const recipients = async (id: string) =>
      (await messagesFor(id, 'escalation')).map((m) => [m.person, m.payload.milestone]);
    expect(await recipients(normal)).toEqual([
      ['dirk', 'feedback'],
      ['kim', 'feedback'],
    ]);
    expect(await recipients(aboutEmployee)).toEqual([['dirk', 'feedback']]);
  });

  it('reminds the reporter before the reaction deadline and auto-closes after it', async () => {
    const base = {
      status: 'resolved',
      decision: 'founded',
      decidedAt: new Date('2026-04-01T08:00:00Z'),
      resolvedAt: new Date('2026-04-10T08:00:00Z'),
      firstFeedbackAt: new Date('2026-04-01T08:00:00Z'),
      feedbackDue: '2026-06-01',
      decisionDue: '2026-06-01',
      version: 3,
    };
    const expiring = await insertComplaint(database.handle, { ...base, reactionDue: '2026-04-24' });
    const soon = await insertComplaint(database.handle, { ...base, reactionDue: '2026-04-29' });
    const summary = await runOn('2026-04-28');
    expect(summary.autoClosed).toBeGreaterThanOrEqual(1);
    const closed = await deps.store.repository.findComplaint(expiring);
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'no_reaction' });
    const audit = await deps.store.repository.listAudit(expiring);
    expect(audit.at(-1)).toMatchObject({ action: 'auto_close', actorId: null, toStatus: 'closed' });
    expect(await messagesFor(expiring, 'closed')).toHaveLength(1);

    await runOn('2026-04-28');
    expect(await messagesFor(soon, 'reaction_reminder')).toEqual([
      expect.objectContaining({ person: 'mo' }),
    ]);
    expect((await deps.store.repository.findComplaint(soon))?.status).toBe('resolved');
  });

  it('sends an overdue improvement measure to its owner once', async () => {
    const complaintId = await insertComplaint(database.handle, {
      status: 'closed',
      closedAt: new Date('2026-04-01T08:00:00Z'),
    });
    const [measure] = await database.handle.db
      .insert(measures)
      .values({
        complaintId,
        scope: 'organisation',
        type: 'preventive',
        description: 'Planning controleren',
        ownerId: 'hanna',
        dueOn: '2026-04-21',
        createdBy: 'piet',
        createdAt: new Date('2026-04-01T08:00:00Z'),
      })
      .returning({ id: measures.id });
    await runOn('2026-04-28');
    await runOn('2026-04-28');
    const sent = await messagesFor(complaintId, 'measure_due');
    expect(sent).toEqual([
      expect.objectContaining({
        person: 'hanna',
        payload: expect.objectContaining({ measureId: measure?.id, reason: 'overdue' }),
      }),
    ]);
  });

  it('goes on with the batch when one item fails', async () => {
    const bad = await insertComplaint(database.handle, {
      registeredAt: new Date('2026-04-13T08:00:00Z'),
      lastProgressAt: new Date('2026-04-13T08:00:00Z'),
      feedbackDue: '2026-06-01',
      decisionDue: '2026-06-01',
    });
    const good = await insertComplaint(database.handle, {
      registeredAt: new Date('2026-04-13T08:00:00Z'),
      lastProgressAt: new Date('2026-04-13T08:00:00Z'),
      feedbackDue: '2026-06-01',
      decisionDue: '2026-06-01',
    });
    const failing: JobDeps = {
      ...deps,
      jobs: {
        ...deps.jobs,
        transaction: (work) =>
          deps.jobs.transaction((tx: JobTransaction) =>
            work({
              ...tx,
              ledger: {
                ...tx.ledger,
                record: async (entry) => {
                  if (entry.complaintId === bad) throw new Error('boom');
                  return tx.ledger.record(entry);
                },
              },
            }),
          ),
      },
    };
    deps.clock.set(nineAm('2026-04-21'));
    const summary = await runDailyJob(failing, '2026-04-21');
    expect(summary.failed).toBeGreaterThanOrEqual(1);
    expect(await messagesFor(bad, 'reminder')).toHaveLength(0);
    expect(await messagesFor(good, 'reminder')).toHaveLength(1);
  });
});
