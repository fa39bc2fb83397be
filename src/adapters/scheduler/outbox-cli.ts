/**
 * Parked outbox messages by hand: `npm run outbox -- list`, `npm run outbox -- retry <id>`,
 * `npm run outbox -- retry --failed [--since YYYY-MM-DD]`. A re-drive sets the failed rows back
 * to pending (due now, attempts reset); the running service then delivers them. Fix the cause
 * first (token replaced, bot re-invited): otherwise they are parked again.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ParkedOutbox, RedriveSelection } from '../../app/outbox-ports.js';
import type { Clock, Logger } from '../../app/ports.js';
import { redriveOutbox } from '../../app/redrive-outbox.js';
import { loadEnv } from '../../config/env.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../postgres/database.js';
import { migrateDatabase } from '../postgres/migrate.js';
import { createOutboxStore } from '../postgres/outbox-store.js';

export const USAGE =
  'usage: npm run outbox -- list | retry <id> | retry --failed [--since YYYY-MM-DD]';

export interface OutboxCliDeps {
  outbox: ParkedOutbox;
  clock: Clock;
  logger: Logger;
  print(line: string): void;
}

/** Parses the arguments and runs the command; returns the exit code. */
export async function runOutboxCommand(args: string[], deps: OutboxCliDeps): Promise<number> {
  let parsed: { values: { failed?: boolean; since?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { failed: { type: 'boolean', default: false }, since: { type: 'string' } },
    });
  } catch {
    deps.print(USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, id] = positionals;
  if (command === 'list') {
    for (const p of await deps.outbox.listParked(1_000)) {
      deps.print(`${p.id}\t${p.kind}\t${p.since.toISOString()}\t${p.reason}`);
    }
    return 0;
  }
  const selection = command === 'retry' ? selectionOf(id, values) : null;
  if (!selection) {
    deps.print(USAGE);
    return 2;
  }
  const result = await redriveOutbox(deps, selection, null);
  deps.print(JSON.stringify({ redriven: result.ok ? result.ids : [] }));
  return 0;
}

function selectionOf(
  id: string | undefined,
  values: { failed?: boolean; since?: string },
): RedriveSelection | null {
  if (id !== undefined && !values.failed && !values.since) {
    return /^\d+$/.test(id) ? { id: Number(id) } : null;
  }
  if (id !== undefined || !values.failed) return null;
  if (!values.since) return { failed: true };
  // The start of that day (UTC): a message queued on it or later is re-driven.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.since)) return null;
  return { failed: true, since: new Date(`${values.since}T00:00:00Z`) };
}

async function main(): Promise<number> {
  const env = loadEnv();
  const logger = createLogger(env.logLevel);
  const database = await openDatabase(env.database);
  try {
    await migrateDatabase(database);
    return await runOutboxCommand(process.argv.slice(2), {
      outbox: createOutboxStore(database.db),
      clock: { now: () => new Date() },
      logger,
      print: (line) => console.log(line),
    });
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
