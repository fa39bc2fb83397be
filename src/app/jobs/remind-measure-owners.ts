import type { LocalDate } from '../../domain/calendar.js';
import type { DueMeasure, JobDeps } from './ports.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

/**
 * Improvement-register measures past their due date, or due for their effectiveness review
 * (ISO 9001 §10.2.1 d), go to their owner: once per measure, reason and due date. A measure
 * carried out by an outside party (seed 003) has no account of its own to remind: its owner
 * is the internal follower, who gets the reminder, and the message names the party.
 */
export async function remindMeasureOwners(
  deps: JobDeps,
  measures: readonly DueMeasure[],
  today: LocalDate,
): Promise<BatchCount> {
  return forEachItem(
    deps,
    measures,
    (m) => ({ measureId: m.id }),
    emptyCount(),
    (m) => {
      const due = (m.reason === 'overdue' ? m.dueOn : m.reviewDueOn) ?? today;
      return sendOnce(
        deps,
        {
          kind: 'measure_due',
          complaintId: m.complaintId,
          measureId: m.id,
          recipientPersonId: m.ownerId as string,
          forDate: today,
          onceKey: `measure_due:${m.id}:${m.reason}:${due}:${m.ownerId}`,
          sentAt: deps.clock.now(),
        },
        {
          kind: 'measure_due',
          complaintId: m.complaintId,
          payload: {
            measureId: m.id,
            reason: m.reason,
            due,
            outsideParty: m.externalParty !== null,
          },
        },
      );
    },
  );
}
