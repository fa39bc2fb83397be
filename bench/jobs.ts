import { writeFile } from 'node:fs/promises';
import { type SQL, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../src/adapters/postgres/database.js';
import { openDatabase } from '../src/adapters/postgres/database.js';
import { migrateDatabase, rowsOf } from '../src/adapters/postgres/migrate.js';
import { syncOrganisation } from '../src/adapters/postgres/org-sync.js';
import { createStore } from '../src/adapters/postgres/store.js';
import { createJobDeps } from '../src/adapters/scheduler/job-deps.js';
import type { JobDeps } from '../src/app/jobs/ports.js';
import { remindHandlers } from '../src/app/jobs/remind-handlers.js';
import { sendYearlyDigest } from '../src/app/jobs/send-yearly-digest.js';
import type { Logger } from '../src/app/ports.js';
import type { OrgConfig } from '../src/config/org-file.js';
import { WorkingDayCalendar } from '../src/domain/calendar.js';
import { generateComplaints } from './data.js';

const seconds = (since: number) => (performance.now() - since) / 1000;

/** One query the digest ran: its text, parameters and time, and its transaction (if any). */
interface Traced {
  text: string;
  params: unknown[];
  ms: number;
  transaction: number | null;
}

/** Session settings a transaction made (`select set_config(…, true)`): replayed to explain. */
const isSetup = (q: Traced) => q.text.includes('set_config(');

/**
 * The database handle with `execute` timed, also inside transactions, so the digest's queries
 * can be listed with their times and the slowest explained (drizzle's dialect turns the SQL
 * object into text + params).
 */
function traced(handle: DatabaseHandle, log: Traced[]): DatabaseHandle {
  const dialect = (
    handle.db as unknown as {
      dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
    }
  ).dialect;
  let transactions = 0;
  const wrap = <D extends object>(db: D, transaction: number | null): D =>
    new Proxy(db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key === 'execute') {
          return async (query: SQL) => {
            const started = performance.now();
            const result = await (value as (q: SQL) => Promise<unknown>).call(target, query);
            const q = dialect.sqlToQuery(query);
            log.push({
              text: q.sql,
              params: q.params,
              ms: performance.now() - started,
              transaction,
            });
            return result;
          };
        }
        if (key === 'transaction') {
          return (work: (tx: object) => Promise<unknown>, config?: unknown) =>
            (value as (w: (tx: object) => Promise<unknown>, c?: unknown) => Promise<unknown>).call(
              target,
              (tx: object) => work(wrap(tx, ++transactions)),
              config,
            );
        }
        return value;
      },
    });
  return { ...handle, db: wrap(handle.db, null) };
}

function jobDeps(handle: DatabaseHandle, org: OrgConfig, logger: Logger, now: Date): JobDeps {
  const calendar = new WorkingDayCalendar(org.calendar);
  return createJobDeps(
    {
      store: createStore(handle.db),
      clock: { now: () => now },
      calendar,
      deadlines: org.deadlines,
      logger,
    },
    handle.db,
    org,
  );
}

export async function prepare(handle: DatabaseHandle, org: OrgConfig): Promise<void> {
  await migrateDatabase(handle);
  await syncOrganisation(handle.db, org);
}

export interface ReminderFigures {
  open: number;
  generateSeconds: number;
  /** The scan's selection of idle complaints (included in scanSeconds). */
  loadSeconds: number;
  scanSeconds: number;
  due: number;
  sent: number;
  /** The same scan again the same day: every reminder already in the ledger. */
  rerunSeconds: number;
}

/** The daily reminder scan over `count` generated open complaints. */
export async function reminderScan(
  handle: DatabaseHandle,
  org: OrgConfig,
  logger: Logger,
  count: number,
): Promise<ReminderFigures> {
  const now = new Date();
  const year = now.getUTCFullYear();
  const from = new Date(now.getTime() - 90 * 86_400_000).toISOString();
  const generateSeconds = await generateComplaints(
    handle.db,
    {
      count,
      year,
      from,
      spreadDays: 85,
      offset: 5_000_000,
      open: { now: now.toISOString(), idleDays: 30, idleShare: 0.1 },
    },
    handle.kind === 'postgres',
  );
  const plain = jobDeps(handle, org, logger, now);
  // The scan selects its idle complaints by SQL itself; `load` is the time of that query.
  let loadSeconds = 0;
  const deps: JobDeps = {
    ...plain,
    reminders: {
      ...plain.reminders,
      async idleComplaints(...args) {
        const queried = performance.now();
        const rows = await plain.reminders.idleComplaints(...args);
        loadSeconds = seconds(queried);
        return rows;
      },
    },
  };
  const today = deps.calendar.localDate(now);
  let started = performance.now();
  const result = await remindHandlers(deps, today);
  const scanSeconds = seconds(started);
  const firstLoadSeconds = loadSeconds;
  started = performance.now();
  await remindHandlers(deps, today);
  const rerunSeconds = seconds(started);
  const [open] = rowsOf<{ n: number }>(
    await handle.db.execute(
      sql`select count(*)::int as n from complaints where status not in ('closed', 'withdrawn')`,
    ),
  );
  const [due] = rowsOf<{ n: number }>(
    await handle.db.execute(sql`select count(*)::int as n from reminder_ledger`),
  );
  return {
    open: Number(open?.n ?? 0),
    generateSeconds,
    loadSeconds: firstLoadSeconds,
    scanSeconds,
    due: Number(due?.n ?? 0),
    sent: result.sent,
    rerunSeconds,
  };
}

export interface DigestFigures {
  rows: number;
  generateSeconds: number;
  /** Plain `count(*) … group by category` over the year's rows (warm). */
  bareSeconds: number;
  /** The digest's aggregates: yearFigures for the year and the one before. */
  figuresSeconds: number;
  /** The whole job: figures, register query, chart PNG, XLSX and CSV, report row. */
  fullSeconds: number | null;
  queries: Traced[];
}

/**
 * The yearly digest over `count` generated complaints of one year. `full`: also run the
 * whole job (register export included); otherwise only the figures.
 */
export async function yearlyDigest(
  handle: DatabaseHandle,
  org: OrgConfig,
  logger: Logger,
  count: number,
  full: boolean,
): Promise<DigestFigures> {
  const year = new Date().getUTCFullYear() - 1;
  const generateSeconds = await generateComplaints(
    handle.db,
    { count, year, from: `${year}-01-01T00:00:00+01:00`, spreadDays: 365 },
    handle.kind === 'postgres',
  );
  const bare = sql`select category_key, count(*) from complaints
    where registered_at >= ${`${year}-01-01T00:00:00+01:00`}::timestamptz
      and registered_at < ${`${year + 1}-01-01T00:00:00+01:00`}::timestamptz
    group by 1`;
  await handle.db.execute(bare);
  let started = performance.now();
  await handle.db.execute(bare);
  const bareSeconds = seconds(started);

  const queries: Traced[] = [];
  const deps = jobDeps(traced(handle, queries), org, logger, new Date());
  const window = { year, asOf: `${year + 1}-01-15` };
  started = performance.now();
  await deps.digest.yearFigures(window);
  await deps.digest.yearFigures({ year: year - 1, asOf: window.asOf });
  const figuresSeconds = seconds(started);
  let fullSeconds: number | null = null;
  if (full) {
    started = performance.now();
    await sendYearlyDigest(deps, year, window.asOf, { post: false });
    fullSeconds = seconds(started);
  }
  const [counted] = rowsOf<{ n: number }>(
    await handle.db.execute(sql`select count(*)::int as n from complaints`),
  );
  return {
    rows: Number(counted?.n ?? 0),
    generateSeconds,
    bareSeconds,
    figuresSeconds,
    fullSeconds,
    queries,
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the slowest digest queries, written to a file; each in a
 * transaction with the session settings its own transaction had made.
 */
export async function explainSlowest(
  handle: DatabaseHandle,
  queries: Traced[],
  file: URL,
  top = 3,
): Promise<string[]> {
  const slowest = queries
    .filter((q) => !isSetup(q))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
  const out: string[] = [];
  const summary: string[] = [];
  type Client = { unsafe(q: string, p?: unknown[]): Promise<Record<string, string>[]> };
  const client = (
    handle.db as unknown as {
      $client: Client & { begin<T>(work: (sql: Client) => Promise<T>): Promise<T> };
    }
  ).$client;
  for (const q of slowest) {
    const setup = queries.filter(
      (s) => s.transaction !== null && s.transaction === q.transaction && isSetup(s),
    );
    const plan = await client.begin(async (tx) => {
      for (const s of setup) await tx.unsafe(s.text, s.params);
      return tx.unsafe(`explain (analyze, buffers) ${q.text}`, q.params);
    });
    const lines = plan.map((r) => r['QUERY PLAN'] ?? Object.values(r)[0]);
    const settings = setup.map(
      (s) => `-- in a transaction after: ${s.text.trim()} ${JSON.stringify(s.params)}\n`,
    );
    out.push(
      `-- ${q.ms.toFixed(0)} ms\n${settings.join('')}${q.text}\n-- params: ${JSON.stringify(q.params)}\n${lines.join('\n')}\n`,
    );
    summary.push(`${q.ms.toFixed(0)} ms: ${q.text.replace(/\s+/g, ' ').slice(0, 90)}…`);
  }
  await writeFile(file, out.join('\n'));
  return summary;
}

export async function openPgliteMemory(): Promise<DatabaseHandle> {
  return openDatabase({ kind: 'pglite', dataDir: null });
}
