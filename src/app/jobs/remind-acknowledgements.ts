import type { LocalDate } from '../../domain/calendar.js';
import type { Complaint } from '../../domain/complaint.js';
import { hasRole, type Person } from '../../domain/people.js';
import { canSee } from '../../domain/permissions.js';
import { escalationRecipients } from './escalate-deadlines.js';
import type { JobDeps } from './ports.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

/** The outbox and ledger kind of the reminder that an acknowledgement must go out today. */
export const ACKNOWLEDGEMENT_REMINDER = 'acknowledgement_due';
/** The milestone an unsent acknowledgement is escalated as (`milestone.acknowledged`). */
export const ACKNOWLEDGEMENT_MILESTONE = 'acknowledged';

/**
 * Who is reminded on the due day: the handler, and the reporter when they are the secretariat
 * and registered the complaint on someone's behalf (a letter, an e-mail, a web form): the
 * acknowledgement's draft was put before them at registration. Each only if active and they
 * may still see the complaint.
 */
export function acknowledgementReminderRecipients(
  people: readonly Person[],
  complaint: Complaint,
): Person[] {
  return people.filter(
    (p) =>
      p.active &&
      (p.id === complaint.handlerId ||
        (p.id === complaint.reporterId &&
          hasRole(p, 'secretariat') &&
          complaint.intakeChannel !== 'chat')) &&
      canSee(p, complaint),
  );
}

interface Item {
  complaint: Complaint;
  person: Person;
  escalate: boolean;
}

/**
 * The late acknowledgement (issue 11), reminded and escalated like the other deadlines. Of the
 * open complaints (not tips) the organisation still has to acknowledge in writing (a letter
 * within `acknowledgement.letter` working days, an e-mail or web form within one):
 * - on the due working day the handler (and the secretariat member who registered it) is
 *   reminded that the acknowledgement must go out today; a draft may be waiting in their chat;
 * - from the working day after, the acknowledgement is escalated once per recipient, to whom
 *   escalateDeadlines escalates (the directors and the quality adviser who may see it, never
 *   the handler), as milestone `acknowledged`.
 * Nothing once `acknowledged_at` is set (the e-mail went out, or the letter was posted), for
 * phone, in-person and chat intakes (no acknowledgement due), closed or withdrawn complaints,
 * and complaints the organisation does not write to (about an employee). The once-keys hold
 * the day (reminder) or the complaint and recipient (escalation): a second run sends nothing.
 */
export async function remindAcknowledgements(
  deps: JobDeps,
  people: readonly Person[],
  today: LocalDate,
): Promise<{ reminders: BatchCount; escalations: BatchCount }> {
  const due = await deps.jobs.unacknowledgedComplaints(today);
  const items: Item[] = due.flatMap((complaint) => {
    const dueOn = complaint.acknowledgementDue;
    if (dueOn === null || dueOn > today) return [];
    const escalate = dueOn < today;
    const recipients = escalate
      ? escalationRecipients(people, complaint)
      : acknowledgementReminderRecipients(people, complaint);
    return recipients.map((person) => ({ complaint, person, escalate }));
  });
  const label = (i: Item) => ({
    complaintRef: i.complaint.reference,
    milestone: ACKNOWLEDGEMENT_MILESTONE,
  });
  const run = (escalate: boolean) =>
    forEachItem(
      deps,
      items.filter((i) => i.escalate === escalate),
      label,
      emptyCount(),
      (i) => send(deps, i, today),
    );
  const reminders = await run(false);
  const escalations = await run(true);
  return { reminders, escalations };
}

function send(deps: JobDeps, { complaint, person, escalate }: Item, today: LocalDate) {
  const due = complaint.acknowledgementDue ?? today;
  const sentAt = deps.clock.now();
  if (escalate) {
    return sendOnce(
      deps,
      {
        kind: 'escalation',
        complaintId: complaint.id,
        measureId: null,
        recipientPersonId: person.id,
        forDate: today,
        onceKey: `escalation:${complaint.id}:${ACKNOWLEDGEMENT_MILESTONE}:${person.id}`,
        sentAt,
      },
      {
        kind: 'escalation',
        complaintId: complaint.id,
        payload: { reference: complaint.reference, milestone: ACKNOWLEDGEMENT_MILESTONE, due },
      },
    );
  }
  return sendOnce(
    deps,
    {
      kind: ACKNOWLEDGEMENT_REMINDER,
      complaintId: complaint.id,
      measureId: null,
      recipientPersonId: person.id,
      forDate: today,
      onceKey: `${ACKNOWLEDGEMENT_REMINDER}:${complaint.id}:${person.id}:${today}`,
      sentAt,
    },
    {
      kind: ACKNOWLEDGEMENT_REMINDER,
      complaintId: complaint.id,
      payload: { reference: complaint.reference, due },
    },
  );
}
