import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import { listOverdueComplaints } from '../../src/app/list-complaints.js';
import { composeComplaintCard } from '../../src/app/messages/compose.js';
import { composeJobMessage } from '../../src/app/messages/job-messages.js';
import { measurePartyLine } from '../../src/app/messages/procedure-job-messages.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import { viewComplaint } from '../../src/app/view-complaint.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { DEFAULT_PROCEDURE } from '../../src/domain/procedure.js';
import { pendingDeadlines } from '../../src/domain/sla.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import {
  actAs,
  type ComplaintRow,
  claimedMessages,
  insertComplaint,
  jobDepsFor,
  nineAm,
  query,
} from './support.js';

/** Decided (founded) by `decidedBy` on 8 April and resolved on 15 April 2026. */
const resolvedBy = (decidedBy: string): Partial<ComplaintRow> => ({
  status: 'resolved',
  decision: 'founded',
  admissibility: 'admissible',
  firstFeedbackAt: new Date('2026-04-08T08:00:00Z'),
  decidedAt: new Date('2026-04-08T08:00:00Z'),
  decidedBy,
  resolution: 'Opgelost',
  cause: 'incidental',
  resolvedAt: new Date('2026-04-15T08:00:00Z'),
  reactionDue: '2026-04-29',
  registeredAt: new Date('2026-04-01T08:00:00Z'),
  lastProgressAt: new Date('2026-04-15T08:00:00Z'),
  version: 4,
});

/** Founded by piet on 8 April, in treatment; only the resolution deadline runs. */
const inTreatment = (resolutionDue = '2026-06-30'): Partial<ComplaintRow> => ({
  status: 'in_treatment',
  decision: 'founded',
  admissibility: 'admissible',
  firstFeedbackAt: new Date('2026-04-08T08:00:00Z'),
  decidedAt: new Date('2026-04-08T08:00:00Z'),
  decidedBy: 'piet',
  registeredAt: new Date('2026-04-01T08:00:00Z'),
  lastProgressAt: new Date('2026-04-08T08:00:00Z'),
  resolutionDue,
  version: 3,
});

const party = { name: 'Jan Smit', organisation: 'Smit Installatie', contact: '06 1234 5678' };

describe.each(DATABASE_KINDS)('daily jobs of the procedure’s second edition on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const runOn = (date: string, with_: JobDeps = deps) => {
    deps.clock.set(nineAm(date));
    return runDailyJob(with_, date);
  };
  /** 10:00 in Amsterdam (summer time) on a local date: when a person acts in these tests. */
  const at = (date: string) => deps.clock.set(`${date}T08:00:00Z`);
  const find = async (id: string) => (await deps.store.repository.findComplaint(id)) as Complaint;
  const sent = (id: string, messageKind: string) =>
    query<{ person: string; payload: Record<string, unknown> }>(
      database.handle,
      sql`select recipient_person_id as person, payload from outbox
          where complaint_id = ${id} and kind = ${messageKind} order by id`,
    );
  const escalations = async (id: string) =>
    (await sent(id, 'escalation')).map((m) => [m.person, m.payload.milestone, m.payload.due]);
  const render = (message: ClaimedMessage) => composeJobMessage(deps, message, 'nl');

  it('takes a tip down the light path: no reminder, no escalation, no reaction follow-up', async () => {
    const deadlines = { feedbackDue: '2026-04-22', decisionDue: '2026-04-24' };
    const tip = await insertComplaint(database.handle, { kind: 'feedback', ...deadlines });
    // The same complaint as a complaint: reminded and escalated, so the tip's silence is the path.
    const complaint = await insertComplaint(database.handle, deadlines);
    // A tip never reaches `resolved` through the lifecycle; should one be there, it is not chased.
    const resolvedTip = await insertComplaint(database.handle, {
      ...resolvedBy('piet'),
      kind: 'feedback',
      reactionDue: '2026-04-23',
    });
    expect(pendingDeadlines(await find(tip))).toEqual([]);

    await runOn('2026-04-28');
    await runOn('2026-05-05');

    expect((await sent(complaint, 'reminder')).length).toBe(2);
    expect(await escalations(complaint)).toEqual([
      ['dirk', 'feedback', '2026-04-22'],
      ['kim', 'feedback', '2026-04-22'],
      ['dirk', 'decision', '2026-04-24'],
      ['kim', 'decision', '2026-04-24'],
    ]);
    for (const id of [tip, resolvedTip]) {
      for (const messageKind of ['reminder', 'escalation', 'reaction_reminder', 'closed']) {
        expect({ id, messageKind, sent: await sent(id, messageKind) }).toEqual({
          id,
          messageKind,
          sent: [],
        });
      }
    }
    expect((await find(resolvedTip)).status).toBe('resolved');
    // Nor is a tip ever listed as overdue.
    const dirk = await deps.store.repository.findPerson('dirk');
    const overdue = await listOverdueComplaints(deps, dirk as NonNullable<typeof dirk>, 50);
    expect(overdue.map((c) => c.id)).toContain(complaint);
    expect(overdue.map((c) => c.id)).not.toContain(tip);
  });

  it('escalates an undecided objection on the first working day after its deadline, across Whit Monday', async () => {
    const id = await insertComplaint(database.handle, resolvedBy('piet'));
    at('2026-04-22'); // Wednesday
    await actAs(deps, 'mo', id, 'object', { reason: 'Niet mee eens' });
    const objected = await find(id);
    // 20 working days after Wednesday 22 April, Koningsdag (27 April) and Ascension (14 May)
    // not counted: Friday 22 May.
    expect(objected.objectionDue).toBe('2026-05-22');
    expect(pendingDeadlines(objected)).toEqual([{ milestone: 'objection', due: '2026-05-22' }]);

    await runOn('2026-05-21');
    await runOn('2026-05-22'); // the last day to decide: not yet missed
    expect(await escalations(id)).toEqual([]);
    expect(await runOn('2026-05-25')).toMatchObject({ skipped: 'not a working day' }); // Whit Monday
    expect(await escalations(id)).toEqual([]);
    await runOn('2026-05-26');
    await runOn('2026-05-26');
    // The existing escalation rules: the director and the quality adviser, never the handler.
    expect(await escalations(id)).toEqual([
      ['dirk', 'objection', '2026-05-22'],
      ['kim', 'objection', '2026-05-22'],
    ]);
    const [toDirk] = await claimedMessages(database.handle, id, 'escalation');
    const rendered = await render(toDirk as ClaimedMessage);
    expect(rendered?.model.title).toBe(
      `Termijn verstreken bij ${objected.reference}: Besluit op het bezwaar`,
    );
    expect(rendered?.model.intro).toContain('vrijdag 22 mei 2026');

    // The views show the new milestone by its name: the card's footer and the overdue list.
    const dirk = await deps.store.repository.findPerson('dirk');
    if (!dirk) throw new Error('no dirk');
    const view = await viewComplaint(deps, dirk, id);
    expect(view.overdue).toEqual([{ milestone: 'objection', due: '2026-05-22' }]);
    expect(composeComplaintCard(view, 'nl').footer).toBe(
      'Termijn verstreken: Besluit op het bezwaar',
    );
    expect(composeComplaintCard(view, 'en').footer).toBe(
      'Deadline passed: Decision on the objection',
    );
    const overdue = await listOverdueComplaints(deps, dirk, 50);
    expect(overdue.find((c) => c.id === id)?.overdue).toEqual([
      { milestone: 'objection', due: '2026-05-22' },
    ]);
  });

  it('reminds whoever decides an objection after five idle working days, three rounds at most, never the one who decided', async () => {
    const byHandler = await insertComplaint(database.handle, resolvedBy('piet'));
    const byDirector = await insertComplaint(database.handle, resolvedBy('dirk'));
    at('2026-04-22');
    for (const id of [byHandler, byDirector]) {
      await actAs(deps, 'mo', id, 'object', { reason: 'Niet mee eens' });
    }
    const rounds = async (id: string) =>
      (await sent(id, 'objection_reminder')).map((m) => [m.person, m.payload.number]);

    await runOn('2026-04-29'); // the 4th working day after the objection (Koningsdag skipped)
    expect(await rounds(byHandler)).toEqual([]);
    await runOn('2026-04-30');
    await runOn('2026-04-30');
    // The handler decided: the director decides the objection. The director decided: the
    // quality adviser does (organisation file: objectionDecidedByDirector).
    expect(await rounds(byHandler)).toEqual([['dirk', 1]]);
    expect(await rounds(byDirector)).toEqual([['kim', 1]]);
    expect((await sent(byHandler, 'objection_reminder'))[0]?.payload).toMatchObject({
      due: '2026-05-22',
      idleWorkingDays: 5,
      number: 1,
    });

    await runOn('2026-05-06');
    expect(await rounds(byHandler)).toHaveLength(1);
    await runOn('2026-05-07'); // five working days after the first round
    await runOn('2026-05-13');
    await runOn('2026-05-15'); // five working days later, Ascension (14 May) not counted
    await runOn('2026-05-22'); // a fourth round would be due: the cap says no
    expect(await rounds(byHandler)).toEqual([
      ['dirk', 1],
      ['dirk', 2],
      ['dirk', 3],
    ]);
    expect(await rounds(byDirector)).toEqual([
      ['kim', 1],
      ['kim', 2],
      ['kim', 3],
    ]);

    // The message asks for a decision, with the buttons the recipient may use.
    const [first] = await claimedMessages(database.handle, byHandler, 'objection_reminder');
    const reference = (await find(byHandler)).reference;
    const rendered = await render(first as ClaimedMessage);
    expect(rendered?.recipient?.id).toBe('dirk');
    expect(rendered?.model.title).toBe(
      `Herinnering: het bezwaar bij ${reference} wacht op een besluit`,
    );
    expect(rendered?.model.intro).toContain('vrijdag 22 mei 2026');
    expect(rendered?.model.actions.map((a) => a.command)).toEqual(
      expect.arrayContaining(['appoint_mediator', 'record_final_outcome']),
    );
    const [toKim] = await claimedMessages(database.handle, byDirector, 'objection_reminder');
    expect((await render(toKim as ClaimedMessage))?.model.actions.map((a) => a.command)).toContain(
      'record_final_outcome',
    );

    // Decided on the last day: the reminder is void, and nothing is escalated.
    at('2026-05-22');
    await actAs(deps, 'dirk', byHandler, 'record_final_outcome', { outcome: 'Bezwaar afgewezen' });
    expect(await render(first as ClaimedMessage)).toBeNull();
    await runOn('2026-05-26');
    await runOn('2026-06-01');
    expect(await escalations(byHandler)).toEqual([]);
    expect(await escalations(byDirector)).toEqual([
      ['dirk', 'objection', '2026-05-22'],
      ['kim', 'objection', '2026-05-22'],
    ]);
  });

  it('reminds the mediator with the deciders, and the committee route’s recorders when only the committee decides', async () => {
    const mediated = await insertComplaint(database.handle, resolvedBy('piet'));
    const committeeOnly = await insertComplaint(database.handle, resolvedBy('dirk'));
    at('2026-04-22');
    for (const id of [mediated, committeeOnly]) {
      await actAs(deps, 'mo', id, 'object', { reason: 'Niet mee eens' });
    }
    at('2026-04-23');
    await actAs(deps, 'dirk', mediated, 'appoint_mediator', { mediatorId: 'hanna' });
    const committee: JobDeps = {
      ...deps,
      procedure: { ...DEFAULT_PROCEDURE, objectionDecidedByDirector: 'committee' },
    };
    await runOn('2026-04-30', committee);
    // Appointing the mediator was progress: five idle working days count from 23 April.
    expect(await sent(mediated, 'objection_reminder')).toEqual([]);
    await runOn('2026-05-01', committee);
    const people = async (id: string) =>
      (await sent(id, 'objection_reminder')).map((m) => m.person).sort();
    expect(await people(mediated)).toEqual(['dirk', 'hanna']);
    // The director decided and only the committee decides: the quality adviser refers it and
    // records the verdict; the director who decided never hears it as a decider.
    expect(await people(committeeOnly)).toEqual(['kim']);

    const toHanna = (await claimedMessages(database.handle, mediated, 'objection_reminder')).find(
      (m) => 'personId' in m.recipient && m.recipient.personId === 'hanna',
    );
    const rendered = await render(toHanna as ClaimedMessage);
    expect(rendered?.model.actions.map((a) => a.command)).toEqual(['record_final_outcome']);
  });

  it('asks the handler on the working day after the agreed term, again every five working days, three times at most, naming the outside party', async () => {
    const id = await insertComplaint(database.handle, inTreatment());
    at('2026-04-21');
    await actAs(deps, 'piet', id, 'agree_solution', {
      solution: 'Nieuwe kraan plaatsen',
      termOn: '2026-04-24',
      complainantAgreed: true,
      party,
    });
    const asked = async () =>
      (await sent(id, 'agreed_term_due')).map((m) => [m.person, m.payload.term, m.payload.number]);

    await runOn('2026-04-24'); // the term's own day: still in time
    expect(await runOn('2026-04-27')).toMatchObject({ skipped: 'not a working day' });
    expect(await asked()).toEqual([]);
    await runOn('2026-04-28');
    await runOn('2026-04-28');
    expect(await asked()).toEqual([['piet', '2026-04-24', 1]]);
    expect((await sent(id, 'agreed_term_due'))[0]?.payload.outsideParty).toBe(true);
    await runOn('2026-05-04');
    expect(await asked()).toHaveLength(1);
    await runOn('2026-05-05');
    await runOn('2026-05-12');
    await runOn('2026-05-19');
    await runOn('2026-05-26');
    expect(await asked()).toEqual([
      ['piet', '2026-04-24', 1],
      ['piet', '2026-04-24', 2],
      ['piet', '2026-04-24', 3],
    ]);

    // The question: the term, the outside party (the handler follows it), one button.
    const messages = await claimedMessages(database.handle, id, 'agreed_term_due');
    const first = await render(messages[0] as ClaimedMessage);
    const reference = (await find(id)).reference;
    expect(first?.recipient?.id).toBe('piet');
    expect(first?.model.title).toBe(`Is de afgesproken oplossing bij ${reference} uitgevoerd?`);
    expect(first?.model.intro).toContain('vrijdag 24 april 2026');
    expect(first?.model.intro).toContain(
      'uitgevoerd door Jan Smit (Smit Installatie) · 06 1234 5678',
    );
    expect(first?.model.actions.map((a) => [a.command, a.label])).toEqual([
      ['report_fix_done', 'Oplossing uitgevoerd…'],
    ]);
    expect((await render(messages[1] as ClaimedMessage))?.model.intro).toContain('herinnering 2');

    // A new term starts a new series; a question about the old term is void.
    at('2026-05-26');
    await actAs(deps, 'piet', id, 'agree_solution', {
      solution: 'Nieuwe kraan plaatsen',
      termOn: '2026-05-29',
      complainantAgreed: true,
      party: null,
    });
    expect(await render(messages[0] as ClaimedMessage)).toBeNull();
    await runOn('2026-05-29');
    await runOn('2026-06-01');
    expect((await asked()).slice(3)).toEqual([['piet', '2026-05-29', 1]]);
    const [, , , renewed] = await claimedMessages(database.handle, id, 'agreed_term_due');
    const again = await render(renewed as ClaimedMessage);
    expect(again?.model.intro).not.toContain('Jan Smit');

    // Reported done: nothing more is asked, and the question on the card is void.
    at('2026-06-02');
    await actAs(deps, 'piet', id, 'report_fix_done', { note: null });
    expect(await render(renewed as ClaimedMessage)).toBeNull();
    await runOn('2026-06-08');
    await runOn('2026-06-15');
    expect(await asked()).toHaveLength(4);
  });

  it('goes on asking after the resolution while the fix is pending; the reaction follow-up waits for the fix', async () => {
    const id = await insertComplaint(database.handle, inTreatment());
    at('2026-04-21');
    await actAs(deps, 'piet', id, 'agree_solution', {
      solution: 'Onderdeel vervangen',
      termOn: '2026-04-24',
      complainantAgreed: true,
      party: null,
    });
    at('2026-04-22');
    await actAs(deps, 'piet', id, 'record_resolution', {
      resolution: 'Onderdeel besteld',
      cause: 'incidental',
      correctiveMeasure: 'Onderdeel vervangen',
    });
    expect(await find(id)).toMatchObject({ status: 'resolved', reactionDue: null });

    await runOn('2026-04-28');
    expect((await sent(id, 'agreed_term_due')).map((m) => m.person)).toEqual(['piet']);
    await runOn('2026-06-15');
    expect(await find(id)).toMatchObject({ status: 'resolved', reactionDue: null });
    expect(await sent(id, 'reaction_reminder')).toEqual([]);

    at('2026-06-16');
    await actAs(deps, 'piet', id, 'report_fix_done', { note: null });
    const { reactionDue } = await find(id);
    expect(reactionDue).not.toBeNull();
    await runOn(deps.calendar.addWorkingDays(reactionDue as string, 1));
    expect(await find(id)).toMatchObject({ status: 'closed', closeReason: 'no_reaction' });
  });

  it('reminds the internal follower of a measure an outside party carries out, and names the party', async () => {
    const id = await insertComplaint(database.handle, inTreatment());
    at('2026-04-21');
    await actAs(deps, 'piet', id, 'add_measure', {
      scope: 'organisation',
      type: 'preventive',
      description: 'Onderdelen keuren bij levering',
      ownerId: 'hanna',
      dueOn: '2026-04-24',
      party,
    });
    const [measure] = await deps.store.repository.listMeasures(id);
    expect(measure).toMatchObject({ ownerId: 'hanna', externalParty: party });

    await runOn('2026-04-24');
    expect(await sent(id, 'measure_due')).toEqual([]);
    await runOn('2026-04-28');
    await runOn('2026-04-28');
    expect(await sent(id, 'measure_due')).toEqual([
      {
        person: 'hanna',
        payload: {
          measureId: measure?.id,
          reason: 'overdue',
          due: '2026-04-24',
          outsideParty: true,
        },
      },
    ]);
    expect(measurePartyLine('nl', measure?.externalParty ?? null)).toBe(
      'Uitgevoerd door Jan Smit (Smit Installatie) · 06 1234 5678. U bent de interne volger.',
    );
    expect(measurePartyLine('en', measure?.externalParty ?? null)).toBe(
      'Carried out by Jan Smit (Smit Installatie) · 06 1234 5678. You are the internal follower.',
    );
    expect(measurePartyLine('nl', null)).toBeNull();
  });

  it('never chases a withdrawn complaint: no objection reminder, escalation or agreed-term question', async () => {
    const objected = await insertComplaint(database.handle, resolvedBy('piet'));
    const agreed = await insertComplaint(database.handle, inTreatment('2026-04-23'));
    at('2026-04-21');
    await actAs(deps, 'mo', objected, 'object', { reason: 'Niet mee eens' });
    await actAs(deps, 'piet', agreed, 'agree_solution', {
      solution: 'Onderdeel vervangen',
      termOn: '2026-04-22',
      complainantAgreed: true,
      party: null,
    });
    for (const id of [objected, agreed]) await actAs(deps, 'mo', id, 'withdraw', {});
    for (const date of ['2026-04-30', '2026-05-07', '2026-05-26']) await runOn(date);
    for (const id of [objected, agreed]) {
      for (const messageKind of ['objection_reminder', 'escalation', 'agreed_term_due']) {
        expect({ messageKind, sent: await sent(id, messageKind) }).toEqual({
          messageKind,
          sent: [],
        });
      }
    }
  });

  it('escalates an extended resolution deadline after the new date, not the original one', async () => {
    const id = await insertComplaint(database.handle, inTreatment('2026-04-23'));
    at('2026-04-21');
    await actAs(deps, 'piet', id, 'extend_deadline', {
      newDueOn: '2026-05-06',
      reason: 'Onderzoek bij de leverancier',
    });
    expect(await find(id)).toMatchObject({
      resolutionDue: '2026-05-06',
      originalResolutionDue: '2026-04-23',
    });
    await runOn('2026-04-24');
    await runOn('2026-04-28');
    await runOn('2026-05-06');
    expect(await escalations(id)).toEqual([]);
    await runOn('2026-05-07');
    await runOn('2026-05-07');
    expect(await escalations(id)).toEqual([
      ['dirk', 'resolution', '2026-05-06'],
      ['kim', 'resolution', '2026-05-06'],
    ]);
  });

  it('escalates a resolution deadline missed, extended afterwards and missed again, once for each date', async () => {
    const id = await insertComplaint(database.handle, inTreatment('2026-04-23'));
    await runOn('2026-04-24');
    expect(await escalations(id)).toEqual([
      ['dirk', 'resolution', '2026-04-23'],
      ['kim', 'resolution', '2026-04-23'],
    ]);
    at('2026-04-24');
    await actAs(deps, 'piet', id, 'extend_deadline', {
      newDueOn: '2026-05-06',
      reason: 'Onderzoek bij de leverancier',
    });
    await runOn('2026-04-28');
    await runOn('2026-05-06');
    expect(await escalations(id)).toHaveLength(2);
    await runOn('2026-05-07');
    await runOn('2026-05-08');
    expect((await escalations(id)).slice(2)).toEqual([
      ['dirk', 'resolution', '2026-05-06'],
      ['kim', 'resolution', '2026-05-06'],
    ]);
  });
});
