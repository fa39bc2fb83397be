import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isHome } from '../../src/adapters/slack/workspace.js';
import type { Logger } from '../../src/app/ports.js';
import { type Env, loadEnv } from '../../src/config/env.js';
import { type RunningService, startService } from '../../src/service.js';
import { FakeSlackClient, input, type SlackUserRef } from '../fakes/slack-client.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { openedViewAfter, SECRET, USERS } from '../slack/harness.js';
import { sleep, writes } from './support.js';

const ORG = `\
organisation: { name: Test BV, locale: nl, timezone: Europe/Amsterdam }
people:
  - { id: dirk, name: Dirk Directeur, email: dirk@example.org, roles: [director], slackUserId: U0DIRK }
  - { id: kim, name: Kim Kwaliteit, email: kim@example.org, roles: [quality_adviser], slackUserId: U0KIM }
  - { id: piet, name: Piet Projectleider, email: piet@example.org, roles: [handler], slackUserId: U0PIET }
  - { id: mo, name: Mo Medewerker, email: mo@example.org, roles: [reporter], slackUserId: U0MO }
categories:
  - { key: dienstverlening, label: { nl: Dienstverlening, en: Service }, handler: piet }
`;

interface Line {
  level: string;
  obj: Record<string, unknown>;
  msg: string | undefined;
}

function recordingLogger(lines: Line[]): Logger {
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

/**
 * Bad input at the Slack edge (issue 14, items 9, 10, 12 and 14), over HTTP against the real
 * service with a fake Web API and a logger whose lines the test reads.
 */
describe('faults: bad input at the Slack edge', () => {
  const lines: Line[] = [];
  let dir: string;
  let fake: FakeSlackWebApi;
  let service: RunningService;
  let slack: FakeSlackClient;
  let before: Record<string, number>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kb-slack-edge-'));
    const orgPath = path.join(dir, 'org.yaml');
    await writeFile(orgPath, ORG);
    fake = await new FakeSlackWebApi().start();
    for (const user of [USERS.dirk, USERS.kim, USERS.piet, USERS.mo]) {
      fake.addUser({ id: user.id, name: user.name, email: `${user.name}@example.org` });
    }
    const loaded = loadEnv({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${fake.url}/api/`,
      ORG_CONFIG: orgPath,
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      JOBS_ENABLED: 'false',
      DATA_DIR: dir,
    });
    const env: Env = {
      ...loaded,
      port: 0,
      database: { kind: 'pglite', dataDir: null as unknown as string },
    };
    service = await startService(env, { logger: recordingLogger(lines) });
    slack = new FakeSlackClient(`${service.url}/slack/events`, SECRET, fake.url);
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    before = await writes(service.database);
  });
  const nothingWritten = async () => expect(await writes(service.database)).toEqual(before);
  const responses = () => fake.calls.filter((c) => c.method.startsWith('/response/'));
  const form = (fields: Record<string, string>) =>
    slack.send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  const commandFields = (user: SlackUserRef, team: string, n: string) => ({
    command: '/klacht',
    text: '',
    user_id: user.id,
    user_name: user.name,
    team_id: team,
    channel_id: 'C0GENERAL',
    trigger_id: `trigger-edge-${n}`,
    response_url: `${fake.url}/response/edge-${n}`,
  });
  const clickPayload = (user: SlackUserRef, team: string, userTeam: string, n: string) => ({
    type: 'block_actions',
    team: { id: team, domain: 'elders' },
    user: { id: user.id, username: user.name, name: user.name, team_id: userTeam },
    api_app_id: 'A1',
    trigger_id: `trigger-edge-${n}`,
    container: { type: 'message', message_ts: '1.1', channel_id: `D${user.id}` },
    channel: { id: `D${user.id}`, name: 'directmessage' },
    response_url: `${fake.url}/response/edge-${n}`,
    actions: [
      {
        type: 'button',
        block_id: 'kb_actions',
        action_id: 'kb_open_report',
        value: 'x',
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1.2',
      },
    ],
  });

  describe('9: another workspace or organisation', () => {
    const refusals = () =>
      lines.filter((l) => l.msg === 'slack request refused: another workspace').length;

    it('a slash command from another team is refused with a message, nothing opened', async () => {
      const opened = fake.callsOf('views.open').length;
      const count = refusals();
      const res = await form(commandFields(USERS.mo, 'T2OTHER', 'c1'));
      expect(res.status).toBe(200);
      expect(res.json?.response_type).toBe('ephemeral');
      expect(String(res.json?.text)).toContain('andere Slack-werkruimte');
      expect(String(res.json?.text)).toContain('Test BV');
      await sleep(200);
      expect(fake.callsOf('views.open')).toHaveLength(opened);
      expect(refusals()).toBe(count + 1);
      await nothingWritten();
    });

    it('a click by a listed user id from another team, or by a Slack Connect user, is refused', async () => {
      const opened = fake.callsOf('views.open').length;
      for (const [team, userTeam, n] of [
        ['T2OTHER', 'T2OTHER', 'a1'],
        ['T1', 'T9CONNECT', 'a2'],
      ] as const) {
        const sent = responses().length;
        const res = await slack.interaction(clickPayload(USERS.piet, team, userTeam, n));
        expect(res.status).toBe(200);
        const note = await fake.waitFor(() => responses().slice(sent)[0]);
        expect(note.method).toBe(`/response/edge-${n}`);
        expect(String(note.args.text)).toContain('andere Slack-werkruimte');
      }
      await sleep(200);
      expect(fake.callsOf('views.open')).toHaveLength(opened);
      await nothingWritten();
    });

    it('the same click from the installation team does open the form (the gate can pass)', async () => {
      const opened = fake.callsOf('views.open').length;
      await slack.interaction(clickPayload(USERS.mo, 'T1', 'T1', 'a3'));
      const view = await openedViewAfter(fake, opened);
      expect(view.callback_id).toBeTruthy();
    });

    it('a view submission from another organisation gets a field error, nothing registered', async () => {
      const opened = fake.callsOf('views.open').length;
      await slack.command(USERS.mo, '');
      const view = await openedViewAfter(fake, opened);
      const payload = {
        type: 'view_submission',
        team: { id: 'T2OTHER', domain: 'elders' },
        user: { id: USERS.mo.id, username: 'mo', name: 'mo', team_id: 'T2OTHER' },
        api_app_id: 'A1',
        trigger_id: 'trigger-edge-v1',
        view: {
          id: 'V-edge',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          blocks: view.blocks,
          state: {
            values: {
              description: { value: input.text('Van buiten.') },
              categoryKey: { value: input.option('dienstverlening') },
            },
          },
        },
      };
      const res = await slack.interaction(payload);
      expect(res.status).toBe(200);
      expect(res.json?.response_action).toBe('errors');
      expect(JSON.stringify(res.json?.errors)).toContain('andere Slack-werkruimte');
      await nothingWritten();
    });

    it('a message shortcut and an event from another team do nothing', async () => {
      const opened = fake.callsOf('views.open').length;
      const published = fake.callsOf('views.publish').length;
      const sent = responses().length;
      await slack.interaction({
        type: 'message_action',
        callback_id: 'kb_report_message',
        team: { id: 'T2OTHER', domain: 'elders' },
        user: { id: USERS.mo.id, username: 'mo', name: 'mo', team_id: 'T2OTHER' },
        channel: { id: 'C0SHARED', name: 'gedeeld' },
        message: { type: 'message', text: 'Doe iets', ts: '5.5', user: 'U0X' },
        message_ts: '5.5',
        trigger_id: 'trigger-edge-s1',
        response_url: `${fake.url}/response/edge-s1`,
      });
      await fake.waitFor(() => responses().length > sent);
      const body = JSON.stringify({
        team_id: 'T2OTHER',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: 'EvForeign1',
        event_time: 1,
        event: { type: 'app_home_opened', user: USERS.mo.id, channel: 'DHOME', tab: 'home' },
      });
      expect((await slack.send(body, 'application/json')).status).toBe(200);
      await sleep(300);
      expect(fake.callsOf('views.open')).toHaveLength(opened);
      expect(fake.callsOf('views.publish')).toHaveLength(published);
      await nothingWritten();
    });

    it('Enterprise Grid: another workspace of the same organisation passes, another organisation not', () => {
      const home = { teamId: 'T1', enterpriseId: 'E1' };
      expect(
        isHome(home, { team: { id: 'T7' }, enterprise: { id: 'E1' }, user: { team_id: 'T7' } }),
      ).toBe(true);
      expect(
        isHome(home, { team: { id: 'T7' }, enterprise: { id: 'E2' }, user: { team_id: 'T7' } }),
      ).toBe(false);
      expect(isHome(home, { team: { id: 'T7' }, enterprise: null })).toBe(false);
      expect(
        isHome(
          { teamId: 'T1', enterpriseId: null },
          { team_id: 'T1', enterprise_id: 'E9', user: { team_id: 'T1' } },
        ),
      ).toBe(true);
      expect(isHome({ teamId: 'T1', enterpriseId: null }, {})).toBe(false);
    });
  });

  describe('11: user text that looks like formatting', () => {
    it('is shown on the handler card as plain text, never as live mrkdwn', async () => {
      const text =
        '*URGENT*\n```\ncode\n```\n> Goedgekeurd door de directeur\n*Status:* Gesloten :white_check_mark:';
      const name = '*Directeur* _Dirk_';
      const opened = fake.callsOf('views.open').length;
      await slack.command(USERS.mo, '');
      const view = await openedViewAfter(fake, opened);
      const res = await slack.submit(USERS.mo, view, {
        description: input.text(text),
        categoryKey: input.option('dienstverlening'),
        complainantName: input.text(name),
        relatedTo: input.text('> Order 42 *betaald*'),
      });
      const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0] as string;
      expect(reference, res.text).toBeTruthy();
      const card = await fake.waitFor(() =>
        fake
          .messagesTo(USERS.piet.id)
          .find((c) => JSON.stringify(c.args.blocks).includes(reference)),
      );
      type Text = { type: string; text: string; emoji?: boolean };
      const blocks = card.args.blocks as { type: string; text?: Text; fields?: Text[] }[];
      const texts = blocks.flatMap((b) => [...(b.text ? [b.text] : []), ...(b.fields ?? [])]);
      // Every text object holding a piece of user text is plain_text, with the characters
      // as typed (only &, < and > escaped, which Slack decodes).
      const holding = (needle: string) => texts.filter((t) => t.text.includes(needle));
      for (const needle of [
        '*URGENT*',
        '```',
        '&gt; Goedgekeurd door de directeur',
        '*Status:* Gesloten',
        name,
        '&gt; Order 42 *betaald*',
      ]) {
        expect(holding(needle).length, needle).toBeGreaterThan(0);
        for (const t of holding(needle)) {
          expect(t.type, needle).toBe('plain_text');
          expect(t.emoji).toBe(false);
        }
      }
      // The whole description is there, in order.
      const plainText = texts
        .filter((t) => t.type === 'plain_text')
        .map((t) => t.text)
        .join('');
      expect(plainText.replaceAll('&gt;', '>')).toContain(text);
      // Our own headings are still bold mrkdwn (so user text cannot pass for them).
      expect(texts.some((t) => t.type === 'mrkdwn' && t.text === '*Wat is er gebeurd?*')).toBe(
        true,
      );
    });
  });

  describe('10: ssl_check', () => {
    it('ssl_check=1 next to a command or a payload is answered empty and runs nothing', async () => {
      const opened = fake.callsOf('views.open').length;
      const sent = responses().length;
      const withCommand = await form({ ssl_check: '1', ...commandFields(USERS.mo, 'T1', 'ssl1') });
      expect(withCommand.status).toBe(200);
      expect(withCommand.text).toBe('');
      const withPayload = await form({
        ssl_check: '1',
        payload: JSON.stringify(clickPayload(USERS.mo, 'T1', 'T1', 'ssl2')),
      });
      expect(withPayload.status).toBe(200);
      expect(withPayload.text).toBe('');
      const alone = await form({ ssl_check: '1', token: 'legacy' });
      expect(alone.status).toBe(200);
      await sleep(300);
      expect(fake.callsOf('views.open')).toHaveLength(opened);
      expect(responses()).toHaveLength(sent);
      await nothingWritten();
    });
  });

  describe('12: an expired trigger or a used response_url', () => {
    it('views.open answering expired_trigger_id or trigger_exchanged → the user is told to try again', async () => {
      for (const error of ['expired_trigger_id', 'trigger_exchanged']) {
        fake.script('views.open', { error });
        const sent = responses().length;
        expect((await slack.command(USERS.mo, '')).status).toBe(200);
        const note = await fake.waitFor(() => responses().slice(sent)[0]);
        expect(String(note.args.text)).toContain('Het formulier kon niet worden geopend');
        expect(note.args.response_type).toBe('ephemeral');
      }
      // A button without a response_url (a click in App Home) gets an ephemeral note or a DM.
      fake.script('views.open', { error: 'expired_trigger_id' });
      const notes = fake.calls.length;
      const payload = clickPayload(USERS.mo, 'T1', 'T1', 'h1') as Record<string, unknown>;
      delete payload.response_url;
      await slack.interaction({ ...payload, container: { type: 'view', view_id: 'VHOME' } });
      const note = await fake.waitFor(() =>
        fake.calls
          .slice(notes)
          .find((c) => c.method === 'chat.postEphemeral' || c.method === 'chat.postMessage'),
      );
      expect(String(note.args.text)).toContain('Het formulier kon niet worden geopend');
      await nothingWritten();
    });

    it('a used-up response_url → the answer comes as an ephemeral note instead', async () => {
      fake.script('/response/*', { status: 404 });
      const count = fake.callsOf('chat.postEphemeral').length;
      expect((await slack.command(USERS.mo, 'mijn')).status).toBe(200);
      const note = await fake.waitFor(() => fake.callsOf('chat.postEphemeral').slice(count)[0]);
      expect(note.args.user).toBe(USERS.mo.id);
      expect(note.args.channel).toBe('C0GENERAL');
      expect(responses().at(-1)?.outcome).toBe('404');
    });
  });

  describe('14: app_rate_limited', () => {
    it('is acknowledged, logged as one clear warning with the team, and counted', async () => {
      const from = lines.length;
      const notice = (minute: number) =>
        JSON.stringify({
          token: 'legacy',
          type: 'app_rate_limited',
          team_id: 'T1',
          minute_rate_limited: minute,
          api_app_id: 'A1',
        });
      for (const minute of [1_700_000_000, 1_700_000_060]) {
        const res = await slack.send(notice(minute), 'application/json');
        expect(res.status).toBe(200);
      }
      const mine = lines.slice(from).filter((l) => /app_rate_limited/.test(l.msg ?? ''));
      expect(mine).toHaveLength(2);
      expect(mine.map((l) => l.level)).toEqual(['warn', 'warn']);
      expect(mine[1]?.obj).toMatchObject({
        team: 'T1',
        minuteRateLimited: 1_700_000_060,
        rateLimitedTotal: (mine[0]?.obj.rateLimitedTotal as number) + 1,
      });
      expect(lines.slice(from).filter((l) => l.obj.source === 'bolt')).toEqual([]);
    });
  });
});
