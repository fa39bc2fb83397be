import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import type { Measure } from '../../src/app/ports.js';
import { input, type OpenedView, type SlackUserRef } from '../fakes/slack-client.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { jobDepsFor, nineAm } from '../jobs/support.js';
import type { FixedClock } from '../support/databases.js';
import {
  buttonValue,
  type Harness,
  openedViewAfter,
  startHarness,
  textOf,
  USERS,
} from './harness.js';

/**
 * A measure's whole lifecycle over HTTP on Slack (issue 13): created with a complaint's
 * resolution (an organisation-wide improvement) or with `/klacht maatregel`, marked
 * implemented by its owner with evidence, the review reminder on its working day, judged not
 * effective (the follow-up form opens at once) and effective (closed); the verbeterregister
 * for the quality adviser, the director and an owner (own only), and a reporter refused.
 */
describe('Slack: a measure from plan to effective', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const repo = () => h.service.deps.store.repository;
  const calendar = () => h.service.deps.calendar;
  const today = () => calendar().localDate(new Date());

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
      sql`select recipient_person_id as person, payload from outbox
          where kind = ${kind} and payload->>'measureId' = ${measureId} order by id`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      person: string | null;
    }[];
    return rows.map((r) => r.person);
  }

  /** Polls until the probe answers (the outbox and the listeners run on their own). */
  async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string) {
    const end = Date.now() + 30_000;
    while (Date.now() < end) {
      const found = await probe();
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const measure = async (id: string) => (await repo().findMeasure(id)) as Measure;
  const becomes = (id: string, test: (m: Measure) => boolean) =>
    until(async () => {
      const m = await measure(id);
      return m && test(m) ? m : undefined;
    }, `measure ${id} in the expected state`);

  /** The working day before `date`. */
  function workingDayBefore(date: string): string {
    let day = new Date(`${date}T12:00:00Z`);
    do {
      day = new Date(day.getTime() - 86_400_000);
    } while (!calendar().isWorkingDay(day.toISOString().slice(0, 10)));
    return day.toISOString().slice(0, 10);
  }

  const responses = () => h.fake.calls.filter((c) => c.method.startsWith('/response/'));

  /** A `/klacht` command; its private answer (through the response_url). */
  async function ask(user: SlackUserRef, text: string): Promise<SlackCall> {
    const before = responses().length;
    expect((await h.slack.command(user, text)).status).toBe(200);
    return h.fake.waitFor(() => responses()[before]);
  }

  /** Clicks a button; the private answer it gives (response_url). */
  async function clickFor(user: SlackUserRef, actionId: string, value: string) {
    const before = responses().length;
    expect((await h.slack.click(user, { action_id: actionId, value })).status).toBe(200);
    return h.fake.waitFor(() => responses()[before]);
  }

  /** The measure ids the Open buttons of a register answer point at. */
  function listed(call: SlackCall): string[] {
    const blocks = (call.args.blocks ?? []) as {
      accessory?: { action_id?: string; value?: string };
    }[];
    return blocks
      .filter((b) => b.accessory?.action_id === 'kb_m_open')
      .map((b) => (JSON.parse(b.accessory?.value ?? '{}') as { m: string }).m);
  }

  /** Opens a measure from the register and returns its card (the private answer). */
  async function openMeasure(user: SlackUserRef, id: string) {
    return clickFor(user, 'kb_m_open', JSON.stringify({ m: id }));
  }

  /** Clicks a measure card's button that opens a form; the opened modal. */
  async function openForm(user: SlackUserRef, card: SlackCall, actionId: string) {
    const value = buttonValue(card, actionId);
    expect(value, `${actionId} on ${textOf(card)}`).toBeDefined();
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.click(user, { action_id: actionId, value })).status).toBe(200);
    return openedViewAfter(h.fake, opened);
  }

  async function submit(
    user: SlackUserRef,
    view: OpenedView,
    values: Parameters<typeof h.slack.submit>[2],
  ) {
    const res = await h.slack.submit(user, view, values);
    expect(res.status).toBe(200);
    return res.json as { response_action?: string; view?: OpenedView; errors?: object } | null;
  }

  const buttons = (call: SlackCall) =>
    (JSON.stringify(call.args).match(/"action_id":"(kb_m_[a-z_]+)"/g) ?? []).map((id) =>
      id.slice('"action_id":"'.length, -1),
    );

  async function report(user: SlackUserRef, text: string) {
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.command(user, text)).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(user, view, {
      description: input.text(text),
      categoryKey: input.option('dienstverlening'),
    });
    const reference = /KL-\d{4}-\d{4}/.exec(JSON.stringify(res.json))?.[0];
    if (!reference) throw new Error(`no reference in ${res.text}`);
    return reference;
  }

  /** The newest button with this action id of this complaint on a user's DMs. */
  function complaintButton(user: SlackUserRef, actionId: string, reference: string) {
    return h.fake.waitFor(() => {
      for (const call of [...h.fake.messagesTo(user.id)].reverse()) {
        const value = buttonValue(call, actionId);
        if (value && (JSON.parse(value) as { r: string }).r === reference) return value;
      }
      return undefined;
    }, 30_000);
  }

  let fromComplaint: string;
  let followUp: string;
  let fromReview: string;
  let reminder: SlackCall;

  it('a resolution with an organisation-wide improvement creates a planned measure for its owner', async () => {
    const reference = await report(USERS.mo, 'De planning van de oplevering klopte weer niet.');
    const founded = await complaintButton(USERS.piet, 'kb_declare_founded', reference);
    await h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value: founded });
    const complaint = await until(async () => {
      const c = await repo().findComplaint(reference);
      return c?.status === 'in_treatment' ? c : undefined;
    }, 'the complaint in treatment');
    const resolve = await h.fake.waitFor(() => {
      for (const call of [...h.fake.messagesTo(USERS.piet.id)].reverse()) {
        const value = buttonValue(call, 'kb_record_resolution');
        if (value && (JSON.parse(value) as { r: string; v: number }).r === reference) return value;
      }
      return undefined;
    }, 30_000);
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.click(USERS.piet, { action_id: 'kb_record_resolution', value: resolve });
    const view = await openedViewAfter(h.fake, opened);
    const due = calendar().addWorkingDays(today(), 20);
    await submit(USERS.piet, view, {
      resolution: input.text('Nieuwe planning gemaakt met de klant.'),
      cause: input.radio('structural'),
      correctiveMeasure: input.text('Planning herzien.'),
      'improvement.description': input.text(
        'Planningsoverleg elke maandag met alle projectleiders.',
      ),
      'improvement.ownerId': input.user(USERS.hanna.id),
      'improvement.dueOn': input.date(due),
    });
    // The corrective measure is the client's; the improvement is organisation-wide.
    const created = await until(async () => {
      const list = await repo().listMeasures(complaint.id);
      return list.find((m) => m.scope === 'organisation');
    }, 'the improvement measure');
    fromComplaint = created.id;
    expect(await measure(fromComplaint)).toMatchObject({
      complaintId: complaint.id,
      origin: 'complaint',
      scope: 'organisation',
      ownerId: 'hanna',
      dueOn: due,
      status: 'open',
      reviewDueOn: null,
    });
  });

  it('/klacht maatregel: the quality adviser records a measure from the trend review; a reporter is refused', async () => {
    // A reporter: told privately, no modal.
    const opened = h.fake.callsOf('views.open').length;
    const refused = await ask(USERS.mo, 'maatregel');
    expect(textOf(refused)).toContain('kwaliteitsadviseur en de directie');
    expect(h.fake.callsOf('views.open')).toHaveLength(opened);

    expect((await h.slack.command(USERS.kim, 'maatregel')).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    expect(view.callback_id).toBe('kb_new_measure_form');
    // Required fields left empty: the reasons at the fields, nothing recorded.
    const empty = await submit(USERS.kim, view, { description: input.text('Iets') });
    expect(empty?.response_action).toBe('errors');
    expect(Object.keys(empty?.errors ?? {})).toEqual(
      expect.arrayContaining(['origin', 'ownerId', 'dueOn']),
    );
    const done = await submit(USERS.kim, view, {
      origin: input.radio('trend_review'),
      scope: input.radio('organisation'),
      type: input.radio('preventive'),
      description: input.text('Klachten over planning per kwartaal bespreken in het MT.'),
      ownerId: input.user(USERS.piet.id),
      dueOn: input.date(calendar().addWorkingDays(today(), 30)),
    });
    expect(done?.response_action).toBe('update');
    expect(JSON.stringify(done?.view)).toContain('Piet Projectleider');
    const rows = await repo().listAllMeasures({ ownerId: 'piet' });
    const row = rows.find((m) => m.origin === 'trend_review');
    expect(row).toMatchObject({ complaintId: null, status: 'open', createdBy: 'kim' });
    fromReview = row!.id;
    // Its owner hears of it.
    expect(await outboxOf('measure_created', fromReview)).toEqual(['piet']);
  });

  it('the verbeterregister: the quality adviser and the director see every measure, an owner only their own, a reporter nothing', async () => {
    for (const user of [USERS.kim, USERS.dirk]) {
      const ids = listed(await ask(user, 'verbeterregister'));
      expect(ids).toEqual(expect.arrayContaining([fromComplaint, fromReview]));
    }
    const own = await ask(USERS.hanna, 'maatregelen');
    expect(listed(own)).toContain(fromComplaint);
    expect(listed(own)).not.toContain(fromReview);
    expect(textOf(own)).toContain('Planningsoverleg');
    const refused = await ask(USERS.mo, 'verbeterregister');
    expect(listed(refused)).toEqual([]);
    expect(textOf(refused)).toContain('eigenaren van een maatregel');
    // Opening someone else's measure by a forged button: not found, nothing shown.
    const forged = await openMeasure(USERS.hanna, fromReview);
    expect(textOf(forged)).not.toContain('Klachten over planning');
    expect(buttons(forged)).toEqual([]);
  });

  it('the owner marks it implemented with evidence; the review reminder fires on its working day only', async () => {
    const card = await openMeasure(USERS.hanna, fromComplaint);
    expect(textOf(card)).toContain('Planningsoverleg');
    expect(buttons(card)).toEqual(['kb_m_implement_measure']);
    // The quality adviser cannot judge a measure that is not implemented yet.
    expect(buttons(await openMeasure(USERS.kim, fromComplaint))).not.toContain(
      'kb_m_review_measure',
    );

    const view = await openForm(USERS.hanna, card, 'kb_m_implement_measure');
    expect(view.callback_id).toBe('kb_measure_form');
    const done = await submit(USERS.hanna, view, {
      evidence: input.text('Overleg staat wekelijks in de agenda; notulen van 3 weken.'),
    });
    expect(done?.response_action).toBe('update');
    const implemented = await becomes(fromComplaint, (m) => m.status === 'implemented');
    const reviewDue = calendar().addWorkingDays(
      today(),
      h.service.deps.measures?.reviewAfter ?? 40,
    );
    expect(implemented).toMatchObject({
      evidence: 'Overleg staat wekelijks in de agenda; notulen van 3 weken.',
      reviewDueOn: reviewDue,
    });
    // The same form again: the measure moved on, nothing changes.
    const again = await submit(USERS.hanna, view, { evidence: input.text('Nogmaals.') });
    expect(again?.response_action).toBe('update');
    expect((await measure(fromComplaint)).evidence).toContain('notulen');

    // The working day before: no reminder; on the day: the quality adviser is asked.
    await dailyJobOn(workingDayBefore(reviewDue));
    expect(await outboxOf('measure_review_due', fromComplaint)).toEqual([]);
    await dailyJobOn(reviewDue);
    expect(await outboxOf('measure_review_due', fromComplaint)).toEqual(['kim']);
    // A second run that day sends nothing twice.
    await dailyJobOn(reviewDue);
    expect(await outboxOf('measure_review_due', fromComplaint)).toEqual(['kim']);
    // The reminder is the measure's card, with the button to judge it.
    reminder = await h.fake.waitFor(
      () =>
        h.fake
          .messagesTo(USERS.kim.id)
          .find((c) => textOf(c).includes('Beoordeel de effectiviteit')),
      30_000,
    );
    expect(textOf(reminder)).toContain('Planningsoverleg');
    expect(buttons(reminder)).toEqual(['kb_m_review_measure']);
  });

  it('judged not effective: the follow-up form opens at once; the follow-up, implemented and judged effective, is closed', async () => {
    // The owner may not judge their own measure; a forged button is refused.
    expect(buttons(await openMeasure(USERS.hanna, fromComplaint))).toEqual([]);
    const forged = await clickFor(
      USERS.hanna,
      'kb_m_review_measure',
      JSON.stringify({ m: fromComplaint }),
    );
    expect(textOf(forged)).toContain('niet uitvoeren');

    // The quality adviser judges it from the reminder.
    const review = await openForm(USERS.kim, reminder, 'kb_m_review_measure');
    const next = await submit(USERS.kim, review, {
      effective: input.radio('false'),
      note: input.text('Nog steeds klachten over planning in het laatste kwartaal.'),
    });
    expect(await measure(fromComplaint)).toMatchObject({
      status: 'not_effective',
      effective: false,
      reviewedBy: 'kim',
      reviewNote: 'Nog steeds klachten over planning in het laatste kwartaal.',
    });
    // The owner hears it; the reviewer, who gets the follow-up form at once, is not messaged.
    expect(await outboxOf('measure_not_effective', fromComplaint)).toEqual(['hanna']);
    // The follow-up form replaced the review form.
    expect(next?.response_action).toBe('update');
    const form = next?.view as OpenedView;
    expect(form.callback_id).toBe('kb_new_measure_form');
    const blocks = JSON.stringify(form.blocks);
    expect(blocks).not.toContain('"block_id":"origin"');
    await submit(USERS.kim, form, {
      scope: input.radio('organisation'),
      type: input.radio('corrective'),
      description: input.text('Planning per project in één gedeeld bord, dagelijks bijgewerkt.'),
      ownerId: input.user(USERS.hanna.id),
      dueOn: input.date(calendar().addWorkingDays(today(), 10)),
    });
    const original = await measure(fromComplaint);
    const follow = (await repo().listMeasures(original.complaintId as string)).find(
      (m) => m.followUpOf === fromComplaint,
    );
    expect(follow).toMatchObject({ origin: 'complaint', ownerId: 'hanna', status: 'open' });
    followUp = follow!.id;
    // Followed up: no second follow-up button on the original.
    expect(buttons(await openMeasure(USERS.kim, fromComplaint))).toEqual([]);

    // The follow-up's lifecycle: implemented by the owner, judged effective: closed.
    const implement = await openForm(
      USERS.hanna,
      await openMeasure(USERS.hanna, followUp),
      'kb_m_implement_measure',
    );
    await submit(USERS.hanna, implement, {
      evidence: input.text('Bord in gebruik sinds maandag.'),
    });
    await becomes(followUp, (m) => m.status === 'implemented');
    const judge = await openForm(
      USERS.kim,
      await openMeasure(USERS.kim, followUp),
      'kb_m_review_measure',
    );
    const closed = await submit(USERS.kim, judge, {
      effective: input.radio('true'),
      note: input.text('Geen planningsklachten meer sinds het bord.'),
    });
    expect(closed?.response_action).toBe('update');
    expect(JSON.stringify(closed?.view)).toContain('effectief');
    expect(await measure(followUp)).toMatchObject({ status: 'effective', effective: true });
    const last = await openMeasure(USERS.dirk, followUp);
    expect(buttons(last)).toEqual([]);
    expect(textOf(last)).toContain('Geen planningsklachten meer');
    expect(textOf(last)).toContain('Effectief');
  });
  it('a measure judged not effective and not followed up keeps asking: the follow-up button on its card', async () => {
    // The trend review's measure: implemented by its owner, judged not effective; the
    // quality adviser closes the follow-up form without recording one.
    const implement = await openForm(
      USERS.piet,
      await openMeasure(USERS.piet, fromReview),
      'kb_m_implement_measure',
    );
    await submit(USERS.piet, implement, { evidence: input.text('Besproken in het MT van mei.') });
    await becomes(fromReview, (m) => m.status === 'implemented');
    const review = await openForm(
      USERS.kim,
      await openMeasure(USERS.kim, fromReview),
      'kb_m_review_measure',
    );
    await submit(USERS.kim, review, {
      effective: input.radio('false'),
      note: input.text('Het MT besprak het, maar er volgde niets.'),
    });
    await becomes(fromReview, (m) => m.status === 'not_effective');

    // Its card asks the quality adviser and the director for the follow-up; not its owner.
    for (const user of [USERS.kim, USERS.dirk]) {
      const card = await openMeasure(user, fromReview);
      expect(buttons(card)).toEqual(['kb_m_follow_up']);
      expect(textOf(card)).toContain('vervolgmaatregel');
    }
    expect(buttons(await openMeasure(USERS.piet, fromReview))).toEqual([]);
    // The owner forging the button gets no form.
    const opened = h.fake.callsOf('views.open').length;
    const forged = await clickFor(USERS.piet, 'kb_m_follow_up', JSON.stringify({ m: fromReview }));
    expect(textOf(forged)).toContain('niet uitvoeren');
    expect(h.fake.callsOf('views.open')).toHaveLength(opened);

    const form = await openForm(
      USERS.dirk,
      await openMeasure(USERS.dirk, fromReview),
      'kb_m_follow_up',
    );
    expect(form.callback_id).toBe('kb_new_measure_form');
    await submit(USERS.dirk, form, {
      scope: input.radio('organisation'),
      type: input.radio('preventive'),
      description: input.text('Elk kwartaal een actiepunt met eigenaar uit de trendanalyse.'),
      ownerId: input.user(USERS.kim.id),
      dueOn: input.date(calendar().addWorkingDays(today(), 15)),
    });
    const followUp = (await repo().listAllMeasures({ ownerId: 'kim' })).find(
      (m) => m.followUpOf === fromReview,
    );
    expect(followUp).toMatchObject({
      origin: 'trend_review',
      complaintId: null,
      createdBy: 'dirk',
    });
    expect(buttons(await openMeasure(USERS.kim, fromReview))).toEqual([]);
  });
});
