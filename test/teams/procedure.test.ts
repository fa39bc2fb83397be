import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import { formatLocalDate } from '../../src/app/messages/catalogue.js';
import type { Complaint } from '../../src/domain/complaint.js';
import {
  executeActivity,
  messageActivity,
  TEAMS_USERS,
  type TeamsUser,
} from '../fakes/teams-activities.js';
import { jobDepsFor, nineAm } from '../jobs/support.js';
import type { FixedClock } from '../support/databases.js';
import {
  actionOf,
  type Card,
  cardOf,
  startTeamsHarness,
  type TeamsHarness,
  textsOf,
  verbsOf,
  waitFor,
} from './harness.js';

/**
 * The second edition of the procedure over HTTP on Teams (issue 12), through the real
 * teams-ai app and a fake Bot Connector: admissibility, tips, an agreed solution, an
 * extension, objection independence, the committee and the director's private note. The
 * same scenarios as test/slack/procedure.test.ts.
 */
const { mo, kim, piet, dirk, hanna } = TEAMS_USERS;

let h: TeamsHarness;
const opts = () => ({ serviceUrl: h.connector.url });

beforeAll(async () => {
  h = await startTeamsHarness({
    org: `committee:
  name: Geschillencommissie Test
  address: Postbus 1, 2500 AA Den Haag
  url: https://commissie.example.org
  type: committee
  binding: true
`,
  });
});
afterAll(async () => {
  await h?.stop();
});

const repo = () => h.service.deps.store.repository;
const load = async (reference: string) => (await repo().findComplaint(reference)) as Complaint;
const calendar = () => h.service.deps.calendar;
const today = () => calendar().localDate(new Date());

/**
 * The daily job on another day, against the service's database; what it enqueues is then
 * made due now, so the running service delivers it through the fake Bot Connector.
 */
let jobs: JobDeps & { clock: FixedClock };
async function dailyJobOn(date: string) {
  jobs ??= await jobDepsFor(h.service.database);
  jobs.clock.set(nineAm(date));
  await runDailyJob(jobs, date);
  await h.service.database.db.execute(
    sql`update outbox set next_attempt_at = now() where status = 'pending'`,
  );
}

/** The outbox rows of a complaint: kind, recipient and payload, in order. */
async function outboxOf(complaintId: string) {
  const result = await h.service.database.db.execute(
    sql`select kind, recipient_person_id as person, payload from outbox where complaint_id = ${complaintId} order by id`,
  );
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    kind: string;
    person: string | null;
    payload: Record<string, unknown>;
  }[];
}

/** The connector call that carried the bot's reply to a chat message. */
async function reply(user: TeamsUser, text: string) {
  const id = randomUUID();
  const res = await h.post(messageActivity(user, text, { ...opts(), id }));
  expect(res.status).toBe(200);
  return waitFor(
    () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
    `reply to ${text}`,
  );
}

/** The bot's reply (a card) to a chat message. */
async function say(user: TeamsUser, text: string): Promise<Card> {
  return cardOf(await reply(user, text));
}

/** An Action.Execute; returns the card of the invoke response. */
async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const res = await h.post(executeActivity(user, verb, data, opts()));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  return body.value;
}

/** Reports a complaint through the `klacht` form and returns its reference. */
async function report(user: TeamsUser, description: string, extra: Record<string, string> = {}) {
  const form = await say(user, 'klacht');
  const done = await execute(user, 'kb_report', {
    ...actionOf(form, 'kb_report').data,
    description,
    categoryKey: 'dienstverlening',
    ...extra,
  });
  const text = textsOf(done).join(' ');
  const reference = /KL-\d{4}-\d{4}/.exec(text)?.[0];
  if (!reference) throw new Error(`no reference in ${text}`);
  return reference;
}

/** The newest card the bot posted (or updated) in a person's 1:1 chat for a complaint. */
async function latestCard(user: TeamsUser, reference: string, kind: string): Promise<Card> {
  const call = await waitFor(() => cardsOf(user, reference, kind).at(-1), `${kind} card`);
  return cardOf(call);
}

/** The cards of this kind delivered to a person about a complaint (refresh for that person). */
function cardsOf(user: TeamsUser, reference: string, kind: string) {
  return h.connector
    .delivered()
    .filter((c) => textsOf(c.body).some((t) => t.includes(reference)))
    .filter((c) => {
      const refresh = cardOf(c).refresh as
        | { userIds?: string[]; action: { data: { kind?: string } } }
        | undefined;
      if (refresh?.action.data.kind !== kind) return false;
      return (refresh.userIds ?? []).some(
        (u) => u === user.mri || u === `8:orgid:${user.aadObjectId}`,
      );
    });
}

/** The user-specific view of a card: what Teams fetches through `refresh`. */
async function open(user: TeamsUser, base: Card): Promise<Card> {
  return execute(user, 'kb_refresh', actionOf(base, 'kb_refresh').data);
}

/** Opens the form behind a card's button and submits it with these values. */
async function act(user: TeamsUser, card: Card, verb: string, values: Record<string, string>) {
  const form = await execute(user, verb, actionOf(card, verb).data);
  const submit = actionOf(form, verb);
  expect(submit.data.submit).toBe(true);
  return execute(user, verb, { ...submit.data, ...values });
}

/** The handler's live card once it shows this version of the complaint, opened. */
async function handlerCard(user: TeamsUser, reference: string, version: number) {
  const base = await waitFor(() => {
    const card = cardsOf(user, reference, 'handler_card').map(cardOf).at(-1);
    return card && Number(actionOf(card, 'kb_refresh').data.version) >= version && card;
  }, `handler card of ${reference} at v${version}`);
  return open(user, base);
}

/** Waits until the outbox has nothing pending (every message of the steps so far is out). */
async function outboxIdle(): Promise<void> {
  await waitFor(async () => {
    const result = await h.service.database.db.execute(
      sql`select count(*)::int as n from outbox where status = 'pending'`,
    );
    const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
    return Number((rows[0] as { n: number }).n) === 0;
  }, 'an idle outbox');
}

const text = (card: Card) => textsOf(card).join(' ');

describe('Teams: the whole procedure (second edition)', () => {
  it('a non-admissible complaint is closed with its motivation, and the reporter is told why', async () => {
    const reference = await report(mo, 'Klacht over een project van vijf jaar geleden.');
    const card = await handlerCard(piet, reference, 1);
    const after = await act(piet, card, 'kb_declare_inadmissible', {
      motivation: 'Buiten de klachttermijn van een jaar ingediend.',
    });
    expect(text(after)).toContain('Vastgelegd');
    expect(await load(reference)).toMatchObject({
      status: 'closed',
      admissibility: 'inadmissible',
      admissibilityMotivation: 'Buiten de klachttermijn van een jaar ingediend.',
      closeReason: 'inadmissible',
      decision: null,
    });
    const told = await open(mo, await latestCard(mo, reference, 'inadmissible'));
    expect(text(told)).toContain('Buiten de klachttermijn van een jaar ingediend.');
    expect(verbsOf(told)).not.toContain('kb_object');
  });

  it('a tip is noted by the category owner and closed; it has no assessment', async () => {
    const reference = await report(mo, 'Tip: zet de openingstijden op de website.', {
      kind: 'feedback',
    });
    expect((await load(reference)).kind).toBe('feedback');
    const card = await handlerCard(piet, reference, 1);
    const verbs = verbsOf(card);
    expect(verbs).toContain('kb_note_feedback');
    for (const assessment of [
      'kb_declare_founded',
      'kb_declare_unfounded',
      'kb_extend_deadline',
      'kb_declare_inadmissible',
    ]) {
      expect(verbs).not.toContain(assessment);
    }
    await execute(piet, 'kb_note_feedback', actionOf(card, 'kb_note_feedback').data);
    expect(await load(reference)).toMatchObject({
      status: 'closed',
      kind: 'feedback',
      closeReason: 'noted',
    });
    // The sender hears it was noted.
    await latestCard(mo, reference, 'tip_noted');
  });

  it('an agreed solution: the term passes, the handler is asked, and only after the fix the satisfaction question', async () => {
    const reference = await report(mo, 'De cv-ketel is nog steeds niet gerepareerd.');
    let card = await handlerCard(piet, reference, 1);
    card = await execute(piet, 'kb_declare_founded', actionOf(card, 'kb_declare_founded').data);
    expect((await load(reference)).status).toBe('in_treatment');
    const term = today();
    card = await act(piet, card, 'kb_agree_solution', {
      solution: 'Monteur vervangt de pomp.',
      termOn: term,
      complainantAgreed: 'true',
      'party.name': 'Jan Monteur',
      'party.organisation': 'Installatiebedrijf Warmte BV',
      'party.contact': 'jan@warmte.example',
    });
    expect(await load(reference)).toMatchObject({
      agreedSolution: 'Monteur vervangt de pomp.',
      agreedTermOn: term,
      complainantAgreed: true,
      remediationParty: {
        name: 'Jan Monteur',
        organisation: 'Installatiebedrijf Warmte BV',
        contact: 'jan@warmte.example',
      },
    });
    // The resolution is written while the fix is still pending.
    card = await act(piet, card, 'kb_record_resolution', {
      resolution: 'Pomp besteld en afspraak gemaakt.',
      cause: 'incidental',
      correctiveMeasure: 'Reparatie ingepland.',
    });
    const resolved = await load(reference);
    expect(resolved).toMatchObject({ status: 'resolved', reactionDue: null, fixDoneAt: null });

    // The outcome reached the reporter, without the accept/object question.
    const outcome = await open(mo, await latestCard(mo, reference, 'outcome'));
    expect(text(outcome)).toContain('Pomp besteld en afspraak gemaakt.');
    expect(verbsOf(outcome)).not.toContain('kb_accept');
    expect(verbsOf(outcome)).not.toContain('kb_object');
    // Nor can the reporter accept anyway: refused, nothing changes.
    const refused = await execute(mo, 'kb_accept', actionOf(outcome, 'kb_refresh').data);
    expect(verbsOf(refused)).not.toContain('kb_accept');
    expect((await load(reference)).status).toBe('resolved');
    await outboxIdle();
    expect(cardsOf(mo, reference, 'satisfaction_question')).toHaveLength(0);

    // On the term itself nobody is asked; the next working day the handler is.
    await dailyJobOn(term);
    expect((await outboxOf(resolved.id)).map((m) => m.kind)).not.toContain('agreed_term_due');
    await dailyJobOn(calendar().addWorkingDays(term, 1));
    const asked = (await outboxOf(resolved.id)).filter((m) => m.kind === 'agreed_term_due');
    expect(asked.map((m) => m.person)).toEqual(['piet']);
    const question = await open(piet, await latestCard(piet, reference, 'agreed_term_due'));
    expect(verbsOf(question)).toEqual(['kb_report_fix_done']);
    expect(text(question)).toContain('Jan Monteur (Installatiebedrijf Warmte BV)');
    expect(text(question)).toContain(formatLocalDate('nl', term));
    // Still no satisfaction question for the reporter.
    await outboxIdle();
    expect(cardsOf(mo, reference, 'satisfaction_question')).toHaveLength(0);

    // The handler reports the fix done from the question itself.
    await act(piet, question, 'kb_report_fix_done', { note: 'Pomp vervangen.' });
    const done = await load(reference);
    expect(done.fixDoneAt).not.toBeNull();
    expect(done.reactionDue).not.toBeNull();
    // Now the reporter is asked.
    const satisfaction = await open(mo, await latestCard(mo, reference, 'satisfaction_question'));
    expect(verbsOf(satisfaction)).toEqual(expect.arrayContaining(['kb_accept', 'kb_object']));
    await execute(mo, 'kb_accept', actionOf(satisfaction, 'kb_accept').data);
    expect(await load(reference)).toMatchObject({ status: 'closed', closeReason: 'accepted' });
  });

  it('an extension keeps the original deadline and tells the reporter the new date', async () => {
    const reference = await report(mo, 'Complexe klacht over de oplevering.');
    const registered = await load(reference);
    const card = await handlerCard(piet, reference, 1);
    const after = await act(piet, card, 'kb_extend_deadline', {
      newDueOn: '2099-12-31',
      reason: 'Expertise van de leverancier nodig.',
    });
    expect(await load(reference)).toMatchObject({
      extensionCount: 1,
      resolutionDue: '2099-12-31',
      originalResolutionDue: registered.resolutionDue,
      extensionReason: 'Expertise van de leverancier nodig.',
    });
    const told = await open(mo, await latestCard(mo, reference, 'deadline_extended'));
    expect(text(told)).toContain(formatLocalDate('nl', '2099-12-31'));
    expect(text(told)).toContain('Expertise van de leverancier nodig.');
    // Once is the rule: the button is gone, the assessment is still there.
    expect(verbsOf(after)).toContain('kb_declare_founded');
    expect(verbsOf(after)).not.toContain('kb_extend_deadline');
    const live = await handlerCard(piet, reference, registered.version + 1);
    expect(verbsOf(live)).not.toContain('kb_extend_deadline');

    // Resolved: compliance is measured against both the extended and the original deadline.
    const founded = await execute(
      piet,
      'kb_declare_founded',
      actionOf(live, 'kb_declare_founded').data,
    );
    expect((await load(reference)).status).toBe('in_treatment');
    await act(piet, founded, 'kb_record_resolution', {
      resolution: 'Leverancier vervangt het onderdeel.',
      cause: 'structural',
      correctiveMeasure: 'Onderdeel besteld.',
    });
    expect((await load(reference)).status).toBe('resolved');
    jobs ??= await jobDepsFor(h.service.database);
    const window = { year: Number(today().slice(0, 4)), asOf: today() };
    const row = (await jobs.digest.register(window)).find((r) => r.reference === reference);
    expect(row).toMatchObject({
      originalResolutionDue: registered.resolutionDue,
      met: { resolution: 'yes', resolution_original: 'yes' },
    });
    const figures = await jobs.digest.yearFigures(window);
    const milestones = figures.compliance.map((c) => c.milestone);
    expect(milestones).toEqual(expect.arrayContaining(['resolution', 'resolution_original']));
  });

  it('a director is refused on an objection to their own decision; the quality adviser decides, through the committee', async () => {
    // Formal: goes to the director (seed 002).
    const reference = await report(mo, 'Formele klacht over de aanbesteding.', {
      formality: 'formal',
    });
    expect(await load(reference)).toMatchObject({ formality: 'formal', handlerId: 'dirk' });
    const dirkCard = await handlerCard(dirk, reference, 1);
    await act(dirk, dirkCard, 'kb_declare_unfounded', { motivation: 'Procedure correct gevolgd.' });
    const rejected = await load(reference);
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'dirk' });

    const outcome = await open(mo, await latestCard(mo, reference, 'outcome'));
    await act(mo, outcome, 'kb_object', { reason: 'De procedure is niet gevolgd.' });
    const objected = await load(reference);
    expect(objected.status).toBe('objected');
    expect(objected.objectionDue).toBe(
      calendar().addWorkingDays(today(), h.service.org.deadlines.objection),
    );
    const due = objected.objectionDue as string;
    // Not escalated on its last day; escalated on the next working day, to the quality adviser.
    const escalations = async () =>
      (await outboxOf(objected.id)).filter(
        (m) => m.kind === 'escalation' && m.payload.milestone === 'objection',
      );
    await dailyJobOn(due);
    expect(await escalations()).toEqual([]);
    await dailyJobOn(calendar().addWorkingDays(due, 1));
    expect((await escalations()).map((m) => m.person)).toEqual(['kim']);
    const escalated = await open(kim, await latestCard(kim, reference, 'escalation'));
    expect(text(escalated)).toContain('Termijn verstreken');
    expect(text(escalated)).toContain('Besluit op het bezwaar');
    expect(text(escalated)).toContain(formatLocalDate('nl', due));
    expect(verbsOf(escalated)).toEqual([]);

    // The quality adviser is asked to decide, not the director.
    const kimCard = await open(kim, await latestCard(kim, reference, 'objection'));
    expect(verbsOf(kimCard)).toEqual(
      expect.arrayContaining(['kb_refer_to_committee', 'kb_record_final_outcome']),
    );
    await outboxIdle();
    expect(cardsOf(dirk, reference, 'objection')).toHaveLength(0);

    // The director uses the adviser's buttons anyway: refused as a conflict of interest.
    const conflict = 'belangenverstrengeling';
    const refer = await execute(dirk, 'kb_refer_to_committee', {
      ...actionOf(kimCard, 'kb_refer_to_committee').data,
    });
    expect(text(refer)).toContain(conflict);
    const final = await execute(dirk, 'kb_record_final_outcome', {
      ...actionOf(kimCard, 'kb_record_final_outcome').data,
      submit: true,
      outcome: 'Bezwaar ongegrond.',
    });
    expect(text(final)).toContain(conflict);
    const unchanged = await load(reference);
    expect(unchanged).toMatchObject({
      status: 'objected',
      version: objected.version,
      referredToCommittee: false,
      finalOutcome: null,
    });
    const refused = (await repo().listAudit(objected.id)).filter((a) => a.outcome === 'refused');
    expect(refused).toEqual([
      expect.objectContaining({
        actorId: 'dirk',
        action: 'refer_to_committee',
        metadata: { code: 'complaint.conflict_of_interest' },
      }),
      expect.objectContaining({
        actorId: 'dirk',
        action: 'record_final_outcome',
        metadata: { code: 'complaint.conflict_of_interest' },
      }),
    ]);

    // The quality adviser refers it and records the committee's verdict.
    const referred = await execute(
      kim,
      'kb_refer_to_committee',
      actionOf(kimCard, 'kb_refer_to_committee').data,
    );
    expect((await load(reference)).referredToCommittee).toBe(true);
    expect(verbsOf(referred)).not.toContain('kb_record_final_outcome');
    await act(kim, referred, 'kb_record_committee_verdict', {
      verdict: 'partly_founded',
      verdictOn: '2020-01-10',
      binding: 'true',
      followUp: 'Aanbestedingsprocedure herzien.',
    });
    expect(await load(reference)).toMatchObject({
      status: 'closed',
      closeReason: 'committee_verdict',
      committeeVerdict: 'partly_founded',
      committeeVerdictOn: '2020-01-10',
      committeeBinding: true,
      committeeFollowUp: 'Aanbestedingsprocedure herzien.',
    });
    const verdict = await open(mo, await latestCard(mo, reference, 'committee_verdict'));
    expect(text(verdict)).toContain('Geschillencommissie Test');
    expect(text(verdict)).toContain('Aanbestedingsprocedure herzien.');
  });

  it("a behaviour complaint: the director's private note is seen by the director only", async () => {
    const reference = await report(mo, 'Collega Piet was onbeleefd tegen een klant.', {
      concernsEmployee: 'true',
      subjectPersonId: 'piet',
    });
    const complaint = await load(reference);
    expect(complaint).toMatchObject({
      concernsEmployee: true,
      subjectPersonId: 'piet',
      handlerId: 'dirk',
    });
    const note = 'GEHEIM: gesprek gevoerd, afspraken over klantcontact vastgelegd.';
    const card = await handlerCard(dirk, reference, 1);
    await act(dirk, card, 'kb_record_private_note', { note });
    const noted = await load(reference);
    expect(noted.version).toBe(complaint.version + 1);
    const audit = await repo().listAudit(complaint.id);
    expect(JSON.stringify(audit)).not.toContain('GEHEIM');
    expect(audit.at(-1)).toMatchObject({
      actorId: 'dirk',
      action: 'record_private_note',
      outcome: 'done',
      metadata: { note: true },
    });
    // The director's live card after the note (composed for the director) went out too.
    await handlerCard(dirk, reference, noted.version);

    // Only the director's detail view shows it.
    const shows = async (user: TeamsUser) => text(await say(user, `open ${reference}`));
    const directorsAnswer = await reply(dirk, `open ${reference}`);
    expect(text(cardOf(directorsAnswer))).toContain(note);
    // The reporter sees the complaint, without the note; the others do not see it at all.
    const reporters = await shows(mo);
    expect(reporters).toContain('Collega Piet was onbeleefd');
    expect(reporters).not.toContain('GEHEIM');
    for (const user of [kim, piet, hanna]) {
      const answer = await shows(user);
      expect(answer, user.id).not.toContain('GEHEIM');
      expect(answer, user.id).not.toContain('onbeleefd');
    }
    // Nor in the reporter's cards or lists.
    const ack = await open(mo, await latestCard(mo, reference, 'acknowledgement'));
    expect(text(ack)).not.toContain('GEHEIM');
    expect(text(await say(mo, 'mijn klachten'))).not.toContain('GEHEIM');
    // Nothing the bot sent through the connector carries it but the director's detail answer.
    await outboxIdle();
    const sent = h.connector.calls.filter((c) => JSON.stringify(c.body).includes('GEHEIM'));
    expect(sent).toEqual([directorsAnswer]);
  });
});
