import { pino } from 'pino';
import type { Logger } from '../app/ports.js';

/**
 * Structured JSON logs. Complaint text never reaches a log call by design; this file is the
 * safety net: every logged object is walked (any depth, keys compared case-insensitively)
 * and secrets and free-text fields are replaced, and errors keep only what is safe to read.
 */
export const CENSOR = '[redacted]';

/** A key is secret when its lower-cased letters contain one of these. */
const SECRET_PARTS = [
  'token',
  'secret',
  'password',
  'passwd',
  'authorization',
  'cookie',
  'signature',
  'apikey',
  'credential',
];

/** Free-text fields that may carry complaint text, and drizzle's bound query values. */
const FREE_TEXT_KEYS = new Set([
  'description',
  'desiredoutcome',
  'motivation',
  'resolution',
  'reason',
  'question',
  'answer',
  'text',
  'note',
  'params',
  'query',
  'body',
  'detail',
]);

const MAX_DEPTH = 8;

export function isRedactedKey(key: string): boolean {
  const plain = key.toLowerCase().replace(/[^a-z]/g, '');
  return FREE_TEXT_KEYS.has(plain) || SECRET_PARTS.some((part) => plain.includes(part));
}

/** Stack frames only: the first lines of a stack repeat the message, which may carry data. */
function framesOnly(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.join('\n') : undefined;
}

function isErrorLike(value: unknown): value is Error & Record<string, unknown> {
  return value instanceof Error;
}

/** A database error's message and detail may quote the values it refused. */
function isQueryError(error: Error & Record<string, unknown>): boolean {
  return (
    'query' in error ||
    'params' in error ||
    'severity' in error ||
    'routine' in error ||
    error.name === 'DrizzleQueryError' ||
    error.name === 'PostgresError'
  );
}

const SAFE_ERROR_FIELDS = ['code', 'kind', 'constraint', 'constraint_name', 'table', 'table_name'];

/**
 * The `err` serializer: type, name, code (and a few schema names from database errors),
 * frames of the stack, and the causes' types and codes. Dropped: drizzle's `query` and
 * `params`, every cause's message, and the message of a database error.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!isErrorLike(value)) return value;
  const out: Record<string, unknown> = { type: value.constructor?.name ?? 'Error' };
  if (value.name && value.name !== out.type) out.name = value.name;
  for (const field of SAFE_ERROR_FIELDS) {
    const safe = value[field];
    if (typeof safe === 'string' || typeof safe === 'number') out[field] = safe;
  }
  if (depth === 0) {
    if (!isQueryError(value)) out.message = value.message;
    const stack = framesOnly(value.stack);
    if (stack) out.stack = stack;
  }
  if (value.cause !== undefined && depth < 4) {
    out.cause = isErrorLike(value.cause) ? serializeError(value.cause, depth + 1) : '[cause]';
  }
  if (Array.isArray(value.errors) && depth < 4) {
    out.errors = value.errors.slice(0, 5).map((e) => serializeError(e, depth + 1));
  }
  return out;
}

/** Copies a logged value with secrets and free text replaced, at any depth. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[depth]';
  if (isErrorLike(value)) return serializeError(value);
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // A flag or a count under a sensitive name (`slackSecretRotation: true`) says nothing secret.
    const harmless = typeof item === 'boolean' || typeof item === 'number' || item == null;
    out[key] = isRedactedKey(key) && !harmless ? CENSOR : redactDeep(item, depth + 1);
  }
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'klachtenbot' },
      serializers: { err: (value: unknown) => serializeError(value) },
      formatters: {
        log: (object) => redactDeep(object) as Record<string, unknown>,
        bindings: (bindings) => redactDeep(bindings) as Record<string, unknown>,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
