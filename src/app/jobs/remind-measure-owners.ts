import type { LocalDate } from '../../domain/calendar.js';
import {
  type MeasureFacts,
  mayCreateMeasure,
  maySeeMeasure,
  measureReviewers,
} from '../../domain/measure.js';
import { hasRole, type Person } from '../../domain/people.js';
import type { Measure } from '../ports.js';
import type { DueMeasure, JobDeps } from './ports.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

/** Working days after a "not effective" verdict before the missing follow-up is reminded. */
export const FOLLOW_UP_REMINDER_AFTER = 5;

/**
 * Reminders about the improvement register (ISO 9001 §10.2):
 * - a measure past its due date and not implemented goes to its owner, once per measure and
 *   due date. A measure carried out by an outside party (seed 003) has no account of its own to
 *   remind: its owner is the internal follower, who gets the reminder, and the message names
 *   the party;
 * - the effectiveness review goes to the quality adviser (a director when the measure's
 *   complaint concerns an employee, or there is no quality adviser; never the owner) on the
 *   working day `reviewDueOn` is reached, once;
 * - a measure judged not effective that nobody followed up yet goes, once, to whoever records
 *   the follow-up, `FOLLOW_UP_REMINDER_AFTER` working days after the verdict.
 * The `review` rows of `measures` are left to the second part (the owner does not judge).
 */
export async function remindMeasureOwners(
  deps: JobDeps,
  measures: readonly DueMeasure[],
  today: LocalDate,
): Promise<BatchCount> {
  const count = emptyCount();
  const overdue = measures.filter((m) => m.reason === 'overdue');
  await forEachItem(
    deps,
    overdue,
    (m) => ({ measureId: m.id }),
    count,
    (m) => {
      const due = m.dueOn ?? today;
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
  await remindReviewers(deps, today, count);
  await remindFollowUps(deps, today, count);
  return count;
}

/** One reminder to one person about one measure. */
interface MeasureReminder {
  measure: Measure;
  recipient: Person;
}

async function remindReviewers(deps: JobDeps, today: LocalDate, count: BatchCount) {
  const repo = deps.store.repository;
  const due = await listed(deps, count, () => repo.measuresDueForReview(today));
  const people = due.length > 0 ? await repo.listPeople() : [];
  const items: MeasureReminder[] = [];
  for (const measure of due) {
    const facts = await factsOf(deps, measure);
    for (const recipient of measureReviewers(people, facts)) items.push({ measure, recipient });
  }
  await forEachItem(
    deps,
    items,
    ({ measure, recipient }) => ({ measureId: measure.id, personId: recipient.id }),
    count,
    ({ measure, recipient }) => {
      const dueOn = measure.reviewDueOn ?? today;
      return sendOnce(
        deps,
        {
          kind: 'measure_review_due',
          complaintId: measure.complaintId,
          measureId: measure.id,
          recipientPersonId: recipient.id,
          forDate: today,
          onceKey: `measure_review_due:${measure.id}:${dueOn}:${recipient.id}`,
          sentAt: deps.clock.now(),
        },
        {
          kind: 'measure_review_due',
          complaintId: measure.complaintId,
          payload: { measureId: measure.id, due: dueOn },
        },
      );
    },
  );
}

async function remindFollowUps(deps: JobDeps, today: LocalDate, count: BatchCount) {
  const repo = deps.store.repository;
  const waiting = (await listed(deps, count, () => repo.measuresAwaitingFollowUp())).filter(
    (m) =>
      m.reviewedAt !== null &&
      deps.calendar.addWorkingDays(
        deps.calendar.localDate(m.reviewedAt),
        FOLLOW_UP_REMINDER_AFTER,
      ) <= today,
  );
  const people = waiting.length > 0 ? await repo.listPeople() : [];
  const items: MeasureReminder[] = [];
  for (const measure of waiting) {
    const facts = await factsOf(deps, measure);
    for (const recipient of followUpRecorders(people, facts)) items.push({ measure, recipient });
  }
  await forEachItem(
    deps,
    items,
    ({ measure, recipient }) => ({ measureId: measure.id, personId: recipient.id }),
    count,
    ({ measure, recipient }) =>
      sendOnce(
        deps,
        {
          kind: 'measure_follow_up_due',
          complaintId: measure.complaintId,
          measureId: measure.id,
          recipientPersonId: recipient.id,
          forDate: today,
          onceKey: `measure_follow_up_due:${measure.id}:${recipient.id}`,
          sentAt: deps.clock.now(),
        },
        {
          kind: 'measure_follow_up_due',
          complaintId: measure.complaintId,
          payload: { measureId: measure.id },
        },
      ),
  );
}

/**
 * Who records a follow-up: the quality advisers who may see the measure, else the directors.
 */
export function followUpRecorders(people: readonly Person[], facts: MeasureFacts): Person[] {
  const may = (person: Person) => mayCreateMeasure(person) && maySeeMeasure(person, facts);
  const advisers = people.filter((p) => hasRole(p, 'quality_adviser') && may(p));
  return advisers.length > 0 ? advisers : people.filter((p) => hasRole(p, 'director') && may(p));
}

async function factsOf(deps: JobDeps, measure: Measure): Promise<MeasureFacts> {
  const complaint = measure.complaintId
    ? await deps.store.repository.findComplaint(measure.complaintId)
    : null;
  return {
    status: measure.status,
    ownerId: measure.ownerId,
    reviewDueOn: measure.reviewDueOn,
    concernsEmployee: complaint?.concernsEmployee ?? false,
    subjectPersonId: complaint?.subjectPersonId ?? null,
    reporterId: complaint?.reporterId ?? null,
  };
}

/** A read that fails is counted and logged; the other reminders still go out. */
async function listed(
  deps: JobDeps,
  count: BatchCount,
  read: () => Promise<Measure[]>,
): Promise<Measure[]> {
  try {
    return await read();
  } catch (error) {
    count.failed++;
    deps.logger.warn({ err: error }, 'listing measures for reminders failed');
    return [];
  }
}
