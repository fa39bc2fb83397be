import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { input, type SlackUserRef } from '../fakes/slack-client.js';
import { executeActivity, messageActivity, TEAMS_USERS } from '../fakes/teams-activities.js';
import { type Harness, openedViewAfter, startHarness, textOf, USERS } from '../slack/harness.js';
import {
  actionOf,
  cardOf,
  startTeamsHarness,
  type TeamsHarness,
  textsOf,
  waitFor,
} from '../teams/harness.js';
import { sleep } from './support.js';

type Row = { id: number; status: string; attempts: number; last_error: string | null };

async function rowsFor(h: { service: Harness['service'] }, reference: string): Promise<Row[]> {
  const result = await h.service.database.db.execute(sql`
    select o.id, o.status, o.attempts, o.last_error from outbox o
    join complaints c on c.id = o.complaint_id where c.reference = ${reference} order by o.id`);
  return rowsOf<Row>(result);
}

describe('faults: Slack delivery errors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function report(user: SlackUserRef, text: string) {
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.command(user, '');
    const view = await openedViewAfter(h.fake, opened);
    const started = performance.now();
    const res = await h.slack.submit(user, view, {
      description: input.text(text),
      categoryKey: input.option('dienstverlening'),
    });
    const reference = /KL-\d{4}-\d{4}/.exec(res.text)?.[0];
    if (!reference) throw new Error(`no reference: ${res.text}`);
    return { reference, ms: performance.now() - started };
  }

  const okPosts = (reference: string) =>
    h.fake
      .callsOf('chat.postMessage')
      .filter((c) => c.outcome === 'ok' && textOf(c).includes(reference));

  it('500 twice, then 200: every message delivered once, later', async () => {
    const { reference } = await report(USERS.mo, 'Fout 500 twee keer.');
    await waitFor(async () => {
      const rows = await rowsFor(h, reference);
      return rows.length > 0 && rows.every((r) => r.status === 'delivered');
    }, 'the first report out');
    h.fake.script('chat.postMessage', { status: 500 }, 2);
    const second = await report(USERS.mo, 'Fout 500 daarna.');
    const rows = await waitFor(
      async () => {
        const rows = await rowsFor(h, second.reference);
        return rows.every((r) => r.status === 'delivered') && rows;
      },
      'delivery after the 500s',
      15_000,
    );
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    const failed = h.fake
      .callsOf('chat.postMessage')
      .filter((c) => c.outcome === '500' && textOf(c).includes(second.reference));
    expect(failed).toHaveLength(2);
    await sleep(300);
    const byChannel = new Map<string, number>();
    for (const c of okPosts(second.reference)) {
      const channel = String(c.args.channel);
      byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
    }
    expect([...byChannel.values()].every((n) => n === 1)).toBe(true);
    for (const f of failed) expect(byChannel.get(String(f.args.channel))).toBe(1);
  }, 20_000);

  it('account_inactive is parked as failed with the reason, and stays in the table', async () => {
    h.fake.script('chat.postMessage', { error: 'account_inactive' });
    const { reference } = await report(USERS.mo, 'Permanente fout.');
    const parked = await waitFor(
      async () => (await rowsFor(h, reference)).find((r) => r.status === 'failed'),
      'a parked row',
    );
    expect(parked.last_error).toContain('account_inactive');
    await sleep(2_500); // never retried
    const again = (await rowsFor(h, reference)).find((r) => r.id === parked.id);
    expect(again).toMatchObject({ status: 'failed', attempts: parked.attempts });
  });

  it('a Slack call that never answers times out, is retried and delivered once; requests stay fast meanwhile', async () => {
    h.fake.script('chat.postMessage', { hang: true }, 1);
    const first = await report(USERS.mo, 'Slack antwoordt niet.');
    await waitFor(
      () => h.fake.callsOf('chat.postMessage').some((c) => c.outcome === 'hang'),
      'a hanging call',
    );
    // While that call hangs, the service answers as usual.
    const second = await report(USERS.eva, 'Ondertussen een tweede.');
    expect(second.ms).toBeLessThan(1_000);
    await waitFor(
      async () => {
        const rows = await rowsFor(h, first.reference);
        return rows.length > 0 && rows.every((r) => r.status === 'delivered');
      },
      'delivery after the timeout',
      20_000,
    );
    const rows = await rowsFor(h, first.reference);
    expect(rows.some((r) => r.attempts >= 2)).toBe(true);
    const timedOut = h.fake.callsOf('chat.postMessage').find((c) => c.outcome === 'hang')!;
    const recipients = okPosts(first.reference).map((c) => String(c.args.channel));
    expect(recipients).toContain(String(timedOut.args.channel));
    expect(new Set(recipients).size).toBe(recipients.length); // once per recipient
    expect(recipients).toHaveLength(rows.length);
  }, 30_000);

  it('interactive requests stay fast while the outbox is rate limited (429, Retry-After 30)', async () => {
    h.fake.script('chat.postMessage', { status: 429, retryAfter: 30 }, 5);
    const first = await report(USERS.mo, 'Tijdens rate limit.');
    await waitFor(
      () => h.fake.callsOf('chat.postMessage').some((c) => c.outcome === '429'),
      'a 429',
    );
    const second = await report(USERS.eva, 'Nog een tijdens rate limit.');
    expect(first.ms).toBeLessThan(1_000);
    expect(second.ms).toBeLessThan(1_000);
    const started = performance.now();
    const help = await h.slack.command(USERS.mo, 'help');
    expect(help.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
    // Waiting as Slack asked is not a failed attempt: nothing moves towards being parked.
    const rows = await rowsFor(h, first.reference);
    const waiting = rows.filter((r) => r.last_error?.includes('rate_limited'));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
  });
});

describe('faults: Teams delivery errors', () => {
  let h: TeamsHarness;
  const opts = () => ({ serviceUrl: h.connector.url });
  const { mo, piet } = TEAMS_USERS;
  beforeAll(async () => {
    h = await startTeamsHarness();
    // Piet and the reporter have spoken to the bot (conversation references known).
    for (const user of [mo, piet]) await h.post(messageActivity(user, 'help', opts()));
    await waitFor(() => h.connector.delivered().length >= 2, 'help replies');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function report(description: string, beforeSubmit: () => void) {
    const id = randomUUID();
    await h.post(messageActivity(mo, 'klacht', { ...opts(), id }));
    const reply = await waitFor(
      () => h.connector.calls.find((c) => c.activityId === id && c.body.type === 'message'),
      'the form',
    );
    const submit = actionOf(cardOf(reply), 'kb_report');
    beforeSubmit();
    const res = await h.post(
      executeActivity(
        mo,
        'kb_report',
        { ...submit.data, description, categoryKey: 'dienstverlening' },
        opts(),
      ),
    );
    const text = textsOf((res.body as { value: unknown }).value).join(' ');
    const reference = /KL-\d{4}-\d{4}/.exec(text)?.[0];
    if (!reference) throw new Error(text);
    return reference;
  }

  it('412, 502 and 504, then 200: each message delivered once, later', async () => {
    await sleep(300);
    const reference = await report('Connector hapert.', () => {
      h.connector.failNextSends(1, 412);
      h.connector.failNextSends(1, 502);
      h.connector.failNextSends(1, 504);
    });
    const rows = await waitFor(
      async () => {
        const rows = await rowsFor(h, reference);
        return rows.length > 0 && rows.every((r) => r.status === 'delivered') && rows;
      },
      'delivery after the errors',
      20_000,
    );
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    const failures = h.connector.calls.filter((c) => [412, 502, 504].includes(c.status));
    expect(failures.map((c) => c.status).sort()).toEqual([412, 502, 504]);
    for (const f of failures) expect(textsOf(f.body).join(' ')).toContain(reference);
    await sleep(300);
    const posts = h.connector
      .delivered()
      .filter((c) => c.method === 'POST' && textsOf(c.body).some((t) => t.includes(reference)));
    const perConversation = new Map<string, number>();
    for (const c of posts) {
      const key = String(c.conversationId);
      perConversation.set(key, (perConversation.get(key) ?? 0) + 1);
    }
    expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
  }, 30_000);

  it('403 is permanent: parked as failed with the reason, kept in the table', async () => {
    await sleep(300);
    const reference = await report('Geen toegang.', () => h.connector.failNextSends(1, 403));
    const parked = await waitFor(
      async () => (await rowsFor(h, reference)).find((r) => r.status === 'failed'),
      'a parked row',
    );
    expect(parked.last_error).toContain('403');
  });
});
