import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createLogger } from '../../src/adapters/logger.js';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/postgres/database.js';
import { migrateDatabase } from '../../src/adapters/postgres/migrate.js';
import { syncOrganisation } from '../../src/adapters/postgres/org-sync.js';
import { createStore } from '../../src/adapters/postgres/store.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { Clock } from '../../src/app/ports.js';
import { demoOrgConfig } from '../../src/config/demo-org.js';
import type { OrgConfig } from '../../src/config/org-file.js';
import { WorkingDayCalendar } from '../../src/domain/calendar.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Connection URL of the fresh PostgreSQL database (null on PGlite). */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database per suite. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateDatabase(handle);
    return { handle, url: null, drop: () => handle.close() };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `kb_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 25 });
  await migrateDatabase(handle);
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const silentLogger = createLogger('silent');

export async function buildDeps(
  handle: DatabaseHandle,
  options: { org?: OrgConfig; clock?: Clock } = {},
): Promise<AppDeps & { org: OrgConfig }> {
  const org = options.org ?? demoOrgConfig();
  await syncOrganisation(handle.db, org);
  return {
    org,
    store: createStore(handle.db),
    clock: options.clock ?? new FixedClock(new Date('2026-04-20T08:00:00Z')),
    calendar: new WorkingDayCalendar(org.calendar),
    deadlines: org.deadlines,
    procedure: org.procedure,
    measures: org.measures,
    logger: silentLogger,
  };
}

/** Counts rows of the register tables, to prove that a refused command wrote nothing. */
export async function tableCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const tables = ['complaints', 'audit_events', 'outbox', 'info_requests', 'measures'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
    counts[table] = Number((rows[0] as { n: number }).n);
  }
  return counts;
}
