import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
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
 * The second edition of the procedure over HTTP on Slack (issue 12): admissibility, tips,
 * an agreed solution, an extension, objection independence, the committee and the director's
 * private note. The jobs' side (terms passing, overdue objections) is in procedure-jobs.test.ts.
 */
describe('Slack: the whole procedure', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
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
  const calendar = () => h.service.deps.calendar;
  const today = () => calendar().localDate(new Date());

  /**
   * The daily job on another day, against the service's database; what it enqueues is then
   * made due now, so the running service delivers it to the fake Slack.
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
  async function outboxKinds(complaintId: string) {
    const rows = await h.service.database.db.execute(
      sql`select kind, recipient_person_id as person, payload from outbox where complaint_id = ${complaintId} order by id`,
    );
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
      kind: string;
      person: string | null;
      payload: Record<string, unknown>;
    }[];
    return list;
  }
  const load = async (reference: string) => (await repo().findComplaint(reference)) as Complaint;

  /** The newest button with this action id of this complaint (at this version if given). */
  async function button(user: SlackUserRef, actionId: string, reference: string, version?: number) {
    return h.fake.waitFor(() => {
      for (const call of [...h.fake.messagesTo(user.id)].reverse()) {
        const value = buttonValue(call, actionId);
        if (!value) continue;
        const { v, r } = JSON.parse(value) as { v: number; r: string };
        if (r === reference && (version === undefined || v === version)) return value;
      }
      return undefined;
    }, 30_000);
  }

  /** Every button id on the newest message to a user about this complaint. */
  function buttonsOn(user: SlackUserRef, reference: string): string[] {
    const call = [...h.fake.messagesTo(user.id)]
      .reverse()
      .find((c) => JSON.stringify(c.args).includes(`\\"r\\":\\"${reference}\\"`));
    const ids = JSON.stringify(call?.args ?? {}).match(/"action_id":"(kb_[a-z_]+)"/g) ?? [];
    return ids.map((id) => id.slice('"action_id":"'.length, -1));
  }

  async function report(
    user: SlackUserRef,
    text: string,
    extra: Record<string, ReturnType<typeof input.text>> = {},
  ) {
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.command(user, text)).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(user, view, {
      description: input.text(text),
      categoryKey: input.option('dienstverlening'),
      ...extra,
    });
    expect(res.status).toBe(200);
    const reference = /KL-\d{4}-\d{4}/.exec(JSON.stringify(res.json))?.[0];
    if (!reference) throw new Error(`no reference in ${res.text}`);
    return reference;
  }

  async function click(user: SlackUserRef, actionId: string, reference: string, version?: number) {
    const value = await button(user, actionId, reference, version);
    expect((await h.slack.click(user, { action_id: actionId, value })).status).toBe(200);
  }

  /** Clicks a button that opens a form, then submits the form. */
  async function act(
    user: SlackUserRef,
    actionId: string,
    reference: string,
    values: Parameters<typeof h.slack.submit>[2],
    version?: number,
  ) {
    const value = await button(user, actionId, reference, version);
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.click(user, { action_id: actionId, value })).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(user, view, values);
    expect(res.status).toBe(200);
    return res;
  }

  async function becomes(reference: string, test: (c: Complaint) => boolean) {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const c = await load(reference);
      if (test(c)) return c;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${reference} never reached the expected state`);
  }

  const dmWith = (user: SlackUserRef, ...parts: string[]) =>
    h.fake.waitFor(
      () =>
        h.fake
          .messagesTo(user.id)
          .find((c) => parts.every((part) => JSON.stringify(c.args).includes(part))),
      30_000,
    );

  it('a non-admissible complaint is closed with its motivation, and the reporter is told why', async () => {
    const reference = await report(USERS.mo, 'Klacht over een project van vijf jaar geleden.');
    await act(USERS.piet, 'kb_declare_inadmissible', reference, {
      motivation: input.text('Buiten de klachttermijn van een jaar ingediend.'),
    });
    const closed = await becomes(reference, (c) => c.status === 'closed');
    expect(closed).toMatchObject({
      admissibility: 'inadmissible',
      closeReason: 'inadmissible',
      decision: null,
    });
    await dmWith(USERS.mo, reference, 'Buiten de klachttermijn');
  });

  it('a tip is thanked, noted by the category owner and closed; it has no assessment', async () => {
    const reference = await report(USERS.mo, 'Tip: zet de openingstijden op de website.', {
      kind: input.radio('feedback'),
    });
    await button(USERS.piet, 'kb_note_feedback', reference);
    const buttons = buttonsOn(USERS.piet, reference);
    expect(buttons).toContain('kb_note_feedback');
    for (const assessment of ['kb_declare_founded', 'kb_declare_unfounded', 'kb_extend_deadline']) {
      expect(buttons).not.toContain(assessment);
    }
    await click(USERS.piet, 'kb_note_feedback', reference);
    const closed = await becomes(reference, (c) => c.status === 'closed');
    expect(closed).toMatchObject({ kind: 'feedback', closeReason: 'noted' });
  });

  it('an agreed solution: the term passes, the handler is asked, and only after the fix the satisfaction question', async () => {
    const reference = await report(USERS.mo, 'De cv-ketel is nog steeds niet gerepareerd.');
    await click(USERS.piet, 'kb_declare_founded', reference);
    const treating = await becomes(reference, (c) => c.status === 'in_treatment');
    const term = today();
    await act(
      USERS.piet,
      'kb_agree_solution',
      reference,
      {
        solution: input.text('Monteur vervangt de pomp.'),
        termOn: input.date(term),
        complainantAgreed: input.radio('true'),
        'party.name': input.text('Jansen Installatietechniek'),
      },
      treating.version,
    );
    const agreed = await becomes(reference, (c) => c.agreedTermOn !== null);
    expect(agreed).toMatchObject({ agreedTermOn: term, complainantAgreed: true });
    expect(agreed.remediationParty?.name).toBe('Jansen Installatietechniek');
    await act(
      USERS.piet,
      'kb_record_resolution',
      reference,
      {
        resolution: input.text('Pomp besteld en afspraak gemaakt.'),
        cause: input.radio('incidental'),
        correctiveMeasure: input.text('Reparatie ingepland.'),
      },
      agreed.version,
    );
    const resolved = await becomes(reference, (c) => c.status === 'resolved');
    expect(resolved.reactionDue).toBeNull();
    // The outcome reached the reporter, without the accept/object question.
    const outcome = await dmWith(USERS.mo, reference, 'Pomp besteld');
    expect(buttonValue(outcome, 'kb_accept')).toBeUndefined();
    expect(buttonValue(outcome, 'kb_object')).toBeUndefined();

    // On the term itself nobody is asked; the next working day the handler is.
    await dailyJobOn(term);
    expect((await outboxKinds(resolved.id)).map((m) => m.kind)).not.toContain('agreed_term_due');
    await dailyJobOn(calendar().addWorkingDays(term, 1));
    const asked = (await outboxKinds(resolved.id)).filter((m) => m.kind === 'agreed_term_due');
    expect(asked.map((m) => m.person)).toEqual(['piet']);
    const question = await dmWith(USERS.piet, reference, 'kb_report_fix_done', 'Jansen');
    expect(buttonValue(question, 'kb_report_fix_done')).toBeDefined();
    // Still no satisfaction question for the reporter.
    expect(
      h.fake.messagesTo(USERS.mo.id).some((c) => buttonValue(c, 'kb_accept')?.includes(reference)),
    ).toBe(false);

    await act(
      USERS.piet,
      'kb_report_fix_done',
      reference,
      { note: input.text('Pomp vervangen.') },
      resolved.version,
    );
    const done = await becomes(reference, (c) => c.fixDoneAt !== null);
    expect(done.reactionDue).not.toBeNull();
    // Now the reporter is asked.
    await button(USERS.mo, 'kb_accept', reference, done.version);
  });

  it('an extension keeps the original deadline and tells the reporter the new date', async () => {
    const reference = await report(USERS.mo, 'Complexe klacht over de oplevering.');
    const registered = await load(reference);
    await act(USERS.piet, 'kb_extend_deadline', reference, {
      newDueOn: input.date('2099-12-31'),
      reason: input.text('Expertise van de leverancier nodig.'),
    });
    const extended = await becomes(reference, (c) => c.extensionCount === 1);
    expect(extended).toMatchObject({
      resolutionDue: '2099-12-31',
      originalResolutionDue: registered.resolutionDue,
      extensionReason: 'Expertise van de leverancier nodig.',
    });
    await dmWith(USERS.mo, reference, '2099');
    // Once is the rule: the button is gone.
    await button(USERS.piet, 'kb_declare_founded', reference, extended.version);
    expect(buttonsOn(USERS.piet, reference)).not.toContain('kb_extend_deadline');

    // Resolved: compliance is measured against both the extended and the original deadline.
    await click(USERS.piet, 'kb_declare_founded', reference, extended.version);
    const treating = await becomes(reference, (c) => c.status === 'in_treatment');
    await act(
      USERS.piet,
      'kb_record_resolution',
      reference,
      {
        resolution: input.text('Leverancier vervangt het onderdeel.'),
        cause: input.radio('structural'),
        correctiveMeasure: input.text('Onderdeel besteld.'),
      },
      treating.version,
    );
    await becomes(reference, (c) => c.status === 'resolved');
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
    const reference = await report(USERS.mo, 'Formele klacht over de aanbesteding.', {
      formality: input.radio('formal'),
    });
    expect((await load(reference)).handlerId).toBe('dirk');
    await act(USERS.dirk, 'kb_declare_unfounded', reference, {
      motivation: input.text('Procedure correct gevolgd.'),
    });
    const rejected = await becomes(reference, (c) => c.status === 'rejected');
    expect(rejected.decidedBy).toBe('dirk');
    await act(
      USERS.mo,
      'kb_object',
      reference,
      { reason: input.text('De procedure is niet gevolgd.') },
      rejected.version,
    );
    const objected = await becomes(reference, (c) => c.status === 'objected');
    expect(objected.objectionDue).toBe(
      calendar().addWorkingDays(today(), h.service.org.deadlines.objection),
    );
    const due = objected.objectionDue as string;
    // Not escalated on its last day; escalated on the next working day, to the quality adviser.
    const escalations = async () =>
      (await outboxKinds(objected.id)).filter(
        (m) => m.kind === 'escalation' && m.payload.milestone === 'objection',
      );
    await dailyJobOn(due);
    expect(await escalations()).toEqual([]);
    await dailyJobOn(calendar().addWorkingDays(due, 1));
    expect((await escalations()).map((m) => m.person)).toEqual(['kim']);
    await dmWith(USERS.kim, reference, 'bezwaar');

    // The quality adviser is asked to decide, not the director.
    await button(USERS.kim, 'kb_refer_to_committee', reference, objected.version);
    // The director forges the button anyway: refused as a conflict of interest, audited.
    const forged = await button(USERS.kim, 'kb_refer_to_committee', reference);
    await h.slack.click(USERS.dirk, { action_id: 'kb_refer_to_committee', value: forged });
    await h.fake.waitFor(() =>
      h.fake
        .callsOf('chat.postEphemeral')
        .find((c) => c.args.user === USERS.dirk.id && textOf(c).includes('betrokken')),
    );
    expect((await load(reference)).referredToCommittee).toBe(false);
    const audit = await repo().listAudit(objected.id);
    expect(audit.at(-1)).toMatchObject({
      actorId: 'dirk',
      action: 'refer_to_committee',
      outcome: 'refused',
      metadata: { code: 'complaint.conflict_of_interest' },
    });

    // The quality adviser refers it and records the committee's verdict.
    await click(USERS.kim, 'kb_refer_to_committee', reference, objected.version);
    const referred = await becomes(reference, (c) => c.referredToCommittee);
    await act(
      USERS.kim,
      'kb_record_committee_verdict',
      reference,
      {
        verdict: input.radio('partly_founded'),
        verdictOn: input.date('2020-01-10'),
        binding: input.radio('true'),
        followUp: input.text('Aanbestedingsprocedure herzien.'),
      },
      referred.version,
    );
    const closed = await becomes(reference, (c) => c.status === 'closed');
    expect(closed).toMatchObject({
      closeReason: 'committee_verdict',
      committeeVerdict: 'partly_founded',
      committeeVerdictOn: '2020-01-10',
      committeeBinding: true,
      committeeFollowUp: 'Aanbestedingsprocedure herzien.',
    });
  });

  it("a behaviour complaint: the director's private note is seen by the director only", async () => {
    const reference = await report(USERS.mo, 'Collega Piet was onbeleefd tegen een klant.', {
      concernsEmployee: input.checked(),
      subjectPersonId: input.user(USERS.piet.id),
    });
    const complaint = await load(reference);
    expect(complaint.handlerId).toBe('dirk');
    const note = 'GEHEIM: gesprek gevoerd, afspraken over klantcontact vastgelegd.';
    await act(USERS.dirk, 'kb_record_private_note', reference, { note: input.text(note) });
    await becomes(reference, (c) => c.version > complaint.version);
    const audit = await repo().listAudit(complaint.id);
    expect(JSON.stringify(audit)).not.toContain('GEHEIM');
    expect(audit.at(-1)).toMatchObject({ action: 'record_private_note', metadata: { note: true } });

    // Only the director's detail view shows it.
    const responses = () => h.fake.calls.filter((c) => c.method.startsWith('/response/'));
    const shows = async (user: SlackUserRef) => {
      const before = responses().length;
      expect((await h.slack.command(user, reference)).status).toBe(200);
      const answer = await h.fake.waitFor(() => responses()[before]);
      return JSON.stringify(answer.args).includes('GEHEIM');
    };
    expect(await shows(USERS.dirk)).toBe(true);
    for (const user of [USERS.mo, USERS.kim, USERS.piet, USERS.hanna]) {
      expect(await shows(user)).toBe(false);
    }
    // Nothing the bot posted or sent carries it but the director's detail answer.
    const sent = h.fake.calls.filter((c) => JSON.stringify(c.args).includes('GEHEIM'));
    expect(sent.map((c) => c.method)).toEqual([expect.stringMatching(/^\/response\//)]);
  });
});
