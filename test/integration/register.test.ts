import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createOutboxStore } from '../../src/adapters/postgres/outbox-store.js';
import {
  acceptOutcome,
  addMeasure,
  appointMediator,
  declareFounded,
  declareUnfounded,
  objectToOutcome,
  provideInformation,
  reassignComplaint,
  recordFinalOutcome,
  recordResolution,
  requestInformation,
  withdrawComplaint,
} from '../../src/app/complaint-commands.js';
import type { AppDeps } from '../../src/app/deps.js';
import { identifyPerson } from '../../src/app/identify-person.js';
import {
  listAssignedToMe,
  listMyReports,
  listOpenComplaints,
} from '../../src/app/list-complaints.js';
import { type ReportInput, reportComplaint } from '../../src/app/report-complaint.js';
import { viewComplaint } from '../../src/app/view-complaint.js';
import type { Actor, Person } from '../../src/domain/people.js';
import { formatReference, parseReference } from '../../src/domain/reference.js';
import { dyingBeforeTheNumber } from '../support/crash.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  FixedClock,
  type TestDatabase,
  tableCounts,
} from '../support/databases.js';

describe.each(DATABASE_KINDS)('register on %s', (kind) => {
  let database: TestDatabase;
  let deps: AppDeps;
  let clock: FixedClock;
  const people: Record<string, Person> = {};
  const as = (id: string): Actor => ({ kind: 'person', person: people[id]! });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    clock = new FixedClock(new Date('2026-04-20T08:00:00Z'));
    deps = await buildDeps(database.handle, { clock });
    for (const person of await deps.store.repository.listPeople()) people[person.id] = person;
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(() => clock.set('2026-04-20T08:00:00Z'));

  const report = (overrides: Partial<ReportInput> = {}) =>
    reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'De monteur kwam twee keer niet opdagen.',
      desiredOutcome: 'Een nieuwe afspraak',
      complainantType: 'client',
      complainantName: 'Familie Jansen',
      ...overrides,
    });

  async function outboxFor(complaintId: string) {
    const result = await database.handle.db.execute(
      sql`select kind, recipient_person_id as person, recipient_channel as channel, payload
          from outbox where complaint_id = ${complaintId} order by id`,
    );
    return rowsOf<{
      kind: string;
      person: string | null;
      channel: string | null;
      payload: unknown;
    }>(result);
  }

  it('registers a complaint with reference, routing, working-day deadlines, audit and outbox', async () => {
    const { complaint, duplicate } = await report();
    expect(duplicate).toBe(false);
    expect(complaint.reference).toMatch(/^KL-2026-\d{4}$/);
    expect(complaint.handlerId).toBe('piet');
    expect(complaint.status).toBe('registered');
    // Registered Monday 20 April 2026: Koningsdag (27 April) is skipped.
    expect(complaint.feedbackDue).toBe('2026-04-28');
    expect(complaint.decisionDue).toBe('2026-05-05');
    const messages = await outboxFor(complaint.id);
    expect(messages.map((m) => [m.kind, m.person ?? m.channel])).toEqual([
      ['acknowledgement', 'mo'],
      ['handler_card', 'piet'],
      ['quality_notice', 'quality'],
    ]);
    // Outbox payloads carry ids only, never the complaint's text.
    expect(JSON.stringify(messages)).not.toContain('monteur');
    const audit = await deps.store.repository.listAudit(complaint.id);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.metadata)).not.toContain('monteur');
  });

  it('numbers references per year without gaps, also when a registration fails', async () => {
    const first = await report();
    await expect(report({ categoryKey: 'bestaat-niet' })).rejects.toMatchObject({
      code: 'category.not_found',
    });
    await expect(report({ subjectPersonId: 'nobody', concernsEmployee: true })).rejects.toThrow();
    const second = await report();
    const seq = (ref: string) => Number(ref.slice(-4));
    expect(seq(second.complaint.reference)).toBe(seq(first.complaint.reference) + 1);
    clock.set('2027-01-04T09:00:00Z');
    const nextYear = await report();
    expect(nextYear.complaint.reference).toBe('KL-2027-0001');
  });

  it('formats references in SQL exactly as the domain does, also past 9999', async () => {
    clock.set('2031-03-03T09:00:00Z');
    const first = await report();
    expect(first.complaint.reference).toBe(formatReference(2031, 1));
    await database.handle.db.execute(
      sql`update reference_counters set last = 9998 where year = 2031`,
    );
    expect((await report()).complaint.reference).toBe(formatReference(2031, 9999));
    expect((await report()).complaint.reference).toBe(formatReference(2031, 10000));
    expect(parseReference(formatReference(2031, 10000))).toEqual({ year: 2031, sequence: 10000 });
  });

  it('numbers a complaint left pending by a crash after its commit: outbox held back, repair numbers it once', async () => {
    clock.set('2032-02-02T09:00:00Z');
    const before = await report();
    // The service "dies" between the commit and the statement that draws the number.
    const repository = deps.store.repository;
    const crashing = dyingBeforeTheNumber(deps);
    await expect(
      reportComplaint(crashing, {
        reporterId: 'mo',
        categoryKey: 'dienstverlening',
        description: 'Tussen commit en nummer.',
      }),
    ).rejects.toThrow();
    const [pending] = rowsOf<{ id: string; reference: string }>(
      await database.handle.db.execute(
        sql`select id, reference from complaints where reference like 'pending-%'`,
      ),
    );
    expect(pending?.reference).toMatch(/^pending-2032-/);
    expect(await outboxFor(pending!.id)).not.toHaveLength(0);
    const outbox = createOutboxStore(database.handle.db);
    const claimed = await outbox.claimDue(new Date('2032-02-02T09:00:01Z'), 1000, 60_000);
    expect(claimed.filter((m) => m.complaintId === pending!.id)).toEqual([]);

    expect(await repository.assignPendingReferences()).toBe(1);
    const numbered = await viewComplaint(deps, people.mo!, pending!.id);
    expect(numbered.complaint.reference).toBe(formatReference(2032, 2));
    // Numbering again changes nothing and draws no number.
    expect(await repository.assignReference(pending!.id)).toBe(formatReference(2032, 2));
    expect(await repository.assignPendingReferences()).toBe(0);
    const after = await report();
    expect([before, after].map((r) => r.complaint.reference)).toEqual([
      formatReference(2032, 1),
      formatReference(2032, 3),
    ]);
    const released = await outbox.claimDue(new Date('2032-02-02T09:00:02Z'), 1000, 60_000);
    expect(released.some((m) => m.complaintId === pending!.id)).toBe(true);
  });

  it('returns the same complaint for a resubmitted form', async () => {
    const a = await report({ intakeKey: `view-${kind}-1` });
    const b = await report({ intakeKey: `view-${kind}-1` });
    expect(b.duplicate).toBe(true);
    expect(b.complaint.id).toBe(a.complaint.id);
  });

  it('refuses bad input with every field named and writes nothing', async () => {
    const before = await tableCounts(database.handle);
    await expect(
      report({ description: '   ', categoryKey: '', occurredOn: 'gisteren' }),
    ).rejects.toMatchObject({
      code: 'input.invalid',
      fields: { description: 'required', categoryKey: 'required', occurredOn: 'invalid' },
    });
    await expect(report({ description: 'x'.repeat(3001) })).rejects.toMatchObject({
      fields: { description: 'too_long' },
    });
    await expect(report({ occurredOn: '2026-12-01' })).rejects.toMatchObject({
      fields: { occurredOn: 'in_future' },
    });
    expect(await tableCounts(database.handle)).toEqual(before);
  });

  it('runs the whole procedure: info, founded, resolution with improvement, objection, mediation, final outcome', async () => {
    const { complaint } = await report();
    const ref = complaint.reference;
    await requestInformation(deps, as('piet'), ref, { question: 'Welk adres?' });
    await provideInformation(deps, as('mo'), ref, { answer: 'Dorpsstraat 1' });
    clock.set('2026-04-22T10:00:00Z');
    await declareFounded(deps, as('piet'), ref, { motivation: null });
    const resolved = await recordResolution(deps, as('piet'), ref, {
      resolution: 'Nieuwe afspraak ingepland',
      cause: 'structural',
      correctiveMeasure: 'Afspraak met voorrang',
      preventiveMeasure: 'Planning controleert bevestigingen',
      improvement: {
        scope: 'organisation',
        type: 'preventive',
        description: 'Herinneringen aan monteurs automatiseren',
        ownerId: 'kim',
        dueOn: '2026-06-30',
      },
    });
    expect(resolved.complaint.status).toBe('resolved');
    expect(resolved.complaint.reactionDue).toBe('2026-05-07');
    await objectToOutcome(deps, as('mo'), ref, { reason: 'Te laat' });
    await appointMediator(deps, as('dirk'), ref, { mediatorId: 'hanna' });
    const closed = await recordFinalOutcome(deps, as('hanna'), ref, {
      outcome: 'Excuses en korting',
    });
    expect(closed.complaint).toMatchObject({ status: 'closed', closeReason: 'final_outcome' });

    const view = await viewComplaint(deps, people.kim!, ref);
    expect(view.measures.map((m) => [m.scope, m.type, m.ownerId])).toEqual([
      ['client', 'corrective', null],
      ['client', 'preventive', null],
      ['organisation', 'preventive', 'kim'],
    ]);
    expect(view.infoRequests[0]).toMatchObject({
      question: 'Welk adres?',
      answer: 'Dorpsstraat 1',
    });
    const audit = await deps.store.repository.listAudit(complaint.id);
    expect(audit.map((e) => e.action)).toEqual([
      'report',
      'request_info',
      'provide_info',
      'declare_founded',
      'record_resolution',
      'object',
      'appoint_mediator',
      'record_final_outcome',
    ]);
    const kinds = (await outboxFor(complaint.id)).map((m) => `${m.kind}:${m.person ?? m.channel}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'info_request:mo',
        'info_provided:piet',
        'decision:mo',
        'outcome:mo',
        'measure_assigned:kim',
        'objection:dirk',
        'mediator_appointed:hanna',
        'closed:mo',
      ]),
    );
  });

  it('takes the short paths: unfounded then accepted; withdrawn; reassigned', async () => {
    const a = await report();
    await expect(
      declareUnfounded(deps, as('piet'), a.complaint.reference, { motivation: '  ' }),
    ).rejects.toMatchObject({ code: 'input.motivation_required' });
    await declareUnfounded(deps, as('piet'), a.complaint.reference, { motivation: 'Buiten scope' });
    const accepted = await acceptOutcome(deps, as('mo'), a.complaint.reference, {});
    expect(accepted.complaint).toMatchObject({ status: 'closed', closeReason: 'accepted' });

    const b = await report();
    expect((await withdrawComplaint(deps, as('mo'), b.complaint.id, {})).complaint.status).toBe(
      'withdrawn',
    );

    const c = await report();
    const moved = await reassignComplaint(deps, as('kim'), c.complaint.id, { handlerId: 'hanna' });
    expect(moved.complaint.handlerId).toBe('hanna');
    const kinds = (await outboxFor(c.complaint.id)).map(
      (m) => `${m.kind}:${m.person ?? m.channel}`,
    );
    expect(kinds).toContain('reassigned_away:piet');
    expect(kinds).toContain('handler_card:hanna');
  });

  it('refuses illegal and unauthorised commands with a code, writes nothing but a refusal audit', async () => {
    const { complaint } = await report();
    const before = await tableCounts(database.handle);
    await expect(acceptOutcome(deps, as('mo'), complaint.id, {})).rejects.toMatchObject({
      code: 'complaint.invalid_transition',
    });
    await expect(
      objectToOutcome(deps, as('mo'), complaint.id, { reason: '' }),
    ).rejects.toMatchObject({ code: 'input.reason_required' });
    expect(await tableCounts(database.handle)).toEqual(before);

    await expect(declareFounded(deps, as('hanna'), complaint.id, {})).rejects.toMatchObject({
      code: 'complaint.not_permitted',
    });
    const after = await tableCounts(database.handle);
    expect(after).toEqual({ ...before, audit_events: before.audit_events! + 1 });
    const audit = await deps.store.repository.listAudit(complaint.id);
    expect(audit.at(-1)).toMatchObject({ actorId: 'hanna', outcome: 'refused' });
  });

  it('routes a complaint about an employee to the director and hides it from the quality adviser', async () => {
    const { complaint } = await report({ concernsEmployee: true, subjectPersonId: 'piet' });
    expect(complaint.handlerId).toBe('dirk');
    await expect(viewComplaint(deps, people.piet!, complaint.id)).rejects.toMatchObject({
      code: 'complaint.not_found',
    });
    await expect(viewComplaint(deps, people.kim!, complaint.id)).rejects.toMatchObject({
      code: 'complaint.not_found',
    });
    const view = await viewComplaint(deps, people.dirk!, complaint.id);
    expect(view.actions).toEqual(
      expect.arrayContaining(['request_info', 'declare_founded', 'declare_unfounded', 'reassign']),
    );
    const reporterView = await viewComplaint(deps, people.mo!, complaint.id);
    expect(reporterView.actions).toEqual(['withdraw']);
  });

  it('rejects a stale card and a repeated request without acting twice', async () => {
    const { complaint } = await report();
    const first = await declareFounded(
      deps,
      as('piet'),
      complaint.id,
      {},
      {
        expectedVersion: 1,
        requestKey: `click-${complaint.id}`,
      },
    );
    const again = await declareFounded(
      deps,
      as('piet'),
      complaint.id,
      {},
      {
        expectedVersion: 1,
        requestKey: `click-${complaint.id}`,
      },
    );
    expect(again).toMatchObject({ duplicate: true });
    expect(again.complaint.version).toBe(first.complaint.version);
    await expect(
      addMeasure(
        deps,
        as('piet'),
        complaint.id,
        {
          scope: 'client',
          type: 'corrective',
          description: 'x',
        },
        { expectedVersion: 1 },
      ),
    ).rejects.toMatchObject({ code: 'complaint.stale' });
  });

  it('lists my reports, my assignments (overdue first) and the open register', async () => {
    const { complaint } = await report({ reporterId: 'hanna', categoryKey: 'product' });
    clock.set('2026-05-20T09:00:00Z');
    const mine = await listMyReports(deps, people.hanna!);
    expect(mine[0]?.reference).toBe(complaint.reference);
    const assigned = await listAssignedToMe(deps, people.piet!);
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned[0]?.overdue.length).toBeGreaterThan(0);
    expect((await listOpenComplaints(deps, people.dirk!)).length).toBeGreaterThan(0);
    expect(await listOpenComplaints(deps, people.mo!)).toEqual([]);
  });

  it('creates a reporter on first contact and finds people from the organisation file', async () => {
    const newcomer = await identifyPerson(deps, { slackUserId: 'U0NEW1', displayName: 'Nina' });
    expect(newcomer).toMatchObject({ id: 'slack-U0NEW1', roles: ['reporter'] });
    expect((await identifyPerson(deps, { slackUserId: 'U0NEW1' })).id).toBe('slack-U0NEW1');
    const kim = await identifyPerson(deps, {
      teamsAadObjectId: '00000000-0000-4000-8000-000000000002',
    });
    expect(kim.id).toBe('kim');
    const byEmail = await identifyPerson(deps, {
      slackUserId: 'U0PIET',
      email: 'PIET@example.org',
    });
    expect(byEmail.id).toBe('piet');
  });

  it('keeps the audit trail append-only', async () => {
    await expect(database.handle.db.execute(sql`delete from audit_events`)).rejects.toThrow();
    await expect(
      database.handle.db.execute(sql`update audit_events set action = 'x'`),
    ).rejects.toThrow();
  });
});
