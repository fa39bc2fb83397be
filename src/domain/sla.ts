import type { LocalDate } from './calendar.js';
import type { Complaint } from './complaint.js';

export const MILESTONES = ['feedback', 'decision', 'resolution', 'reaction'] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface PendingDeadline {
  milestone: Milestone;
  due: LocalDate;
}

type DeadlineFields = Pick<
  Complaint,
  | 'status'
  | 'firstFeedbackAt'
  | 'decidedAt'
  | 'resolvedAt'
  | 'feedbackDue'
  | 'decisionDue'
  | 'resolutionDue'
  | 'reactionDue'
  | 'decision'
>;

/**
 * The deadlines still running for a complaint, earliest first. Feedback and decision run
 * until met; the resolution target runs while a founded complaint is treated; the reaction
 * period runs once the reporter has the outcome.
 */
export function pendingDeadlines(complaint: DeadlineFields): PendingDeadline[] {
  const pending: PendingDeadline[] = [];
  const { status } = complaint;
  if (status === 'closed' || status === 'withdrawn') return pending;
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
  return pending.sort((a, b) => a.due.localeCompare(b.due));
}

export function nextDeadline(complaint: DeadlineFields): PendingDeadline | null {
  return pendingDeadlines(complaint)[0] ?? null;
}

/** Deadlines passed on `today` (a local date in the organisation's time zone). */
export function overdueDeadlines(complaint: DeadlineFields, today: LocalDate): PendingDeadline[] {
  return pendingDeadlines(complaint).filter((deadline) => deadline.due < today);
}
