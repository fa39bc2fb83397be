import type { AddressInfo } from 'node:net';
import { complainantRoutes } from './adapters/http/complainant-page.js';
import { downloadLinks, downloadRoutes } from './adapters/http/downloads.js';
import { createHttpServer } from './adapters/http/server.js';
import { createLetterRenderer, letterRoutes } from './adapters/letters/index.js';
import { createMailDeliveryPort } from './adapters/mail/index.js';
import { createConversationRefStore } from './adapters/postgres/conversation-ref-store.js';
import { type DatabaseHandle, openDatabase } from './adapters/postgres/database.js';
import { createRunClaims } from './adapters/postgres/job-store.js';
import { migrateDatabase, migrationsApplied } from './adapters/postgres/migrate.js';
import { syncOrganisation } from './adapters/postgres/org-sync.js';
import { createOutboxStore } from './adapters/postgres/outbox-store.js';
import { createReportStore } from './adapters/postgres/report-store.js';
import { createStore } from './adapters/postgres/store.js';
import { createJobDeps, createRegisterExport } from './adapters/scheduler/job-deps.js';
import { type OutboxLoop, startOutboxLoop } from './adapters/scheduler/outbox-loop.js';
import { type Scheduler, startScheduler } from './adapters/scheduler/scheduler.js';
import type { Surface, SurfaceFactory } from './adapters/surface.js';
import type { AppDeps } from './app/deps.js';
import type { DeliveryPort, Logger } from './app/ports.js';
import { complainantSettings, usesDevelopmentLinkSecret } from './config/complainant.js';
import { demoOrgConfig } from './config/demo-org.js';
import type { Env } from './config/env.js';
import { loadOrgConfig, type OrgConfig } from './config/org-file.js';
import { WorkingDayCalendar } from './domain/calendar.js';

const PENDING_REPAIR_MS = 30_000;

export interface RunningService {
  readonly url: string;
  readonly deps: AppDeps;
  readonly org: OrgConfig;
  readonly database: DatabaseHandle;
  readonly surfaces: readonly Surface[];
  stop(): Promise<void>;
}

export interface ServiceOptions {
  logger: Logger;
  clock?: AppDeps['clock'];
  /**
   * Chat surfaces to plug in. Default: Slack when SLACK_* is configured, Teams when
   * MICROSOFT_APP_* (or local unauthenticated mode) is; each SDK is loaded only when needed.
   */
  surfaces?: SurfaceFactory[];
  /** Extra delivery adapters (tests). */
  deliveryPorts?: DeliveryPort[];
}

async function configuredSurfaces(env: Env): Promise<SurfaceFactory[]> {
  const factories: SurfaceFactory[] = [];
  if (env.slack) factories.push((await import('./adapters/slack/index.js')).createSlackSurface);
  if (env.teams) factories.push((await import('./adapters/teams/index.js')).createTeamsSurface);
  return factories;
}

/** The composition root: env → org file → database → use cases → surfaces → HTTP → outbox. */
export async function startService(env: Env, options: ServiceOptions): Promise<RunningService> {
  const { logger } = options;
  const org = await loadOrganisation(env, logger);
  const database = await openDatabase(env.database);
  let outboxLoop: OutboxLoop | null = null;
  let scheduler: Scheduler | null = null;
  let repairTimer: NodeJS.Timeout | undefined;
  const surfaces: Surface[] = [];
  try {
    await migrateDatabase(database);
    const synced = await syncOrganisation(database.db, org);
    logger.info({ ...synced, database: database.kind }, 'organisation synchronised');

    const deps: AppDeps = {
      store: createStore(database.db),
      clock: options.clock ?? { now: () => new Date() },
      calendar: new WorkingDayCalendar(org.calendar),
      deadlines: org.deadlines,
      procedure: org.procedure,
      measures: org.measures,
      logger,
      reports: createReportStore(database.db),
      parkedOutbox: createOutboxStore(database.db),
      complainant: complainantSettings(env, org),
      letters: createLetterRenderer(),
    };
    if (usesDevelopmentLinkSecret(env)) {
      logger.warn(
        {},
        "COMPLAINANT_LINK_SECRET is not set: complainants' links are signed with a public development secret (required in production)",
      );
    }
    deps.registerExport = createRegisterExport(database.db, deps.calendar);
    // A complaint's number is drawn right after its commit (reportComplaint); one left without
    // (the process died, or the database went away in between) is numbered here: at start and
    // then every half minute. Its messages wait in the outbox until then.
    const numberPending = async () => {
      const numbered = await deps.store.repository.assignPendingReferences();
      if (numbered > 0) logger.warn({ numbered }, 'numbered complaints left without a number');
    };
    await numberPending();
    repairTimer = setInterval(() => {
      numberPending().catch((error: unknown) =>
        logger.warn({ err: error }, 'numbering pending complaints failed; will retry'),
      );
    }, PENDING_REPAIR_MS);
    repairTimer.unref();
    const wakeOutbox = () => outboxLoop?.wake();
    const conversationRefs = createConversationRefStore(database.db);
    for (const factory of options.surfaces ?? (await configuredSurfaces(env))) {
      surfaces.push(await factory({ env, org, deps, logger, conversationRefs, wakeOutbox }));
    }
    const ports = [...surfaces.map((s) => s.deliveryPort), ...(options.deliveryPorts ?? [])];
    const settings = deps.complainant;
    // Attachments are downloaded through private links signed with the link secret.
    if (settings) deps.downloads = downloadLinks(settings);
    // E-mail to complainants goes out beside a chat surface: alone, the dispatcher would park
    // every message to a person as unreachable instead of keeping it until a surface is set up.
    if (ports.length > 0 && settings && settings.mail !== 'off') {
      ports.push(
        createMailDeliveryPort({
          deps,
          settings,
          logger,
          dataDir: env.dataDir,
          smtpUrl: env.complainant?.smtpUrl ?? null,
          from: env.complainant?.mailFrom ?? null,
        }),
      );
    }
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
      routes: [
        ...surfaces.flatMap((s) => s.routes),
        ...(settings
          ? [
              ...letterRoutes({ deps, settings, logger, locale: org.organisation.locale }),
              ...complainantRoutes({
                deps,
                settings,
                logger,
                trustProxy: env.trustProxy ?? false,
              }),
              ...downloadRoutes(deps, settings, { logger, locale: org.organisation.locale }),
            ]
          : []),
      ],
      readiness: [
        {
          name: 'database',
          check: async () => {
            await database.ping();
            return true;
          },
        },
        { name: 'migrations', check: () => migrationsApplied(database.db) },
      ],
      logger,
    });
    const address: AddressInfo = await http.listen(env.port, env.host);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
    // Without PUBLIC_BASE_URL, links point where the server really listens (port 0 in tests).
    if (deps.complainant && !env.complainant?.publicBaseUrl && env.port === 0) {
      deps.complainant.publicBaseUrl = complainantSettings(env, org, url).publicBaseUrl;
    }
    for (const surface of surfaces) await surface.start?.();
    if (env.jobsEnabled) {
      scheduler = startScheduler(
        createJobDeps(
          deps,
          database.db,
          org,
          surfaces.flatMap((s) => (s.retractor ? [s.retractor] : [])),
        ),
        createRunClaims(database.db),
      );
      logger.info({ timezone: org.organisation.timezone }, 'jobs scheduled');
    }
    const jobs = scheduler;
    const loop = outboxLoop;
    return {
      url,
      deps,
      org,
      database,
      surfaces,
      async stop() {
        clearInterval(repairTimer);
        await http.close();
        await jobs?.stop();
        for (const surface of surfaces) await surface.stop?.();
        await loop?.stop();
        await database.close();
      },
    };
  } catch (error) {
    clearInterval(repairTimer);
    await scheduler?.stop();
    for (const surface of surfaces) await surface.stop?.().catch(() => {});
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
