import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationRefStore } from '../../src/adapters/postgres/conversation-ref-store.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import { createBotAdapter } from '../../src/adapters/teams/connector.js';
import { createTeamsRetractor } from '../../src/adapters/teams/retract.js';
import { applyRetention, retractedText } from '../../src/app/jobs/apply-retention.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { messageActivity, TEAMS_USERS } from '../fakes/teams-activities.js';
import type { ConnectorCall } from '../fakes/teams-connector.js';
import { silentLogger } from '../support/databases.js';
import { startTeamsHarness, type TeamsHarness, textsOf, waitFor } from './harness.js';

const YEAR_MS = 365 * 86_400_000;
const PERSONAL = (user: { id: string }) => `a:personal-${user.id}`;

describe('Teams: retention retracts the activities the bot posted about a complaint', () => {
  let h: TeamsHarness;
  let jobDeps: JobDeps;

  beforeAll(async () => {
    h = await startTeamsHarness();
    // Both have talked to the bot: their personal conversation references are stored.
    for (const user of [TEAMS_USERS.mo, TEAMS_USERS.piet]) {
      await h.post(messageActivity(user, 'help', { serviceUrl: h.connector.url }));
    }
    const { deps, database, org } = h.service;
    // The Teams surface's context, on the same database: unauthenticated like the harness.
    const adapter = createBotAdapter(
      {
        appId: null,
        appPassword: null,
        tenantId: null,
        appType: 'SingleTenant',
        allowUnauthenticated: true,
      },
      silentLogger,
    );
    const retractor = createTeamsRetractor({
      adapter,
      appId: '',
      tenantId: null,
      refs: createConversationRefStore(database.db),
      deps,
    });
    jobDeps = { ...createJobDeps(deps, database.db, org), retractors: [retractor] };
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

  /**
   * An activity about the complaint. Teams cards carry no complaint text themselves: each
   * viewer's card is rendered on refresh (`refresh.userIds`), so the card's id-bearing refresh
   * and actions are what must go.
   */
  const about = (call: ConnectorCall, complaintId: string) =>
    JSON.stringify(call.body).includes(complaintId);

  /** A complaint reported now, its activities delivered, then closed four years ago. */
  async function pastRetention(secret: string) {
    const { complaint } = await reportComplaint(h.service.deps, {
      reporterId: 'mo',
      categoryKey: 'product',
      description: secret,
    });
    for (const user of [TEAMS_USERS.mo, TEAMS_USERS.piet]) {
      await waitFor(
        () =>
          h.connector
            .delivered()
            .some((c) => c.conversationId === PERSONAL(user) && about(c, complaint.id)),
        `the card about the complaint to ${user.id}`,
      );
    }
    await waitFor(
      async () => (await refsOf(complaint.id)).some((r) => r.kind === 'card'),
      'the live card reference',
    );
    const closedAt = new Date(Date.now() - 4 * YEAR_MS).toISOString();
    await h.service.database.db.execute(
      sql`update complaints set status = 'closed', close_reason = 'accepted',
            closed_at = ${closedAt}::timestamptz where id = ${complaint.id}`,
    );
    return complaint;
  }

  /** PUTs (updates) of activities in a conversation since `from`, by activity id. */
  function updatesSince(from: number, conversationId: string): Map<string, ConnectorCall> {
    const last = new Map<string, ConnectorCall>();
    for (const call of h.connector.calls.slice(from)) {
      if (call.method === 'PUT' && call.status < 300 && call.conversationId === conversationId) {
        last.set(call.activityId ?? '', call);
      }
    }
    return last;
  }

  it('updates the handler’s live card to the retention notice, without refresh or actions', async () => {
    const secret = 'Vertrouwelijke omschrijving op de Teams-kaart';
    const complaint = await pastRetention(secret);
    const card = (await refsOf(complaint.id)).find((r) => r.kind === 'card');
    expect(card).toMatchObject({ person_id: 'piet', channel_id: PERSONAL(TEAMS_USERS.piet) });
    const from = h.connector.calls.length;

    const summary = await applyRetention(jobDeps);
    expect(summary).toMatchObject({ anonymised: 1, failed: 0, unretractedMessages: 0 });

    const update = updatesSince(from, card!.channel_id).get(card!.message_id);
    expect(update, 'a PUT of the live card').toBeDefined();
    const texts = textsOf(update!.body).join(' ');
    expect(texts).toContain(retractedText('nl'));
    expect(texts).not.toContain(secret);
    const content = JSON.stringify(update!.body);
    expect(content).not.toContain('"refresh"');
    expect(content).not.toContain('Action.');
    expect(content).not.toContain(complaint.id);
    expect(await refsOf(complaint.id)).toEqual([]);

    const calls = h.connector.calls.length;
    expect(await applyRetention(jobDeps)).toMatchObject({ retractedMessages: 0 });
    expect(h.connector.calls).toHaveLength(calls);
  });

  it('keeps an activity the connector refuses for now for the next run', async () => {
    const complaint = await pastRetention('Vertrouwelijk, connector even overbelast');
    const recorded = (await refsOf(complaint.id)).length;
    h.connector.failNextSends(recorded, 503);
    expect(await applyRetention(jobDeps)).toMatchObject({
      retractedMessages: 0,
      failed: recorded,
    });
    expect(await refsOf(complaint.id)).toHaveLength(recorded);
    expect(await applyRetention(jobDeps)).toMatchObject({
      retractedMessages: recorded,
      failed: 0,
    });
    expect(await refsOf(complaint.id)).toEqual([]);
  });

  it('leaves no activity about the complaint: receipt and live card alike', async () => {
    const secret = 'Vertrouwelijke omschrijving in ontvangstbevestiging en kaart';
    const start = h.connector.calls.length;
    const complaint = await pastRetention(secret);
    const from = h.connector.calls.length;
    await applyRetention(jobDeps);
    for (const user of [TEAMS_USERS.mo, TEAMS_USERS.piet]) {
      const conversation = PERSONAL(user);
      // Each POST is one activity; later PUTs (live card refreshes) update one of them.
      const posts = h.connector.calls
        .slice(start, from)
        .filter(
          (c) =>
            c.method === 'POST' &&
            c.status < 300 &&
            c.conversationId === conversation &&
            about(c, complaint.id),
        );
      expect(posts.length, `activities about it to ${user.id}`).toBeGreaterThanOrEqual(1);
      const retracted = [...updatesSince(from, conversation).values()].filter((c) =>
        textsOf(c.body).join(' ').includes(retractedText('nl')),
      );
      expect(retracted.length, `activities retracted for ${user.id}`).toBe(posts.length);
      for (const put of retracted) expect(JSON.stringify(put.body)).not.toContain(complaint.id);
    }
  });
});
