import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, USERS } from '../slack/harness.js';
import { ThrowawayPostgres } from '../support/throwaway-postgres.js';
import { scalar, sleep } from './support.js';

/**
 * Issue 14, item 15: Slack's event ids are remembered in PostgreSQL (processed_requests), not
 * in one process's memory, so two replicas on one database run an event once, and a retry
 * after a restart is acknowledged without running it again.
 */
describe('faults: Slack event retries across replicas and restarts', () => {
  let cluster: ThrowawayPostgres;
  const harnesses: Harness[] = [];
  const start = async () => {
    const h = await startHarness({ database: { kind: 'postgres', url: cluster.url, poolSize: 5 } });
    harnesses.push(h);
    return h;
  };
  const publishes = () => harnesses.reduce((n, h) => n + h.fake.callsOf('views.publish').length, 0);
  const homeOpened = { type: 'app_home_opened', user: USERS.mo.id, channel: 'DHOME', tab: 'home' };

  beforeAll(async () => {
    cluster = await ThrowawayPostgres.create();
  }, 120_000);
  afterAll(async () => {
    for (const h of harnesses) await h.stop().catch(() => {});
    await cluster?.destroy();
  });

  it('the same event id delivered to two replicas at once runs the listener once', async () => {
    const a = await start();
    const b = await start();
    const before = publishes();
    for (let i = 0; i < 5; i++) {
      const id = `EvReplica${i}`;
      const [ra, rb] = await Promise.all([
        a.slack.event(homeOpened, id),
        b.slack.event(homeOpened, id, { headers: { 'x-slack-retry-num': '1' } }),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
    }
    await a.fake.waitFor(() => publishes() >= before + 5);
    await sleep(500);
    expect(publishes()).toBe(before + 5);
    const keys = await scalar(
      a.service.database,
      sql`select count(*) as n from processed_requests where key like 'slack:event:EvReplica%'`,
    );
    expect(keys).toBe(5);
  });

  it('after a restart a retry is acknowledged without running again', async () => {
    const first = harnesses[0] as Harness;
    const before = publishes();
    expect((await first.slack.event(homeOpened, 'EvRestart1')).status).toBe(200);
    await first.fake.waitFor(() => publishes() > before);
    for (const h of harnesses.splice(0)) await h.stop();
    const restarted = await start();
    const retry = await restarted.slack.event(homeOpened, 'EvRestart1', {
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await sleep(500);
    expect(restarted.fake.callsOf('views.publish')).toHaveLength(0);
    // A new event still runs (the ledger refuses only what it has seen).
    expect((await restarted.slack.event(homeOpened, 'EvRestart2')).status).toBe(200);
    await restarted.fake.waitFor(() => restarted.fake.callsOf('views.publish').length === 1);
  });
});
