import type { LocalDate } from '../../domain/calendar.js';
import { type Complaint, isTip, type Status } from '../../domain/complaint.js';
import type { JobDeps } from './ports.js';
import { REMINDER_CAP } from './remind-handlers.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

export const AGREED_TERM_DUE = 'agreed_term_due';

/** Statuses in which the handler can report the fix done (the lifecycle's report_fix_done). */
const FIX_REPORTABLE: readonly Status[] = ['in_treatment', 'resolved'];

/** The agreed term has passed (today is after it) and the fix is not reported done. */
export function agreedTermPassed(complaint: Complaint, today: LocalDate): boolean {
  return (
    FIX_REPORTABLE.includes(complaint.status) &&
    !isTip(complaint) &&
    complaint.agreedTermOn !== null &&
    complaint.fixDoneAt === null &&
    complaint.agreedTermOn < today
  );
}

/** The once-key prefix of the questions about one agreed term: a new term starts a new series. */
export const agreedTermSeries = (complaint: Pick<Complaint, 'id' | 'agreedTermOn'>) =>
  `${AGREED_TERM_DUE}:${complaint.id}:${complaint.agreedTermOn}:`;

/**
 * Seeds 001, 003: once the agreed remediation term has passed and the fix is not reported
 * done, the handler is asked whether it was (with the "Oplossing uitgevoerd…" button). Once
 * per term on the first working day after it, again every `reminderAfter` working days while
 * it is still not done, at most REMINDER_CAP times per term. With an outside party carrying
 * the fix out, the handler is the internal follower who gets the question.
 *
 * The question's number is in its once-key, so a second run or replica on the same day
 * builds the same key and sends nothing.
 */
export async function askAgreedTerms(
  deps: JobDeps,
  complaints: readonly Complaint[],
  today: LocalDate,
): Promise<BatchCount> {
  const { calendar, deadlines } = deps;
  const passed = complaints.filter((c) => agreedTermPassed(c, today));
  const label = (c: Complaint) => ({ complaintRef: c.reference });
  return forEachItem(deps, passed, label, emptyCount(), async (c) => {
    const history = await deps.reminders.rounds(c.id, AGREED_TERM_DUE, agreedTermSeries(c));
    const recentlyAsked =
      history.rounds >= REMINDER_CAP ||
      (history.lastForDate !== null &&
        calendar.addWorkingDays(history.lastForDate, deadlines.reminderAfter) > today);
    if (recentlyAsked) return false;
    const number = history.rounds + 1;
    return sendOnce(
      deps,
      {
        kind: AGREED_TERM_DUE,
        complaintId: c.id,
        measureId: null,
        recipientPersonId: c.handlerId,
        forDate: today,
        onceKey: `${agreedTermSeries(c)}${number}`,
        sentAt: deps.clock.now(),
      },
      {
        kind: AGREED_TERM_DUE,
        complaintId: c.id,
        payload: {
          reference: c.reference,
          term: c.agreedTermOn,
          number,
          outsideParty: c.remediationParty !== null,
        },
      },
    );
  });
}
