import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/adapters/logger.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { type Env, loadEnv } from '../../src/config/env.js';
import { type RunningService, startService } from '../../src/service.js';
import { FakeSlackClient, type OpenedView, type SlackUserRef } from '../fakes/slack-client.js';
import { FakeSlackWebApi, type SlackCall } from '../fakes/slack-web-api.js';

export const SECRET = 'test-signing-secret';
export const OLD_SECRET = 'previous-signing-secret';

const ORG = `\
organisation: { name: Test BV, locale: nl, timezone: Europe/Amsterdam }
people:
  - { id: dirk, name: Dirk Directeur, email: dirk@example.org, roles: [director], slackUserId: U0DIRK }
  - { id: kim, name: Kim Kwaliteit, email: kim@example.org, roles: [quality_adviser], slackUserId: U0KIM }
  - { id: piet, name: Piet Projectleider, email: piet@example.org, roles: [handler], slackUserId: U0PIET }
  - { id: hanna, name: Hanna Hoofd Service, email: hanna@example.org, roles: [handler], slackUserId: U0HANNA }
  - { id: mo, name: Mo Medewerker, email: mo@example.org, roles: [reporter], slackUserId: U0MO }
  - { id: eva, name: Eva Employee, email: eva@example.org, roles: [reporter], slackUserId: U0EVA, locale: en }
categories:
  - { key: dienstverlening, label: { nl: Dienstverlening, en: Service }, handler: piet }
  - { key: overig, label: { nl: Overig, en: Other }, handler: hanna }
channels:
  quality: { slack: C0KWALITEIT }
`;

export const USERS = {
  dirk: { id: 'U0DIRK', name: 'dirk' },
  kim: { id: 'U0KIM', name: 'kim' },
  piet: { id: 'U0PIET', name: 'piet' },
  hanna: { id: 'U0HANNA', name: 'hanna' },
  mo: { id: 'U0MO', name: 'mo' },
  eva: { id: 'U0EVA', name: 'eva' },
  sam: { id: 'U0SAM', name: 'sam' },
} satisfies Record<string, SlackUserRef>;

export interface Harness {
  service: RunningService;
  fake: FakeSlackWebApi;
  slack: FakeSlackClient;
  stop(): Promise<void>;
}

/** The real service (PGlite in memory) with Slack pointed at a local fake Web API. */
export async function startHarness(
  options: {
    database?: Env['database'] /** Extra top-level sections of the org file. */;
    org?: string;
  } = {},
): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-slack-'));
  const orgPath = path.join(dir, 'org.yaml');
  await writeFile(orgPath, `${ORG}${options.org ?? ''}`);
  const fake = await new FakeSlackWebApi().start();
  for (const user of Object.values(USERS)) {
    fake.addUser({
      id: user.id,
      name: user.name,
      email: `${user.name}@example.org`,
      locale: user.name === 'eva' ? 'en-GB' : 'nl-NL',
    });
  }
  const loaded = loadEnv({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_SIGNING_SECRET_PREVIOUS: OLD_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: `${fake.url}/api/`,
    ORG_CONFIG: orgPath,
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    JOBS_ENABLED: 'false',
    // E-mails to complainants are written here in local mode (no SMTP_URL), not in ./data.
    DATA_DIR: dir,
  });
  // Port 0 and an in-memory PGlite are test-only choices loadEnv does not offer.
  const env: Env = {
    ...loaded,
    port: 0,
    database: options.database ?? { kind: 'pglite', dataDir: null as unknown as string },
  };
  const service = await startService(env, { logger: createLogger('silent') });
  const slack = new FakeSlackClient(`${service.url}/slack/events`, SECRET, fake.url);
  return {
    service,
    fake,
    slack,
    async stop() {
      await service.stop();
      await fake.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The view the app opened most recently for this trigger count. */
export function lastOpenedView(fake: FakeSlackWebApi): OpenedView & { id: string } {
  const call = fake.callsOf('views.open').at(-1);
  if (!call) throw new Error('no views.open call');
  const view = call.args.view as OpenedView;
  return { ...view, id: `V-${fake.calls.indexOf(call)}` };
}

export async function openedViewAfter(fake: FakeSlackWebApi, count: number) {
  await fake.waitFor(() => fake.callsOf('views.open').length > count);
  return lastOpenedView(fake);
}

/** All text of a recorded message (text + blocks), for assertions. */
export function textOf(call: SlackCall): string {
  return JSON.stringify([call.args.text, call.args.blocks]);
}

/** The value of the button with this action id in a recorded message. */
export function buttonValue(call: SlackCall, actionId: string): string | undefined {
  const blocks = (call.args.blocks ?? []) as {
    type: string;
    elements?: { action_id?: string; value?: string }[];
  }[];
  for (const block of blocks) {
    for (const element of block.elements ?? []) {
      if (element.action_id === actionId) return element.value;
    }
  }
  return undefined;
}

export async function outboxRows(service: RunningService) {
  const result = await service.database.db.execute(
    sql`select id, kind, recipient_person_id as person, recipient_channel as channel, status, attempts, last_error
        from outbox order by id`,
  );
  return rowsOf<Record<string, unknown>>(result);
}
