import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDate } from '../../src/app/messages/catalogue.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import {
  buttonValue,
  type Harness,
  openedViewAfter,
  startHarness,
  textOf,
  USERS,
} from './harness.js';

describe('Slack: a complaint from report to close', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const repo = () => h.service.deps.store.repository;
  const load = async (reference: string) => (await repo().findComplaint(reference)) as Complaint;

  /** Waits for the newest message to a user that has this button, and returns its value. */
  /** The newest button with this action id (of this complaint, at this version if given). */
  async function button(
    user: SlackUserRef,
    actionId: string,
    version?: number,
    reference?: string,
  ) {
    return h.fake.waitFor(() => {
      for (const call of [...h.fake.messagesTo(user.id)].reverse()) {
        const value = buttonValue(call, actionId);
        if (!value) continue;
        const { v, r } = JSON.parse(value) as { v: number; r: string };
        if (
          (version === undefined || v === version) &&
          (reference === undefined || r === reference)
        )
          return value;
      }
      return undefined;
    }, 30_000);
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
      complainantType: input.option('client'),
      complainantName: input.text('Familie Jansen'),
      intakeChannel: input.option('phone'),
      ...extra,
    });
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBe('update');
    const reference = /KL-\d{4}-\d{4}/.exec(JSON.stringify(res.json))?.[0];
    if (!reference) throw new Error(`no reference in ${res.text}`);
    return reference;
  }

  /** Clicks a button that opens a form, then submits the form. */
  async function act(
    user: SlackUserRef,
    actionId: string,
    value: string,
    values: Parameters<typeof h.slack.submit>[2],
  ) {
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.click(user, { action_id: actionId, value })).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const res = await h.slack.submit(user, view, values);
    expect(res.status).toBe(200);
    return res;
  }

  async function statusBecomes(reference: string, status: Complaint['status']) {
    const until = Date.now() + 30_000; // a generous deadline: the machine may be busy
    while (Date.now() < until) {
      const c = await load(reference);
      if (c.status === status) return c;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`status never became ${status}`);
  }

  it('runs the full procedure with modals, DMs and one live card', async () => {
    const reference = await report(USERS.mo, 'De monteur kwam twee keer niet opdagen.', {
      desiredOutcome: input.text('Een nieuwe afspraak'),
    });
    const complaint = await load(reference);
    expect(complaint.handlerId).toBe('piet');
    expect(complaint.intakeChannel).toBe('phone');

    // Acknowledgement DM with the concrete dates of each deadline.
    const ack = await h.fake.waitFor(() =>
      h.fake.messagesTo(USERS.mo.id).find((c) => textOf(c).includes(reference)),
    );
    for (const due of [complaint.feedbackDue, complaint.decisionDue, complaint.resolutionDue]) {
      expect(textOf(ack)).toContain(formatLocalDate('nl', due));
    }
    expect(ack.args.unfurl_links).toBe('false');
    // Quality channel: reference and category only.
    const notice = await h.fake.waitFor(() =>
      h.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0KWALITEIT'),
    );
    expect(textOf(notice)).toContain(reference);
    expect(textOf(notice)).not.toContain('monteur');
    // Its only metadata is the outbox id (duplicate detection), never complaint data.
    expect(notice.args.metadata).toEqual({
      event_type: 'klachtenbot_outbox',
      event_payload: { outbox_id: expect.any(Number) },
    });

    // Handler card → ask for information.
    const card = await button(USERS.piet, 'kb_request_info');
    await act(USERS.piet, 'kb_request_info', card, {
      question: input.text('Welke datum was de afspraak?'),
    });
    await statusBecomes(reference, 'awaiting_info');
    const firstCard = h.fake.messagesTo(USERS.piet.id).find((c) => c.method === 'chat.postMessage');
    const updated = await h.fake.waitFor(() =>
      h.fake.messagesTo(USERS.piet.id).find((c) => c.method === 'chat.update'),
    );
    expect(updated.args.ts).toBeDefined();
    expect(firstCard).toBeDefined();

    // Reporter answers.
    const answer = await button(USERS.mo, 'kb_provide_info');
    await act(USERS.mo, 'kb_provide_info', answer, { answer: input.text('Dinsdag 14 april.') });
    const registered = await statusBecomes(reference, 'registered');

    // Founded (immediate button).
    const founded = await button(USERS.piet, 'kb_declare_founded', registered.version);
    expect(
      (await h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value: founded })).status,
    ).toBe(200);
    const treating = await statusBecomes(reference, 'in_treatment');

    // Resolution with an organisation-wide improvement measure.
    const resolve = await button(USERS.piet, 'kb_record_resolution', treating.version);
    const res = await act(USERS.piet, 'kb_record_resolution', resolve, {
      resolution: input.text('Nieuwe afspraak gemaakt en excuses aangeboden.'),
      cause: input.radio('structural'),
      correctiveMeasure: input.text('Afspraak ingepland.'),
      'improvement.description': input.text('Planning controleert voortaan dubbele boekingen.'),
      'improvement.ownerId': input.user(USERS.hanna.id),
      'improvement.dueOn': input.date('2030-06-30'),
    });
    expect(res.json).toBeNull();
    const resolved = await statusBecomes(reference, 'resolved');
    const measures = await repo().listMeasures(resolved.id);
    expect(measures.find((m) => m.scope === 'organisation')).toMatchObject({
      ownerId: 'hanna',
      dueOn: '2030-06-30',
    });

    // Reporter objects; the director appoints a mediator and records the final outcome.
    const object = await button(USERS.mo, 'kb_object', resolved.version);
    await act(USERS.mo, 'kb_object', object, { reason: input.text('Dit lost het niet op.') });
    const objected = await statusBecomes(reference, 'objected');
    const appoint = await button(USERS.dirk, 'kb_appoint_mediator', objected.version);
    await act(USERS.dirk, 'kb_appoint_mediator', appoint, { mediatorId: input.user(USERS.kim.id) });
    await h.fake.waitFor(() =>
      h.fake.messagesTo(USERS.kim.id).some((c) => textOf(c).includes(reference)),
    );
    expect((await load(reference)).mediatorId).toBe('kim');
    // The director's objection message still carries the buttons (a form re-checks the state).
    const final = await button(USERS.dirk, 'kb_record_final_outcome');
    await act(USERS.dirk, 'kb_record_final_outcome', final, {
      outcome: input.text('Tweede afspraak kosteloos.'),
    });
    const closed = await statusBecomes(reference, 'closed');
    expect(closed.closeReason).toBe('final_outcome');
    await h.fake.waitFor(() =>
      h.fake.messagesTo(USERS.mo.id).some((c) => textOf(c).includes('Tweede afspraak kosteloos')),
    );
  });

  it('short paths: unfounded then accepted; withdrawn by the reporter', async () => {
    const reference = await report(USERS.mo, 'Factuur was te laat.');
    // An earlier complaint's card may still show its buttons while its update is paced.
    const card = await button(USERS.piet, 'kb_declare_unfounded', undefined, reference);
    const empty = await act(USERS.piet, 'kb_declare_unfounded', card, {
      motivation: input.text('   '),
    });
    expect(empty.json?.response_action).toBe('errors');
    expect(JSON.stringify(empty.json)).toContain('motivation');
    const again = await button(USERS.piet, 'kb_declare_unfounded', undefined, reference);
    await act(USERS.piet, 'kb_declare_unfounded', again, {
      motivation: input.text('Volgens contract op tijd.'),
    });
    const rejected = await statusBecomes(reference, 'rejected');
    const accept = await button(USERS.mo, 'kb_accept', rejected.version, reference);
    await h.slack.click(USERS.mo, { action_id: 'kb_accept', value: accept });
    expect((await statusBecomes(reference, 'closed')).closeReason).toBe('accepted');

    const second = await report(USERS.mo, 'Nog een klacht.');
    const withdraw = await h.fake.waitFor(() => {
      const call = h.fake
        .messagesTo(USERS.mo.id)
        .find((c) => textOf(c).includes(second) && buttonValue(c, 'kb_withdraw'));
      return call ? buttonValue(call, 'kb_withdraw') : undefined;
    });
    await h.slack.click(USERS.mo, { action_id: 'kb_withdraw', value: withdraw });
    await statusBecomes(second, 'withdrawn');
  });
});
