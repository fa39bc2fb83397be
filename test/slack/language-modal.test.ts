import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportComplaint } from '../../src/app/report-complaint.js';
import type { SlackUserRef } from '../fakes/slack-client.js';
import { type Harness, openedViewAfter, startHarness, textOf, USERS } from './harness.js';

/**
 * Language on Slack: the locale Slack reports (users.info) is stored for every person, listed
 * people included, and the first modal is already in it; a locale the organisation file pins
 * is never overridden.
 */
describe('Slack: every person in their own language', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const repo = () => h.service.deps.store.repository;

  async function shortcutModal(user: SlackUserRef) {
    const opened = h.fake.callsOf('views.open').length;
    const res = await h.slack.messageShortcut(user, {
      text: 'Klant belde boos',
      ts: '1712345678.000200',
      channel: 'C0GENERAL',
    });
    expect(res.status).toBe(200);
    return openedViewAfter(h.fake, opened);
  }

  const titleOf = (view: object) => JSON.stringify((view as { title?: unknown }).title);

  async function openHome(user: SlackUserRef) {
    const published = h.fake.callsOf('views.publish').length;
    const event = { type: 'app_home_opened', user: user.id, channel: `D${user.id}`, tab: 'home' };
    expect((await h.slack.event(event)).status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsOf('views.publish').length > published);
  }

  it('a listed person whose Slack says en-GB gets English from the first modal on, and on cards', async () => {
    // Hanna is in the organisation file without a locale; her Slack client is English.
    h.fake.addUser({
      id: USERS.hanna.id,
      name: 'hanna',
      email: 'hanna@example.org',
      locale: 'en-GB',
    });
    expect((await repo().findPerson('hanna'))?.locale).toBeNull();

    const modal = await shortcutModal(USERS.hanna);
    expect(titleOf(modal)).toContain('Report a complaint');

    await openHome(USERS.hanna);
    expect((await repo().findPerson('hanna'))?.locale).toBe('en');

    // A proactive message to her (the handler card of a complaint in her category) is English.
    const { complaint } = await reportComplaint(h.service.deps, {
      reporterId: 'mo',
      categoryKey: 'overig',
      description: 'Iets anders.',
    });
    const reference = (await repo().findComplaint(complaint.id))?.reference as string;
    const card = await h.fake.waitFor(() =>
      h.fake.messagesTo(USERS.hanna.id).find((c) => textOf(c).includes(reference)),
    );
    expect(textOf(card)).toContain(`Complaint ${reference}: Other`);
    // The reporter's acknowledgement stays Dutch.
    const ack = await h.fake.waitFor(() =>
      h.fake.messagesTo(USERS.mo.id).find((c) => textOf(c).includes(reference)),
    );
    expect(textOf(ack)).toContain('is geregistreerd');
  });

  it('never overrides a locale the organisation file pins', async () => {
    // Eva's locale is pinned to English; her Slack client now says Dutch.
    h.fake.addUser({ id: USERS.eva.id, name: 'eva', email: 'eva@example.org', locale: 'nl-NL' });
    const modal = await shortcutModal(USERS.eva);
    expect(titleOf(modal)).toContain('Report a complaint');
    await openHome(USERS.eva);
    expect(await repo().findPerson('eva')).toMatchObject({ locale: 'en', localePinned: true });
  });

  it('a person Slack cannot tell about gets the organisation language without delay', async () => {
    const unknown = { id: 'U0NOBODY', name: 'nobody' };
    const modal = await shortcutModal(unknown);
    expect(titleOf(modal)).toContain('Klacht melden');
  });
});
