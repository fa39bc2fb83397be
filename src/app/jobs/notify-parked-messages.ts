import type { LocalDate } from '../../domain/calendar.js';
import { mayRedriveOutbox } from '../../domain/permissions.js';
import { PARKED_MESSAGES_KIND } from '../redrive-outbox.js';
import type { JobDeps } from './ports.js';

/** The list shows this many; the count says how many there are in all. */
export const PARKED_LIST_LIMIT = 20;

/** One parked message as the notice's payload carries it: no content, ever. */
export interface ParkedLine {
  id: number;
  kind: string;
  reason: string;
  since: string;
}

/**
 * The daily list of parked outbox messages for the quality adviser: id, kind, reason and since
 * when, never content. It goes to each quality adviser personally (not to the quality channel,
 * which may be the very thing that is broken), once per day (the idempotency key).
 */
export async function notifyParkedMessages(
  deps: JobDeps,
  today: LocalDate,
): Promise<{ parked: number; notified: number }> {
  const parked = await deps.parkedOutbox.listParked(PARKED_LIST_LIMIT + 1);
  if (parked.length === 0) return { parked: 0, notified: 0 };
  const advisers = (await deps.store.repository.listPeople()).filter(mayRedriveOutbox);
  if (advisers.length === 0) {
    deps.logger.warn({ parked: parked.length }, 'parked outbox messages, but no quality adviser');
    return { parked: parked.length, notified: 0 };
  }
  const lines: ParkedLine[] = parked.slice(0, PARKED_LIST_LIMIT).map((p) => ({
    id: p.id,
    kind: p.kind,
    reason: p.reason,
    since: p.since.toISOString(),
  }));
  await deps.store.repository.enqueue(
    advisers.map((adviser) => ({
      idempotencyKey: `${PARKED_MESSAGES_KIND}:${today}:${adviser.id}`,
      kind: PARKED_MESSAGES_KIND,
      recipient: { personId: adviser.id },
      complaintId: null,
      payload: { lines: JSON.stringify(lines), more: parked.length > PARKED_LIST_LIMIT },
    })),
    deps.clock.now(),
  );
  return { parked: parked.length, notified: advisers.length };
}
