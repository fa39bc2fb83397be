import { sql } from 'drizzle-orm';
import type { Store } from '../../app/ports.js';
import { StoreError } from '../../app/store-errors.js';
import type { Database } from './database.js';
import { translateError, translatingErrors } from './errors.js';
import { createRepository } from './repository.js';

/**
 * A user waits for a transaction (Slack closes a modal after 3 s, a Teams invoke after 5 s)
 * and is told what happened, so the database must give up first: a statement waits at most
 * 1 s for a lock and runs at most 1.2 s, never past the transaction's deadline of 1.5 s
 * (counted from the request, so waiting for a pool slot counts), and a transaction that
 * reaches its end after that rolls back instead of committing. The adapters wait for that real outcome; the user is
 * never told "not saved" about a transaction that still commits later.
 */
export const TRANSACTION_LIMITS = { lockMs: 1_000, statementMs: 1_200, deadlineMs: 1_500 };

/** The limits of a transaction that has `remainingMs` left; waiting for a pool slot counts. */
function limits(remainingMs: number) {
  const lock = Math.round(Math.min(TRANSACTION_LIMITS.lockMs, remainingMs));
  const statement = Math.round(Math.min(TRANSACTION_LIMITS.statementMs, remainingMs));
  return sql`select set_config('lock_timeout', ${`${lock}ms`}, true),
    set_config('statement_timeout', ${`${statement}ms`}, true)`;
}

const MIN_REMAINING_MS = 100;

/**
 * PGlite has one connection and runs one transaction at a time: nothing can hold a lock
 * against it, and a wall-clock deadline would only refuse work queued behind a burst.
 * drizzle's postgres.js client (`$client`) is the driver's `sql` function; PGlite's is an object.
 */
function isPooled(db: Database): boolean {
  return typeof (db as { $client?: unknown }).$client === 'function';
}

export function createStore(db: Database): Store {
  const limited = isPooled(db);
  return {
    repository: translatingErrors(createRepository(db)),
    async transaction(work) {
      const started = performance.now();
      const elapsed = () => performance.now() - started;
      try {
        return await db.transaction(async (tx) => {
          if (limited) {
            const remaining = TRANSACTION_LIMITS.deadlineMs - elapsed();
            if (remaining < MIN_REMAINING_MS) {
              throw new StoreError(
                'busy',
                'no time left after waiting for a connection',
                null,
                null,
              );
            }
            await tx.execute(limits(remaining));
          }
          const result = await work(createRepository(tx));
          if (limited && elapsed() > TRANSACTION_LIMITS.deadlineMs) {
            throw new StoreError('busy', 'transaction deadline passed', null, null);
          }
          return result;
        });
      } catch (error) {
        throw translateError(error);
      }
    },
  };
}
