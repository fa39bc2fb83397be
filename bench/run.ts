import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createLogger } from '../src/adapters/logger.js';
import { openDatabase } from '../src/adapters/postgres/database.js';
import { reportComplaint } from '../src/app/report-complaint.js';
import { loadOrgConfig } from '../src/config/org-file.js';
import { bareBolt, bareBotbuilder, bareHttpServer } from './baselines.js';
import { closedLoop, createBenchDatabase } from './database.js';
import { explainSlowest, openPgliteMemory, prepare, reminderScan, yearlyDigest } from './jobs.js';
import { type BodySpec, type LoadResult, loadInChild } from './load.js';
import { CATEGORIES, writeBenchOrg } from './org.js';
import {
  count,
  peakRss,
  registeredComplaints,
  SLACK_SECRET,
  startSlackService,
  startTeamsService,
} from './services.js';

/**
 * `npm run bench`: the service against PostgreSQL and, in the same run, the floors it is
 * built on (bare node:http, bare Bolt, bare botbuilder, postgres.js inserts). Load comes from
 * autocannon in a child process. Prints one table and writes it to bench/results/latest.md;
 * the slowest digest queries' EXPLAIN ANALYZE go to bench/results/digest-explain.txt.
 *
 * BENCH_SECONDS (default 5) per load run; BENCH_DIGEST_ROWS (default 1,000,000) on PostgreSQL;
 * BENCH_PGLITE_ROWS (default 100,000); BENCH_OPEN_ROWS (default 100,000) for the reminder scan.
 */
interface Row {
  scenario: string;
  connections: number | string;
  throughput?: number;
  p50?: number;
  p99?: number;
  /** Seconds or MB, for figures that are not load runs. */
  value?: string;
  baseline?: string;
  ratio?: number | null;
  notes?: string;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DIGEST_ROWS = Number(process.env.BENCH_DIGEST_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
const OPEN_ROWS = Number(process.env.BENCH_OPEN_ROWS ?? 100_000);
const CONNECTIONS = [10, 100];
/** `BENCH_ONLY=slack,teams` runs only those sections (floors, slack, teams, reminders, digest, pglite). */
const ONLY = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const run = (section: string) => !ONLY || ONLY.includes(section);
const rows: Row[] = [];
const mb = () => process.memoryUsage().rss / 1e6;
const s = (n: number) => `${n.toFixed(2)} s`;
const bench = createLogger('info');

function loadRow(scenario: string, r: LoadResult, baseline?: LoadResult, notes = ''): Row {
  return {
    scenario,
    connections: r.connections,
    throughput: r.throughput,
    p50: r.p50,
    p99: r.p99,
    baseline: baseline?.name,
    ratio: baseline ? r.throughput / baseline.throughput : null,
    notes: [r.errors ? `${r.errors} non-2xx/errors` : '', notes].filter(Boolean).join('; '),
  };
}

async function floors(byConnections: Map<string, LoadResult>) {
  const http = await bareHttpServer();
  const bolt = await bareBolt(SLACK_SECRET);
  const botbuilder = await bareBotbuilder();
  const teamsBody: BodySpec = {
    kind: 'teams-execute',
    serviceUrl: 'http://127.0.0.1:9/',
    tenantId: '11111111-2222-4333-8444-555555555555',
    user: {
      id: 'piet',
      name: 'Piet',
      mri: '29:piet',
      aadObjectId: '00000000-0000-4000-8000-000000000003',
    },
    verb: 'kb_declare_founded',
    targets: [{ id: '00000000-0000-0000-0000-000000000000', version: 1 }],
  };
  try {
    for (const connections of CONNECTIONS) {
      const common = { connections, seconds: SECONDS, method: 'POST' as const };
      const runs: [string, LoadResult][] = [
        [
          'bare node:http',
          await loadInChild({ ...common, name: 'bare node:http', url: http.url, method: 'GET' }),
        ],
        [
          'bare Bolt ack',
          await loadInChild({
            ...common,
            name: 'bare Bolt ack',
            url: bolt.url,
            body: { kind: 'slack-command', secret: SLACK_SECRET, user: { id: 'U0MO', name: 'mo' } },
          }),
        ],
        [
          'bare invoke',
          await loadInChild({
            ...common,
            name: 'bare invoke',
            url: botbuilder.url,
            body: teamsBody,
          }),
        ],
      ];
      for (const [name, result] of runs) {
        byConnections.set(`${name}@${connections}`, result);
        rows.push(
          loadRow(
            name === 'bare node:http'
              ? 'bare node:http GET'
              : name === 'bare Bolt ack'
                ? 'bare Bolt app: signed slash command, ack only'
                : 'bare botbuilder CloudAdapter: Action.Execute invoke',
            result,
          ),
        );
      }
    }
  } finally {
    await http.stop();
    await bolt.stop();
    await botbuilder.stop();
  }
}

async function rawInserts(url: string, clients: number) {
  const client = postgres(url, { max: clients, onnotice: () => {} });
  await client`create table if not exists bench_rows (id bigserial primary key, body text, at timestamptz)`;
  const result = await closedLoop(
    clients,
    SECONDS,
    () => client`insert into bench_rows (body, at) values (${'x'.repeat(200)}, now())`,
  );
  await client.end();
  return result;
}

async function main() {
  const startedAll = performance.now();
  const orgFile = await writeBenchOrg();
  const org = await loadOrgConfig(orgFile);
  const database = await createBenchDatabase();
  const teamsDatabase = await createBenchDatabase();
  const jobsDatabase = await createBenchDatabase();
  const logger = createLogger('warn');
  const explained: string[] = [];
  try {
    // 1. Floors.
    const floor = new Map<string, LoadResult>();
    if (run('floors')) await floors(floor);
    const raw = await rawInserts(database.url, 16);
    const rawResult: LoadResult = {
      name: 'raw insert',
      connections: 16,
      requests: raw.ops,
      errors: raw.errors,
      throughput: raw.throughput,
      p50: raw.p50,
      p99: raw.p99,
    };
    rows.push(loadRow('postgres.js single-row insert (16 clients)', rawResult));
    bench.info({ seconds: (performance.now() - startedAll) / 1000 }, 'floors done');

    // 2. Slack: view submissions through the real service.
    let rssPeak = 0;
    if (run('slack')) await slackSection();
    async function slackSection() {
      const idleBefore = mb();
      const slack = await startSlackService(database.url, orgFile);
      const rssIdle = mb();
      try {
        let n = 0;
        const report = await closedLoop(16, SECONDS, () =>
          reportComplaint(slack.service.deps, {
            reporterId: 'mo',
            categoryKey: 'product',
            description: `Bench ${n++}`,
          }),
        );
        rows.push(
          loadRow(
            'report use case in-process (commit + audit + outbox rows)',
            { name: 'report', connections: 16, requests: report.ops, ...report },
            rawResult,
          ),
        );
        for (const connections of CONNECTIONS) {
          const before = await count(slack.service, sql`select count(*)::int as n from complaints`);
          const { result, peakMb } = await peakRss(() =>
            loadInChild({
              name: 'slack view',
              url: `${slack.service.url}/slack/events`,
              connections,
              seconds: SECONDS,
              method: 'POST',
              body: {
                kind: 'slack-view',
                secret: SLACK_SECRET,
                user: { id: 'U0MO', name: 'mo' },
                categories: CATEGORIES,
              },
            }),
          );
          rssPeak = Math.max(rssPeak, peakMb);
          const after = await count(slack.service, sql`select count(*)::int as n from complaints`);
          const committed = after - before;
          const bolt = floor.get(`bare Bolt ack@${connections}`)!;
          rows.push(
            loadRow(
              'Slack view_submission → complaint registered',
              result,
              bolt,
              `${committed} committed; ${(result.throughput / raw.throughput).toFixed(3)}× raw insert`,
            ),
          );
        }
        // Let the outbox drain for a moment, then report what was delivered.
        const pending = await count(
          slack.service,
          sql`select count(*)::int as n from outbox where status = 'pending'`,
        );
        rows.push({
          scenario: 'Slack outbox after the runs (pending rows, Web API calls made)',
          connections: '—',
          value: `${pending} pending`,
          notes: `${slack.fake.calls.length} fake Web API calls`,
        });
        rows.push({
          scenario: 'start-up to ready (PostgreSQL, migrations, org sync, Slack)',
          connections: '—',
          value: `${slack.startupMs.toFixed(0)} ms`,
        });
      } finally {
        await slack.stop();
      }
      const rssAfter = mb();
      rows.push({
        scenario: 'resident memory (whole bench process, service in-process)',
        connections: '—',
        value: `${rssIdle.toFixed(0)} MB idle / ${rssPeak.toFixed(0)} MB peak under load / ${rssAfter.toFixed(0)} MB after`,
        notes: `${idleBefore.toFixed(0)} MB before the service started`,
      });
      bench.info({ seconds: (performance.now() - startedAll) / 1000 }, 'slack done');
    }

    // 3. Teams: Action.Execute decisions, one pre-created complaint per request.
    // A database of its own: the Slack runs' undelivered outbox rows would otherwise be
    // dispatched (and parked: no Slack surface) during the Teams runs.
    if (run('teams')) await teamsSection();
    async function teamsSection() {
      const teams = await startTeamsService(teamsDatabase.url, orgFile);
      try {
        const targets = await registeredComplaints(teams.service, 40_000);
        let offset = 0;
        for (const connections of CONNECTIONS) {
          const slice = targets.slice(offset, offset + 20_000);
          offset += 20_000;
          const { result, peakMb } = await peakRss(() =>
            loadInChild({
              name: 'teams execute',
              url: `${teams.service.url}/api/messages`,
              connections,
              seconds: SECONDS,
              method: 'POST',
              body: {
                kind: 'teams-execute',
                serviceUrl: teams.connector.url,
                tenantId: '11111111-2222-4333-8444-555555555555',
                user: {
                  id: 'piet',
                  name: 'Piet Projectleider',
                  mri: '29:piet',
                  aadObjectId: '00000000-0000-4000-8000-000000000003',
                },
                verb: 'kb_declare_founded',
                targets: slice,
              },
            }),
          );
          rssPeak = Math.max(rssPeak, peakMb);
          const ids = slice.map((t) => t.id);
          const committed = await count(
            teams.service,
            sql`select count(*)::int as n from complaints
              where status = 'in_treatment' and id = any(${`{${ids.join(',')}}`}::uuid[])`,
          );
          rows.push(
            loadRow(
              'Teams Action.Execute kb_declare_founded → transition committed',
              result,
              floor.get(`bare invoke@${connections}`)!,
              `${committed} committed; peak RSS ${peakMb.toFixed(0)} MB`,
            ),
          );
        }
      } finally {
        await teams.stop();
      }
      bench.info({ seconds: (performance.now() - startedAll) / 1000 }, 'teams done');
    }

    // 4. Jobs on PostgreSQL: the daily reminder scan, then the yearly digest.
    const pg = await openDatabase({ kind: 'postgres', url: jobsDatabase.url, poolSize: 10 });
    try {
      await prepare(pg, org);
      if (run('reminders')) {
        const r = await reminderScan(pg, org, logger, OPEN_ROWS);
        rows.push({
          scenario: `daily reminder scan over ${r.open.toLocaleString('en')} open complaints (PostgreSQL)`,
          connections: '—',
          value: s(r.scanSeconds),
          notes: `${r.sent} reminders sent; load ${s(r.loadSeconds)}; same-day re-run ${s(r.rerunSeconds)}; rows generated in ${s(r.generateSeconds)}`,
        });
        bench.info({ seconds: (performance.now() - startedAll) / 1000 }, 'reminders done');
        await pg.db.execute(
          sql`truncate complaints, reminder_ledger, outbox, audit_events cascade`,
        );
      }
      if (run('digest')) {
        const d = await yearlyDigest(pg, org, logger, DIGEST_ROWS, false);
        explained.push(
          ...(await explainSlowest(
            pg,
            d.queries,
            new URL('./results/digest-explain.txt', import.meta.url),
          )),
        );
        rows.push({
          scenario: `yearly digest figures over ${d.rows.toLocaleString('en')} complaints (PostgreSQL)`,
          connections: '—',
          value: s(d.figuresSeconds),
          baseline: 'bare count(*) group by category',
          ratio: d.figuresSeconds / d.bareSeconds,
          notes: `bare ${s(d.bareSeconds)}; ${d.queries.length} queries, slowest ${Math.max(...d.queries.map((q) => q.ms)).toFixed(0)} ms; rows generated in ${s(d.generateSeconds)}`,
        });
      }
    } finally {
      await pg.close();
    }
    bench.info({ seconds: (performance.now() - startedAll) / 1000 }, 'digest pg done');

    // 5. The digest on PGlite (in memory): figures and the whole job with its exports.
    if (run('pglite')) await pgliteSection();
    async function pgliteSection() {
      const lite = await openPgliteMemory();
      try {
        await prepare(lite, org);
        const d = await yearlyDigest(lite, org, logger, PGLITE_ROWS, true);
        rows.push({
          scenario: `yearly digest figures over ${d.rows.toLocaleString('en')} complaints (PGlite)`,
          connections: '—',
          value: s(d.figuresSeconds),
          baseline: 'bare count(*) group by category',
          ratio: d.figuresSeconds / d.bareSeconds,
          notes: `bare ${s(d.bareSeconds)}; rows generated in ${s(d.generateSeconds)}`,
        });
        rows.push({
          scenario: `yearly digest, whole job (figures + register + PNG/XLSX/CSV), ${d.rows.toLocaleString('en')} complaints (PGlite)`,
          connections: '—',
          value: s(d.fullSeconds ?? 0),
          baseline: 'bare count(*) group by category',
          ratio: (d.fullSeconds ?? 0) / d.bareSeconds,
          notes: `register query ${s(Math.max(...d.queries.map((q) => q.ms)) / 1000)}`,
        });
      } finally {
        await lite.close();
      }
    }
  } finally {
    await database.drop();
    await teamsDatabase.drop();
    await jobsDatabase.drop();
  }
  const total = (performance.now() - startedAll) / 1000;
  const cpu = os.cpus();
  const header = [
    `Klachtenbot bench — ${new Date().toISOString()} — ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1e9).toFixed(1)} GB, Node ${process.version}, ${SECONDS} s per load run, ${total.toFixed(0)} s in all`,
    '',
    'Load: autocannon in a child process; req/s counts 2xx answers only. ratio = req/s ÷ the',
    'baseline’s req/s at the same connections (load rows), or seconds ÷ the baseline’s seconds',
    '(job rows: how many times slower than the bare aggregate).',
  ].join('\n');
  const f = (n: number | undefined, digits: number) => (n === undefined ? '—' : n.toFixed(digits));
  const table = [
    '| scenario | conns | req/s | p50 ms | p99 ms | time / size | vs | ratio | notes |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.connections} | ${f(r.throughput, 0)} | ${f(r.p50, 1)} | ${f(r.p99, 1)} | ${r.value ?? '—'} | ${r.baseline ?? '—'} | ${r.ratio === null || r.ratio === undefined ? '—' : r.ratio.toFixed(r.ratio < 0.1 ? 3 : 2)} | ${r.notes ?? ''} |`,
    ),
  ].join('\n');
  const slowest = explained.length
    ? `\nSlowest digest queries (plans in bench/results/digest-explain.txt):\n${explained.map((e) => `- ${e}`).join('\n')}\n`
    : '';
  console.log(`${header}\n\n${table}\n${slowest}`);
  // A partial run (BENCH_ONLY) prints its rows but keeps the last full table.
  if (ONLY) return;
  await writeFile(
    new URL('./results/latest.md', import.meta.url),
    `${header}\n\n${table}\n${slowest}`,
  );
}

await main();
