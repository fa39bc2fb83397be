import type { LocalDate } from '../../domain/calendar.js';
import type { Complaint } from '../../domain/complaint.js';
import { hasRole, type Person } from '../../domain/people.js';
import { canSee } from '../../domain/permissions.js';
import { type Milestone, overdueDeadlines, type PendingDeadline } from '../../domain/sla.js';
import type { JobDeps } from './ports.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

const ESCALATED = new Set<Milestone>(['feedback', 'decision', 'resolution', 'objection']);

/**
 * Who hears of a missed deadline: the directors and the quality adviser, each only if they
 * may see the complaint (a complaint about an employee never reaches the quality adviser
 * unless the directors are involved, DESIGN §5), never the subject.
 */
export function escalationRecipients(people: readonly Person[], complaint: Complaint): Person[] {
  return people.filter(
    (p) =>
      (hasRole(p, 'director') || hasRole(p, 'quality_adviser')) &&
      p.id !== complaint.handlerId &&
      canSee(p, complaint),
  );
}

/**
 * Once per complaint, milestone and recipient; an extended resolution deadline is a deadline of
 * its own (the escalation of the original one does not silence the extended one).
 */
export function escalationKey(complaint: Complaint, deadline: PendingDeadline, person: Person) {
  const extended = deadline.milestone === 'resolution' && complaint.originalResolutionDue !== null;
  const milestone = extended ? `resolution:${deadline.due}` : deadline.milestone;
  return `escalation:${complaint.id}:${milestone}:${person.id}`;
}

/**
 * Escalates each missed feedback, decision, resolution or objection deadline once per
 * recipient, on the first working day after it (the job runs on working days only). The
 * resolution deadline is the current one: an extended complaint is not escalated on its
 * original date. Tips have no deadlines (pendingDeadlines), so they are never escalated.
 */
export async function escalateDeadlines(
  deps: JobDeps,
  complaints: readonly Complaint[],
  people: readonly Person[],
  today: LocalDate,
): Promise<BatchCount> {
  const items = complaints.flatMap((complaint) =>
    overdueDeadlines(complaint, today)
      .filter((d) => ESCALATED.has(d.milestone))
      .flatMap((deadline) =>
        escalationRecipients(people, complaint).map((person) => ({ complaint, deadline, person })),
      ),
  );
  return forEachItem(
    deps,
    items,
    (i) => ({ complaintRef: i.complaint.reference, milestone: i.deadline.milestone }),
    emptyCount(),
    ({ complaint, deadline, person }) =>
      sendOnce(
        deps,
        {
          kind: 'escalation',
          complaintId: complaint.id,
          measureId: null,
          recipientPersonId: person.id,
          forDate: today,
          onceKey: escalationKey(complaint, deadline, person),
          sentAt: deps.clock.now(),
        },
        {
          kind: 'escalation',
          complaintId: complaint.id,
          payload: {
            reference: complaint.reference,
            milestone: deadline.milestone,
            due: deadline.due,
          },
        },
      ),
  );
}
