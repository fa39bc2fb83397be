import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../../db/schema/index.js';

/** One drizzle type for both drivers (STACK-NOTES: PgDatabase<PgQueryResultHKT, schema>). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null };

export interface DatabaseHandle {
  readonly kind: DatabaseConfig['kind'];
  readonly db: Database;
  /** Runs a statement on a connection of its own (migrations under an advisory lock). */
  withDedicatedConnection<T>(work: (db: Database) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.kind === 'postgres' ? openPostgres(config) : openPglite(config.dataDir);
}

/**
 * Limits on every pooled session (DESIGN.md §8): a statement waits at most 2 s for a lock and
 * runs at most 30 s (the yearly digest's queries are the long ones), and a transaction left
 * idle by a stalled process is ended after 10 s so it cannot hold locks. User-facing
 * transactions tighten these further (store.ts).
 */
const SESSION_LIMITS = {
  lock_timeout: 2_000,
  statement_timeout: 30_000,
  idle_in_transaction_session_timeout: 10_000,
};

/** Readiness is answered by a connection of its own, so a full pool cannot make it wait. */
const PING_TIMEOUT_MS = 2_000;

function openPostgres(config: { url: string; poolSize?: number }): DatabaseHandle {
  const client = postgres(config.url, {
    max: config.poolSize ?? 10,
    onnotice: () => {},
    // Fail fast when the server is gone so the user is told within 3 s (DESIGN.md §8).
    connect_timeout: 3,
    // postgres.js waits up to 20 s (growing with every failed connection) before a pool
    // connection tries again, and a query waits with it: the user would hear nothing in time.
    // A short constant pause still spares a server that is down (each try is one refused
    // connect), and a query fails or runs within a second.
    backoff: () => 0.25,
    connection: { application_name: 'klachtenbot', ...SESSION_LIMITS },
  });
  // One connection, kept open (and reopened on the next ping after a failure).
  const pinger = postgres(config.url, {
    max: 1,
    idle_timeout: 0,
    onnotice: () => {},
    connect_timeout: 2,
    fetch_types: false,
    connection: { application_name: 'klachtenbot-readyz', statement_timeout: 1_000 },
  });
  const db: Database = drizzlePostgres(client, { schema });
  return {
    kind: 'postgres',
    db,
    async withDedicatedConnection(work) {
      const single = postgres(config.url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        return await work(drizzlePostgres(single, { schema }));
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
      });
      try {
        await Promise.race([pinger`select 1`, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.all([client.end({ timeout: 5 }), pinger.end({ timeout: 1 })]);
    },
  };
}

// PGlite converts bytea to and from hex text one byte at a time in JavaScript: saving the
// yearly digest's files of 100,000 complaints (~37 MB) took 20–24 s that way. Buffer's hex
// codec does it natively (type 17 is bytea).
const BYTEA = 17;
const BYTEA_SERIALIZER = {
  [BYTEA]: (value: Uint8Array) =>
    `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`,
};
const BYTEA_PARSER = {
  [BYTEA]: (text: string) => {
    const bytes = Buffer.from(text.slice(2), 'hex');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  },
};

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  let client: PGlite;
  try {
    client = new PGlite(dataDir ?? undefined, {
      parsers: BYTEA_PARSER,
      serializers: BYTEA_SERIALIZER,
    });
    await client.waitReady;
  } catch (error) {
    await release();
    throw error;
  }
  const db: Database = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    db,
    // PGlite has one connection: the "dedicated" one is the same.
    withDedicatedConnection: (work) => work(db),
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await client.close();
      await release();
    },
  };
}

/**
 * Nothing stops two processes from opening one PGlite directory and corrupting it, so the
 * service holds a lock file next to it. A lock left by a dead process is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(
    path.dirname(path.resolve(dataDir)),
    `.${path.basename(dataDir)}.lock`,
  );
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop it, or set DATA_DIR to another directory.`,
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
