import type { OutboxMessage } from '../ports.js';
import type { JobDeps, LedgerEntry } from './ports.js';

/** Counters every batch job reports; one failing item is counted, never fatal. */
export interface BatchCount {
  sent: number;
  skipped: number;
  failed: number;
}

export const emptyCount = (): BatchCount => ({ sent: 0, skipped: 0, failed: 0 });

/**
 * Records a ledger row and enqueues its message in one transaction: the once-key makes a
 * second run (or a second replica) send nothing, and a rollback leaves neither behind.
 */
export async function sendOnce(
  deps: JobDeps,
  entry: LedgerEntry,
  message: LedgerMessage,
): Promise<boolean> {
  return deps.jobs.transaction(async ({ repo, ledger }) => {
    if (!(await ledger.record(entry))) return false;
    await repo.enqueue([outboxMessageOf({ entry, message })], entry.sentAt);
    return true;
  });
}

type LedgerMessage = Omit<OutboxMessage, 'idempotencyKey' | 'recipient'>;

/** One ledger row and the message it sends. */
export interface LedgerItem {
  entry: LedgerEntry;
  message: LedgerMessage;
  /** Log context if the item fails. */
  label: Record<string, string>;
}

/** The outbox message of a ledger row: keyed by its once-key, to the row's recipient. */
function outboxMessageOf({ entry, message }: Pick<LedgerItem, 'entry' | 'message'>): OutboxMessage {
  return {
    ...message,
    idempotencyKey: `ledger:${entry.onceKey}`,
    recipient: { personId: entry.recipientPersonId },
  };
}

/**
 * sendOnce for many items in one transaction: the ledger writes their rows with one INSERT
 * (record calls made together are grouped), then one INSERT enqueues the messages of the rows
 * that went in. If the batch fails it is rolled back whole and its items are sent one by one,
 * so a failing item is counted and the rest still go out.
 */
export async function sendOnceBatch(
  deps: JobDeps,
  items: readonly LedgerItem[],
  sentAt: Date,
  count: BatchCount,
): Promise<void> {
  try {
    const sent = await deps.jobs.transaction(async ({ repo, ledger }) => {
      // allSettled, not all: the transaction must not end while that INSERT is still running.
      const recorded = await Promise.allSettled(items.map((item) => ledger.record(item.entry)));
      const fresh: OutboxMessage[] = [];
      for (const [i, outcome] of recorded.entries()) {
        if (outcome.status === 'rejected') throw outcome.reason;
        const item = items[i];
        if (outcome.value && item) fresh.push(outboxMessageOf(item));
      }
      await repo.enqueue(fresh, sentAt);
      return fresh.length;
    });
    count.sent += sent;
    count.skipped += items.length - sent;
  } catch (error) {
    deps.logger.warn(
      { err: error, items: items.length },
      'job batch failed; sending its items one by one',
    );
    await forEachItem(
      deps,
      items,
      (item) => item.label,
      count,
      (item) => sendOnce(deps, item.entry, item.message),
    );
  }
}

/** Runs `work` for each item; an item that throws is logged and counted, the rest go on. */
export async function forEachItem<T>(
  deps: JobDeps,
  items: readonly T[],
  label: (item: T) => Record<string, string>,
  count: BatchCount,
  work: (item: T) => Promise<boolean>,
): Promise<BatchCount> {
  for (const item of items) {
    try {
      if (await work(item)) count.sent++;
      else count.skipped++;
    } catch (error) {
      count.failed++;
      deps.logger.warn({ err: error, ...label(item) }, 'job item failed; continuing the batch');
    }
  }
  return count;
}
