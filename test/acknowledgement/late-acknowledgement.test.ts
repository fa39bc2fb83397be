import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correspondence } from '../../db/schema/index.js';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { ACKNOWLEDGEMENT_REMINDER } from '../../src/app/jobs/remind-acknowledgements.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import { composeJobMessage } from '../../src/app/messages/job-messages.js';
import { WorkingDayCalendar } from '../../src/domain/calendar.js';
import { orgWithSecretariat } from '../jobs/export-support.js';
import { claimedMessages, insertComplaint, nineAm, query } from '../jobs/support.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  FixedClock,
  type TestDatabase,
} from '../support/databases.js';

/**
 * The late acknowledgement (issue 11): a letter received on Friday 24 April 2026, the last
 * working day before Koningsdag (Monday 27 April), registered by the secretariat on the
 * Tuesday. Its acknowledgement is due 5 working days after receipt: Monday 4 May.
 */
const RECEIVED = new Date('2026-04-24T12:00:00Z');
const REGISTERED = nineAm('2026-04-28');
const DUE = '2026-05-04';
const WORKING_DAYS = [
  '2026-04-28',
  '2026-04-29',
  '2026-04-30',
  '2026-05-01',
  '2026-05-04',
  '2026-05-05',
  '2026-05-06',
];
/** Far away: no other deadline of these complaints is reminded or escalated in the test. */
const LATER = { feedbackDue: '2026-07-01', decisionDue: '2026-07-15', resolutionDue: '2026-08-31' };

describe.each(DATABASE_KINDS)('the late acknowledgement on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };
  const ids: Record<string, string> = {};

  const outboxOf = async (complaintId: string) =>
    query<{ kind: string; person: string; milestone: string | null; for_date: string | null }>(
      database.handle,
      sql`select o.kind, o.recipient_person_id as person, o.payload->>'milestone' as milestone,
            l.for_date::text as for_date
          from outbox o left join reminder_ledger l on 'ledger:' || l.once_key = o.idempotency_key
          where o.complaint_id = ${complaintId}
            and o.kind in (${ACKNOWLEDGEMENT_REMINDER}, 'escalation')
          order by o.id`,
    );
  const letterIntake = (overrides: Parameters<typeof insertComplaint>[1] = {}) =>
    insertComplaint(database.handle, {
      intakeChannel: 'letter',
      reporterId: 'sara',
      handlerId: 'piet',
      registeredAt: REGISTERED,
      lastProgressAt: REGISTERED,
      receivedAt: RECEIVED,
      acknowledgementDue: DUE,
      ...LATER,
      ...overrides,
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const clock = new FixedClock(REGISTERED);
    const app = await buildDeps(database.handle, { org: orgWithSecretariat(), clock });
    deps = { ...createJobDeps(app, database.handle.db, app.org), clock };
    expect(new WorkingDayCalendar().addWorkingDays('2026-04-24', 5)).toBe(DUE);

    ids.late = await letterIntake();
    // Acknowledged by letter, posted on the Thursday: nothing is ever reminded or escalated.
    ids.acknowledged = await letterIntake({ acknowledgedAt: nineAm('2026-04-30') });
    // By phone: the call was the acknowledgement (acknowledged at receipt, nothing due).
    ids.phone = await insertComplaint(database.handle, {
      intakeChannel: 'phone',
      reporterId: 'sara',
      registeredAt: REGISTERED,
      lastProgressAt: REGISTERED,
      receivedAt: RECEIVED,
      acknowledgedAt: RECEIVED,
      acknowledgementDue: null,
      ...LATER,
    });
    // A tip by letter, and a withdrawn letter complaint: skipped.
    ids.tip = await letterIntake({ kind: 'feedback' });
    ids.withdrawn = await letterIntake({
      status: 'withdrawn',
      withdrawnAt: nineAm('2026-04-29'),
    });
    // A letter about an employee: the organisation writes nothing to its complainant.
    ids.employee = await letterIntake({
      concernsEmployee: true,
      subjectPersonId: 'hanna',
      handlerId: 'dirk',
    });
    // The acknowledgement's draft waits for Sara (drafted at registration).
    await database.handle.db.insert(correspondence).values({
      complaintId: ids.late as string,
      kind: 'acknowledgement',
      channel: 'letter',
      locale: 'nl',
      subject: 'Ontvangstbevestiging',
      body: 'Wij hebben uw brief ontvangen.',
      status: 'draft',
      draftedBy: 'sara',
      createdAt: REGISTERED,
    });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  const runOn = async (day: string) => {
    deps.clock.set(nineAm(day));
    return runDailyJob(deps, day);
  };

  it('reminds nobody before the due day', async () => {
    for (const day of WORKING_DAYS.slice(0, 4)) await runOn(day);
    for (const id of Object.values(ids)) expect(await outboxOf(id)).toEqual([]);
  });

  it('reminds the handler and the secretariat member who registered it on the due day, once', async () => {
    const summary = await runOn(DUE);
    expect(summary.acknowledgementReminders).toBe(2);
    expect(summary.acknowledgementEscalations).toBe(0);
    await runOn(DUE);
    expect(await outboxOf(ids.late as string)).toEqual([
      { kind: ACKNOWLEDGEMENT_REMINDER, person: 'piet', milestone: null, for_date: DUE },
      { kind: ACKNOWLEDGEMENT_REMINDER, person: 'sara', milestone: null, for_date: DUE },
    ]);
    // The reminder says the acknowledgement must go out today and that a draft waits.
    const [message] = await claimedMessages(
      database.handle,
      ids.late as string,
      ACKNOWLEDGEMENT_REMINDER,
    );
    const rendered = await composeJobMessage(deps, message as never, 'nl');
    expect(rendered?.recipient?.id).toBe('piet');
    expect(rendered?.model.title).toMatch(/^Ontvangstbevestiging vandaag versturen: KL-/);
    expect(rendered?.model.intro).toContain('uiterlijk vandaag');
    expect(rendered?.model.intro).toContain('Het concept van de ontvangstbevestiging staat klaar');
    expect(JSON.stringify(rendered?.model)).not.toContain('Wij hebben uw brief ontvangen');
  });

  it('escalates the working day after the due day, to the management and the quality adviser, once', async () => {
    const summary = await runOn('2026-05-05');
    expect(summary.acknowledgementEscalations).toBe(2);
    await runOn('2026-05-06');
    const rows = await outboxOf(ids.late as string);
    expect(rows.filter((r) => r.kind === 'escalation')).toEqual([
      { kind: 'escalation', person: 'dirk', milestone: 'acknowledged', for_date: '2026-05-05' },
      { kind: 'escalation', person: 'kim', milestone: 'acknowledged', for_date: '2026-05-05' },
    ]);
    // No reminder after the due day either.
    expect(rows.filter((r) => r.kind === ACKNOWLEDGEMENT_REMINDER)).toHaveLength(2);
    const [escalation] = await claimedMessages(database.handle, ids.late as string, 'escalation');
    const rendered = await composeJobMessage(deps, escalation as never, 'nl');
    expect(rendered?.model.title).toMatch(/^Termijn verstreken bij KL-.*: Ontvangstbevestiging$/);
    // Sent since: the queued escalation has nothing left to say.
    await database.handle.db.execute(
      sql`update complaints set acknowledged_at = ${nineAm('2026-05-06').toISOString()}::timestamptz
          where id = ${ids.late as string}`,
    );
    expect(await composeJobMessage(deps, escalation as never, 'nl')).toBeNull();
    await database.handle.db.execute(
      sql`update complaints set acknowledged_at = null where id = ${ids.late as string}`,
    );
  });

  it('never reminds or escalates an acknowledged letter, a phone intake, a tip, a withdrawn complaint or one about an employee', async () => {
    for (const key of ['acknowledged', 'phone', 'tip', 'withdrawn', 'employee']) {
      expect([key, await outboxOf(ids[key] as string)]).toEqual([key, []]);
    }
  });

  it('counts the phone intake met at intake and the late letter missed, per channel', async () => {
    const asOf = '2026-05-06';
    const figures = await deps.digest.yearFigures({ year: 2026, asOf });
    const acknowledged = figures.compliance.find((c) => c.milestone === 'acknowledged');
    // Met: the acknowledged letter and the phone call; missed: the late letter. The tip, the
    // withdrawn complaint and the one about an employee are in no figure.
    expect(acknowledged).toEqual({ milestone: 'acknowledged', due: 3, met: 2 });
    expect(figures.acknowledgementByChannel).toEqual([
      { channel: 'phone', due: 1, met: 1 },
      { channel: 'letter', due: 2, met: 1 },
    ]);
    const register = await deps.digest.register({ year: 2026, asOf });
    const references = new Map(
      (
        await query<{ id: string; reference: string }>(
          database.handle,
          sql`select id, reference from complaints`,
        )
      ).map((r) => [r.id, r.reference]),
    );
    const row = (id: string) => register.find((r) => r.reference === references.get(id));
    const phone = row(ids.phone as string);
    expect(phone?.met.acknowledged).toBe('yes');
    expect([phone?.receivedOn, phone?.receivedTime, phone?.acknowledgedOn]).toEqual([
      '2026-04-24',
      '14:00',
      '2026-04-24',
    ]);
    const late = row(ids.late as string);
    expect([late?.met.acknowledged, late?.acknowledgementDue, late?.acknowledgedOn]).toEqual([
      'no',
      DUE,
      null,
    ]);
    expect(row(ids.acknowledged as string)?.met.acknowledged).toBe('yes');
    expect(row(ids.employee as string)?.met.acknowledged).toBe('na');
    expect(row(ids.tip as string)?.met.acknowledged).toBe('na');
  });
});
