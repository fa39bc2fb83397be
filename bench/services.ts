import { sql } from 'drizzle-orm';
import { createLogger } from '../src/adapters/logger.js';
import { rowsOf } from '../src/adapters/postgres/migrate.js';
import { createTeamsSurface } from '../src/adapters/teams/index.js';
import { reportComplaint } from '../src/app/report-complaint.js';
import { type Env, loadEnv } from '../src/config/env.js';
import { type RunningService, startService } from '../src/service.js';
import { FakeSlackWebApi } from '../test/fakes/slack-web-api.js';
import { FakeBotConnector } from '../test/fakes/teams-connector.js';
import { SLACK_USERS } from './org.js';

export const SLACK_SECRET = 'bench-signing-secret';
const logger = createLogger('warn');

export interface SlackService {
  service: RunningService;
  fake: FakeSlackWebApi;
  startupMs: number;
  stop(): Promise<void>;
}

/** The real service, Slack only, against PostgreSQL and a local fake Slack Web API. */
export async function startSlackService(
  databaseUrl: string,
  orgFile: string,
): Promise<SlackService> {
  const fake = await new FakeSlackWebApi().start();
  for (const user of SLACK_USERS) {
    fake.addUser({ ...user, email: `${user.name}@example.org`, locale: 'nl-NL' });
  }
  const started = performance.now();
  const env = loadEnv({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '20',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: `${fake.url}/api/`,
    ORG_CONFIG: orgFile,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    JOBS_ENABLED: 'false',
  });
  const service = await startService({ ...env, port: 0 }, { logger });
  const startupMs = performance.now() - started;
  return {
    service,
    fake,
    startupMs,
    async stop() {
      await service.stop();
      await fake.stop();
    },
  };
}

export interface TeamsService {
  service: RunningService;
  connector: FakeBotConnector;
  stop(): Promise<void>;
}

/** The real service, Teams only (local unauthenticated mode), with a fake Bot Connector. */
export async function startTeamsService(
  databaseUrl: string,
  orgFile: string,
): Promise<TeamsService> {
  const connector = await new FakeBotConnector().start();
  const env: Env = {
    nodeEnv: 'development',
    logLevel: 'warn',
    port: 0,
    host: '127.0.0.1',
    dataDir: '/tmp',
    database: { kind: 'postgres', url: databaseUrl, poolSize: 20 },
    orgConfigPath: orgFile,
    slack: null,
    teams: {
      appId: null,
      appPassword: null,
      tenantId: null,
      appType: 'SingleTenant',
      allowUnauthenticated: true,
    },
    outboxPollMs: 1000,
    jobsEnabled: false,
  };
  const service = await startService(env, { logger, surfaces: [createTeamsSurface] });
  return {
    service,
    connector,
    async stop() {
      await service.stop();
      await connector.stop();
    },
  };
}

/**
 * `count` registered complaints for piet to decide: one reported through the use case, then
 * copied by one `insert … select generate_series` with references KL-2099-nnnnnn.
 */
export async function registeredComplaints(
  service: RunningService,
  count: number,
): Promise<{ id: string; version: number }[]> {
  const { complaint } = await reportComplaint(service.deps, {
    reporterId: 'mo',
    categoryKey: 'dienstverlening',
    description: 'Sjabloon voor de bench: de monteur kwam niet opdagen.',
  });
  const db = service.database.db;
  const columns = rowsOf<{ name: string }>(
    await db.execute(sql`select column_name as name from information_schema.columns
      where table_name = 'complaints' and column_name not in ('id', 'reference', 'intake_key')`),
  )
    .map((c) => `"${c.name}"`)
    .join(', ');
  const rows = rowsOf<{ id: string; version: number }>(
    await db.execute(
      sql.raw(`insert into complaints (reference, ${columns})
        select 'KL-2099-' || lpad(g::text, 6, '0'), ${columns}
        from complaints, generate_series(1, ${count}) as g where id = '${complaint.id}'
        returning id, version`),
    ),
  );
  return rows;
}

export async function count(service: RunningService, query: ReturnType<typeof sql>) {
  const [row] = rowsOf<{ n: number }>(await service.database.db.execute(query));
  return Number(row?.n ?? 0);
}

/** Samples this process's resident memory while `work` runs; returns the peak in MB. */
export async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  try {
    const result = await work();
    return { result, peakMb: peak / 1e6 };
  } finally {
    clearInterval(timer);
  }
}
