import { webApi } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { createSlackRetractor } from '../../src/adapters/slack/retract.js';
import { applyRetention, retractedText } from '../../src/app/jobs/apply-retention.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { type Harness, startHarness, textOf, USERS } from './harness.js';

const YEAR_MS = 365 * 86_400_000;

async function waitFor(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out waiting for a message reference');
}

describe('Slack: retention retracts the messages the bot posted with complaint text', () => {
  let h: Harness;
  let jobDeps: JobDeps;

  beforeAll(async () => {
    h = await startHarness();
    // The Web API client the Slack surface builds, on the fake: no retries, 429s thrown.
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: `${h.fake.url}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const { deps, database, org } = h.service;
    jobDeps = {
      ...createJobDeps(deps, database.db, org),
      retractors: [createSlackRetractor(client)],
    };
  });
  afterAll(async () => {
    await h.stop();
  });

  async function refsOf(complaintId: string) {
    return rowsOf<{ kind: string; channel_id: string; message_id: string; person_id: string }>(
      await h.service.database.db.execute(
        sql`select kind, channel_id, message_id, person_id from message_refs
            where complaint_id = ${complaintId} order by kind`,
      ),
    );
  }

  /** A complaint reported now, its messages delivered, then closed four years ago. */
  async function pastRetention(secret: string) {
    const { complaint } = await reportComplaint(h.service.deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: secret,
    });
    await h.fake.waitFor(
      () =>
        h.fake.messagesTo(USERS.mo.id).some((c) => textOf(c).includes(secret)) &&
        h.fake.messagesTo(USERS.piet.id).some((c) => textOf(c).includes(secret)),
    );
    // The live card's reference is written right after its post.
    await waitFor(async () => (await refsOf(complaint.id)).some((r) => r.kind === 'card'));
    const closedAt = new Date(Date.now() - 4 * YEAR_MS).toISOString();
    await h.service.database.db.execute(
      sql`update complaints set status = 'closed', close_reason = 'accepted',
            closed_at = ${closedAt}::timestamptz where id = ${complaint.id}`,
    );
    return complaint;
  }

  /** The last chat.update of one message. */
  const lastUpdate = (channel: string, ts: string): SlackCall | undefined =>
    h.fake
      .callsOf('chat.update')
      .filter((c) => c.outcome === 'ok' && c.args.channel === channel && c.args.ts === ts)
      .at(-1);

  it('replaces the handler’s live card with the retention notice and forgets it', async () => {
    const secret = 'Geheime omschrijving van de live kaart';
    const complaint = await pastRetention(secret);
    const card = (await refsOf(complaint.id)).find((r) => r.kind === 'card');
    expect(card).toMatchObject({ person_id: 'piet' });

    const summary = await applyRetention(jobDeps);
    expect(summary).toMatchObject({ anonymised: 1, failed: 0, unretractedMessages: 0 });
    expect(Number(summary.retractedMessages)).toBeGreaterThanOrEqual(1);

    const update = lastUpdate(card!.channel_id, card!.message_id);
    expect(update?.args.text).toBe(retractedText('nl'));
    expect(textOf(update!)).not.toContain(secret);
    expect(JSON.stringify(update?.args.blocks)).not.toContain('"actions"');
    expect(await refsOf(complaint.id)).toEqual([]);

    // A second run finds nothing left to retract.
    const updates = h.fake.callsOf('chat.update').length;
    expect(await applyRetention(jobDeps)).toMatchObject({ retractedMessages: 0 });
    expect(h.fake.callsOf('chat.update')).toHaveLength(updates);
  });

  it('keeps a message Slack would not update yet for the next run; forgets one that is gone', async () => {
    const complaint = await pastRetention('Geheime omschrijving, Slack even niet bereikbaar');
    const recorded = (await refsOf(complaint.id)).length;
    expect(recorded).toBeGreaterThanOrEqual(1);
    h.fake.script('chat.update', { status: 429, retryAfter: 1 }, recorded);

    const first = await applyRetention(jobDeps);
    expect(first).toMatchObject({ retractedMessages: 0, failed: recorded });
    expect(await refsOf(complaint.id)).toHaveLength(recorded);

    h.fake.script('chat.update', { error: 'message_not_found' }, 1);
    const second = await applyRetention(jobDeps);
    expect(second).toMatchObject({ failed: 0, goneMessages: 1, unretractedMessages: 0 });
    expect(Number(second.retractedMessages) + Number(second.goneMessages)).toBe(recorded);
    expect(await refsOf(complaint.id)).toEqual([]);
  });

  it('leaves no direct message with the complaint text: receipt and live card alike', async () => {
    const secret = 'Geheime omschrijving in ontvangstbevestiging en kaart';
    const complaint = await pastRetention(secret);
    await applyRetention(jobDeps);
    expect((await h.service.deps.store.repository.findComplaint(complaint.id))?.description).toBe(
      '',
    );
    // Every post that carried the text, found by its outbox id in the conversation's history.
    const posts = h.fake
      .callsOf('chat.postMessage')
      .filter((c) => c.outcome === 'ok' && textOf(c).includes(secret));
    expect(posts.map((c) => c.args.channel).sort()).toEqual([
      `D${USERS.mo.id}`,
      `D${USERS.piet.id}`,
    ]);
    for (const post of posts) {
      const channel = String(post.args.channel);
      const posted = h.fake.history
        .get(channel)
        ?.find((m) => JSON.stringify(m.metadata) === JSON.stringify(post.args.metadata));
      expect(posted, `history of ${channel}`).toBeDefined();
      const update = lastUpdate(channel, posted!.ts);
      expect(update?.args.text, `the message in ${channel}`).toBe(retractedText('nl'));
      expect(textOf(update!)).not.toContain(secret);
    }
  });
});
