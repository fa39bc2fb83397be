import { createTestDatabase } from './databases.js';
import { ThrowawayPostgres } from './throwaway-postgres.js';

/** A PostgreSQL database of a fault test's own: holds locks without touching other suites. */
export interface FaultPostgres {
  url: string;
  destroy(): Promise<void>;
}

/**
 * A fresh database on the CI server when TEST_DATABASE_URL is set, else a throwaway cluster
 * (PGlite has one connection, so another session cannot hold a lock against the service).
 */
export async function faultPostgres(): Promise<FaultPostgres> {
  if (process.env.TEST_DATABASE_URL) {
    const database = await createTestDatabase('postgres');
    return { url: database.url as string, destroy: () => database.drop() };
  }
  const cluster = await ThrowawayPostgres.create();
  return { url: cluster.url, destroy: () => cluster.destroy() };
}
