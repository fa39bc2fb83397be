import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeMrkdwn } from '../../src/adapters/slack/block-kit/text.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { type Harness, openedViewAfter, startHarness, textOf, USERS } from './harness.js';

type Block = {
  type: string;
  text?: { text: string };
  accessory?: { action_id: string; value: string };
  elements?: { action_id?: string; value?: string; text?: unknown }[];
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const responses = () => h.fake.calls.filter((c) => c.method.startsWith('/response/'));

/** Runs `/klacht <text>` and returns what the app posted to the command's response_url. */
async function command(user: SlackUserRef, text: string): Promise<SlackCall> {
  const before = responses().length;
  expect((await h.slack.command(user, text)).status).toBe(200);
  return h.fake.waitFor(() => responses()[before]);
}

async function click(user: SlackUserRef, action_id: string, value: string, channel?: string) {
  const before = responses().length;
  expect((await h.slack.click(user, { action_id, value }, channel)).status).toBe(200);
  return h.fake.waitFor(() => responses()[before]);
}

const blocksOf = (call: SlackCall | { args: { blocks?: unknown } }) =>
  (call.args.blocks ?? []) as Block[];
const sectionText = (blocks: Block[]) =>
  blocks
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '')
    .join('');
const openButtons = (blocks: Block[]) =>
  blocks.filter((b) => b.accessory?.action_id === 'kb_open').map((b) => b.accessory?.value ?? '');
function moreValue(blocks: Block[]): string | undefined {
  for (const b of blocks) {
    for (const e of b.elements ?? []) {
      if (e.action_id === 'kb_list_more' && JSON.parse(e.value ?? '{}').o > 0) return e.value;
    }
  }
  return undefined;
}

async function file(reporterId: string, description: string, categoryKey = 'dienstverlening') {
  const { complaint } = await reportComplaint(h.service.deps, {
    reporterId,
    categoryKey,
    description,
    intakeKey: `test:${Math.random()}`,
  });
  return complaint;
}

describe('Slack: open a complaint by reference', () => {
  it('shows the whole complaint to the reporter; others hear "not found", as for an unknown one', async () => {
    const description = `${'Lekkage & <schade> bij de klant. '.repeat(100)}`.slice(0, 3000);
    expect(description.length).toBe(3000);
    const complaint = await file('mo', description);

    const shown = await command(USERS.mo, complaint.reference);
    const blocks = blocksOf(shown);
    const text = sectionText(blocks);
    // The 3,000-character description, split over blocks, concatenates to the whole text.
    expect(unescapeMrkdwn(text)).toContain(description);
    for (const b of blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.filter((b) => b.type === 'section').length).toBeGreaterThan(2);
    expect(text).not.toContain('<schade>');
    // All deadlines as dates, the timeline in words and the reporter's action.
    const all = textOf(shown);
    expect(all).toContain('Inhoudelijke terugkoppeling');
    expect(all).toContain('Besluit (gegrond/ongegrond)');
    expect(all).toContain('Verloop');
    expect(all).toMatch(
      /(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d+ \w+ \d{4} — Mo Medewerker: gemeld/,
    );
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toContain('kb_withdraw');

    const notFound = translate('nl', 'error.complaint.not_found');
    const refused = await command(USERS.eva, complaint.reference);
    const unknown = await command(USERS.eva, 'KL-2099-9999');
    expect(refused.args.text).toBe(unknown.args.text);
    expect(textOf(refused)).not.toContain('Lekkage');
    expect(translate('en', 'error.complaint.not_found')).toBe(refused.args.text);
    expect(notFound).not.toBe(refused.args.text); // eva speaks English

    // The handler opens it too, sees the decision buttons, and the handler card is whole.
    const handler = await command(USERS.piet, `open ${complaint.reference.toLowerCase()}`);
    const ids = blocksOf(handler)
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.action_id);
    expect(ids).toEqual(expect.arrayContaining(['kb_declare_founded', 'kb_request_info']));
    const card = await h.fake.waitFor(() =>
      h.fake.messagesTo(USERS.piet.id).find((c) => textOf(c).includes(complaint.reference)),
    );
    expect(unescapeMrkdwn(sectionText(blocksOf(card)))).toContain(description);
  });

  it('clicking "Open" in App Home opens the complaint in a modal', async () => {
    const complaint = await file('mo', 'Open mij vanuit de Home-tab.');
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.interaction({
      type: 'block_actions',
      team: { id: 'T1', domain: 'voorbeeld' },
      user: { id: USERS.mo.id, username: 'mo', name: 'mo', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: 'trigger-home-open',
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home', blocks: [], state: { values: {} }, hash: 'h' },
      actions: [
        {
          type: 'button',
          block_id: 'b1',
          action_id: 'kb_open',
          value: complaint.id,
          text: { type: 'plain_text', text: 'Openen' },
          action_ts: '1',
        },
      ],
    });
    const view = await openedViewAfter(h.fake, opened);
    expect(JSON.stringify(view)).toContain('Open mij vanuit de Home-tab.');

    // A form button inside that modal pushes the form on the modal's stack.
    const pushed = h.fake.callsOf('views.push').length;
    const value = JSON.stringify({ c: complaint.id, v: complaint.version, r: complaint.reference });
    await h.slack.interaction({
      type: 'block_actions',
      team: { id: 'T1', domain: 'voorbeeld' },
      user: { id: USERS.piet.id, username: 'piet', name: 'piet', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: 'trigger-modal-form',
      container: { type: 'view', view_id: 'VMODAL' },
      view: { id: 'VMODAL', type: 'modal', blocks: [], state: { values: {} }, hash: 'h' },
      actions: [
        {
          type: 'button',
          block_id: 'b1',
          action_id: 'kb_request_info',
          value,
          text: { type: 'plain_text', text: 'Informatie vragen' },
          action_ts: '1',
        },
      ],
    });
    const push = await h.fake.waitFor(() => h.fake.callsOf('views.push')[pushed]);
    expect(push.args.trigger_id).toBe('trigger-modal-form');
  });
});

describe('Slack: lists with paging', () => {
  it('my reports: ten per page, "meer" follows, every item opens', async () => {
    const before = (await h.service.deps.store.repository.listComplaints({ reporterId: 'hanna' }))
      .length;
    expect(before).toBe(0);
    for (let i = 1; i <= 13; i++) await file('hanna', `Melding nummer ${i}`, 'dienstverlening');

    const first = await command(USERS.hanna, 'mijn');
    const page1 = openButtons(blocksOf(first));
    expect(page1).toHaveLength(10);
    const more = moreValue(blocksOf(first));
    expect(more).toBeDefined();
    expect(textOf(first)).toContain('Meer');

    const second = await click(USERS.hanna, 'kb_list_more', more as string);
    expect(second.args.replace_original).toBe(true);
    const page2 = openButtons(blocksOf(second));
    expect(page2).toHaveLength(3);
    expect(new Set([...page1, ...page2]).size).toBe(13);
    expect(moreValue(blocksOf(second))).toBeUndefined();

    const detail = await click(USERS.hanna, 'kb_open', page2[2] as string);
    expect(textOf(detail)).toContain('Melding nummer 1');
  });

  it('assigned, open, overdue (overdue first) and per category, in Dutch and English words', async () => {
    const late = await file('mo', 'Deze is te laat.', 'overig');
    await h.service.database.db.execute(
      sql`update complaints set feedback_due = '2020-01-06', decision_due = '2020-01-10' where id = ${late.id}`,
    );
    const assigned = await command(USERS.hanna, 'toegewezen');
    const first = blocksOf(assigned).find((b) => b.accessory?.action_id === 'kb_open');
    expect(first?.accessory?.value).toBe(late.id);
    expect(first?.text?.text).toContain(':warning:');

    const overdue = await command(USERS.dirk, 'te-laat');
    expect(openButtons(blocksOf(overdue))).toEqual([late.id]);
    const overdueEn = await command(USERS.dirk, 'overdue');
    expect(openButtons(blocksOf(overdueEn))).toEqual([late.id]);

    const open = await command(USERS.kim, 'open');
    expect(openButtons(blocksOf(open))[0]).toBe(late.id);
    expect(moreValue(blocksOf(open))).toBeDefined();

    const category = await command(USERS.dirk, 'rubriek overig');
    expect(openButtons(blocksOf(category))).toContain(late.id);
    expect(textOf(category)).toContain('Overig');
    const categoryEn = await command(USERS.dirk, 'category Other');
    expect(openButtons(blocksOf(categoryEn))).toContain(late.id);

    // Overviews are for the director, the quality adviser and the secretariat only.
    const refused = await command(USERS.mo, 'open');
    expect(openButtons(blocksOf(refused))).toEqual([]);
    expect(textOf(refused)).toContain('alleen voor de directie');
  });

  it('App Home lists have Open buttons and a working "more"', async () => {
    const published = h.fake.callsOf('views.publish').length;
    await h.slack.event({
      type: 'app_home_opened',
      user: USERS.hanna.id,
      channel: 'DH',
      tab: 'home',
    });
    const home = await h.fake.waitFor(() => h.fake.callsOf('views.publish')[published]);
    const blocks = (home.args.view as { blocks: Block[] }).blocks;
    expect(openButtons(blocks).length).toBeGreaterThanOrEqual(10);
    const more = moreValue(blocks);
    expect(JSON.parse(more ?? '{}')).toMatchObject({ l: 'mine', o: 10, s: 'h' });
    await h.slack.interaction({
      type: 'block_actions',
      team: { id: 'T1', domain: 'voorbeeld' },
      user: { id: USERS.hanna.id, username: 'hanna', name: 'hanna', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: 'trigger-home-more',
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home', blocks: [], state: { values: {} }, hash: 'h' },
      actions: [
        {
          type: 'button',
          block_id: 'b2',
          action_id: 'kb_list_more',
          value: more,
          text: { type: 'plain_text', text: 'Meer' },
          action_ts: '1',
        },
      ],
    });
    const next = await h.fake.waitFor(() => h.fake.callsOf('views.publish')[published + 1]);
    const text = JSON.stringify(next.args.view);
    expect(text).toContain('Nummer 11 t/m 13');
  });
});

describe('Slack shortcomings', () => {
  it('a replayed /klacht request opens one modal', async () => {
    const form = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      team_domain: 'voorbeeld',
      channel_id: 'C0GENERAL',
      user_id: USERS.mo.id,
      user_name: 'mo',
      command: '/klacht',
      text: 'Dubbel verstuurd',
      api_app_id: 'A1',
      response_url: `${h.fake.url}/response/replay`,
      trigger_id: 'trigger-replayed',
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const opened = h.fake.callsOf('views.open').length;
    const type = 'application/x-www-form-urlencoded';
    expect((await h.slack.send(form, type, { timestamp })).status).toBe(200);
    await openedViewAfter(h.fake, opened);
    expect((await h.slack.send(form, type, { timestamp })).status).toBe(200);
    // A later, different command proves the app handled the replay before it.
    const marker = h.fake.callsOf('views.open').length;
    await h.slack.command(USERS.mo, 'Iets anders');
    await openedViewAfter(h.fake, marker);
    const triggers = h.fake.callsOf('views.open').map((c) => c.args.trigger_id);
    expect(triggers.filter((t) => t === 'trigger-replayed')).toHaveLength(1);
  });

  it('/klacht help shows placeholders escaped', async () => {
    const res = await h.slack.command(USERS.mo, 'help');
    const text = String(res.json?.text);
    expect(text).toContain('`/klacht &lt;tekst&gt;`');
    expect(text).not.toContain('<tekst>');
    expect(text).toContain('/klacht toegewezen');
  });

  it('when postEphemeral fails, the clicker hears it through response_url', async () => {
    const complaint = await file('mo', 'Kaart in een kanaal zonder bot.');
    h.fake.script('chat.postEphemeral', { error: 'channel_not_found' });
    const value = JSON.stringify({ c: complaint.id, v: complaint.version, r: complaint.reference });
    const answer = await click(USERS.mo, 'kb_declare_founded', value, 'C0ELSEWHERE');
    expect(answer.args.text).toBe(translate('nl', 'error.complaint.conflict_of_interest'));
    expect(answer.args.replace_original).toBe(false);
    expect(h.fake.callsOf('chat.postEphemeral').at(-1)?.outcome).toBe('channel_not_found');
  });

  it('the message-shortcut permalink reaches the handler card', async () => {
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.messageShortcut(USERS.mo, {
      text: 'Klant belde boos over de factuur',
      ts: '1700000000.000100',
      channel: 'C0GENERAL',
    });
    const view = await openedViewAfter(h.fake, opened);
    const link = 'https://voorbeeld.slack.com/archives/C0GENERAL/p1700000000000100';
    expect(view.private_metadata).toContain(link);
    const res = await h.slack.submit(USERS.mo, view, {
      description: input.text('Klant belde boos over de factuur'),
      categoryKey: input.option('overig'),
      complainantType: input.option('client'),
      intakeChannel: input.option('phone'),
    });
    const reference = /KL-\d{4}-\d{4}/.exec(JSON.stringify(res.json))?.[0] as string;
    expect(reference).toBeDefined();
    expect((await h.service.deps.store.repository.findComplaint(reference))?.sourceLink).toBe(link);
    const card = await h.fake.waitFor(
      () => h.fake.messagesTo(USERS.hanna.id).find((c) => textOf(c).includes(reference)),
      30_000,
    );
    expect(textOf(card)).toContain(link);
    expect(textOf(card)).toContain('Oorspronkelijk bericht');
  });
});
