import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORRESPONDENCE_VIEW } from '../../src/adapters/slack/listeners/correspondence.js';
import { correspondenceActionId } from '../../src/app/messages/correspondence-messages.js';
import type { Correspondence } from '../../src/domain/correspondence.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import {
  buttonValue,
  type Harness,
  openedViewAfter,
  startHarness,
  USERS,
} from '../slack/harness.js';
import { addSecretariat, auditOf, outboxOf, registerLetter } from './support.js';

/**
 * Letters to the complainant over HTTP on Slack (issue 11): a letter registered by the
 * secretariat is acknowledged with a draft in the secretariat's DM; "Bekijken en versturen"
 * opens the edit modal; the edited letter is sent once (correspondence row, audit, one
 * `complainant_letter` to the secretariat); someone who may not see the complaint and an
 * empty text are refused with nothing written.
 */
const SARA: SlackUserRef = { id: 'U0SARA', name: 'sara' };

describe('Slack: a letter to the complainant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.addUser({ id: SARA.id, name: SARA.name, email: 'sara@example.org', locale: 'nl-NL' });
    await addSecretariat(h.service, { slackUserId: SARA.id });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const repo = () => h.service.deps.store.repository;
  const correspondence = async (id: string) =>
    (await repo().findCorrespondence(id)) as Correspondence;
  const responses = () => h.fake.calls.filter((c) => c.method.startsWith('/response/'));
  /** The private note a click got (response_url, ephemeral or DM): its text. */
  async function noteAfter(count: number): Promise<string> {
    const call = await h.fake.waitFor(() => responses()[count]);
    return JSON.stringify(call.args);
  }

  /** The draft's DM to a user, once the outbox delivered it. */
  function draftMessage(user: SlackUserRef, draftId: string): Promise<SlackCall> {
    const actionId = correspondenceActionId(draftId);
    return h.fake.waitFor(
      () => h.fake.messagesTo(user.id).find((c) => buttonValue(c, actionId) !== undefined),
      30_000,
    );
  }

  async function openForm(user: SlackUserRef, draftId: string, value: string) {
    const opened = h.fake.callsOf('views.open').length;
    const res = await h.slack.click(user, { action_id: correspondenceActionId(draftId), value });
    expect(res.status).toBe(200);
    return openedViewAfter(h.fake, opened);
  }

  it('the draft reaches the secretariat, is edited and sent once as a letter', async () => {
    const { complaint, draft } = await registerLetter(h.service.deps, 'sara');
    expect(draft).toMatchObject({ kind: 'acknowledgement', channel: 'letter', status: 'draft' });

    const dm = await draftMessage(SARA, draft.id);
    const shown = JSON.stringify(dm.args);
    expect(shown).toContain(complaint.reference);
    expect(shown).toContain('Geachte heer/mevrouw J. de Vries');
    expect(shown).toContain('Bekijken en versturen');

    const value = buttonValue(dm, correspondenceActionId(draft.id)) as string;
    const view = await openForm(SARA, draft.id, value);
    expect(view.callback_id).toBe(CORRESPONDENCE_VIEW);
    // Prefilled with the draft, the reference in place of the placeholder.
    expect(JSON.stringify(view.blocks)).toContain(complaint.reference);
    expect(JSON.stringify(view.blocks)).toContain('Geachte heer/mevrouw');

    const subject = `Ontvangstbevestiging ${complaint.reference}`;
    const body =
      'Geachte heer De Vries,\n\nWij hebben uw brief ontvangen.\n\nMet vriendelijke groet';
    const res = await h.slack.submit(SARA, view, {
      subject: input.text(subject),
      body: input.text(body),
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('secretariaat');

    const sent = await correspondence(draft.id);
    expect(sent).toMatchObject({ status: 'sent', subject, body, sentBy: 'sara' });
    const audit = (await auditOf(h.service, complaint.id)).filter(
      (a) => a.action === 'correspondence_sent',
    );
    expect(audit).toEqual([
      {
        action: 'correspondence_sent',
        outcome: 'done',
        actor: 'sara',
        metadata: { correspondenceId: draft.id, kind: 'acknowledgement', channel: 'letter' },
      },
    ]);
    const deliveries = (await outboxOf(h.service, draft.id)).filter(
      (m) => m.kind === 'complainant_letter',
    );
    expect(deliveries).toEqual([
      {
        kind: 'complainant_letter',
        person: 'sara',
        channel: null,
        key: `correspondence:${draft.id}:letter:sara`,
      },
    ]);
    // A letter acknowledges only once it is posted.
    expect((await repo().findComplaint(complaint.id))?.acknowledgedAt).toBeNull();

    // The same modal submitted again (a double click, Slack's retry): nothing more is sent.
    const again = await h.slack.submit(SARA, view, {
      subject: input.text('Iets anders'),
      body: input.text('Nog een keer'),
    });
    expect(again.status).toBe(200);
    expect(again.text).toContain('al verstuurd');
    expect(await correspondence(draft.id)).toMatchObject({ subject, body });
    const letters = (await outboxOf(h.service, draft.id)).filter(
      (m) => m.kind === 'complainant_letter',
    );
    expect(letters).toHaveLength(1);
    expect(
      (await auditOf(h.service, complaint.id)).filter((a) => a.action === 'correspondence_sent'),
    ).toHaveLength(1);

    // The button again, after sending: said privately, no form.
    const before = responses().length;
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.click(SARA, { action_id: correspondenceActionId(draft.id), value });
    expect(await noteAfter(before)).toContain('al verstuurd');
    expect(h.fake.callsOf('views.open')).toHaveLength(opened);
  });

  it('someone who may not see the complaint is refused and nothing is written', async () => {
    const { complaint, draft } = await registerLetter(h.service.deps, 'sara');
    const dm = await draftMessage(SARA, draft.id);
    const value = buttonValue(dm, correspondenceActionId(draft.id)) as string;

    // Mo (a reporter, not of this complaint) clicks a copy of the button: refused privately.
    const before = responses().length;
    await h.slack.click(USERS.mo, { action_id: correspondenceActionId(draft.id), value });
    expect(await noteAfter(before)).toContain('bestaat niet of u mag hem niet inzien');

    // And a forged submission of the form: refused at the form, nothing sent.
    const view = await openForm(SARA, draft.id, value);
    const res = await h.slack.submit(USERS.mo, view, {
      subject: input.text('Onderwerp'),
      body: input.text('Tekst'),
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect(await correspondence(draft.id)).toMatchObject({ status: 'draft', sentAt: null });
    expect(await outboxOf(h.service, draft.id)).toEqual([
      expect.objectContaining({ kind: 'correspondence_draft' }),
    ]);
    const refusals = (await auditOf(h.service, complaint.id)).filter(
      (a) => a.action === 'correspondence_sent',
    );
    expect(refusals).toEqual([expect.objectContaining({ outcome: 'refused', actor: 'mo' })]);
  });

  it('an empty text is refused at the field and nothing is written', async () => {
    const { complaint, draft } = await registerLetter(h.service.deps, 'sara');
    const dm = await draftMessage(SARA, draft.id);
    const view = await openForm(
      SARA,
      draft.id,
      buttonValue(dm, correspondenceActionId(draft.id)) as string,
    );
    const res = await h.slack.submit(SARA, view, {
      subject: input.text('Ontvangstbevestiging'),
      body: input.text('   '),
    });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { body: 'Vul dit veld in.' },
    });
    expect(await correspondence(draft.id)).toMatchObject({ status: 'draft' });
    expect((await outboxOf(h.service, draft.id)).map((m) => m.kind)).toEqual([
      'correspondence_draft',
    ]);
    expect(
      (await auditOf(h.service, complaint.id)).some((a) => a.action === 'correspondence_sent'),
    ).toBe(false);
  });
});
