import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint.js';
import { input, type SlackUserRef, slackSignature } from '../fakes/slack-client.js';
import {
  buttonValue,
  type Harness,
  lastOpenedView,
  openedViewAfter,
  SECRET,
  startHarness,
  textOf,
  USERS,
} from '../slack/harness.js';
import { blockKitProblems, sleep, writes } from './support.js';

/** Bad input at the Slack edge: each case has its answer and writes nothing (issue 6). */
describe('faults: bad input over Slack', () => {
  let h: Harness;
  let endpoint: string;
  let before: Record<string, number>;

  beforeAll(async () => {
    h = await startHarness();
    endpoint = `${h.service.url}/slack/events`;
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(async () => {
    before = await writes(h.service.database);
  });
  const nothingWritten = async () => expect(await writes(h.service.database)).toEqual(before);

  const load = async (ref: string) =>
    (await h.service.deps.store.repository.findComplaint(ref)) as Complaint;

  /** A signed POST with a raw body (string or bytes). */
  async function raw(
    body: string | Buffer,
    contentType: string,
    headers: Record<string, string | undefined> = {},
  ) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const ts = Math.floor(Date.now() / 1000);
    // The HMAC covers bytes: sign them as such, even when they are not valid UTF-8.
    const signature = createHmac('sha256', SECRET)
      .update(Buffer.concat([Buffer.from(`v0:${ts}:`), bytes]))
      .digest('hex');
    const all: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': `v0=${signature}`,
    };
    for (const [k, v] of Object.entries(headers)) {
      if (v === undefined) delete all[k];
      else all[k] = v;
    }
    const res = await fetch(endpoint, { method: 'POST', headers: all, body: bytes });
    return { status: res.status, text: await res.text() };
  }

  async function openReport(user: SlackUserRef) {
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.command(user, '');
    return openedViewAfter(h.fake, opened);
  }

  async function report(user: SlackUserRef, description: string, category = 'dienstverlening') {
    const view = await openReport(user);
    const res = await h.slack.submit(user, view, {
      description: input.text(description),
      categoryKey: input.option(category),
    });
    expect(res.status).toBe(200);
    return { res, reference: /KL-\d{4}-\d{4}/.exec(res.text)?.[0] };
  }

  async function handlerCard(user: SlackUserRef, reference: string) {
    return h.fake.waitFor(() =>
      [...h.fake.messagesTo(user.id)].reverse().find((c) => textOf(c).includes(reference)),
    );
  }

  const form = (user: SlackUserRef) =>
    new URLSearchParams({
      command: '/klacht',
      text: '',
      user_id: user.id,
      user_name: user.name,
      team_id: 'T1',
      channel_id: 'C0GENERAL',
      trigger_id: 'trigger-x',
      response_url: `${h.fake.url}/response/x`,
    }).toString();

  it('missing signature headers → 401', async () => {
    const opened = h.fake.callsOf('views.open').length;
    for (const missing of ['x-slack-signature', 'x-slack-request-timestamp']) {
      const res = await raw(form(USERS.mo), 'application/x-www-form-urlencoded', {
        [missing]: undefined,
      });
      expect(res.status).toBe(401);
    }
    await sleep(100);
    expect(h.fake.callsOf('views.open').length).toBe(opened);
    await nothingWritten();
  });

  it('forged signature (wrong secret, garbage, other body) → 401', async () => {
    const body = form(USERS.mo);
    expect(
      (await h.slack.send(body, 'application/x-www-form-urlencoded', { secret: 'guess' })).status,
    ).toBe(401);
    expect(
      (await h.slack.send(body, 'application/x-www-form-urlencoded', { signature: 'v0=00' }))
        .status,
    ).toBe(401);
    const ts = Math.floor(Date.now() / 1000);
    const other = slackSignature(SECRET, ts, `${body}&x=1`);
    expect(
      (
        await h.slack.send(body, 'application/x-www-form-urlencoded', {
          timestamp: ts,
          signature: other,
        })
      ).status,
    ).toBe(401);
    await nothingWritten();
  });

  it('stale and future timestamps (6 minutes) → 401, even when correctly signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 360, now + 360]) {
      const res = await h.slack.command(USERS.mo, '', { timestamp });
      expect(res.status).toBe(401);
    }
    await nothingWritten();
  });

  it('a body over the limit (1 MiB) → 413', async () => {
    const big = `payload=${'a'.repeat(1024 * 1024 + 10)}`;
    const res = await raw(big, 'application/x-www-form-urlencoded').catch(() => ({
      status: 413,
      text: 'connection closed',
    }));
    expect(res.status).toBe(413);
    await nothingWritten();
  });

  it('malformed JSON in a signed event → 400, and a JSON array → 400', async () => {
    expect((await raw('{"type":"event_callback","event":', 'application/json')).status).toBe(400);
    expect((await raw('[1,2,3]', 'application/json')).status).toBe(400);
    expect((await raw('payload=%7Bnot-json', 'application/x-www-form-urlencoded')).status).toBe(
      400,
    );
    await nothingWritten();
  });

  it('form body with invalid UTF-8 bytes: answered (no 500), stored with U+FFFD or refused', async () => {
    const view = await openReport(USERS.mo);
    const payload = {
      type: 'view_submission',
      team: { id: 'T1', domain: 'voorbeeld' },
      user: { id: USERS.mo.id, username: 'mo', name: 'mo', team_id: 'T1' },
      api_app_id: 'A1',
      trigger_id: 'trigger-utf8',
      view: {
        id: 'V-utf8',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: {
          values: {
            description: { value: input.text('Kapot MARK tekst') },
            categoryKey: { value: input.option('dienstverlening') },
          },
        },
      },
    };
    const encoded = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const [head, tail] = encoded.split('MARK') as [string, string];
    // Raw bytes 0xFF 0xFE 0xC3 0x28 (never valid UTF-8), and a percent-encoded invalid pair.
    const body = Buffer.concat([
      Buffer.from(head),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('%C3%28'),
      Buffer.from(tail),
    ]);
    const res = await raw(body, 'application/x-www-form-urlencoded');
    expect(res.status).toBeLessThan(500);
    const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0];
    if (reference) {
      const stored = await load(reference);
      expect(stored.description).toMatch(/^Kapot .*tekst$/);
      expect(stored.description).toContain('\uFFFD');
      expect(Buffer.from(stored.description, 'utf8').toString('utf8')).toBe(stored.description);
    } else {
      expect(res.status).toBe(400);
      await nothingWritten();
    }
  });

  it('NUL bytes and lone surrogates: stored cleaned, never a 500', async () => {
    const nul = String.fromCharCode(0);
    const dirty = `Begin${nul}midden \uD800 los \uDC00 eind${nul}`;
    const { res, reference } = await report(USERS.mo, dirty);
    expect(res.status).toBe(200);
    expect(reference, res.text).toBeTruthy();
    const stored = await load(reference as string);
    expect(stored.description).not.toContain(nul);
    expect(stored.description).not.toMatch(/[\uD800-\uDFFF]/);
    expect(stored.description).toBe('Beginmidden \uFFFD los \uFFFD eind');
    const card = await handlerCard(USERS.piet, reference as string);
    expect(blockKitProblems(card.args.blocks)).toEqual([]);
  });

  it('a description of only NUL bytes is refused with a field error, nothing written', async () => {
    const view = await openReport(USERS.mo);
    const res = await h.slack.submit(USERS.mo, view, {
      description: input.text(String.fromCharCode(0).repeat(20)),
      categoryKey: input.option('dienstverlening'),
    });
    expect(res.json?.response_action).toBe('errors');
    expect(Object.keys(res.json?.errors as object)).toContain('description');
    await nothingWritten();
  });

  it('a 40 kB description is refused with a field error next to the description', async () => {
    const view = await openReport(USERS.mo);
    const res = await h.slack.submit(USERS.mo, view, {
      description: input.text('Lang verhaal. '.repeat(3000)),
      categoryKey: input.option('dienstverlening'),
    });
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBe('errors');
    expect(res.json?.errors).toMatchObject({ description: expect.any(String) });
    await nothingWritten();
  });

  it('the longest allowed description, all of it markup, renders within Block Kit limits', async () => {
    const text = '<&>'.repeat(666); // 1998 characters that escape to ~10 000
    const { reference } = await report(USERS.mo, text);
    expect(reference).toBeTruthy();
    expect((await load(reference as string)).description).toBe(text);
    const card = await handlerCard(USERS.piet, reference as string);
    expect(blockKitProblems(card.args.blocks)).toEqual([]);
    expect(JSON.stringify(card.args.blocks)).not.toMatch(/&[a-z]{0,3}…/); // no split entity
    const channel = await h.fake.waitFor(() =>
      h.fake
        .callsOf('chat.postMessage')
        .find((c) => c.args.channel === 'C0KWALITEIT' && textOf(c).includes(reference as string)),
    );
    expect(blockKitProblems(channel.args.blocks)).toEqual([]);
    expect(String(channel.args.text ?? '').length).toBeLessThanOrEqual(3000);
  });

  it('emoji, RTL, zero-width and SQL-looking text are stored literally', async () => {
    const texts = [
      'Klant 😡👍🏽👨‍👩‍👧 boos',
      'مرحبا بالعالم שלום \u202Eomgekeerd\u202C',
      'nul\u200Bbreedte\u200Dhier\uFEFFen\u2066iso\u2069',
      "'); drop table complaints; --",
      "Robert\"); DELETE FROM outbox WHERE (1=1 OR 'x'='x",
    ];
    for (const text of texts) {
      const { reference } = await report(USERS.mo, text);
      expect(reference, text).toBeTruthy();
      expect((await load(reference as string)).description).toBe(text);
    }
    expect((await writes(h.service.database)).complaints).toBe(
      (before.complaints ?? 0) + texts.length,
    );
  });

  it('Slack mention and link markup is escaped in every message; nobody is pinged', async () => {
    const text =
      '<!here> <!subteam^S123|@team> <@U0DIRK|dirk> <#C0KWALITEIT|kwaliteit> <https://evil.example|klik> *vet* `code`';
    const { reference } = await report(USERS.mo, text);
    expect((await load(reference as string)).description).toBe(text);
    await handlerCard(USERS.piet, reference as string);
    await sleep(200);
    const mine = h.fake.calls.filter((c) => textOf(c).includes(reference as string));
    expect(mine.length).toBeGreaterThan(0);
    for (const call of mine) {
      const all = JSON.stringify(call.args);
      expect(all).not.toMatch(/<!here>|<!subteam|<@U0DIRK|<#C0KWALITEIT|<https:\/\/evil/);
    }
  });

  describe('clicks and views that do not match the complaint', () => {
    let mine: string;
    let othersId: string;
    let value: string;

    beforeAll(async () => {
      const a = await report(USERS.mo, 'Knoppen-test van Piet.');
      mine = a.reference as string;
      const b = await report(USERS.mo, 'Klacht van Hanna.', 'overig');
      othersId = (await load(b.reference as string)).id;
      const card = await handlerCard(USERS.piet, mine);
      value = buttonValue(card, 'kb_declare_founded') as string;
      expect(value).toBeTruthy();
      await sleep(200); // the outbox is settled
    });

    async function ephemeralAfter(count: number, user: SlackUserRef) {
      const note = await h.fake.waitFor(() =>
        h.fake
          .callsOf('chat.postEphemeral')
          .slice(count)
          .find((c) => c.args.user === user.id),
      );
      return String(note.args.text);
    }

    it('an unknown action id → ephemeral, nothing written', async () => {
      const count = h.fake.callsOf('chat.postEphemeral').length;
      const res = await h.slack.click(USERS.piet, { action_id: 'kb_self_destruct', value });
      expect(res.status).toBe(200);
      expect(await ephemeralAfter(count, USERS.piet)).toContain('Er is niets veranderd');
      const other = await h.slack.click(USERS.piet, { action_id: 'somebody_else', value });
      expect(other.status).toBe(200);
      await sleep(100);
      await nothingWritten();
    });

    it('garbage JSON in a button value → ephemeral, nothing written', async () => {
      for (const garbage of [
        '{"c":',
        'null',
        '[]',
        '{"c":"","v":1,"r":"x"}',
        '{"c":"x","v":"1"}',
      ]) {
        const count = h.fake.callsOf('chat.postEphemeral').length;
        const res = await h.slack.click(USERS.piet, {
          action_id: 'kb_declare_founded',
          value: garbage,
        });
        expect(res.status).toBe(200);
        expect(await ephemeralAfter(count, USERS.piet)).toContain('niets veranderd');
      }
      await nothingWritten();
    });

    it('a tampered button value pointing at another complaint → refused, nothing written', async () => {
      const tampered = JSON.stringify({ ...JSON.parse(value), c: othersId });
      const count = h.fake.callsOf('chat.postEphemeral').length;
      await h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value: tampered });
      expect(await ephemeralAfter(count, USERS.piet)).toMatch(/niet uitvoeren|niet gevonden/);
      const unknown = JSON.stringify({
        ...JSON.parse(value),
        c: '00000000-0000-4000-8000-000000000000',
      });
      const count2 = h.fake.callsOf('chat.postEphemeral').length;
      await h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value: unknown });
      await ephemeralAfter(count2, USERS.piet);
      await nothingWritten();
      expect((await h.service.deps.store.repository.findComplaint(othersId))?.status).toBe(
        'registered',
      );
    });

    it('a stale version in the button (old card) → refused, nothing written', async () => {
      const stale = JSON.stringify({ ...JSON.parse(value), v: 7 });
      const count = h.fake.callsOf('chat.postEphemeral').length;
      await h.slack.click(USERS.piet, { action_id: 'kb_declare_founded', value: stale });
      await ephemeralAfter(count, USERS.piet);
      await nothingWritten();
    });

    it('view private_metadata pointing at another complaint → refused, nothing written', async () => {
      const opened = h.fake.callsOf('views.open').length;
      const askValue = JSON.stringify({ ...JSON.parse(value) });
      await h.slack.click(USERS.piet, { action_id: 'kb_request_info', value: askValue });
      const view = await openedViewAfter(h.fake, opened);
      expect(view.callback_id).toBe('kb_command_form');
      const metadata = JSON.parse(view.private_metadata) as Record<string, unknown>;
      const forged = { ...view, private_metadata: JSON.stringify({ ...metadata, c: othersId }) };
      const res = await h.slack.submit(USERS.piet, forged, {
        question: input.text('Wanneer precies?'),
      });
      expect(res.status).toBe(200);
      expect(res.json?.response_action).toBe('errors');
      await nothingWritten();
      // Metadata that does not parse at all: closed without effect.
      const garbage = { ...view, private_metadata: '{"c":' };
      const res2 = await h.slack.submit(USERS.piet, garbage, { question: input.text('Wanneer?') });
      expect(res2.status).toBe(200);
      await nothingWritten();
      // The untampered form still works (the refusal above was about the metadata).
      const ok = await h.slack.submit(USERS.piet, lastOpenedView(h.fake), {
        question: input.text('Wanneer precies?'),
      });
      expect(ok.status).toBe(200);
      expect(ok.json?.response_action).not.toBe('errors');
      expect((await load(mine)).status).toBe('awaiting_info');
    });
  });
});
