/**
 * The deadlines of a complaint (DESIGN §4), all in working days of the organisation's
 * calendar. The local date of the triggering instant is day 0, so a complaint registered on a
 * Saturday gets Monday as its first working day.
 */
import { type LocalDate, parseLocalDate, type WorkingDayCalendar } from './calendar.js';

/** All values are working days. */
export interface DeadlinePolicy {
  reminderAfter: number;
  feedback: number;
  decision: number;
  resolution: number;
  reaction: number;
  /** To decide on an objection, from the day it is made. */
  objection: number;
}

export const DEFAULT_DEADLINES: DeadlinePolicy = {
  reminderAfter: 5,
  feedback: 5,
  decision: 10,
  resolution: 34,
  reaction: 10,
  objection: 20,
};

export interface ComplaintDeadlines {
  feedbackDue: LocalDate;
  decisionDue: LocalDate;
  resolutionDue: LocalDate;
}

export function computeDeadlines(
  calendar: WorkingDayCalendar,
  policy: DeadlinePolicy,
  registeredAt: Date,
): ComplaintDeadlines {
  const day0 = calendar.localDate(registeredAt);
  return {
    feedbackDue: calendar.addWorkingDays(day0, policy.feedback),
    decisionDue: calendar.addWorkingDays(day0, policy.decision),
    resolutionDue: calendar.addWorkingDays(day0, policy.resolution),
  };
}

/** Last day for the reporter to react to the outcome before the complaint auto-closes. */
export function reactionDue(
  calendar: WorkingDayCalendar,
  policy: DeadlinePolicy,
  outcomeAt: Date,
): LocalDate {
  return calendar.addWorkingDays(calendar.localDate(outcomeAt), policy.reaction);
}

/** The day the handler is reminded when nothing has happened since `lastProgressAt`. */
export function reminderDue(
  calendar: WorkingDayCalendar,
  policy: DeadlinePolicy,
  lastProgressAt: Date,
): LocalDate {
  return calendar.addWorkingDays(calendar.localDate(lastProgressAt), policy.reminderAfter);
}

/** A deadline is met throughout its due date; overdue starts the next local day. */
export function isOverdue(calendar: WorkingDayCalendar, due: LocalDate, now: Date): boolean {
  parseLocalDate(due); // throws on a malformed date; valid ISO dates compare as strings
  return calendar.localDate(now) > due;
}

/** Lead time in working days between the local dates of two instants. */
export function workingDaysElapsed(calendar: WorkingDayCalendar, from: Date, to: Date): number {
  return calendar.workingDaysBetween(calendar.localDate(from), calendar.localDate(to));
}
