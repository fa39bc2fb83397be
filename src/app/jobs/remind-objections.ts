import type { LocalDate } from '../../domain/calendar.js';
import type { Complaint } from '../../domain/complaint.js';
import { reminderDue } from '../../domain/deadlines.js';
import type { Person } from '../../domain/people.js';
import { authorise, canSee, hasObjectionAuthority } from '../../domain/permissions.js';
import { DEFAULT_PROCEDURE, type ProcedureRules } from '../../domain/procedure.js';
import { pendingDeadlines } from '../../domain/sla.js';
import { permissionContext } from '../run-command.js';
import type { JobDeps, LedgerRounds } from './ports.js';
import { REMINDER_CAP } from './remind-handlers.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

export const OBJECTION_REMINDER = 'objection_reminder';

/**
 * Who may decide an objection now: whoever has objection authority (never the one who took
 * the decision objected to; the quality adviser when a director decided, DESIGN §5) and the
 * mediator. When only the committee decides (a director's own decision, organisation file),
 * those who record its verdict. Each only if they may see the complaint.
 */
export function objectionDeciders(
  people: readonly Person[],
  complaint: Complaint,
  rules: ProcedureRules,
): Person[] {
  const context = permissionContext(people, complaint, rules);
  const visible = people.filter((p) => p.active && canSee(p, complaint, context));
  const isMediator = (p: Person) => p.id === complaint.mediatorId;
  const deciders = visible.filter(
    (p) => isMediator(p) || hasObjectionAuthority(p, complaint, context),
  );
  if (deciders.some((p) => !isMediator(p))) return deciders;
  const recordsVerdict = (p: Person) => {
    try {
      authorise({ kind: 'person', person: p }, 'record_committee_verdict', complaint, context);
      return true;
    } catch {
      return false;
    }
  };
  return [...deciders, ...visible.filter((p) => !isMediator(p) && recordsVerdict(p))];
}

/** The objection deadline still runs (objected, not yet decided). */
const objectionPending = (c: Complaint) =>
  pendingDeadlines(c).some((d) => d.milestone === 'objection');

/**
 * Reminds the objection deciders when an objection has had no progress for `reminderAfter`
 * working days, again at most every `reminderAfter` working days, at most REMINDER_CAP
 * rounds; a round goes to every decider. Escalation after the objection deadline is
 * escalateDeadlines' (milestone `objection`). The round's number is in the once-key, so a
 * second run or replica on the same day sends nothing.
 */
export async function remindObjectionDeciders(
  deps: JobDeps,
  complaints: readonly Complaint[],
  people: readonly Person[],
  today: LocalDate,
): Promise<BatchCount> {
  const { calendar, deadlines } = deps;
  const rules = deps.procedure ?? DEFAULT_PROCEDURE;
  const idle = complaints.filter(
    (c) => objectionPending(c) && reminderDue(calendar, deadlines, c.lastProgressAt) <= today,
  );
  const count = emptyCount();
  for (const complaint of idle) {
    const series = `${OBJECTION_REMINDER}:${complaint.id}:`;
    let history: LedgerRounds;
    try {
      history = await deps.reminders.rounds(complaint.id, OBJECTION_REMINDER, series);
    } catch (error) {
      count.failed++;
      deps.logger.warn({ err: error, complaintRef: complaint.reference }, 'job item failed');
      continue;
    }
    const recentlyReminded =
      history.rounds >= REMINDER_CAP ||
      (history.lastForDate !== null &&
        calendar.addWorkingDays(history.lastForDate, deadlines.reminderAfter) > today);
    if (recentlyReminded) {
      count.skipped++;
      continue;
    }
    const number = history.rounds + 1;
    const idleWorkingDays = calendar.workingDaysBetween(
      calendar.localDate(complaint.lastProgressAt),
      today,
    );
    await forEachItem(
      deps,
      objectionDeciders(people, complaint, rules),
      (person) => ({ complaintRef: complaint.reference, personId: person.id }),
      count,
      (person) =>
        sendOnce(
          deps,
          {
            kind: OBJECTION_REMINDER,
            complaintId: complaint.id,
            measureId: null,
            recipientPersonId: person.id,
            forDate: today,
            onceKey: `${series}${number}:${person.id}`,
            sentAt: deps.clock.now(),
          },
          {
            kind: OBJECTION_REMINDER,
            complaintId: complaint.id,
            payload: {
              reference: complaint.reference,
              due: complaint.objectionDue,
              idleWorkingDays,
              number,
            },
          },
        ),
    );
  }
  return count;
}
