import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { input } from '../fakes/slack-client.js';
import { type Harness, openedViewAfter, startHarness, USERS } from '../slack/harness.js';
import { type FaultPostgres, faultPostgres } from '../support/fault-postgres.js';
import { sleep } from './support.js';

/**
 * Issue 14, fault 2: the complaints table locked for 10 s by another session. Whatever each
 * reporter is told is what happened: "not saved" is not in the register once the lock is
 * gone, a confirmation is; and /readyz answers while the lock is held.
 */
describe('faults: the complaints table locked for 10 s', () => {
  let database: FaultPostgres | null = null;
  let url: string;
  let h: Harness;
  beforeAll(async () => {
    database = await faultPostgres();
    url = database.url;
    h = await startHarness({ database: { kind: 'postgres', url, poolSize: 5 } });
  }, 120_000);
  afterAll(async () => {
    await h?.stop().catch(() => {});
    await database?.destroy();
  });

  it('12 reports: each refusal left nothing, each confirmation is registered; /readyz answers', async () => {
    const views = [];
    for (let i = 0; i < 12; i++) {
      const opened = h.fake.callsOf('views.open').length;
      await h.slack.command(USERS.mo, '');
      views.push(await openedViewAfter(h.fake, opened));
    }
    const locker = postgres(url, { max: 1, onnotice: () => {} });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = locker.begin(async (tx) => {
      await tx`lock table complaints in access exclusive mode`;
      locked();
      await sleep(10_000);
    });
    try {
      await isLocked;
      const texts = views.map((_, i) => `Op slot ${i}`);
      const submissions = views.map(async (view, i) => {
        const t0 = performance.now();
        const res = await h.slack.submit(USERS.mo, view, {
          description: input.text(texts[i]!),
          categoryKey: input.option('dienstverlening'),
        });
        return { ...res, ms: Math.round(performance.now() - t0) };
      });
      // Readiness does not wait for a pool slot (generous bound; the lock lasts 10 s).
      const started = performance.now();
      const ready = await fetch(`${h.service.url}/readyz`);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(ready.status).toBe(200);

      const results = await Promise.all(submissions);
      await holding;
      const rows = rowsOf<{ description: string }>(
        await h.service.database.db.execute(
          sql`select description from complaints where description like 'Op slot %'`,
        ),
      );
      const registered = rows.map((r) => r.description);
      for (const [i, res] of results.entries()) {
        expect(res.status, `${res.ms} ms: ${res.text}`).toBe(200);
        if (res.json?.response_action === 'update') {
          expect(registered.filter((d) => d === texts[i])).toHaveLength(1);
        } else {
          expect(res.json?.response_action, `${res.ms} ms: ${res.text}`).toBe('errors');
          expect(registered, `told "not saved": ${texts[i]}`).not.toContain(texts[i]);
        }
      }
      // Locked out for 10 s: nobody waited for the lock and then got a receipt.
      expect(results.filter((r) => r.json?.response_action === 'errors')).toHaveLength(12);
    } finally {
      await holding.catch(() => {});
      await locker.end({ timeout: 1 });
    }
  }, 60_000);
});
