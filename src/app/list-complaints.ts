import type { Complaint } from '../domain/complaint.js';
import { hasRole, type Person } from '../domain/people.js';
import { canSee } from '../domain/permissions.js';
import { nextDeadline, overdueDeadlines, type PendingDeadline } from '../domain/sla.js';
import type { AppDeps } from './deps.js';
import { withDatabaseErrors } from './store-errors.js';

export interface ComplaintSummary {
  id: string;
  reference: string;
  status: Complaint['status'];
  categoryKey: string;
  kind: Complaint['kind'];
  registeredAt: Date;
  nextDeadline: PendingDeadline | null;
  overdue: PendingDeadline[];
}

function summarise(deps: AppDeps, complaints: Complaint[]): ComplaintSummary[] {
  const today = deps.calendar.localDate(deps.clock.now());
  return complaints.map((c) => ({
    id: c.id,
    reference: c.reference,
    status: c.status,
    categoryKey: c.categoryKey,
    kind: c.kind,
    registeredAt: c.registeredAt,
    nextDeadline: nextDeadline(c),
    overdue: overdueDeadlines(c, today),
  }));
}

/** Overdue first, then by the next deadline. */
function byUrgency(a: ComplaintSummary, b: ComplaintSummary): number {
  const overdue = Number(b.overdue.length > 0) - Number(a.overdue.length > 0);
  if (overdue !== 0) return overdue;
  return (a.nextDeadline?.due ?? '9999').localeCompare(b.nextDeadline?.due ?? '9999');
}

/** `/klacht mijn`: the complaints I reported, newest first. */
export function listMyReports(deps: AppDeps, person: Person, limit = 20) {
  return withDatabaseErrors(async () =>
    summarise(deps, await deps.store.repository.listComplaints({ reporterId: person.id, limit })),
  );
}

/** Open complaints assigned to me, overdue ones first. */
export function listAssignedToMe(deps: AppDeps, person: Person, limit = 50) {
  return withDatabaseErrors(async () => {
    const open = await deps.store.repository.listComplaints({
      handlerId: person.id,
      openOnly: true,
      limit,
    });
    return summarise(deps, open).sort(byUrgency);
  });
}

/**
 * For the director, the quality adviser and the secretariat: the open complaints they may
 * see, overdue first. Others get an empty list.
 */
export function listOpenComplaints(deps: AppDeps, person: Person, limit = 100) {
  return withDatabaseErrors(async () => {
    const oversees = ['director', 'quality_adviser', 'secretariat'] as const;
    if (!oversees.some((role) => hasRole(person, role))) return [];
    const open = await deps.store.repository.listComplaints({ openOnly: true, limit: limit * 2 });
    const visible = open.filter((c) => canSee(person, c));
    return summarise(deps, visible).sort(byUrgency).slice(0, limit);
  });
}

export async function listOverdueComplaints(deps: AppDeps, person: Person, limit = 100) {
  return (await listOpenComplaints(deps, person, limit)).filter((c) => c.overdue.length > 0);
}
