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
  message: Omit<OutboxMessage, 'idempotencyKey' | 'recipient'>,
): Promise<boolean> {
  return deps.jobs.transaction(async ({ repo, ledger }) => {
    if (!(await ledger.record(entry))) return false;
    await repo.enqueue(
      [
        {
          ...message,
          idempotencyKey: `ledger:${entry.onceKey}`,
          recipient: { personId: entry.recipientPersonId },
        },
      ],
      entry.sentAt,
    );
    return true;
  });
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
