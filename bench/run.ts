import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import postgres from 'postgres';
import { createLogger } from '../src/adapters/logger.js';
import { reportComplaint } from '../src/app/report-complaint.js';
import { loadEnv } from '../src/config/env.js';
import { startService } from '../src/service.js';
import { closedLoop, createBenchDatabase } from './database.js';
import { load } from './load.js';

/**
 * `npm run bench`: the service against PostgreSQL and, in the same run, the floors it is
 * built on. Prints one table with ratios and writes it to bench/results/latest.md.
 */
interface Row {
  scenario: string;
  connections: number | string;
  throughput: number;
  p50: number;
  p99: number;
  baseline: string;
  ratio: number | null;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const rows: Row[] = [];

async function bareHttp(connections: number) {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const result = await load({
    name: 'bare http',
    url: `http://127.0.0.1:${port}/`,
    connections,
    seconds: SECONDS,
  });
  server.close();
  return result;
}

async function rawInserts(url: string, clients: number) {
  const sql = postgres(url, { max: clients, onnotice: () => {} });
  await sql`create table if not exists bench_rows (id bigserial primary key, body text, at timestamptz)`;
  const result = await closedLoop(
    clients,
    SECONDS,
    () => sql`insert into bench_rows (body, at) values (${'x'.repeat(200)}, now())`,
  );
  await sql.end();
  return result;
}

async function main() {
  const database = await createBenchDatabase();
  const logger = createLogger('warn');
  try {
    for (const connections of [10, 100]) {
      const http = await bareHttp(connections);
      rows.push({
        scenario: 'bare node:http GET',
        connections,
        throughput: http.throughput,
        p50: http.p50,
        p99: http.p99,
        baseline: '—',
        ratio: null,
      });
    }
    const raw = await rawInserts(database.url, 16);
    rows.push({
      scenario: 'postgres.js single-row insert',
      connections: 16,
      throughput: raw.throughput,
      p50: raw.p50,
      p99: raw.p99,
      baseline: '—',
      ratio: null,
    });

    const started = performance.now();
    const env = loadEnv({
      DATABASE_URL: database.url,
      PORT: '3999',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '20',
    });
    const service = await startService({ ...env, port: 0 }, { logger, surfaces: [] });
    const startupMs = performance.now() - started;
    let n = 0;
    const report = await closedLoop(16, SECONDS, () =>
      reportComplaint(service.deps, {
        reporterId: 'mo',
        categoryKey: 'product',
        description: `Bench ${n++}`,
      }),
    );
    rows.push({
      scenario: 'report use case (commit + audit + 3 outbox rows)',
      connections: 16,
      throughput: report.throughput,
      p50: report.p50,
      p99: report.p99,
      baseline: 'raw insert',
      ratio: report.throughput / raw.throughput,
    });
    rows.push({
      scenario: 'start-up to ready (PostgreSQL, migrations)',
      connections: '—',
      throughput: 0,
      p50: startupMs,
      p99: startupMs,
      baseline: '—',
      ratio: null,
    });
    rows.push({
      scenario: 'resident memory after load (MB)',
      connections: '—',
      throughput: 0,
      p50: process.memoryUsage().rss / 1e6,
      p99: 0,
      baseline: '—',
      ratio: null,
    });
    await service.stop();
  } finally {
    await database.drop();
  }
  const header = `Klachtenbot bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${SECONDS}s per run\n`;
  const table = [
    '| scenario | conns | req/s | p50 ms | p99 ms | vs | ratio |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.connections} | ${r.throughput.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.baseline} | ${r.ratio === null ? '—' : r.ratio.toFixed(2)} |`,
    ),
  ].join('\n');
  console.log(`${header}\n${table}`);
  await writeFile(new URL('./results/latest.md', import.meta.url), `${header}\n${table}\n`);
}

await main();
