import type { LocalDate } from '../../domain/calendar.js';
import type { Complaint } from '../../domain/complaint.js';
import { hasRole, type Person } from '../../domain/people.js';
import { canSee } from '../../domain/permissions.js';
import { overdueDeadlines } from '../../domain/sla.js';
import type { JobDeps } from './ports.js';
import { type BatchCount, emptyCount, forEachItem, sendOnce } from './send-once.js';

const ESCALATED = new Set(['feedback', 'decision', 'resolution']);

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

/** Escalates each missed feedback, decision or resolution deadline once per recipient. */
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
          onceKey: `escalation:${complaint.id}:${deadline.milestone}:${person.id}`,
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
