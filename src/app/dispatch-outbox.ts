import type { ClaimedMessage, Clock, DeliveryPort, Logger, OutboxStore } from './ports.js';

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
  outbox: OutboxStore;
  ports: readonly DeliveryPort[];
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
  const capable: DeliveryPort[] = [];
  for (const port of deps.ports) {
    if (await safeCanDeliver(port, message)) capable.push(port);
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
    const outcome = await port.deliver(message).catch((error: unknown) => ({
      kind: 'retry' as const,
      reason: `${port.name}: ${error instanceof Error ? error.message : 'delivery failed'}`,
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

async function safeCanDeliver(port: DeliveryPort, message: ClaimedMessage): Promise<boolean> {
  try {
    return await port.canDeliver(message);
  } catch {
    return false;
  }
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
