import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Person } from '../../src/domain/people.js';
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
  verbsOf,
  waitFor,
} from './harness.js';

/**
 * Texts from events on Teams: cards say what happened when they were sent, also when they are
 * refreshed after the complaint moved on; the live card everyone sees keeps the last click's
 * trace (the Agents Playground has no user-specific views); a reassignment takes the buttons
 * off the previous handler's card.
 */
const { mo, piet, dirk } = TEAMS_USERS;

let h: TeamsHarness;
const opts = () => ({ serviceUrl: h.connector.url });
const repo = () => h.service.deps.store.repository;

beforeAll(async () => {
  h = await startTeamsHarness();
  // Everyone has talked to the bot once: the connector's address is known.
  for (const user of [mo, piet, dirk]) await say(user, 'help');
});
afterAll(async () => {
  await h?.stop();
});

async function say(user: TeamsUser, text: string): Promise<void> {
  const id = randomUUID();
  expect((await h.post(messageActivity(user, text, { ...opts(), id }))).status).toBe(200);
  await waitFor(() => h.connector.calls.find((c) => c.activityId === id), `reply to ${text}`);
}

async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const res = await h.post(executeActivity(user, verb, data, opts()));
  expect(res.status).toBe(200);
  return (res.body as { value: Card }).value;
}

async function report(description: string): Promise<string> {
  const { complaint } = await reportComplaint(h.service.deps, {
    reporterId: 'mo',
    categoryKey: 'dienstverlening',
    description,
  });
  return (await repo().findComplaint(complaint.id))?.reference as string;
}

async function as(personId: string): Promise<Person> {
  return (await repo().findPerson(personId)) as Person;
}

async function command(personId: string, reference: string, name: Command, payload = {}) {
  await runCommand(h.service.deps, {
    complaint: reference,
    actor: { kind: 'person', person: await as(personId) },
    command: name,
    payload,
  });
}

/** The newest card sent to a user's 1:1 chat about a complaint, of one message kind. */
async function cardTo(user: TeamsUser, reference: string, kind: string, method = 'POST') {
  const call = await waitFor(
    () =>
      h.connector
        .delivered()
        .filter((c) => c.method === method && c.conversationId === `a:personal-${user.id}`)
        .filter((c) => textsOf(c.body).some((t) => t.includes(reference)))
        .filter((c) => {
          const refresh = cardOf(c).refresh as { action: { data: { kind?: string } } } | undefined;
          return kind === '*' || refresh?.action.data.kind === kind;
        })
        .at(-1),
    `${kind} card (${method}) for ${user.id} about ${reference}`,
  );
  return { call, card: cardOf(call) };
}

describe('Teams: cards composed from events', () => {
  it('after a founded complaint was resolved and accepted, the outcome card does not say unfounded', async () => {
    const reference = await report('De monteur kwam niet.');
    const live = await cardTo(piet, reference, 'handler_card');
    const full = await execute(piet, 'kb_refresh', actionOf(live.card, 'kb_refresh').data);
    await execute(piet, 'kb_declare_founded', actionOf(full, 'kb_declare_founded').data);
    await command('piet', reference, 'record_resolution', {
      resolution: 'Nieuwe afspraak gemaakt.',
      cause: 'incidental',
      correctiveMeasure: 'Afspraak ingepland.',
    });

    const outcome = await cardTo(mo, reference, 'outcome');
    // The card carries the event's facts (ids and enums only) for its refresh.
    const refresh = actionOf(outcome.card, 'kb_refresh');
    expect(refresh.data.payload).toMatchObject({ event: 'record_resolution', outcome: 'resolved' });
    expect(JSON.stringify(refresh.data.payload)).not.toContain('Nieuwe afspraak');

    const before = await execute(mo, 'kb_refresh', refresh.data);
    expect(textsOf(before).join(' ')).toContain('Uw melding is behandeld.');
    const accepted = await execute(mo, 'kb_accept', actionOf(before, 'kb_accept').data);
    expect(textsOf(accepted).join(' ')).not.toContain('ongegrond');
    expect((await repo().findComplaint(reference))?.status).toBe('closed');

    // Teams refreshes the card later: it still says what happened, and asks nothing more.
    for (const data of [refresh.data, { ...refresh.data, payload: undefined }]) {
      const later = textsOf(await execute(mo, 'kb_refresh', data)).join(' ');
      expect(later).toContain('Uw melding is behandeld.');
      expect(later).not.toContain('ongegrond');
      expect(later).not.toContain('Reageer uiterlijk');
    }
  });

  it('keeps the confirmation of a click on the live card everyone sees (Agents Playground)', async () => {
    const reference = await report('Niemand nam de telefoon op.');
    const live = await cardTo(piet, reference, 'handler_card');
    const full = await execute(piet, 'kb_refresh', actionOf(live.card, 'kb_refresh').data);
    await execute(piet, 'kb_declare_founded', actionOf(full, 'kb_declare_founded').data);
    // The outbox replaces the card with the base card (no user-specific views there).
    const updated = await cardTo(piet, reference, 'handler_card', 'PUT');
    const texts = textsOf(updated.card);
    expect(texts).toContain('Gegrond verklaard door Piet Projectleider');
    expect(texts).toContain('In behandeling');
    expect(verbsOf(updated.card)).not.toContain('kb_declare_founded');
    expect(texts.join(' ')).not.toContain('Niemand nam de telefoon op.');
  });

  it("takes the buttons off the previous handler's live card after a reassignment", async () => {
    const reference = await report('Overdracht nodig.');
    await cardTo(piet, reference, 'handler_card');
    await command('dirk', reference, 'reassign', { handlerId: 'hanna' });
    const complaint = await repo().findComplaint(reference);
    expect(complaint?.handlerId).toBe('hanna');

    const updated = await cardTo(piet, reference, '*', 'PUT');
    const ref = await repo().findMessageRef(complaint!.id, 'piet', 'teams', 'card');
    expect(updated.call.activityId).toBe(ref?.messageId);
    const texts = textsOf(updated.card).join(' ');
    expect(texts).toContain(`${reference} is overgedragen aan Hanna Hoofd Service`);
    expect(verbsOf(updated.card)).toEqual([]);
    expect(updated.card.refresh).toBeUndefined();
  });
});
