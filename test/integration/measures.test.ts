import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import {
  createMeasure,
  listImprovementRegister,
  runMeasureCommand,
  viewMeasure,
} from '../../src/app/measures.js';
import type { MeasureMessageModel } from '../../src/app/messages/measure-messages.js';
import { composeMeasureOutboxMessage } from '../../src/app/messages/procedure-job-messages.js';
import type { AuditEntry, ClaimedMessage, Measure } from '../../src/app/ports.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Person } from '../../src/domain/people.js';
import { actAs, insertComplaint, query } from '../jobs/support.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  FixedClock,
  type TestDatabase,
} from '../support/databases.js';

/**
 * Measures as records of their own (issue 13) against a real database: created without a
 * complaint, implemented by the owner, judged by the quality adviser, a follow-up asked and
 * recorded; audit entries carry ids, never text; repeated requests act once.
 */
describe.each(DATABASE_KINDS)('measures as records of their own on %s', (kind) => {
  let database: TestDatabase;
  let deps: AppDeps;
  let clock: FixedClock;
  const person: Record<string, Person> = {};

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    clock = new FixedClock(new Date('2026-04-20T08:00:00Z'));
    deps = { ...(await buildDeps(database.handle, { clock })), measures: { reviewAfter: 10 } };
    for (const p of await deps.store.repository.listPeople()) person[p.id] = p;
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(() => {
    // Monday 20 April 2026, 10:00 in Amsterdam.
    clock.set('2026-04-20T08:00:00Z');
  });

  const as = (id: string) => ({ kind: 'person' as const, person: person[id] as Person });
  const trendMeasure = (overrides: Record<string, unknown> = {}) => ({
    origin: 'trend_review',
    scope: 'organisation',
    type: 'preventive',
    description: 'Planning wekelijks controleren op dubbele afspraken',
    ownerId: 'hanna',
    dueOn: '2026-05-29',
    ...overrides,
  });
  async function code(work: Promise<unknown>): Promise<string> {
    try {
      await work;
      return 'ok';
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
  }
  const auditOf = (measureId: string) =>
    query<{
      complaint_id: string | null;
      actor_id: string | null;
      action: string;
      outcome: string;
      from_status: string | null;
      to_status: string | null;
      metadata: AuditEntry['metadata'];
    }>(
      database.handle,
      sql`select complaint_id, actor_id, action, outcome, from_status, to_status, metadata
          from audit_events where metadata->>'measureId' = ${measureId} order by id`,
    );
  const outboxOf = (measureId: string) =>
    query<{ kind: string; person: string; complaint_id: string | null; payload: unknown }>(
      database.handle,
      sql`select kind, recipient_person_id as person, complaint_id, payload from outbox
          where payload->>'measureId' = ${measureId} order by id`,
    );
  /** The measure buttons of a composed message (none when nothing was composed). */
  const buttonsOf = (model: unknown) =>
    ((model as MeasureMessageModel | undefined)?.measureActions ?? []).map((a) => a.button);
  async function counts() {
    const [row] = await query<{ measures: number; audit: number; outbox: number }>(
      database.handle,
      sql`select (select count(*)::int from measures) as measures,
                 (select count(*)::int from audit_events where outcome = 'done') as audit,
                 (select count(*)::int from outbox) as outbox`,
    );
    return row;
  }

  it('records a measure from the trend review without a complaint, for its owner', async () => {
    const { measure, duplicate } = await createMeasure(deps, {
      actor: as('kim'),
      payload: trendMeasure(),
    });
    expect(duplicate).toBe(false);
    expect(measure).toMatchObject({
      complaintId: null,
      origin: 'trend_review',
      status: 'open',
      ownerId: 'hanna',
      dueOn: '2026-05-29',
      evidence: null,
      implementedAt: null,
      reviewDueOn: null,
      effective: null,
      followUpOf: null,
      createdBy: 'kim',
    });
    expect(await deps.store.repository.findMeasure(measure.id)).toEqual(measure);
    expect(await auditOf(measure.id)).toEqual([
      {
        complaint_id: null,
        actor_id: 'kim',
        action: 'create_measure',
        outcome: 'done',
        from_status: null,
        to_status: 'open',
        metadata: { measureId: measure.id, origin: 'trend_review', followUpOf: null },
      },
    ]);
    expect(await outboxOf(measure.id)).toEqual([
      {
        kind: 'measure_created',
        person: 'hanna',
        complaint_id: null,
        payload: { measureId: measure.id, status: 'open' },
      },
    ]);
  });

  it('lets only the quality adviser and a director record one, and audits the refusal', async () => {
    const before = await counts();
    expect(await code(createMeasure(deps, { actor: as('hanna'), payload: trendMeasure() }))).toBe(
      'measure.not_permitted',
    );
    expect(await counts()).toEqual(before);
    const [refusal] = await query<{ actor_id: string; metadata: unknown }>(
      database.handle,
      sql`select actor_id, metadata from audit_events
          where action = 'create_measure' and outcome = 'refused' order by id desc limit 1`,
    );
    expect(refusal).toEqual({
      actor_id: 'hanna',
      metadata: { code: 'measure.not_permitted', measureId: null },
    });
    // The director may; an unknown owner is a field problem and writes nothing.
    expect(
      await code(
        createMeasure(deps, {
          actor: as('dirk'),
          payload: trendMeasure({ origin: 'management_review' }),
        }),
      ),
    ).toBe('ok');
    const error = await createMeasure(deps, {
      actor: as('dirk'),
      payload: trendMeasure({ ownerId: 'nobody' }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'person.not_found', fields: { ownerId: 'unknown' } });
  });

  it('creates one measure for a repeated request and returns it again', async () => {
    const before = await counts();
    const first = await createMeasure(deps, {
      actor: as('kim'),
      payload: trendMeasure({ description: 'Eenmalig' }),
      requestKey: 'slack:view:V123',
    });
    const again = await createMeasure(deps, {
      actor: as('kim'),
      payload: trendMeasure({ description: 'Eenmalig' }),
      requestKey: 'slack:view:V123',
    });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ measure: first.measure, duplicate: true });
    const after = await counts();
    expect(after?.measures).toBe((before?.measures ?? 0) + 1);
    expect(after?.audit).toBe((before?.audit ?? 0) + 1);
  });

  it('runs the whole lifecycle: implemented by the owner, judged not effective, followed up', async () => {
    const { measure } = await createMeasure(deps, { actor: as('kim'), payload: trendMeasure() });

    // Review before implementation is not possible; another handler may not implement.
    expect(
      await code(
        runMeasureCommand(deps, {
          measureId: measure.id,
          actor: as('kim'),
          command: 'review_measure',
          payload: { effective: 'true', note: 'Te vroeg' },
        }),
      ),
    ).toBe('measure.invalid_transition');
    expect(
      await code(
        runMeasureCommand(deps, {
          measureId: measure.id,
          actor: as('piet'),
          command: 'implement_measure',
          payload: { evidence: 'Niet van mij' },
        }),
      ),
    ).toBe('measure.not_found');

    // Friday 24 April: ten working days later is Monday 11 May (27 April is King's Day).
    clock.set('2026-04-24T08:00:00Z');
    const implemented = await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: person.hanna as Person,
      command: 'implement_measure',
      payload: { evidence: 'Controle staat in de weekplanning sinds week 17' },
      requestKey: 'teams:activity:1',
    });
    expect(implemented.duplicate).toBe(false);
    expect(implemented.measure).toMatchObject({
      status: 'implemented',
      evidence: 'Controle staat in de weekplanning sinds week 17',
      implementedAt: new Date('2026-04-24T08:00:00Z'),
      reviewDueOn: '2026-05-11',
    });
    expect(await deps.store.repository.findMeasure(measure.id)).toEqual(implemented.measure);
    // A repeat acts once and shows the current state.
    const repeat = await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('hanna'),
      command: 'implement_measure',
      payload: { evidence: 'Controle staat in de weekplanning sinds week 17' },
      requestKey: 'teams:activity:1',
    });
    expect(repeat).toEqual({ measure: implemented.measure, duplicate: true });
    // Without the key, a second implementation is refused by the state.
    expect(
      await code(
        runMeasureCommand(deps, {
          measureId: measure.id,
          actor: as('hanna'),
          command: 'implement_measure',
          payload: { evidence: 'Nog eens' },
        }),
      ),
    ).toBe('measure.invalid_transition');

    // The owner never judges their own measure; the quality adviser may, before the day too.
    expect(
      await code(
        runMeasureCommand(deps, {
          measureId: measure.id,
          actor: as('hanna'),
          command: 'review_measure',
          payload: { effective: true, note: 'Werkt prima' },
        }),
      ),
    ).toBe('measure.not_permitted');
    clock.set('2026-05-11T08:00:00Z');
    const reviewed = await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('kim'),
      command: 'review_measure',
      payload: { effective: 'false', note: 'Nog steeds dubbele afspraken in mei' },
    });
    expect(reviewed.measure).toMatchObject({
      status: 'not_effective',
      effective: false,
      reviewedBy: 'kim',
      reviewedAt: new Date('2026-05-11T08:00:00Z'),
      reviewNote: 'Nog steeds dubbele afspraken in mei',
    });

    // The owner hears it; the reviewer's own answer asks them for the follow-up.
    expect((await outboxOf(measure.id)).filter((m) => m.kind === 'measure_not_effective')).toEqual([
      {
        kind: 'measure_not_effective',
        person: 'hanna',
        complaint_id: null,
        payload: { measureId: measure.id, status: 'not_effective' },
      },
    ]);
    const asked = await viewMeasure(deps, person.kim as Person, measure.id);
    expect(asked).toMatchObject({ mayFollowUp: true, followUps: [], actions: [] });
    expect(await deps.store.repository.measuresAwaitingFollowUp()).toContainEqual(
      expect.objectContaining({ id: measure.id }),
    );
    const owner = await viewMeasure(deps, person.hanna as Person, measure.id);
    expect(owner).toMatchObject({ mayFollowUp: false, ownerName: 'Hanna Hoofd Service' });

    const followUp = await createMeasure(deps, {
      actor: as('kim'),
      payload: {
        scope: 'organisation',
        type: 'corrective',
        description: 'Dubbele afspraken blokkeren in het planningssysteem',
        ownerId: 'piet',
        dueOn: '2026-06-30',
        followUpOf: measure.id,
      },
    });
    expect(followUp.measure).toMatchObject({
      origin: 'trend_review',
      complaintId: null,
      followUpOf: measure.id,
      ownerId: 'piet',
    });
    expect(await viewMeasure(deps, person.kim as Person, measure.id)).toMatchObject({
      mayFollowUp: false,
      followUps: [followUp.measure.id],
    });
    expect(await deps.store.repository.measuresAwaitingFollowUp()).not.toContainEqual(
      expect.objectContaining({ id: measure.id }),
    );

    // Every step is audited with ids and the verdict, never a text.
    const audit = await auditOf(measure.id);
    expect(audit.map((a) => [a.action, a.outcome, a.from_status, a.to_status])).toEqual([
      ['create_measure', 'done', null, 'open'],
      ['implement_measure', 'done', 'open', 'implemented'],
      ['review_measure', 'refused', 'implemented', null],
      ['review_measure', 'done', 'implemented', 'not_effective'],
    ]);
    expect(audit.find((a) => a.action === 'review_measure' && a.outcome === 'done')).toMatchObject({
      actor_id: 'kim',
      complaint_id: null,
      metadata: { measureId: measure.id, effective: false },
    });
    const allAudit = JSON.stringify(
      await query(database.handle, sql`select metadata from audit_events`),
    );
    for (const text of [
      'Planning wekelijks',
      'weekplanning',
      'dubbele afspraken in mei',
      'Dubbele afspraken blokkeren',
    ]) {
      expect(allAudit).not.toContain(text);
    }
    const allOutbox = JSON.stringify(await query(database.handle, sql`select payload from outbox`));
    expect(allOutbox).not.toContain('weekplanning');
  });

  it('asks the quality adviser for a follow-up when a director judges it not effective', async () => {
    const { measure } = await createMeasure(deps, { actor: as('dirk'), payload: trendMeasure() });
    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('hanna'),
      command: 'implement_measure',
      payload: { evidence: 'Gedaan' },
    });
    expect(
      await code(
        createMeasure(deps, {
          actor: as('kim'),
          payload: { ...trendMeasure(), origin: undefined, followUpOf: measure.id },
        }),
      ),
    ).toBe('measure.invalid_transition');
    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('dirk'),
      command: 'review_measure',
      payload: { effective: false, note: 'Niet genoeg' },
    });
    const asked = (await outboxOf(measure.id)).filter((m) => m.kind === 'measure_not_effective');
    expect(asked.map((m) => m.person).sort()).toEqual(['hanna', 'kim']);
  });

  it('closes a measure judged effective without asking anything', async () => {
    const { measure } = await createMeasure(deps, { actor: as('kim'), payload: trendMeasure() });
    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('kim'),
      command: 'implement_measure',
      payload: { evidence: 'Namens Hanna vastgelegd' },
    });
    const { measure: judged } = await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('dirk'),
      command: 'review_measure',
      payload: { effective: true, note: 'Sinds mei geen dubbele afspraken meer' },
    });
    expect(judged).toMatchObject({ status: 'effective', effective: true, reviewedBy: 'dirk' });
    expect((await outboxOf(measure.id)).map((m) => m.kind)).toEqual(['measure_created']);
    expect((await viewMeasure(deps, person.kim as Person, measure.id)).actions).toEqual([]);
  });

  it('audits a measure of a complaint under that complaint, and keeps the review day default', async () => {
    const complaintId = await insertComplaint(database.handle, {
      status: 'in_treatment',
      decision: 'founded',
      admissibility: 'admissible',
      decidedAt: new Date('2026-04-08T08:00:00Z'),
      decidedBy: 'piet',
      version: 3,
    });
    await actAs(deps, 'piet', complaintId, 'add_measure', {
      scope: 'client',
      type: 'corrective',
      description: 'Excuses en nieuwe afspraak',
      ownerId: 'piet',
      dueOn: '2026-04-30',
    });
    const [measure] = (await deps.store.repository.listMeasures(complaintId)) as [Measure];
    expect(measure).toMatchObject({ origin: 'complaint', complaintId, status: 'open' });
    const { measures: _, ...withoutSetting } = deps;
    const implemented = await runMeasureCommand(withoutSetting, {
      measureId: measure.id,
      actor: as('piet'),
      command: 'implement_measure',
      payload: { evidence: 'Afspraak gemaakt' },
    });
    // 40 working days after Monday 20 April 2026, past King's Day, Ascension and Whit Monday.
    expect(implemented.measure.reviewDueOn).toBe('2026-06-18');
    expect(await auditOf(measure.id)).toEqual([
      expect.objectContaining({
        complaint_id: complaintId,
        actor_id: 'piet',
        action: 'implement_measure',
        metadata: { measureId: measure.id, reviewDueOn: '2026-06-18' },
      }),
    ]);
    const view = await viewMeasure(deps, person.dirk as Person, measure.id);
    expect(view.complaintReference).toMatch(/^KL-T-/);
  });

  it('hides the texts of a measure of a complaint about an employee from the quality adviser', async () => {
    const complaintId = await insertComplaint(database.handle, {
      status: 'in_treatment',
      concernsEmployee: true,
      subjectPersonId: 'hanna',
      handlerId: 'dirk',
      decision: 'founded',
      admissibility: 'admissible',
      decidedAt: new Date('2026-04-08T08:00:00Z'),
      decidedBy: 'dirk',
      version: 3,
    });
    await actAs(deps, 'dirk', complaintId, 'add_measure', {
      scope: 'organisation',
      type: 'preventive',
      description: 'Coachingstraject gedrag',
      ownerId: 'dirk',
      dueOn: '2026-05-29',
    });
    const [measure] = (await deps.store.repository.listMeasures(complaintId)) as [Measure];
    const seen = await viewMeasure(deps, person.kim as Person, measure.id);
    expect(seen).toMatchObject({
      contentHidden: true,
      actions: [],
      measure: { description: '', evidence: null },
    });
    expect(
      await code(
        runMeasureCommand(deps, {
          measureId: measure.id,
          actor: as('kim'),
          command: 'implement_measure',
          payload: { evidence: 'Namens de directeur' },
        }),
      ),
    ).toBe('measure.not_permitted');
    const register = await listImprovementRegister(deps, person.kim as Person, { limit: 50 });
    const listed = register.items.find((item) => item.measure.id === measure.id);
    expect(listed).toMatchObject({ contentHidden: true, measure: { description: '' } });
    expect(JSON.stringify(register)).not.toContain('Coachingstraject');
    const director = await viewMeasure(deps, person.dirk as Person, measure.id);
    expect(director).toMatchObject({
      contentHidden: false,
      actions: ['implement_measure'],
      measure: { description: 'Coachingstraject gedrag' },
    });
  });

  it('composes the messages about a measure for whom they are meant, while they apply', async () => {
    const { measure } = await createMeasure(deps, {
      actor: as('kim'),
      payload: trendMeasure({ origin: 'management_review' }),
    });
    const message = async (kind: string, personId: string): Promise<ClaimedMessage> => {
      const [row] = await query<{ id: number; key: string; payload: ClaimedMessage['payload'] }>(
        database.handle,
        sql`select id, idempotency_key as key, payload from outbox where kind = ${kind}
            and recipient_person_id = ${personId} and payload->>'measureId' = ${measure.id}`,
      );
      if (!row) throw new Error(`no ${kind} for ${personId}`);
      return {
        id: Number(row.id),
        idempotencyKey: row.key,
        kind,
        recipient: { personId },
        complaintId: null,
        payload: row.payload,
        attempts: 1,
        deliveredVia: [],
      };
    };
    const created = await message('measure_created', 'hanna');
    const rendered = await composeMeasureOutboxMessage(deps, created, 'nl');
    expect(rendered?.recipient?.id).toBe('hanna');
    expect(rendered?.model.title).toBe('Verbetermaatregel voor u: Directiebeoordeling');
    expect(rendered?.model.intro).toBe(
      'U bent eigenaar van deze maatregel. Gereed uiterlijk vrijdag 29 mei 2026.',
    );
    expect(buttonsOf(rendered?.model)).toEqual(['implement_measure']);
    // To someone else the same row says nothing.
    const misdirected = { ...created, recipient: { personId: 'piet' } };
    expect(await composeMeasureOutboxMessage(deps, misdirected, 'nl')).toBeNull();

    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('hanna'),
      command: 'implement_measure',
      payload: { evidence: 'Gedaan' },
    });
    // Implemented since: the "you own this" message has nothing left to say.
    expect(await composeMeasureOutboxMessage(deps, created, 'nl')).toBeNull();
    await runMeasureCommand(deps, {
      measureId: measure.id,
      actor: as('dirk'),
      command: 'review_measure',
      payload: { effective: false, note: 'Onvoldoende' },
    });
    const toOwner = await composeMeasureOutboxMessage(
      deps,
      await message('measure_not_effective', 'hanna'),
      'nl',
    );
    expect(toOwner?.model.intro).toBe(
      'De maatregel is beoordeeld als niet effectief. Er volgt een vervolgmaatregel.',
    );
    const toAdviser = await composeMeasureOutboxMessage(
      deps,
      await message('measure_not_effective', 'kim'),
      'nl',
    );
    expect(toAdviser?.model.intro).toBe(
      'De maatregel is beoordeeld als niet effectief. Leg een vervolgmaatregel vast.',
    );
    expect(buttonsOf(toAdviser?.model)).toEqual(['follow_up']);
  });

  it('lists the register: all for the quality adviser and director, their own for an owner', async () => {
    const all = await deps.store.repository.listAllMeasures({ limit: 1000 });
    const firstPage = await listImprovementRegister(deps, person.kim as Person, { limit: 2 });
    expect(firstPage).toMatchObject({ offset: 0, nextOffset: 2, scope: 'all', own: false });
    expect(firstPage.items.map((i) => i.measure.id)).toEqual(all.slice(0, 2).map((m) => m.id));
    const rest = await listImprovementRegister(deps, person.dirk as Person, {
      offset: 2,
      limit: 50,
    });
    expect(rest.nextOffset).toBeNull();
    expect(rest.items).toHaveLength(all.length - 2);

    const own = await listImprovementRegister(deps, person.hanna as Person, { limit: 50 });
    expect(own).toMatchObject({ scope: 'own', own: true });
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i) => i.measure.ownerId === 'hanna')).toBe(true);
    expect(own.items.length).toBe(all.filter((m) => m.ownerId === 'hanna').length);
    expect(own.items.every((i) => i.ownerName === 'Hanna Hoofd Service')).toBe(true);

    // Mo owns nothing: no register for him, and no measure either.
    expect(await code(listImprovementRegister(deps, person.mo as Person))).toBe(
      'measure.not_permitted',
    );
    expect(await code(viewMeasure(deps, person.mo as Person, all[0]?.id ?? ''))).toBe(
      'measure.not_found',
    );
    expect(await code(viewMeasure(deps, person.kim as Person, 'not-a-uuid'))).toBe(
      'measure.not_found',
    );
  });
});
