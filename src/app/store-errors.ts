import { DomainError } from '../domain/errors.js';

export type StoreErrorKind = 'unique_violation' | 'unavailable';

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

/** The database being unreachable becomes a coded error the user is told about at once. */
export async function withDatabaseErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError && error.kind === 'unavailable') {
      throw new DomainError('database.unavailable', 'The register is unavailable', {});
    }
    throw error;
  }
}
