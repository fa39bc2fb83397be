import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import {
  FOLLOW_UP_REMINDER_AFTER,
  remindMeasureOwners,
} from '../../src/app/jobs/remind-measure-owners.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import { createMeasure, runMeasureCommand } from '../../src/app/measures.js';
import type { MeasureMessageModel } from '../../src/app/messages/measure-messages.js';
import { composeMeasureJobMessage } from '../../src/app/messages/procedure-job-messages.js';
import type { ClaimedMessage, Measure } from '../../src/app/ports.js';
import type { Person } from '../../src/domain/people.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { actAs, insertComplaint, jobDepsFor, nineAm, query } from './support.js';

/**
 * The reminders of the improvement register (issue 13): the effectiveness review goes to the
 * quality adviser on the working day it is due (once), and a measure judged not effective
 * without a follow-up is reminded once. The clock is fixed; the weekend and King's Day
 * (Monday 27 April 2026) lie between implementation and review.
 */
describe.each(DATABASE_KINDS)('measure reminders on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };
  const person: Record<string, Person> = {};

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const base = await jobDepsFor(database.handle);
    // One working day from implementation to review: Friday → Tuesday over King's Day.
    deps = { ...base, measures: { reviewAfter: 1 } };
    for (const p of await deps.store.repository.listPeople()) person[p.id] = p;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const as = (id: string) => ({ kind: 'person' as const, person: person[id] as Person });
  const runOn = (date: string) => {
    deps.clock.set(nineAm(date));
    return runDailyJob(deps, date);
  };
  /** 10:00 in Amsterdam on a local date: when a person acts in these tests. */
  const at = (date: string) => deps.clock.set(`${date}T08:00:00Z`);
  const sent = (measureId: string, kind: string) =>
    query<{ person: string; payload: unknown; idempotency_key: string; id: number }>(
      database.handle,
      sql`select id, recipient_person_id as person, payload, idempotency_key from outbox
          where kind = ${kind} and payload->>'measureId' = ${measureId} order by id`,
    );
  const claimed = (
    row: { id: number; person: string; payload: unknown; idempotency_key: string },
    kind: string,
    measure: Measure,
  ): ClaimedMessage => ({
    id: Number(row.id),
    idempotencyKey: row.idempotency_key,
    kind,
    recipient: { personId: row.person },
    complaintId: measure.complaintId,
    payload: row.payload as ClaimedMessage['payload'],
    attempts: 1,
    deliveredVia: [],
  });

  async function implementedOn(date: string, owner = 'hanna'): Promise<Measure> {
    at('2026-04-20');
    const { measure } = await createMeasure(deps, {
      actor: as('kim'),
      payload: {
        origin: 'trend_review',
        scope: 'organisation',
        type: 'preventive',
        description: 'Intakegesprek binnen een week plannen',
        ownerId: owner,
        dueOn: '2026-05-29',
      },
    });
    at(date);
    return (
      await runMeasureCommand(deps, {
        measureId: measure.id,
        actor: as(owner),
        command: 'implement_measure',
        payload: { evidence: 'Staat in het werkproces' },
      })
    ).measure;
  }

  it('reminds the quality adviser on the working day the review is due, once', async () => {
    const measure = await implementedOn('2026-04-24');
    expect(measure.reviewDueOn).toBe('2026-04-28');

    await runOn('2026-04-24');
    // Saturday, Sunday and King's Day: the daily job does not run; the reminder is not due yet.
    expect(await runOn('2026-04-27')).toMatchObject({ skipped: 'not a working day' });
    deps.clock.set(nineAm('2026-04-27'));
    await remindMeasureOwners(deps, [], '2026-04-27');
    expect(await sent(measure.id, 'measure_review_due')).toEqual([]);

    await runOn('2026-04-28');
    await runOn('2026-04-28');
    await runOn('2026-04-29');
    const reminders = await sent(measure.id, 'measure_review_due');
    expect(reminders.map(({ person: p, payload }) => ({ person: p, payload }))).toEqual([
      { person: 'kim', payload: { measureId: measure.id, due: '2026-04-28' } },
    ]);
    // The owner is not asked to judge their own measure.
    expect(await sent(measure.id, 'measure_due')).toEqual([]);

    // The reminder is the measure's card with the review button, as Kim may use it.
    const [row] = reminders;
    const rendered = await composeMeasureJobMessage(
      deps,
      claimed(row as (typeof reminders)[number], 'measure_review_due', measure),
      person.kim as Person,
      'nl',
    );
    if (!rendered) throw new Error('the review reminder composed to nothing');
    const model = rendered.model as MeasureMessageModel;
    expect(model.title).toBe('Beoordeel de effectiviteit van een verbetermaatregel (Trendanalyse)');
    expect(model.intro).toContain('vrijdag 24 april 2026');
    expect(model.intro).toContain('dinsdag 28 april 2026');
    expect(model.measureActions.map((a) => a.button)).toEqual(['review_measure']);
    const english = await composeMeasureJobMessage(
      deps,
      claimed(row as (typeof reminders)[number], 'measure_review_due', measure),
      { ...(person.kim as Person), locale: 'en' },
      'nl',
    );
    expect(english?.model.title).toBe(
      'Judge the effectiveness of an improvement measure (Trend review)',
    );

    // Judged since the reminder was queued: nothing is left to remind of.
    at('2026-04-29');
    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('kim'),
      command: 'review_measure',
      payload: { effective: true, note: 'Intakes op tijd' },
    });
    expect(
      await composeMeasureJobMessage(
        deps,
        claimed(row as (typeof reminders)[number], 'measure_review_due', measure),
        person.kim as Person,
        'nl',
      ),
    ).toBeNull();
  });

  it('reminds a director, not the quality adviser, of a measure about an employee', async () => {
    const complaintId = await insertComplaint(database.handle, {
      status: 'in_treatment',
      concernsEmployee: true,
      subjectPersonId: 'piet',
      handlerId: 'dirk',
      decision: 'founded',
      admissibility: 'admissible',
      decidedAt: new Date('2026-04-08T08:00:00Z'),
      decidedBy: 'dirk',
      version: 3,
    });
    at('2026-04-20');
    await actAs(deps, 'dirk', complaintId, 'add_measure', {
      scope: 'organisation',
      type: 'preventive',
      description: 'Gesprek over bejegening',
      ownerId: 'hanna',
      dueOn: '2026-05-29',
    });
    const [measure] = (await deps.store.repository.listMeasures(complaintId)) as [Measure];
    at('2026-05-01');
    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('hanna'),
      command: 'implement_measure',
      payload: { evidence: 'Gesprek gevoerd' },
    });
    // Friday 1 May + 1 working day: Monday 4 May (5 May 2026 is no lustrum year).
    await runOn('2026-05-04');
    expect((await sent(measure.id, 'measure_review_due')).map((r) => r.person)).toEqual(['dirk']);
  });

  it('reminds once of a measure judged not effective that nobody followed up', async () => {
    const measure = await implementedOn('2026-04-20');
    at('2026-04-22');
    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('dirk'),
      command: 'review_measure',
      payload: { effective: 'false', note: 'Wachttijd nog te lang' },
    });
    expect(FOLLOW_UP_REMINDER_AFTER).toBe(5);
    // Wednesday 22 April + 5 working days (King's Day skipped): Thursday 30 April.
    await runOn('2026-04-29');
    expect(await sent(measure.id, 'measure_follow_up_due')).toEqual([]);
    await runOn('2026-04-30');
    await runOn('2026-05-01');
    const reminders = await sent(measure.id, 'measure_follow_up_due');
    expect(reminders.map((r) => r.person)).toEqual(['kim']);

    const [row] = reminders;
    const message = claimed(row as (typeof reminders)[number], 'measure_follow_up_due', measure);
    const rendered = await composeMeasureJobMessage(deps, message, person.kim as Person, 'nl');
    if (!rendered) throw new Error('the follow-up reminder composed to nothing');
    expect(rendered.model.intro).toContain('woensdag 22 april 2026');
    expect((rendered.model as MeasureMessageModel).measureActions.map((a) => a.button)).toEqual([
      'follow_up',
    ]);

    // Followed up: the reminder composes to nothing, and no other follows.
    at('2026-05-04');
    await createMeasure(deps, {
      actor: as('kim'),
      payload: {
        scope: 'organisation',
        type: 'corrective',
        description: 'Extra intakecapaciteit',
        ownerId: 'piet',
        dueOn: '2026-06-30',
        followUpOf: measure.id,
      },
    });
    expect(await composeMeasureJobMessage(deps, message, person.kim as Person, 'nl')).toBeNull();
    expect(await deps.store.repository.measuresAwaitingFollowUp()).toEqual([]);
  });

  it('still reminds owners of a measure past its due date, not of the review', async () => {
    at('2026-04-20');
    const { measure } = await createMeasure(deps, {
      actor: as('kim'),
      payload: {
        origin: 'management_review',
        scope: 'organisation',
        type: 'preventive',
        description: 'Klachtenfolder herzien',
        ownerId: 'piet',
        dueOn: '2026-05-06',
      },
    });
    await runOn('2026-05-06');
    expect(await sent(measure.id, 'measure_due')).toEqual([]);
    await runOn('2026-05-07');
    await runOn('2026-05-08');
    expect(
      (await sent(measure.id, 'measure_due')).map(({ person: p, payload }) => ({
        person: p,
        payload,
      })),
    ).toEqual([
      {
        person: 'piet',
        payload: {
          measureId: measure.id,
          reason: 'overdue',
          due: '2026-05-06',
          outsideParty: false,
        },
      },
    ]);
  });
});
