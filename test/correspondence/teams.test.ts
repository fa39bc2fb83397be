import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACKNOWLEDGEMENT } from '../../src/app/complainant-settings.js';
import {
  CORRESPONDENCE_SEND_VERB,
  correspondenceActionId,
} from '../../src/app/messages/correspondence-messages.js';
import type { Correspondence } from '../../src/domain/correspondence.js';
import {
  executeActivity,
  messageActivity,
  TEAMS_USERS,
  type TeamsUser,
} from '../fakes/teams-activities.js';
import {
  actionOf,
  type Card,
  cardOf,
  startTeamsHarness,
  type TeamsHarness,
  textsOf,
  waitFor,
} from '../teams/harness.js';
import { addSecretariat, auditOf, outboxOf, registerLetter } from './support.js';

/**
 * Letters and e-mails to the complainant over HTTP on Teams (issue 11), the same scenario as
 * slack.test.ts, here by e-mail: the acknowledgement's draft reaches the secretariat's chat,
 * "Bekijken en versturen" turns it into the edit form, the edited e-mail is sent once (row,
 * audit, one `complainant_email`, the complaint acknowledged); someone who may not see the
 * complaint and an empty text are refused with nothing written.
 */
const SARA: TeamsUser = {
  id: 'sara',
  name: 'Sara Secretariaat',
  mri: '29:sara',
  aadObjectId: '00000000-0000-4000-8000-000000000009',
};
const { mo } = TEAMS_USERS;

let h: TeamsHarness;
const opts = () => ({ serviceUrl: h.connector.url });

beforeAll(async () => {
  h = await startTeamsHarness();
  await addSecretariat(h.service, { teamsAadObjectId: SARA.aadObjectId });
  // E-mail can go out (locally as .eml files): a complainant with an address gets e-mail.
  h.service.deps.complainant = {
    publicBaseUrl: 'http://127.0.0.1',
    linkSecret: 'test-secret-test-secret-test-secret',
    linkValidDays: 30,
    mail: 'files',
    acknowledgement: DEFAULT_ACKNOWLEDGEMENT,
    webForm: { enabled: false, registeredBy: null },
    letterhead: {
      name: 'Demo Organisatie BV',
      address: 'Kerkstraat 1\n1000 AA Amsterdam',
      email: 'klachten@example.org',
      phone: null,
      url: null,
    },
  };
  // Sara has talked to the bot, so her chat is known.
  const res = await h.post(messageActivity(SARA, 'help', opts()));
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await h?.stop();
});

const repo = () => h.service.deps.store.repository;
const correspondence = async (id: string) =>
  (await repo().findCorrespondence(id)) as Correspondence;
const text = (card: Card) => textsOf(card).join(' ');

async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const res = await h.post(executeActivity(user, verb, data, { ...opts(), id: randomUUID() }));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  return body.value;
}

/** The draft's card in a user's chat, once the outbox delivered it. */
function draftCard(user: TeamsUser, draftId: string): Promise<Card> {
  const verb = correspondenceActionId(draftId);
  return waitFor(
    () => {
      for (const call of h.connector.delivered()) {
        if (call.conversationId !== `a:personal-${user.id}`) continue;
        if (!JSON.stringify(call.body).includes(verb)) continue;
        return cardOf(call);
      }
      return undefined;
    },
    'the draft card',
    30_000,
  );
}

async function openForm(user: TeamsUser, card: Card, draftId: string) {
  const verb = correspondenceActionId(draftId);
  return execute(user, verb, actionOf(card, verb).data);
}

function submit(user: TeamsUser, form: Card, values: Record<string, string>) {
  const action = actionOf(form, CORRESPONDENCE_SEND_VERB);
  expect(action.data.submit).toBe(true);
  return execute(user, CORRESPONDENCE_SEND_VERB, { ...action.data, ...values });
}

describe('Teams: an e-mail to the complainant', () => {
  it('the draft reaches the secretariat, is edited and sent once by e-mail', async () => {
    const { complaint, draft } = await registerLetter(h.service.deps, 'sara', {
      email: 'j.devries@example.net',
    });
    expect(draft).toMatchObject({ kind: 'acknowledgement', channel: 'email', status: 'draft' });
    expect(draft.body).toContain('Demo Organisatie BV');

    const card = await draftCard(SARA, draft.id);
    expect(text(card)).toContain(complaint.reference);
    expect(text(card)).toContain('j.devries@example.net');
    const form = await openForm(SARA, card, draft.id);
    expect(text(form)).toContain('Geachte heer/mevrouw J. de Vries');

    const subject = `Uw klacht ${complaint.reference} is ontvangen`;
    const body = 'Geachte heer De Vries,\n\nDank voor uw e-mail.\n\nMet vriendelijke groet';
    const done = await submit(SARA, form, { subject, body });
    expect(text(done)).toContain('per e-mail');

    expect(await correspondence(draft.id)).toMatchObject({
      status: 'sent',
      subject,
      body,
      sentBy: 'sara',
    });
    const audit = (await auditOf(h.service, complaint.id)).filter(
      (a) => a.action === 'correspondence_sent',
    );
    expect(audit).toEqual([
      {
        action: 'correspondence_sent',
        outcome: 'done',
        actor: 'sara',
        metadata: { correspondenceId: draft.id, kind: 'acknowledgement', channel: 'email' },
      },
    ]);
    const emails = (await outboxOf(h.service, draft.id)).filter(
      (m) => m.kind === 'complainant_email',
    );
    expect(emails).toEqual([
      {
        kind: 'complainant_email',
        person: null,
        channel: 'complainant',
        key: `correspondence:${draft.id}:email`,
      },
    ]);
    // Queued is not sent: the acknowledgement counts once the mail server took it.
    const queued = await repo().findComplaint(complaint.id);
    expect(queued?.acknowledgedAt).toBeNull();

    // Submitted again (a double click is a new activity in Teams): sent once.
    const again = await submit(SARA, form, { subject: 'Anders', body: 'Nog eens' });
    expect(text(again)).toContain('al verstuurd');
    expect(await correspondence(draft.id)).toMatchObject({ subject, body });
    expect(
      (await outboxOf(h.service, draft.id)).filter((m) => m.kind === 'complainant_email'),
    ).toHaveLength(1);
  });

  it('someone who may not see the complaint is refused and nothing is written', async () => {
    const { complaint, draft } = await registerLetter(h.service.deps, 'sara', {
      email: 'j.devries@example.net',
    });
    const card = await draftCard(SARA, draft.id);
    const verb = correspondenceActionId(draft.id);
    const refused = await execute(mo, verb, actionOf(card, verb).data);
    expect(text(refused)).toContain('bestaat niet of u mag hem niet inzien');

    const form = await openForm(SARA, card, draft.id);
    const forged = await submit(mo, form, { subject: 'Onderwerp', body: 'Tekst' });
    expect(text(forged)).toContain('bestaat niet of u mag hem niet inzien');
    expect(await correspondence(draft.id)).toMatchObject({ status: 'draft', sentAt: null });
    expect((await outboxOf(h.service, draft.id)).map((m) => m.kind)).toEqual([
      'correspondence_draft',
    ]);
    expect((await repo().findComplaint(complaint.id))?.acknowledgedAt).toBeNull();
    const refusals = (await auditOf(h.service, complaint.id)).filter(
      (a) => a.action === 'correspondence_sent',
    );
    expect(refusals).toEqual([expect.objectContaining({ outcome: 'refused', actor: 'mo' })]);
  });

  it('an empty text is refused at the field, the subject kept, and nothing is written', async () => {
    const { complaint, draft } = await registerLetter(h.service.deps, 'sara', {
      email: 'j.devries@example.net',
    });
    const form = await openForm(SARA, await draftCard(SARA, draft.id), draft.id);
    const again = await submit(SARA, form, { subject: 'Mijn onderwerp', body: '' });
    expect(text(again)).toContain('Vul dit veld in.');
    expect(text(again)).toContain('Mijn onderwerp');
    expect(await correspondence(draft.id)).toMatchObject({ status: 'draft' });
    expect((await outboxOf(h.service, draft.id)).map((m) => m.kind)).toEqual([
      'correspondence_draft',
    ]);
    expect(
      (await auditOf(h.service, complaint.id)).some((a) => a.action === 'correspondence_sent'),
    ).toBe(false);
  });
});
