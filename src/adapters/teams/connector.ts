import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { DeliveryOutcome, Logger } from '../../app/ports.js';
import type { TeamsEnv } from '../../config/env.js';

type ClaimsIdentity = Parameters<
  ConfigurationBotFrameworkAuthentication['createConnectorFactory']
>[0];
type ConnectorFactory = ReturnType<
  ConfigurationBotFrameworkAuthentication['createConnectorFactory']
>;

interface Pipeline {
  getOrderedPolicies(): { name: string }[];
  removePolicy(options: { name: string }): unknown;
}

/**
 * The connector clients botbuilder creates retry 429/5xx on their own (Azure core pipeline,
 * up to 3 times, sleeping inside our delivery). Our outbox owns retries (backoff, jitter,
 * Retry-After, parking), so the hidden retry policies are removed from every client.
 */
function withoutRetries<T>(client: T): T {
  const pipeline = (client as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  for (const policy of pipeline?.getOrderedPolicies() ?? []) {
    if (/retry/i.test(policy.name)) pipeline?.removePolicy({ name: policy.name });
  }
  return client;
}

class OwnRetriesAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      create: async (serviceUrl: string, audience?: string) =>
        withoutRetries(await inner.create(serviceUrl, audience)),
    } as ConnectorFactory;
  }
}

export function createBotAdapter(teams: TeamsEnv, logger: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = teams.appId
    ? {
        MicrosoftAppId: teams.appId,
        MicrosoftAppPassword: teams.appPassword ?? undefined,
        MicrosoftAppTenantId: teams.tenantId ?? undefined,
        MicrosoftAppType: teams.appType,
      }
    : {};
  const adapter = new CloudAdapter(new OwnRetriesAuthentication(options));
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error, activityType: context.activity.type, activityName: context.activity.name },
      'Teams turn failed',
    );
  };
  return adapter;
}

/** Status and Retry-After of a failed connector call (Azure RestError or similar). */
export function connectorStatus(error: unknown): { status: number | null; retryAfterMs?: number } {
  const e = error as {
    statusCode?: unknown;
    response?: { status?: unknown; headers?: { get?(name: string): unknown } };
  };
  const raw = e?.statusCode ?? e?.response?.status;
  const status = typeof raw === 'number' ? raw : null;
  const header = e?.response?.headers?.get?.('retry-after');
  const retryAfterMs = parseRetryAfter(typeof header === 'string' ? header : undefined);
  return retryAfterMs === undefined ? { status } : { status, retryAfterMs };
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

/**
 * 429 with Retry-After is deferred (not counted as an attempt); 429/412/502/504 and other
 * transient failures are retried; 403/404 and other 4xx are not.
 */
export function classifyConnectorError(error: unknown, what: string): DeliveryOutcome {
  const { status, retryAfterMs } = connectorStatus(error);
  if (status === null) {
    return { kind: 'retry', reason: `${what}: ${error instanceof Error ? error.name : 'error'}` };
  }
  if (status === 429 && retryAfterMs !== undefined) {
    // Teams told us when to come back: pacing, not a failure of this message.
    return { kind: 'defer', reason: `${what}: HTTP 429`, retryAfterMs };
  }
  if (RETRYABLE.has(status)) {
    return retryAfterMs === undefined
      ? { kind: 'retry', reason: `${what}: HTTP ${status}` }
      : { kind: 'retry', reason: `${what}: HTTP ${status}`, retryAfterMs };
  }
  return { kind: 'permanent', reason: `${what}: HTTP ${status}` };
}
