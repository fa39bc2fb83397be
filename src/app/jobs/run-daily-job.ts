import type { LocalDate } from '../../domain/calendar.js';
import { askAgreedTerms } from './ask-agreed-terms.js';
import { escalateDeadlines } from './escalate-deadlines.js';
import { followUpReactions } from './follow-up-reactions.js';
import { notifyParkedMessages } from './notify-parked-messages.js';
import type { JobDeps, JobSummary } from './ports.js';
import { remindAcknowledgements } from './remind-acknowledgements.js';
import { remindHandlers } from './remind-handlers.js';
import { remindMeasureOwners } from './remind-measure-owners.js';
import { remindObjectionDeciders } from './remind-objections.js';

/**
 * The daily job (09:00 on working days, DESIGN §7): handler reminders, reminders to whoever
 * decides an objection, escalations of missed deadlines (the objection deadline included),
 * the question whether an agreed fix was done once its term passed, reaction reminders and
 * auto-close, the complainant's written acknowledgement (a reminder on its due day, an escalation
 * from the working day after), improvement-register due dates (to the internal follower of an outside party),
 * the list of parked outbox messages for the quality adviser. Tips take the light path: no
 * reminders, escalations or reaction follow-up. Each part runs on its own; a failing item is
 * counted in the summary and the batch goes on.
 *
 * Safe to run again on the same day (a run that failed, or crashed and is taken over once its
 * claim's heartbeat is stale): every message goes out through a once-key of the day or of its
 * series (the reminder ledger, the parked list's key per day), and an auto-close finds the
 * complaint already closed, so a second run sends and changes only what the first did not.
 */
export async function runDailyJob(deps: JobDeps, today: LocalDate): Promise<JobSummary> {
  if (!deps.calendar.isWorkingDay(today)) return { skipped: 'not a working day', today };
  const open = await deps.jobs.openComplaints();
  const people = await deps.store.repository.listPeople();
  const reminders = await remindHandlers(deps, today);
  const objectionReminders = await remindObjectionDeciders(deps, open, people, today);
  const escalations = await escalateDeadlines(deps, open, people, today);
  const acknowledgements = await remindAcknowledgements(deps, people, today).catch(
    (error: unknown) => {
      deps.logger.warn({ err: error }, 'reading the acknowledgements due failed');
      const failed = { sent: 0, skipped: 0, failed: 1 };
      return { reminders: failed, escalations: { ...failed, failed: 0 } };
    },
  );
  const agreedTerms = await askAgreedTerms(deps, open, today);
  const reactions = await followUpReactions(deps, open, today);
  const measures = await remindMeasureOwners(deps, await deps.jobs.dueMeasures(today), today);
  const parked = await notifyParkedMessages(deps, today).catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'listing parked outbox messages failed');
    return { parked: 0, notified: 0, failed: 1 };
  });
  const failed =
    reminders.failed +
    objectionReminders.failed +
    escalations.failed +
    acknowledgements.reminders.failed +
    acknowledgements.escalations.failed +
    agreedTerms.failed +
    reactions.reminded.failed +
    reactions.closed.failed +
    measures.failed +
    ('failed' in parked ? parked.failed : 0);
  return {
    today,
    open: open.length,
    reminders: reminders.sent,
    objectionReminders: objectionReminders.sent,
    escalations: escalations.sent,
    acknowledgementReminders: acknowledgements.reminders.sent,
    acknowledgementEscalations: acknowledgements.escalations.sent,
    agreedTermQuestions: agreedTerms.sent,
    reactionReminders: reactions.reminded.sent,
    autoClosed: reactions.closed.sent,
    measureReminders: measures.sent,
    parkedMessages: parked.parked,
    failed,
  };
}
