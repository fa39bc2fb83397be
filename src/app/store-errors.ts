import { DomainError } from '../domain/errors.js';

/**
 * `unavailable`: the database cannot be reached. `busy`: it answered, but gave up in time
 * (a lock or statement timeout, the transaction's deadline); nothing of the transaction
 * was saved.
 */
export type StoreErrorKind = 'unique_violation' | 'unavailable' | 'busy';

/** A storage failure translated by the store adapter into something use cases can act on. */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly constraint: string | null;

  constructor(kind: StoreErrorKind, message: string, constraint: string | null, cause: unknown) {
    super(message, { cause });
    this.name = 'StoreError';
    this.kind = kind;
    this.constraint = constraint;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof StoreError && error.kind === 'unique_violation';
}

export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof StoreError && (error.kind === 'unavailable' || error.kind === 'busy');
}

/**
 * The database being unreachable, or busy past the transaction's deadline, becomes a coded
 * error the user is told about at once; in both cases nothing was saved.
 */
export async function withDatabaseErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError && error.kind === 'unavailable') {
      throw new DomainError('database.unavailable', 'The register is unavailable', {});
    }
    if (error instanceof StoreError && error.kind === 'busy') {
      throw new DomainError('database.busy', 'The register is busy; rolled back', {});
    }
    throw error;
  }
}
