import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import type { Repository, Store } from '../../src/app/ports.js';
import { input } from '../fakes/slack-client.js';
import { type Harness, openedViewAfter, startHarness, USERS } from '../slack/harness.js';
import { ThrowawayPostgres } from '../support/throwaway-postgres.js';
import { sleep } from './support.js';

/**
 * Issue 14, fault 1: PostgreSQL's postmaster SIGKILLed right after registrations, ten times.
 * The process never sees an unhandled rejection or uncaught exception (they would end it),
 * every transaction and repository promise the use cases started settles, every confirmed
 * complaint is in the register, and after each return registrations work again.
 */
describe('faults: PostgreSQL killed right after registrations', () => {
  let cluster: ThrowawayPostgres;
  let h: Harness;
  const escaped: unknown[] = [];
  const trap = (error: unknown) => escaped.push(error);
  /** Promises the use cases started on the store that have not settled yet. */
  const pending = new Map<Promise<unknown>, string>();
  let started = 0;

  function track<T>(name: string, promise: Promise<T>): Promise<T> {
    started++;
    pending.set(promise, name);
    const done = () => pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  beforeAll(async () => {
    cluster = await ThrowawayPostgres.create();
    h = await startHarness({ database: { kind: 'postgres', url: cluster.url, poolSize: 5 } });
    process.on('unhandledRejection', trap);
    process.on('uncaughtException', trap);
    // Watch every transaction and repository call the use cases make from now on.
    const store = h.service.deps.store as { -readonly [K in keyof Store]: Store[K] };
    const { transaction, repository } = store;
    store.transaction = <T>(work: (repository: Repository) => Promise<T>) =>
      track('transaction', transaction.call(store, work) as Promise<T>);
    store.repository = new Proxy(repository, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          track(String(key), (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    }) as Repository;
  }, 120_000);
  afterAll(async () => {
    process.off('unhandledRejection', trap);
    process.off('uncaughtException', trap);
    await h?.stop().catch(() => {});
    await cluster?.destroy();
  });

  async function openView() {
    const opened = h.fake.callsOf('views.open').length;
    await h.slack.command(USERS.mo, '');
    return openedViewAfter(h.fake, opened);
  }

  const submit = (view: Awaited<ReturnType<typeof openView>>, text: string) =>
    h.slack.submit(USERS.mo, view, {
      description: input.text(text),
      categoryKey: input.option('dienstverlening'),
    });

  /** SIGKILL the postmaster (its backends die with it), then start the cluster again. */
  async function killAndRestart() {
    const pidFile = await readFile(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8');
    process.kill(Number(pidFile.split('\n')[0]), 'SIGKILL');
    await sleep(300);
    for (let attempt = 0; ; attempt++) {
      try {
        await cluster.start(); // fails while the old backends still hold shared memory
        return;
      } catch (error) {
        if (attempt > 40) throw error;
        await sleep(250);
      }
    }
  }

  /**
   * A registration that must succeed: right after a restart the pool may still be finding its
   * closed connections, so a refusal ("not saved") is retried a few times.
   */
  async function registered(text: string): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      const res = await submit(await openView(), text);
      if (res.json?.response_action === 'update') return referenceIn(res.text);
      expect(res.json?.response_action, res.text).toBe('errors');
      if (attempt > 20) throw new Error(`not registered after a restart: ${res.text}`);
      await sleep(250);
    }
  }

  /** A confirmation names the reference, or says it follows (committed before its number). */
  const referenceIn = (text: string) => /KL-\d{4}-\d{4}/.exec(text)?.[0] ?? null;

  it('ten kills: the process survives, every promise settles, nothing confirmed is lost', async () => {
    /** Confirmed description → its reference (null: confirmed before it had one). */
    const confirmed = new Map<string, string | null>();
    let refused = 0;
    for (let round = 0; round < 10; round++) {
      // One after another: openView finds "the next view opened", so opening three at once
      // could hand the same modal to all three (one complaint, by its intake key).
      const views = [await openView(), await openView(), await openView()];
      confirmed.set(`Ronde ${round} a`, await registered(`Ronde ${round} a`));
      // More registrations in flight, and the server killed a moment later.
      const inFlight = views.map(async (view, i) => {
        const text = `Ronde ${round} ${'bcd'[i]}`;
        return { text, res: await submit(view, text) };
      });
      await sleep(5 + round * 3);
      await killAndRestart();
      for (const { text, res } of await Promise.all(inFlight)) {
        expect(res.status, res.text).toBe(200);
        if (res.json?.response_action === 'update') confirmed.set(text, referenceIn(res.text));
        else {
          expect(res.json?.response_action, res.text).toBe('errors');
          refused++;
        }
      }
      // Every promise the use cases started settles (generous deadline).
      for (let i = 0; i < 200 && pending.size > 0; i++) await sleep(50);
      expect([...pending.values()], `round ${round}: unsettled store promises`).toEqual([]);
    }
    expect(started).toBeGreaterThan(40);
    expect(escaped.map(String)).toEqual([]);

    // The database is back: a registration works.
    confirmed.set('Ronde 10 a', await registered('Ronde 10 a'));

    // 0 lost: each confirmed reference is in the register once, with its own text.
    const rows = rowsOf<{ reference: string; description: string }>(
      await h.service.database.db.execute(
        sql`select reference, description from complaints where description like 'Ronde %'`,
      ),
    );
    for (const [text, reference] of confirmed) {
      const matching = rows.filter((r) => r.description === text);
      expect(matching, text).toHaveLength(1);
      if (reference) expect(matching[0]?.reference).toBe(reference);
    }
    expect(confirmed.size).toBeGreaterThanOrEqual(10);
    expect(confirmed.size + refused).toBe(41);
    expect(new Set(rows.map((r) => r.description)).size).toBe(rows.length);
  }, 240_000);
});
