import type { AddressInfo } from 'node:net';
import { createHttpServer, type Route } from './adapters/http/server.js';
import { type DatabaseHandle, openDatabase } from './adapters/postgres/database.js';
import { migrateDatabase, migrationsApplied } from './adapters/postgres/migrate.js';
import { syncOrganisation } from './adapters/postgres/org-sync.js';
import { createOutboxStore } from './adapters/postgres/outbox-store.js';
import { createStore } from './adapters/postgres/store.js';
import { type OutboxLoop, startOutboxLoop } from './adapters/scheduler/outbox-loop.js';
import type { AppDeps } from './app/deps.js';
import type { DeliveryPort, Logger } from './app/ports.js';
import { demoOrgConfig } from './config/demo-org.js';
import type { Env } from './config/env.js';
import { loadOrgConfig, type OrgConfig } from './config/org-file.js';
import { WorkingDayCalendar } from './domain/calendar.js';

export interface RunningService {
  readonly url: string;
  readonly deps: AppDeps;
  readonly org: OrgConfig;
  readonly database: DatabaseHandle;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  logger: Logger;
  clock?: AppDeps['clock'];
  /** Delivery adapters; Slack and Teams add theirs when configured. */
  deliveryPorts?: DeliveryPort[];
  extraRoutes?: Route[];
}

/** The composition root: env → org file → database → use cases → HTTP → background work. */
export async function startService(env: Env, options: ServiceOptions): Promise<RunningService> {
  const { logger } = options;
  const org = await loadOrganisation(env, logger);
  const database = await openDatabase(
    env.database.kind === 'postgres'
      ? env.database
      : { kind: 'pglite', dataDir: env.database.dataDir },
  );
  let outboxLoop: OutboxLoop | null = null;
  try {
    await migrateDatabase(database);
    const synced = await syncOrganisation(database.db, org);
    logger.info({ ...synced, database: database.kind }, 'organisation synchronised');

    const deps: AppDeps = {
      store: createStore(database.db),
      clock: options.clock ?? { now: () => new Date() },
      calendar: new WorkingDayCalendar(org.calendar),
      deadlines: org.deadlines,
      logger,
    };
    const ports = options.deliveryPorts ?? [];
    if (ports.length > 0) {
      const outbox = createOutboxStore(database.db);
      outboxLoop = startOutboxLoop({ outbox, ports, clock: deps.clock, logger }, env.outboxPollMs);
    } else {
      logger.warn(
        {},
        'no chat surface configured (Slack or Teams): messages stay queued in the outbox until one is',
      );
    }
    const http = createHttpServer({
      routes: options.extraRoutes ?? [],
      readiness: [
        { name: 'database', check: async () => (await database.ping(), true) },
        { name: 'migrations', check: () => migrationsApplied(database.db) },
      ],
      logger,
    });
    const address: AddressInfo = await http.listen(env.port, env.host);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const loop = outboxLoop;
    return {
      url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`,
      deps,
      org,
      database,
      async stop() {
        await http.close();
        await loop?.stop();
        await database.close();
      },
    };
  } catch (error) {
    await outboxLoop?.stop();
    await database.close();
    throw error;
  }
}

async function loadOrganisation(env: Env, logger: Logger): Promise<OrgConfig> {
  if (env.orgConfigPath) return loadOrgConfig(env.orgConfigPath);
  logger.warn(
    {},
    'ORG_CONFIG is not set: running the built-in DEMO organisation "Demo Organisatie BV" (see org.example.yaml to configure your own)',
  );
  return demoOrgConfig();
}
