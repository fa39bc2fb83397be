import type { LocalDate } from './calendar.js';
import { type Complaint, isTip } from './complaint.js';

export const MILESTONES = ['feedback', 'decision', 'resolution', 'reaction', 'objection'] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface PendingDeadline {
  milestone: Milestone;
  due: LocalDate;
}

type DeadlineFields = Pick<
  Complaint,
  | 'status'
  | 'kind'
  | 'firstFeedbackAt'
  | 'decidedAt'
  | 'resolvedAt'
  | 'feedbackDue'
  | 'decisionDue'
  | 'resolutionDue'
  | 'reactionDue'
  | 'decision'
  | 'objectionDue'
  | 'finalOutcome'
  | 'committeeVerdict'
>;

/**
 * The deadlines still running for a complaint, earliest first. Feedback and decision run
 * until met; the resolution target (the current one: an extension moves it) runs while a
 * founded complaint is treated; the reaction period runs once the reporter has the outcome;
 * the objection deadline runs until the objection is decided (a final outcome or the
 * committee's verdict). A tip takes the light path: no deadline applies to it ("n.v.t.").
 */
export function pendingDeadlines(complaint: DeadlineFields): PendingDeadline[] {
  const pending: PendingDeadline[] = [];
  const { status } = complaint;
  if (status === 'closed' || status === 'withdrawn' || isTip(complaint)) return pending;
  if (complaint.firstFeedbackAt === null) {
    pending.push({ milestone: 'feedback', due: complaint.feedbackDue });
  }
  if (complaint.decidedAt === null) {
    pending.push({ milestone: 'decision', due: complaint.decisionDue });
  }
  if (status === 'in_treatment' && complaint.resolvedAt === null) {
    pending.push({ milestone: 'resolution', due: complaint.resolutionDue });
  }
  if ((status === 'resolved' || status === 'rejected') && complaint.reactionDue) {
    pending.push({ milestone: 'reaction', due: complaint.reactionDue });
  }
  if (
    status === 'objected' &&
    complaint.objectionDue &&
    complaint.finalOutcome === null &&
    complaint.committeeVerdict === null
  ) {
    pending.push({ milestone: 'objection', due: complaint.objectionDue });
  }
  return pending.sort((a, b) => a.due.localeCompare(b.due));
}

export function nextDeadline(complaint: DeadlineFields): PendingDeadline | null {
  return pendingDeadlines(complaint)[0] ?? null;
}

/** Deadlines passed on `today` (a local date in the organisation's time zone). */
export function overdueDeadlines(complaint: DeadlineFields, today: LocalDate): PendingDeadline[] {
  return pendingDeadlines(complaint).filter((deadline) => deadline.due < today);
}
