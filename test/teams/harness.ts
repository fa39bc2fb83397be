import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createTeamsSurface } from '../../src/adapters/teams/index.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import type { DatabaseEnv, Env } from '../../src/config/env.js';
import { type RunningService, startService } from '../../src/service.js';
import { FakeBotConnector } from '../fakes/teams-connector.js';
import { silentLogger } from '../support/databases.js';

export const QUALITY_CHANNEL = '19:kwaliteit@thread.tacv2';

export interface TeamsHarness {
  service: RunningService;
  connector: FakeBotConnector;
  post(activity: object): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/**
 * The real service with the Teams surface and a fake Bot Connector, on in-memory PGlite
 * (or the given database).
 */
export async function startTeamsHarness(
  options: {
    tenantId?: string | null;
    database?: DatabaseEnv;
    /** Extra top-level sections of the organisation file (e.g. `committee:`). */
    org?: string;
  } = {},
): Promise<TeamsHarness> {
  const connector = await new FakeBotConnector().start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-teams-'));
  const orgFile = path.join(dir, 'org.yaml');
  await writeFile(
    orgFile,
    `${DEMO_ORG_YAML}channels:\n  quality: { teams: "${QUALITY_CHANNEL}" }\n${options.org ?? ''}`,
  );
  const env: Env = {
    nodeEnv: 'test',
    logLevel: 'silent',
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    database: options.database ?? ({ kind: 'pglite', dataDir: null } as unknown as DatabaseEnv),
    orgConfigPath: orgFile,
    slack: null,
    teams: {
      appId: null,
      appPassword: null,
      tenantId: options.tenantId ?? null,
      appType: 'SingleTenant',
      allowUnauthenticated: true,
    },
    outboxPollMs: 50,
    jobsEnabled: false,
  };
  const service = await startService(env, {
    logger: silentLogger,
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
    },
  };
}

export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await delay(25);
  }
}

export type Card = Record<string, unknown>;

/** The Adaptive Card of a connector call or of an invoke response body. */
export function cardOf(source: { body: unknown } | Record<string, unknown>): Card {
  const body = ('body' in source ? source.body : source) as Record<string, unknown>;
  const attachments = body.attachments as { content: Card }[] | undefined;
  if (attachments?.[0]) return attachments[0].content;
  const value = body.value as Card | undefined;
  if (value?.type === 'AdaptiveCard') return value;
  throw new Error(`no card in ${JSON.stringify(body).slice(0, 300)}`);
}

/** Every string in the card, in order (to look for texts). */
export function textsOf(card: unknown): string[] {
  if (typeof card === 'string') return [card];
  if (Array.isArray(card)) return card.flatMap(textsOf);
  if (card && typeof card === 'object') return Object.values(card).flatMap(textsOf);
  return [];
}

type CardAction = {
  type?: string;
  verb?: string;
  data: Record<string, unknown>;
  card?: { actions?: CardAction[] };
};

/** The card's actions, with those behind "Meer…" (an Action.ShowCard) after the shown ones. */
function allActions(card: Card): CardAction[] {
  const top = (card.actions as CardAction[] | undefined) ?? [];
  return top.flatMap((a) => (a.type === 'Action.ShowCard' ? (a.card?.actions ?? []) : [a]));
}

/** The Action.Execute / Action.Submit with this verb (or the refresh action). */
export function actionOf(
  card: Card,
  verb: string,
): { verb: string; data: Record<string, unknown> } {
  const actions = allActions(card);
  const refresh = (card.refresh as { action: { verb: string; data: Record<string, unknown> } })
    ?.action;
  const found = [...actions, ...(refresh ? [refresh] : [])].find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} on card: ${JSON.stringify(card.actions)}`);
  return found as { verb: string; data: Record<string, unknown> };
}

/** Every action's verb, the ones behind "Meer…" included. */
export function verbsOf(card: Card): string[] {
  return allActions(card).map((a) => a.verb ?? '');
}
