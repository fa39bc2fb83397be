import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database, DatabaseHandle } from './database.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../db/migrations', import.meta.url));

/** An arbitrary fixed key: every replica takes the same advisory lock before migrating. */
const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Applies the committed migrations. drizzle's migrator is not safe from several processes
 * at once, so it runs on one dedicated connection holding a session advisory lock.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.withDedicatedConnection(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await runMigrator(handle.kind, db);
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

async function runMigrator(kind: DatabaseHandle['kind'], db: Database) {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  // Each migrator accepts only its own driver's database type; both are the same PgDatabase.
  if (kind === 'postgres') await migratePostgres(db as never, config);
  else await migratePglite(db as never, config);
}

/** True when every committed migration has been applied (the readiness check). */
let expectedMigrations: number | undefined;

export async function migrationsApplied(db: Database): Promise<boolean> {
  expectedMigrations ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
  const expected = expectedMigrations;
  const result = await db.execute(
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  return rowsOf<{ applied: number }>(result)[0]?.applied === expected;
}

/** `db.execute()` returns an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
