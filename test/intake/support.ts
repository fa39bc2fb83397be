import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/adapters/logger.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createTeamsSurface } from '../../src/adapters/teams/index.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { type DatabaseEnv, type Env, loadEnv } from '../../src/config/env.js';
import type { LocalDate } from '../../src/domain/calendar.js';
import { addCalendarDays } from '../../src/domain/calendar.js';
import { type RunningService, startService } from '../../src/service.js';
import { FakeSlackClient, type SlackUserRef } from '../fakes/slack-client.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import type { TeamsUser } from '../fakes/teams-activities.js';
import { FakeBotConnector } from '../fakes/teams-connector.js';
import type { Harness } from '../slack/harness.js';
import type { TeamsHarness } from '../teams/harness.js';

/**
 * The Slack and Teams harnesses (test/slack/harness.ts, test/teams/harness.ts) with a
 * secretariat member, Sara, who registers letters and calls on someone's behalf.
 */
export const SLACK_SECRET = 'intake-signing-secret';

const SLACK_ORG = `\
organisation: { name: Test BV, locale: nl, timezone: Europe/Amsterdam }
people:
  - { id: dirk, name: Dirk Directeur, email: dirk@example.org, roles: [director], slackUserId: U0DIRK }
  - { id: kim, name: Kim Kwaliteit, email: kim@example.org, roles: [quality_adviser], slackUserId: U0KIM }
  - { id: piet, name: Piet Projectleider, email: piet@example.org, roles: [handler], slackUserId: U0PIET }
  - { id: mo, name: Mo Medewerker, email: mo@example.org, roles: [reporter], slackUserId: U0MO }
  - { id: sara, name: Sara Secretariaat, email: sara@example.org, roles: [secretariat], slackUserId: U0SARA }
categories:
  - { key: dienstverlening, label: { nl: Dienstverlening, en: Service }, handler: piet }
`;

export const SLACK_USERS = {
  sara: { id: 'U0SARA', name: 'sara' },
  mo: { id: 'U0MO', name: 'mo' },
  piet: { id: 'U0PIET', name: 'piet' },
} satisfies Record<string, SlackUserRef>;

/** The real service on in-memory PGlite with Slack pointed at a local fake Web API. */
export async function startIntakeSlack(extraOrg = ''): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-intake-slack-'));
  const orgPath = path.join(dir, 'org.yaml');
  await writeFile(orgPath, `${SLACK_ORG}${extraOrg}`);
  const fake = await new FakeSlackWebApi().start();
  for (const user of Object.values(SLACK_USERS)) {
    fake.addUser({
      id: user.id,
      name: user.name,
      email: `${user.name}@example.org`,
      locale: 'nl-NL',
    });
  }
  const loaded = loadEnv({
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: `${fake.url}/api/`,
    ORG_CONFIG: orgPath,
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    JOBS_ENABLED: 'false',
    DATA_DIR: dir,
  });
  const env: Env = {
    ...loaded,
    port: 0,
    database: { kind: 'pglite', dataDir: null as unknown as string },
  };
  const service = await startService(env, { logger: createLogger('silent') });
  return {
    service,
    fake,
    slack: new FakeSlackClient(`${service.url}/slack/events`, SLACK_SECRET, fake.url),
    async stop() {
      await service.stop();
      await fake.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const SARA_TEAMS: TeamsUser = {
  id: 'sara',
  name: 'Sara Secretariaat',
  mri: '29:sara',
  aadObjectId: '00000000-0000-4000-8000-000000000006',
};

/** The Teams harness's service (demo organisation plus Sara) and a fake Bot Connector. */
export async function startIntakeTeams(extraOrg = ''): Promise<TeamsHarness> {
  const connector = await new FakeBotConnector().start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-intake-teams-'));
  const orgFile = path.join(dir, 'org.yaml');
  const yaml = DEMO_ORG_YAML.replace(
    'categories:',
    `  - { id: sara, name: Sara Secretariaat, email: sara@example.org, roles: [secretariat], teamsAadObjectId: ${SARA_TEAMS.aadObjectId} }\ncategories:`,
  );
  await writeFile(orgFile, `${yaml}${extraOrg}`);
  const env: Env = {
    nodeEnv: 'test',
    logLevel: 'silent',
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    database: { kind: 'pglite', dataDir: null } as unknown as DatabaseEnv,
    orgConfigPath: orgFile,
    slack: null,
    teams: {
      appId: null,
      appPassword: null,
      tenantId: null,
      appType: 'SingleTenant',
      allowUnauthenticated: true,
    },
    outboxPollMs: 50,
    jobsEnabled: false,
  };
  const service = await startService(env, {
    logger: createLogger('silent'),
    surfaces: [createTeamsSurface],
  });
  return {
    service,
    connector,
    async post(activity) {
      const res = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      await service.stop();
      await connector.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Rows of the register's tables, to prove that a refused form wrote nothing. */
export async function registerCounts(service: RunningService) {
  return rowsOf<{ complaints: number; audit: number; outbox: number }>(
    await service.database.db.execute(sql`select
      (select count(*)::int from complaints) as complaints,
      (select count(*)::int from audit_events) as audit,
      (select count(*)::int from outbox) as outbox`),
  )[0];
}

/** The organisation's today and its neighbours (the tests run on the real clock). */
export function days(service: RunningService): {
  today: LocalDate;
  yesterday: LocalDate;
  tomorrow: LocalDate;
} {
  const today = service.deps.calendar.localDate(new Date());
  return {
    today,
    yesterday: addCalendarDays(today, -1),
    tomorrow: addCalendarDays(today, 1),
  };
}
