import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { messageActivity, TEAMS_USERS, type TeamsUser } from '../fakes/teams-activities.js';
import {
  actionOf,
  cardOf,
  startTeamsHarness,
  type TeamsHarness,
  textsOf,
  waitFor,
} from './harness.js';

/**
 * Language on Teams: the activity's locale is stored for every person, listed people included,
 * so proactive cards (sent when that person is not talking to the bot) speak it too.
 */
const { hanna, mo } = TEAMS_USERS;

let h: TeamsHarness;
const opts = () => ({ serviceUrl: h.connector.url });
const repo = () => h.service.deps.store.repository;

beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** The newest card of one message kind sent to a person's chat about a complaint. */
function cardFor(user: TeamsUser, reference: string, kind: string) {
  return waitFor(
    () =>
      h.connector
        .delivered()
        .filter((c) => c.conversationId === `a:personal-${user.id}`)
        .filter((c) => textsOf(c.body).some((t) => t.includes(reference)))
        .map((c) => cardOf(c))
        .filter((card) => {
          const refresh = card.refresh as { action: { data: { kind?: string } } } | undefined;
          return refresh?.action.data.kind === kind;
        })
        .at(-1),
    `${kind} card for ${user.id}`,
  );
}

async function say(user: TeamsUser, text: string, locale: string) {
  const id = randomUUID();
  const res = await h.post(messageActivity(user, text, { ...opts(), id, locale }));
  expect(res.status).toBe(200);
  return cardOf(
    await waitFor(
      () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
      `reply to ${text}`,
    ),
  );
}

describe('Teams: every person in their own language', () => {
  it('a listed person whose Teams client says en-US gets English proactive cards', async () => {
    expect((await repo().findPerson('hanna'))?.locale).toBeNull();
    const help = await say(hanna, 'help', 'en-US');
    expect(textsOf(help).join(' ')).toContain('helps you follow');
    expect((await repo().findPerson('hanna'))?.locale).toBe('en');
    await say(mo, 'help', 'nl-NL');

    const { complaint } = await reportComplaint(h.service.deps, {
      reporterId: 'mo',
      categoryKey: 'communicatie',
      description: 'Niemand belde terug.',
    });
    const reference = (await repo().findComplaint(complaint.id))?.reference as string;
    const base = await cardFor(hanna, reference, 'handler_card');
    const texts = textsOf(base);
    expect(texts).toContain(`Complaint ${reference}: Communication`);
    expect(texts).toContain('Status');
    expect(texts).toContain('Registered');
    // Her own view through the refresh is English too, whatever locale the invoke says.
    const res = await h.post({
      ...messageActivity(hanna, '', { ...opts(), locale: 'en-US' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', ...actionOf(base, 'kb_refresh') },
        trigger: 'automatic',
      },
    });
    const full = textsOf((res.body as { value: unknown }).value).join(' ');
    expect(full).toContain('What happened?');
    expect(full).toContain('Niemand belde terug.');

    // The reporter, whose client says Dutch, still gets Dutch.
    const ack = await cardFor(mo, reference, 'acknowledgement');
    expect(textsOf(ack).join(' ')).toContain('is geregistreerd');
  });

  it('keeps the stored locale when an activity carries none', async () => {
    const res = await h.post({
      ...messageActivity(hanna, 'help', opts()),
      locale: undefined,
    });
    expect(res.status).toBe(200);
    await waitFor(async () => (await repo().findPerson('hanna'))?.locale === 'en', 'a stored en');
    expect((await repo().findPerson('hanna'))?.locale).toBe('en');
  });
});
