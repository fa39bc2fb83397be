import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/adapters/logger.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { type Env, loadEnv } from '../../src/config/env.js';
import { type RunningService, startService } from '../../src/service.js';
import { FakeSlackClient } from '../fakes/slack-client.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { SECRET, USERS } from '../slack/harness.js';

/** The Slack harness's organisation; `piet` may be left without his Slack id (email only). */
export function orgYaml(options: { pietByEmail?: boolean } = {}) {
  const piet = options.pietByEmail ? '' : ', slackUserId: U0PIET';
  return `\
organisation: { name: Test BV, locale: nl, timezone: Europe/Amsterdam }
people:
  - { id: dirk, name: Dirk Directeur, email: dirk@example.org, roles: [director], slackUserId: U0DIRK }
  - { id: kim, name: Kim Kwaliteit, email: kim@example.org, roles: [quality_adviser], slackUserId: U0KIM }
  - { id: piet, name: Piet Projectleider, email: piet@example.org, roles: [handler]${piet} }
  - { id: hanna, name: Hanna Hoofd Service, email: hanna@example.org, roles: [handler], slackUserId: U0HANNA }
  - { id: mo, name: Mo Medewerker, email: mo@example.org, roles: [reporter], slackUserId: U0MO }
  - { id: eva, name: Eva Employee, email: eva@example.org, roles: [reporter], slackUserId: U0EVA, locale: en }
categories:
  - { key: dienstverlening, label: { nl: Dienstverlening, en: Service }, handler: piet }
  - { key: overig, label: { nl: Overig, en: Other }, handler: hanna }
channels:
  quality: { slack: C0KWALITEIT }
`;
}

export function newFake(): Promise<FakeSlackWebApi> {
  const fake = new FakeSlackWebApi();
  for (const user of Object.values(USERS)) {
    fake.addUser({ id: user.id, name: user.name, email: `${user.name}@example.org` });
  }
  return fake.start();
}

export interface OutboxHarness {
  service: RunningService;
  slack: FakeSlackClient;
  stop(): Promise<void>;
}

/**
 * The real service (Slack on the given fake) for the outbox fault tests: one per replica when
 * several share a PostgreSQL database; in-memory PGlite otherwise.
 */
export async function startOutboxService(
  fake: FakeSlackWebApi,
  options: { database?: Env['database']; pietByEmail?: boolean } = {},
): Promise<OutboxHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-outbox-'));
  const orgPath = path.join(dir, 'org.yaml');
  await writeFile(orgPath, orgYaml(options));
  const loaded = loadEnv({
    SLACK_SIGNING_SECRET: SECRET,
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
    database: options.database ?? { kind: 'pglite', dataDir: null as unknown as string },
  };
  const service = await startService(env, { logger: createLogger('silent') });
  return {
    service,
    slack: new FakeSlackClient(`${service.url}/slack/events`, SECRET, fake.url),
    async stop() {
      await service.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface OutboxRow {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

export async function outboxRowsOf(service: RunningService, where = sql`true`) {
  const result = await service.database.db.execute(
    sql`select id, kind, status, attempts, last_error from outbox where ${where} order by id`,
  );
  return rowsOf<OutboxRow>(result).map((r) => ({ ...r, id: Number(r.id) }));
}

/** Queues `count` quality-channel notices of one complaint at once (distinct keys). */
export async function queueChannelNotices(
  service: RunningService,
  complaintId: string,
  count: number,
  tag: string,
) {
  await service.deps.store.repository.enqueue(
    Array.from({ length: count }, (_, i) => ({
      idempotencyKey: `${tag}:${i}`,
      kind: 'quality_notice',
      recipient: { channel: 'quality' as const },
      complaintId,
      payload: { event: 'report' },
    })),
    service.deps.clock.now(),
  );
}
