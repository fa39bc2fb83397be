import { addCalendarDays, type LocalDate, type WorkingDayCalendar } from '../../domain/calendar.js';
import type { Status } from '../../domain/complaint.js';
import type { IdleComplaint, JobDeps } from './ports.js';
import { type BatchCount, emptyCount, type LedgerItem, sendOnceBatch } from './send-once.js';

/** Statuses in which the next step is the handler's (DESIGN §3). */
const HANDLER_ACTS: readonly Status[] = ['registered', 'in_treatment'];
/** At most this many reminders per complaint (STYLE §6: reminders with a cap). */
export const REMINDER_CAP = 3;
/** Reminders written per transaction (one multi-row INSERT into the ledger, one into the outbox). */
export const REMINDER_BATCH = 500;

/**
 * The last local date `d` with `addWorkingDays(d, workingDays) ≤ today`. addWorkingDays is
 * non-decreasing in `d`, so for every date `d`: addWorkingDays(d, workingDays) ≤ today ⇔
 * d ≤ this date. It turns "due by today" into a cut-off a query can compare with.
 */
export function lastStartDueBy(
  calendar: WorkingDayCalendar,
  workingDays: number,
  today: LocalDate,
): LocalDate {
  let day = today;
  while (calendar.addWorkingDays(day, workingDays) > today) day = addCalendarDays(day, -1);
  return day;
}

/**
 * Reminds the handler when a complaint has had no progress for `reminderAfter` working days,
 * again at most every `reminderAfter` working days, at most REMINDER_CAP times.
 *
 * PostgreSQL selects the idle complaints (reminderDue(lastProgressAt) ≤ today, as an instant
 * cut-off) with their history; the reminders go out in transactions of `batchSize`, each
 * writing all its ledger rows and all its outbox rows with one INSERT each. The once-key
 * still makes a second run or replica send nothing. A batch that fails is rolled back whole
 * and its reminders are sent one by one, so a failing item is counted and the rest go on.
 */
export async function remindHandlers(
  deps: JobDeps,
  today: LocalDate,
  batchSize = REMINDER_BATCH,
): Promise<BatchCount> {
  const { calendar, deadlines } = deps;
  // localDate(t) ≤ cutoff ⇔ t ≤ endOfDay(cutoff) ⇔ t < the first instant of the next day.
  const cutoff = lastStartDueBy(calendar, deadlines.reminderAfter, today);
  const progressBefore = new Date(calendar.endOfDay(cutoff).getTime() + 1);
  const idle = await deps.reminders.idleComplaints(HANDLER_ACTS, progressBefore, 'reminder');
  const count = emptyCount();
  const due: IdleComplaint[] = [];
  for (const c of idle) {
    const { history } = c;
    const recentlyReminded =
      history.count >= REMINDER_CAP ||
      (history.lastForDate !== null &&
        calendar.addWorkingDays(history.lastForDate, deadlines.reminderAfter) > today);
    if (recentlyReminded) count.skipped++;
    else due.push(c);
  }
  const size = Math.max(1, Math.floor(batchSize));
  for (let start = 0; start < due.length; start += size) {
    const sentAt = deps.clock.now();
    const batch = due.slice(start, start + size).map((c) => reminder(deps, c, today, sentAt));
    await sendOnceBatch(deps, batch, sentAt, count);
  }
  return count;
}

function reminder(deps: JobDeps, c: IdleComplaint, today: LocalDate, sentAt: Date): LedgerItem {
  const { calendar } = deps;
  const idle = calendar.workingDaysBetween(calendar.localDate(c.lastProgressAt), today);
  return {
    label: { complaintRef: c.reference },
    entry: {
      kind: 'reminder',
      complaintId: c.complaintId,
      measureId: null,
      recipientPersonId: c.handlerId,
      forDate: today,
      onceKey: `reminder:${c.complaintId}:${c.handlerId}:${today}`,
      sentAt,
    },
    message: {
      kind: 'reminder',
      complaintId: c.complaintId,
      payload: { reference: c.reference, idleWorkingDays: idle, number: c.history.count + 1 },
    },
  };
}
