import type { DeliveryPacing, DispatchOutboxStore, PacedDeliveryPort } from './outbox-ports.js';
import type { ClaimedMessage, Clock, Logger } from './ports.js';

export interface DispatchOptions {
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for deterministic tests; defaults to Math.random. */
  random: () => number;
}

export const DEFAULT_DISPATCH_OPTIONS: DispatchOptions = {
  batchSize: 20,
  leaseMs: 60_000,
  maxAttempts: 10,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  random: Math.random,
};

export interface DispatchDeps {
  outbox: DispatchOutboxStore;
  /** Plain DeliveryPorts fit too: an adapter that does not pace ignores the pacing argument. */
  ports: readonly PacedDeliveryPort[];
  clock: Clock;
  logger: Logger;
}

export interface DispatchReport {
  delivered: number;
  retried: number;
  parked: number;
}

/** Exponential backoff with jitter: half fixed, half random, so retries of a burst spread out. */
export function backoffMs(attempt: number, options: DispatchOptions): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * options.random());
}

/** Claims one batch of due messages and tries each once; one failure never stops the batch. */
export async function dispatchOutboxOnce(
  deps: DispatchDeps,
  options: DispatchOptions = DEFAULT_DISPATCH_OPTIONS,
): Promise<DispatchReport> {
  const report: DispatchReport = { delivered: 0, retried: 0, parked: 0 };
  const batch = await deps.outbox.claimDue(deps.clock.now(), options.batchSize, options.leaseMs);
  await Promise.all(
    batch.map(async (message) => {
      const verdict = await deliverOne(deps, message);
      await settle(deps, message, verdict, options);
      report[
        verdict.kind === 'delivered'
          ? 'delivered'
          : verdict.kind === 'permanent'
            ? 'parked'
            : 'retried'
      ]++;
    }),
  );
  return report;
}

type Verdict =
  | { kind: 'delivered' }
  | {
      kind: 'retry' | 'defer';
      reason: string;
      retryAfterMs?: number;
      deliveredVia: string[];
    }
  | { kind: 'permanent'; reason: string };

/**
 * A person's message goes to the first surface that can reach them; a channel message to
 * every surface with that channel configured, remembering which already took it.
 */
async function deliverOne(deps: DispatchDeps, message: ClaimedMessage): Promise<Verdict> {
  const capable: PacedDeliveryPort[] = [];
  for (const port of deps.ports) {
    try {
      if (await port.canDeliver(message)) capable.push(port);
    } catch (error) {
      // Not knowing (a lookup failed: 5xx, 429, timeout) is no answer: ask again later,
      // never park on it. Only a surface that says "cannot reach" counts as unreachable.
      return {
        kind: 'retry',
        reason: `${port.name}: recipient lookup failed: ${errorText(error)}`,
        deliveredVia: message.deliveredVia,
      };
    }
  }
  if (capable.length === 0) {
    return {
      kind: 'permanent',
      reason: 'unreachable: no configured surface reaches the recipient',
    };
  }
  const targets =
    'channel' in message.recipient
      ? capable.filter((port) => !message.deliveredVia.includes(port.name))
      : capable.slice(0, 1);
  const deliveredVia = [...message.deliveredVia];
  let pending: Verdict | null = null;
  for (const port of targets) {
    const outcome = await port
      .deliver(message, pacingFor(deps, port.name))
      .catch((error: unknown) => ({
        kind: 'retry' as const,
        reason: `${port.name}: ${errorText(error)}`,
      }));
    if (outcome.kind === 'delivered') deliveredVia.push(port.name);
    else if (outcome.kind === 'permanent')
      pending ??= { kind: 'permanent', reason: `${port.name}: ${outcome.reason}` };
    // A real failure elsewhere outweighs pacing (the attempt counts): a defer never replaces it.
    else if (outcome.kind === 'retry' || pending?.kind !== 'retry')
      pending = { ...outcome, reason: `${port.name}: ${outcome.reason}`, deliveredVia };
  }
  if (pending?.kind === 'retry' || pending?.kind === 'defer') return { ...pending, deliveredVia };
  return pending ?? { kind: 'delivered' };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : 'delivery failed');

/** The shared pacing of one surface, on the outbox's database and the dispatcher's clock. */
function pacingFor(deps: DispatchDeps, surface: string): DeliveryPacing {
  return {
    take: (scope, intervalMs, paused) =>
      deps.outbox.takeSlot(surface, scope, intervalMs, paused, deps.clock.now()),
    pause: (scope, until) => deps.outbox.pause(surface, scope, until),
  };
}

async function settle(
  deps: DispatchDeps,
  message: ClaimedMessage,
  verdict: Verdict,
  options: DispatchOptions,
): Promise<void> {
  const log = deps.logger.child({ outboxId: message.id, kind: message.kind });
  const now = deps.clock.now();
  if (verdict.kind === 'delivered') {
    await deps.outbox.markDelivered(message.id, now);
    return;
  }
  if (verdict.kind === 'defer') {
    await deps.outbox.defer(
      message.id,
      new Date(now.getTime() + (verdict.retryAfterMs ?? 0)),
      verdict.reason,
      verdict.deliveredVia,
    );
    return;
  }
  if (verdict.kind === 'permanent' || message.attempts >= options.maxAttempts) {
    const reason =
      verdict.kind === 'permanent'
        ? verdict.reason
        : `gave up after ${message.attempts} attempts: ${verdict.reason}`;
    log.warn({ reason }, 'outbox message parked');
    await deps.outbox.park(message.id, reason);
    return;
  }
  const delay = Math.max(verdict.retryAfterMs ?? 0, backoffMs(message.attempts, options));
  log.info({ reason: verdict.reason, delayMs: delay }, 'outbox message will be retried');
  await deps.outbox.scheduleRetry(
    message.id,
    new Date(now.getTime() + delay),
    verdict.reason,
    verdict.deliveredVia,
  );
}
