import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import {
  buttonValue,
  type Harness,
  lastOpenedView,
  outboxRows,
  startHarness,
  textOf,
  USERS,
} from './harness.js';

/**
 * Waits are for events, with a generous deadline (a full run on two cores is slow, not
 * wrong); fixed pauses only give a wrong extra message the chance to show up.
 */
const PATIENCE_MS = 30_000;

describe('Slack: rules at the edge', { timeout: 120_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const waitFor = <T>(probe: () => T | undefined | null | false) =>
    h.fake.waitFor(probe, PATIENCE_MS);

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + PATIENCE_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  async function openedViewAfter(count: number) {
    await waitFor(() => h.fake.callsOf('views.open').length > count);
    return lastOpenedView(h.fake);
  }

  const load = async (ref: string) =>
    (await h.service.deps.store.repository.findComplaint(ref)) as Complaint;

  async function report(user: SlackUserRef, text: string) {
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.command(user, '');
    const view = await openedViewAfter(opened);
    const res = await h.slack.submit(user, view, {
      description: input.text(text),
      categoryKey: input.option('dienstverlening'),
    });
    const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0];
    if (!reference) throw new Error(`no reference: ${res.text}`);
    return reference;
  }

  async function cardButton(reference: string, actionId: string) {
    return waitFor(() => {
      const call = [...h.fake.messagesTo(USERS.piet.id)]
        .reverse()
        .find((c) => textOf(c).includes(reference));
      return call ? buttonValue(call, actionId) : undefined;
    });
  }

  it('escapes <!channel> and mentions in user text; nobody is pinged', async () => {
    const reference = await report(
      USERS.mo,
      '<!channel> kijk hier <@U0DIRK> & <https://evil.example|klik>',
    );
    await cardButton(reference, 'kb_declare_founded');
    const card = h.fake.messagesTo(USERS.piet.id).find((c) => textOf(c).includes(reference));
    const blocks = JSON.stringify(card?.args.blocks);
    expect(blocks).toContain(
      '&lt;!channel&gt; kijk hier &lt;@U0DIRK&gt; &amp; &lt;https://evil.example|klik&gt;',
    );
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).not.toContain('<@U0DIRK>');
    for (const call of h.fake.calls.filter((c) => c.method.startsWith('chat.post'))) {
      expect(JSON.stringify(call.args)).not.toMatch(/<!channel>|<@U0DIRK>/);
      if (call.method === 'chat.postMessage') {
        expect(call.args.unfurl_links).toBe('false');
        expect(call.args.unfurl_media).toBe('false');
      }
    }
  });

  it('a colleague who is not the handler clicks "founded": nothing changes, an ephemeral explains', async () => {
    const reference = await report(USERS.mo, 'Klacht voor de verkeerde klikker.');
    const value = await cardButton(reference, 'kb_declare_founded');
    const before = await load(reference);
    const rows = (await outboxRows(h.service)).length;
    const res = await h.slack.click(
      USERS.eva,
      { action_id: 'kb_declare_founded', value },
      'C0GENERAL',
    );
    expect(res.status).toBe(200);
    const note = await waitFor(() =>
      h.fake.callsOf('chat.postEphemeral').find((c) => c.args.user === USERS.eva.id),
    );
    expect(note.args.channel).toBe('C0GENERAL');
    expect(String(note.args.text)).toContain('You may not take this action'); // Eva reads English
    const after = await load(reference);
    expect(after.status).toBe(before.status);
    expect(after.version).toBe(before.version);
    expect((await outboxRows(h.service)).length).toBe(rows);
  });

  it('two identical clicks 50 ms apart: one transition, one notification', async () => {
    const reference = await report(USERS.mo, 'Dubbelklik.');
    const value = await cardButton(reference, 'kb_declare_founded');
    const first = h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value });
    await new Promise((r) => setTimeout(r, 50));
    const second = h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value });
    await Promise.all([first, second]);
    await until(async () => (await load(reference)).version >= 2, 'the decision');
    await new Promise((r) => setTimeout(r, 300)); // room for a wrong second transition
    const complaint = await load(reference);
    expect(complaint.status).toBe('in_treatment');
    expect(complaint.version).toBe(2);
    const audit = await h.service.deps.store.repository.listAudit(complaint.id);
    expect(audit.filter((a) => a.action === 'declare_founded')).toHaveLength(1);
    const decisions = (await outboxRows(h.service)).filter(
      (r) => r.kind === 'decision' && r.person === 'mo',
    );
    const decided = () =>
      h.fake
        .messagesTo(USERS.mo.id)
        .filter((c) => textOf(c).includes(reference) && textOf(c).includes('gegrond verklaard'));
    // An empty list is truthy: wait for a list with something in it.
    const mine = await waitFor(() => decided().length > 0 && decided());
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(decided()).toHaveLength(1);
    expect(mine).toHaveLength(1);
  });

  it('429 with Retry-After: 2, then 200: delivered once, after the wait', async () => {
    const reference = await report(USERS.hanna, 'Rate limit.');
    // Only the next post to the quality channel is refused.
    const channelPosts = () =>
      h.fake
        .callsOf('chat.postMessage')
        .filter((c) => c.args.channel === 'C0KWALITEIT' && textOf(c).includes(reference));
    await waitFor(() => channelPosts().length === 1);
    await waitFor(() =>
      h.fake.messagesTo(USERS.piet.id).some((c) => textOf(c).includes(reference)),
    );
    h.fake.script('chat.postMessage', { status: 429, retryAfter: 2 });
    const reference2 = await report(USERS.hanna, 'Rate limit twee.');
    const posts = () =>
      h.fake.callsOf('chat.postMessage').filter((c) => textOf(c).includes(reference2));
    const limited = await waitFor(() => posts().find((c) => c.outcome === '429'));
    const retried = await waitFor(() =>
      posts().find((c) => c.at > limited.at && c.args.channel === limited.args.channel),
    );
    expect(retried.outcome).toBe('ok');
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1_900);
    await new Promise((r) => setTimeout(r, 300));
    expect(
      posts().filter((c) => c.args.channel === limited.args.channel && c.outcome === 'ok'),
    ).toHaveLength(1);
  });

  it('opens the DM with a person once for many messages, and again after a failed post', async () => {
    const opens = () =>
      h.fake.callsOf('conversations.open').filter((c) => c.args.users === USERS.piet.id).length;
    const first = await report(USERS.hanna, 'Eerste van drie.');
    await waitFor(() => h.fake.messagesTo(USERS.piet.id).some((c) => textOf(c).includes(first)));
    const before = opens();
    for (const text of ['Tweede van drie.', 'Derde van drie.']) {
      const reference = await report(USERS.hanna, text);
      await waitFor(() =>
        h.fake.messagesTo(USERS.piet.id).some((c) => textOf(c).includes(reference)),
      );
    }
    expect(opens()).toBe(before); // remembered (at most one open, from an earlier test)
    expect(before).toBeLessThanOrEqual(1);

    // Nothing else is on its way, so the next three posts are this report's three messages.
    await until(
      async () => !(await outboxRows(h.service)).some((r) => r.status === 'pending'),
      'an idle outbox',
    );
    h.fake.script('chat.postMessage', { status: 500 }, 3);
    const reference = await report(USERS.hanna, 'Na een mislukte post.');
    await waitFor(() =>
      h.fake.messagesTo(USERS.piet.id).some((c) => textOf(c).includes(reference)),
    );
    const failed = h.fake
      .callsOf('chat.postMessage')
      .filter((c) => c.outcome === '500' && c.args.channel === `D${USERS.piet.id}`);
    expect(failed).toHaveLength(1);
    expect(opens()).toBe(before + 1); // forgotten after the failure, opened again
  });

  it('parks a permanent error instead of retrying it', async () => {
    h.fake.script('chat.postMessage', { error: 'channel_not_found' });
    await report(USERS.kim, 'Permanent.');
    const parked = async () =>
      (await outboxRows(h.service)).find((r) =>
        String(r.last_error ?? '').includes('channel_not_found'),
      );
    await until(async () => (await parked()) !== undefined, 'the parked message');
    expect((await parked())?.status).toBe('failed'); // parked: kept visibly, never retried
  });

  it('/klacht help, /klacht mijn, /klacht <text> and the message shortcut', async () => {
    const help = await h.slack.command(USERS.mo, 'help');
    expect(help.json?.text).toContain('/klacht mijn');

    const responses = h.fake.calls.filter((c) => c.method.startsWith('/response/')).length;
    await h.slack.command(USERS.mo, 'mijn');
    const list = await waitFor(
      () => h.fake.calls.filter((c) => c.method.startsWith('/response/'))[responses],
    );
    expect(list.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(list.args.blocks)).toMatch(/KL-\d{4}-\d{4} · /);

    const opened = h.fake.callsOf('views.open').length;
    await h.slack.command(USERS.mo, 'De lift is weer stuk');
    const view = await openedViewAfter(opened);
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"De lift is weer stuk"');

    const again = h.fake.callsOf('views.open').length;
    await h.slack.messageShortcut(USERS.mo, {
      text: 'Klant belde boos',
      ts: '1712345678.000200',
      channel: 'C0GENERAL',
    });
    const shortcut = await openedViewAfter(again);
    expect(JSON.stringify(shortcut.blocks)).toContain('Klant belde boos');
    expect(shortcut.private_metadata).toContain(
      'https://voorbeeld.slack.com/archives/C0GENERAL/p1712345678000200',
    );
    const res = await h.slack.submit(USERS.mo, shortcut, {
      description: input.text('Klant belde boos'),
      categoryKey: input.option('overig'),
    });
    const ref = /KL-\d{4}-\d{4}/.exec(res.text)?.[0] as string;
    expect((await load(ref)).sourceLink).toBe(
      'https://voorbeeld.slack.com/archives/C0GENERAL/p1712345678000200',
    );
  });

  it('shows validation errors next to the fields and keeps the modal open', async () => {
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.command(USERS.mo, '');
    const view = await openedViewAfter(opened);
    const res = await h.slack.submit(USERS.mo, view, {
      description: input.text('Iets'),
      categoryKey: input.option('bestaat-niet'),
      occurredOn: input.date('2999-01-01'),
    });
    expect(res.json?.response_action).toBe('errors');
    const errors = res.json?.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(['occurredOn']);
    const concerns = await h.slack.submit(USERS.mo, view, {
      description: input.text('Iets'),
      categoryKey: input.option('dienstverlening'),
      concernsEmployee: input.checked(),
    });
    expect(concerns.json).toMatchObject({
      response_action: 'errors',
      errors: { subjectPersonId: expect.any(String) },
    });
  });

  it('App Home lists my reports, assigned to me, and the open ones for the director', async () => {
    const before = h.fake.callsOf('views.publish').length;
    await h.slack.event({
      type: 'app_home_opened',
      user: USERS.dirk.id,
      channel: 'D1',
      tab: 'home',
    });
    const published = await waitFor(() => h.fake.callsOf('views.publish')[before]);
    expect(published.args.user_id).toBe(USERS.dirk.id);
    const text = JSON.stringify(published.args.view);
    expect(text).toContain('Open meldingen');
    expect(text).toMatch(/KL-\d{4}-\d{4}/);
    expect(text).not.toContain('Dubbelklik'); // lines carry reference, status, category only
  });
});
