import { StoreError } from '../../app/store-errors.js';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/**
 * The database gave up in time and rolled the statement's transaction back: nothing was
 * saved (DESIGN.md §8: the user is told, and what they are told is what happened).
 */
const BUSY_CODES = new Set([
  '55P03', // lock_not_available: lock_timeout
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

interface DriverError {
  code?: string;
  constraint_name?: string;
  constraint?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** drizzle wraps driver errors in DrizzleQueryError; the driver's code sits in `cause`. */
function driverErrors(error: unknown): DriverError[] {
  const found: DriverError[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    found.push(current as DriverError);
    const aggregate = (current as DriverError).errors;
    if (Array.isArray(aggregate)) found.push(...(aggregate as DriverError[]));
    current = (current as DriverError).cause;
  }
  return found;
}

/** Maps driver failures to StoreError kinds; anything else is passed through unchanged. */
export function translateError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  for (const candidate of driverErrors(error)) {
    const code = candidate.code ?? '';
    if (code === '23505') {
      const constraint = candidate.constraint_name ?? candidate.constraint ?? null;
      return new StoreError('unique_violation', 'unique violation', constraint, error);
    }
    if (BUSY_CODES.has(code)) return new StoreError('busy', 'database busy', null, error);
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) {
      return new StoreError('unavailable', 'database unavailable', null, error);
    }
  }
  return error;
}

/** Wraps every method of an object so that driver errors come out translated. */
export function translatingErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(object, args);
        } catch (error) {
          throw translateError(error);
        }
      };
    },
  });
}
