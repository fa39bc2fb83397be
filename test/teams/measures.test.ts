import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import type { Measure } from '../../src/app/ports.js';
import type { Complaint } from '../../src/domain/complaint.js';
import {
  executeActivity,
  messageActivity,
  TEAMS_USERS,
  type TeamsUser,
} from '../fakes/teams-activities.js';
import type { ConnectorCall } from '../fakes/teams-connector.js';
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
 * A measure's whole lifecycle over HTTP on Teams (issue 13), through the real teams-ai app
 * and a fake Bot Connector: created with a complaint's resolution (an organisation-wide
 * improvement) or with `maatregel`, marked implemented by its owner with evidence, the review
 * reminder on its working day, judged not effective (the follow-up form takes the review's
 * place) and effective (closed); `verbeterregister` for the quality adviser, the director and
 * an owner (own only), and a reporter refused. The same scenario as test/slack/measures.test.ts.
 */
const { mo, kim, piet, dirk, hanna } = TEAMS_USERS;

let h: TeamsHarness;
const opts = () => ({ serviceUrl: h.connector.url });

beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h?.stop();
});

const repo = () => h.service.deps.store.repository;
const calendar = () => h.service.deps.calendar;
const today = () => calendar().localDate(new Date());
const measure = async (id: string) => (await repo().findMeasure(id)) as Measure;
const text = (card: Card) => textsOf(card).join(' ');
/** The ids of the chat messages the bot replied to (a reply is posted to that id). */
const replies = new Set<string>();

let jobs: JobDeps & { clock: FixedClock };
/** The daily job on another day against the service's database; its messages made due now. */
async function dailyJobOn(date: string) {
  jobs ??= await jobDepsFor(h.service.database);
  jobs.clock.set(nineAm(date));
  await runDailyJob(jobs, date);
  await h.service.database.db.execute(
    sql`update outbox set next_attempt_at = now() where status = 'pending'`,
  );
}

async function outboxOf(kind: string, measureId: string) {
  const result = await h.service.database.db.execute(
    sql`select recipient_person_id as person from outbox
        where kind = ${kind} and payload->>'measureId' = ${measureId} order by id`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    person: string | null;
  }[];
  return rows.map((r) => r.person);
}

/** The working day before `date`. */
function workingDayBefore(date: string): string {
  let day = new Date(`${date}T12:00:00Z`);
  do {
    day = new Date(day.getTime() - 86_400_000);
  } while (!calendar().isWorkingDay(day.toISOString().slice(0, 10)));
  return day.toISOString().slice(0, 10);
}

/** The bot's reply (a card) to a chat message. */
async function say(user: TeamsUser, words: string): Promise<Card> {
  const id = randomUUID();
  replies.add(id);
  const res = await h.post(messageActivity(user, words, { ...opts(), id }));
  expect(res.status).toBe(200);
  const call = await waitFor(
    () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
    `reply to ${words}`,
  );
  return cardOf(call);
}

/** An Action.Execute; returns the card of the invoke response. */
async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const res = await h.post(executeActivity(user, verb, data, opts()));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  return body.value;
}

/** Opens the form behind a card's button and submits it with these values. */
async function act(user: TeamsUser, card: Card, verb: string, values: Record<string, string>) {
  const form = await execute(user, verb, actionOf(card, verb).data);
  return submitForm(user, form, verb, values);
}

/** Submits an inline form card with these values. */
function submitForm(user: TeamsUser, form: Card, verb: string, values: Record<string, string>) {
  const submit = actionOf(form, verb);
  expect(submit.data.submit).toBe(true);
  return execute(user, verb, { ...submit.data, ...values });
}

/** The measure ids a register card offers to open. */
function listed(card: Card): string[] {
  const actions = (card.actions as { verb?: string; data?: { measureId?: string } }[]) ?? [];
  return actions.filter((a) => a.verb === 'kb_m_open').map((a) => a.data?.measureId ?? '');
}

const openMeasure = (user: TeamsUser, id: string) => execute(user, 'kb_m_open', { measureId: id });

async function report(user: TeamsUser, description: string) {
  const form = await say(user, 'klacht');
  const done = await execute(user, 'kb_report', {
    ...actionOf(form, 'kb_report').data,
    description,
    categoryKey: 'dienstverlening',
  });
  const reference = /KL-\d{4}-\d{4}/.exec(text(done))?.[0];
  if (!reference) throw new Error(`no reference in ${text(done)}`);
  return reference;
}

/** The handler's live card of a complaint, opened (the refresh Teams would fetch). */
async function handlerCard(user: TeamsUser, reference: string): Promise<Card> {
  const base = await waitFor(() => {
    const calls = h.connector
      .delivered()
      .filter((c) => textsOf(c.body).some((t) => t.includes(reference)))
      .map(cardOf)
      .filter((card) => {
        const refresh = card.refresh as
          | { userIds?: string[]; action: { data: { kind?: string } } }
          | undefined;
        return (
          refresh?.action.data.kind === 'handler_card' &&
          (refresh.userIds ?? []).some((u) => u === user.mri || u.endsWith(user.aadObjectId))
        );
      });
    return calls.at(-1);
  }, `handler card of ${reference}`);
  return execute(user, 'kb_refresh', actionOf(base, 'kb_refresh').data);
}

/**
 * A card the bot sent on its own (the outbox, not a reply to a chat message) with this text;
 * who it was for is checked on the outbox rows.
 */
function sentWith(words: string): Promise<ConnectorCall> {
  return waitFor(
    () =>
      h.connector
        .delivered()
        .find(
          (c) => !replies.has(c.activityId ?? '') && textsOf(c.body).some((t) => t.includes(words)),
        ),
    `a card with "${words}"`,
    30_000,
  );
}

describe('Teams: a measure from plan to effective', () => {
  let fromComplaint: string;
  let fromReview: string;
  let reminder: Card;

  it('a resolution with an organisation-wide improvement creates a planned measure for its owner', async () => {
    const reference = await report(mo, 'De planning van de oplevering klopte weer niet.');
    let card = await handlerCard(piet, reference);
    card = await execute(piet, 'kb_declare_founded', actionOf(card, 'kb_declare_founded').data);
    const due = calendar().addWorkingDays(today(), 20);
    await act(piet, card, 'kb_record_resolution', {
      resolution: 'Nieuwe planning gemaakt met de klant.',
      cause: 'structural',
      correctiveMeasure: 'Planning herzien.',
      'improvement.description': 'Planningsoverleg elke maandag met alle projectleiders.',
      'improvement.ownerId': 'hanna',
      'improvement.dueOn': due,
    });
    const complaint = (await repo().findComplaint(reference)) as Complaint;
    const created = (await repo().listMeasures(complaint.id)).find(
      (m) => m.scope === 'organisation',
    );
    expect(created).toMatchObject({
      origin: 'complaint',
      ownerId: 'hanna',
      dueOn: due,
      status: 'open',
      reviewDueOn: null,
    });
    fromComplaint = created!.id;
  });

  it('maatregel: the quality adviser records a measure from the trend review; a reporter is refused', async () => {
    const refused = await say(mo, 'maatregel');
    expect(text(refused)).toContain('kwaliteitsadviseur en de directie');
    expect(verbsOf(refused)).toEqual([]);

    const form = await say(kim, 'maatregel');
    expect(verbsOf(form)).toContain('kb_m_new');
    // Required fields left empty (a client that skips its own checks): reasons at the fields.
    const again = await submitForm(kim, form, 'kb_m_new', { description: 'Iets' });
    expect(verbsOf(again)).toContain('kb_m_new');
    expect(text(again)).toContain('Vul dit veld in.');
    const created = await submitForm(kim, form, 'kb_m_new', {
      origin: 'trend_review',
      scope: 'organisation',
      type: 'preventive',
      description: 'Klachten over planning per kwartaal bespreken in het MT.',
      ownerId: 'piet',
      dueOn: calendar().addWorkingDays(today(), 30),
    });
    expect(text(created)).toContain('Piet Projectleider');
    expect(text(created)).toContain('Trendanalyse');
    const row = (await repo().listAllMeasures({ ownerId: 'piet' })).find(
      (m) => m.origin === 'trend_review',
    );
    expect(row).toMatchObject({ complaintId: null, status: 'open', createdBy: 'kim' });
    fromReview = row!.id;
    // Its owner hears of it, with the button to report it implemented.
    expect(await outboxOf('measure_created', fromReview)).toEqual(['piet']);
    const told = cardOf(await sentWith('Klachten over planning per kwartaal'));
    expect(verbsOf(told)).toEqual(['kb_m_implement_measure']);
  });

  it('verbeterregister: the quality adviser and the director see every measure, an owner only their own, a reporter nothing', async () => {
    for (const user of [kim, dirk]) {
      const ids = listed(await say(user, 'verbeterregister'));
      expect(ids).toEqual(expect.arrayContaining([fromComplaint, fromReview]));
    }
    const own = await say(hanna, 'maatregelen');
    expect(listed(own)).toEqual([fromComplaint]);
    expect(text(own)).toContain('Planningsoverleg');
    const refused = await say(mo, 'verbeterregister');
    expect(listed(refused)).toEqual([]);
    expect(text(refused)).toContain('eigenaren van een maatregel');
    // Asked in a channel, where everyone would read it: only in the 1:1 chat.
    const id = randomUUID();
    replies.add(id);
    const activity = messageActivity(kim, 'verbeterregister', { ...opts(), id });
    const res = await h.post({
      ...activity,
      conversation: {
        ...activity.conversation,
        id: '19:team@thread.tacv2',
        conversationType: 'channel',
        isGroup: true,
      },
    });
    expect(res.status).toBe(200);
    const inChannel = cardOf(
      await waitFor(
        () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
        'the answer in the channel',
      ),
    );
    expect(text(inChannel)).toContain('privégesprek');
    expect(text(inChannel)).not.toContain('Planningsoverleg');
    expect(listed(inChannel)).toEqual([]);

    // Someone else's measure by a forged action: not found, nothing shown.
    const forged = await openMeasure(hanna, fromReview);
    expect(text(forged)).not.toContain('Klachten over planning');
    expect(verbsOf(forged)).toEqual([]);
  });

  it('the owner marks it implemented with evidence; the review reminder fires on its working day only', async () => {
    const card = await openMeasure(hanna, fromComplaint);
    expect(text(card)).toContain('Planningsoverleg');
    expect(verbsOf(card)).toEqual(['kb_m_implement_measure']);
    expect(verbsOf(await openMeasure(kim, fromComplaint))).not.toContain('kb_m_review_measure');

    const done = await act(hanna, card, 'kb_m_implement_measure', {
      evidence: 'Overleg staat wekelijks in de agenda; notulen van 3 weken.',
    });
    expect(text(done)).toContain('Vastgelegd');
    expect(text(done)).toContain('Uitgevoerd');
    const reviewDue = calendar().addWorkingDays(
      today(),
      h.service.deps.measures?.reviewAfter ?? 40,
    );
    expect(await measure(fromComplaint)).toMatchObject({
      status: 'implemented',
      evidence: 'Overleg staat wekelijks in de agenda; notulen van 3 weken.',
      reviewDueOn: reviewDue,
    });
    expect(verbsOf(done)).toEqual([]);

    await dailyJobOn(workingDayBefore(reviewDue));
    expect(await outboxOf('measure_review_due', fromComplaint)).toEqual([]);
    await dailyJobOn(reviewDue);
    expect(await outboxOf('measure_review_due', fromComplaint)).toEqual(['kim']);
    await dailyJobOn(reviewDue);
    expect(await outboxOf('measure_review_due', fromComplaint)).toEqual(['kim']);
    reminder = cardOf(await sentWith('Beoordeel de effectiviteit'));
    expect(text(reminder)).toContain('Planningsoverleg');
    expect(verbsOf(reminder)).toEqual(['kb_m_review_measure']);
  });

  it('judged not effective: the follow-up form takes its place; the follow-up, implemented and judged effective, is closed', async () => {
    // The owner may not judge their own measure.
    const forged = await execute(hanna, 'kb_m_review_measure', { measureId: fromComplaint });
    expect(text(forged)).toContain('niet uitvoeren');
    expect(verbsOf(forged)).toEqual([]);

    const followUpForm = await act(kim, reminder, 'kb_m_review_measure', {
      effective: 'false',
      note: 'Nog steeds klachten over planning in het laatste kwartaal.',
    });
    expect(await measure(fromComplaint)).toMatchObject({
      status: 'not_effective',
      effective: false,
      reviewedBy: 'kim',
    });
    expect(await outboxOf('measure_not_effective', fromComplaint)).toEqual(['hanna']);
    // The follow-up form: no origin (it takes the original's), submitted as kb_m_new.
    expect(verbsOf(followUpForm)).toContain('kb_m_new');
    expect(JSON.stringify(followUpForm)).not.toContain('"id":"origin"');
    const followUpCard = await submitForm(kim, followUpForm, 'kb_m_new', {
      scope: 'organisation',
      type: 'corrective',
      description: 'Planning per project in één gedeeld bord, dagelijks bijgewerkt.',
      ownerId: 'hanna',
      dueOn: calendar().addWorkingDays(today(), 10),
    });
    expect(text(followUpCard)).toContain('Vastgelegd');
    const original = await measure(fromComplaint);
    const followUp = (await repo().listMeasures(original.complaintId as string)).find(
      (m) => m.followUpOf === fromComplaint,
    );
    expect(followUp).toMatchObject({ origin: 'complaint', ownerId: 'hanna', status: 'open' });
    const id = followUp!.id;
    expect(verbsOf(await openMeasure(kim, fromComplaint))).toEqual([]);

    await act(hanna, await openMeasure(hanna, id), 'kb_m_implement_measure', {
      evidence: 'Bord in gebruik sinds maandag.',
    });
    expect((await measure(id)).status).toBe('implemented');
    const closed = await act(kim, await openMeasure(kim, id), 'kb_m_review_measure', {
      effective: 'true',
      note: 'Geen planningsklachten meer sinds het bord.',
    });
    expect(text(closed)).toContain('effectief en afgesloten');
    expect(verbsOf(closed)).toEqual([]);
    expect(await measure(id)).toMatchObject({ status: 'effective', effective: true });
    const seen = await openMeasure(dirk, id);
    expect(text(seen)).toContain('Geen planningsklachten meer');
    expect(text(seen)).toContain('Ja, effectief');
  });
  it('a measure judged not effective and not followed up keeps asking: the follow-up button on its card', async () => {
    await act(piet, await openMeasure(piet, fromReview), 'kb_m_implement_measure', {
      evidence: 'Besproken in het MT van mei.',
    });
    // The quality adviser judges it and leaves the follow-up form unanswered.
    const followUpForm = await act(kim, await openMeasure(kim, fromReview), 'kb_m_review_measure', {
      effective: 'false',
      note: 'Het MT besprak het, maar er volgde niets.',
    });
    expect(verbsOf(followUpForm)).toContain('kb_m_new');
    expect((await measure(fromReview)).status).toBe('not_effective');

    for (const user of [kim, dirk]) {
      const card = await openMeasure(user, fromReview);
      expect(verbsOf(card)).toEqual(['kb_m_follow_up']);
      expect(text(card)).toContain('vervolgmaatregel');
    }
    expect(verbsOf(await openMeasure(piet, fromReview))).toEqual([]);
    const forged = await execute(piet, 'kb_m_follow_up', { measureId: fromReview });
    expect(verbsOf(forged)).toEqual([]);
    expect(text(forged)).toContain('niet uitvoeren');

    const form = await execute(dirk, 'kb_m_follow_up', { measureId: fromReview });
    const created = await submitForm(dirk, form, 'kb_m_new', {
      scope: 'organisation',
      type: 'preventive',
      description: 'Elk kwartaal een actiepunt met eigenaar uit de trendanalyse.',
      ownerId: 'kim',
      dueOn: calendar().addWorkingDays(today(), 15),
    });
    expect(text(created)).toContain('Vastgelegd');
    const followUp = (await repo().listAllMeasures({ ownerId: 'kim' })).find(
      (m) => m.followUpOf === fromReview,
    );
    expect(followUp).toMatchObject({
      origin: 'trend_review',
      complaintId: null,
      createdBy: 'dirk',
    });
    expect(verbsOf(await openMeasure(kim, fromReview))).toEqual([]);
  });
});
