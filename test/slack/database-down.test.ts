import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { input } from '../fakes/slack-client.js';
import { ThrowawayPostgres } from '../support/throwaway-postgres.js';
import { type Harness, openedViewAfter, startHarness, USERS } from './harness.js';

/**
 * DESIGN.md §8: with the database down the user hears so within 3 s, keeps the text (the
 * modal stays open) and nothing is half-written; after a restart the same submission works.
 */
describe('Slack: the database stops during a report', () => {
  let cluster: ThrowawayPostgres;
  let h: Harness;
  beforeAll(async () => {
    cluster = await ThrowawayPostgres.create();
    h = await startHarness({ database: { kind: 'postgres', url: cluster.url, poolSize: 5 } });
  }, 120_000);
  afterAll(async () => {
    await h?.stop().catch(() => {});
    await cluster?.destroy();
  });

  it('answers within 3 s with an error on the form, then succeeds after a restart', async () => {
    const opened = h.fake.callsOf('views.open').length;
    expect((await h.slack.command(USERS.mo, 'Lekkage bij de klant')).status).toBe(200);
    const view = await openedViewAfter(h.fake, opened);
    const values = {
      description: input.text('Lekkage bij de klant'),
      categoryKey: input.option('dienstverlening'),
      complainantType: input.option('client'),
      intakeChannel: input.option('phone'),
    };

    await cluster.stop();
    const started = performance.now();
    const down = await h.slack.submit(USERS.mo, view, values);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3_000);
    expect(down.status).toBe(200);
    expect(down.json?.response_action).toBe('errors');
    expect(JSON.stringify(down.json)).toContain('niet bereikbaar');

    await cluster.start();
    const up = await h.slack.submit(USERS.mo, view, values);
    expect(up.json?.response_action).toBe('update');
    const reference = /KL-\d{4}-\d{4}/.exec(JSON.stringify(up.json))?.[0];
    expect(reference).toMatch(/-0001$/);

    // Exactly one complaint, with its audit event and outbox rows: nothing half-written.
    const counts = rowsOf<{ complaints: number; audit: number; outbox: number }>(
      await h.service.database.db.execute(sql`select
        (select count(*)::int from complaints) as complaints,
        (select count(*)::int from audit_events) as audit,
        (select count(*)::int from outbox) as outbox`),
    )[0];
    expect(counts).toEqual({ complaints: 1, audit: 1, outbox: 3 });
  }, 60_000);
});
