import type { LocalDate } from '../../domain/calendar.js';
import type { Complaint, Status } from '../../domain/complaint.js';
import { reminderDue } from '../../domain/deadlines.js';
import type { JobDeps } from './ports.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

/** Statuses in which the next step is the handler's (DESIGN §3). */
const HANDLER_ACTS: readonly Status[] = ['registered', 'in_treatment'];
/** At most this many reminders per complaint (STYLE §6: reminders with a cap). */
export const REMINDER_CAP = 3;

/**
 * Reminds the handler when a complaint has had no progress for `reminderAfter` working days,
 * again at most every `reminderAfter` working days, at most REMINDER_CAP times.
 */
export async function remindHandlers(
  deps: JobDeps,
  complaints: readonly Complaint[],
  today: LocalDate,
): Promise<BatchCount> {
  const { calendar, deadlines } = deps;
  const due = complaints.filter(
    (c) =>
      HANDLER_ACTS.includes(c.status) &&
      reminderDue(calendar, deadlines, c.lastProgressAt) <= today,
  );
  return forEachItem(
    deps,
    due,
    (c) => ({ complaintRef: c.reference }),
    emptyCount(),
    async (c) => {
      const history = await deps.jobs.transaction(({ ledger }) =>
        ledger.history({ complaintId: c.id }, 'reminder'),
      );
      if (history.count >= REMINDER_CAP) return false;
      if (
        history.lastForDate &&
        calendar.addWorkingDays(history.lastForDate, deadlines.reminderAfter) > today
      ) {
        return false;
      }
      const idle = calendar.workingDaysBetween(calendar.localDate(c.lastProgressAt), today);
      return sendOnce(
        deps,
        {
          kind: 'reminder',
          complaintId: c.id,
          measureId: null,
          recipientPersonId: c.handlerId,
          forDate: today,
          onceKey: `reminder:${c.id}:${c.handlerId}:${today}`,
          sentAt: deps.clock.now(),
        },
        {
          kind: 'reminder',
          complaintId: c.id,
          payload: { reference: c.reference, idleWorkingDays: idle, number: history.count + 1 },
        },
      );
    },
  );
}
