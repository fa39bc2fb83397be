import type { Complaint } from '../domain/complaint.js';
import { DomainError } from '../domain/errors.js';
import { hasRole, type Person } from '../domain/people.js';
import { canSee } from '../domain/permissions.js';
import { nextDeadline, overdueDeadlines, type PendingDeadline } from '../domain/sla.js';
import type { AppDeps } from './deps.js';
import type { Category } from './ports.js';
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

/** The lists both surfaces offer; `category` needs a category key. */
export const LIST_NAMES = ['mine', 'assigned', 'open', 'overdue', 'category'] as const;
export type ListName = (typeof LIST_NAMES)[number];

export interface ListRequest {
  list: ListName;
  offset?: number;
  limit?: number;
  /** Key or label (nl/en, any case) of the category, for `category`. */
  category?: string;
}

/** One page of a list; `nextOffset` is where the "more" button continues (null: no more). */
export interface ComplaintPage {
  list: ListName;
  items: ComplaintSummary[];
  offset: number;
  nextOffset: number | null;
  category: Category | null;
  /** The person may not use this list (only for the director, quality adviser, secretariat). */
  restricted: boolean;
}

const OVERSEERS = ['director', 'quality_adviser', 'secretariat'] as const;
/** Open complaints are sorted in the app (overdue first): at most this many are read. */
const OPEN_BOUND = 1_000;
const MAX_LIMIT = 50;

export function oversees(person: Person): boolean {
  return OVERSEERS.some((role) => hasRole(person, role));
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

/** Overdue first, then by the next deadline; the reference keeps the order stable for paging. */
function byUrgency(a: ComplaintSummary, b: ComplaintSummary): number {
  const overdue = Number(b.overdue.length > 0) - Number(a.overdue.length > 0);
  if (overdue !== 0) return overdue;
  const due = (a.nextDeadline?.due ?? '9999').localeCompare(b.nextDeadline?.due ?? '9999');
  return due !== 0 ? due : a.reference.localeCompare(b.reference);
}

async function findCategory(deps: AppDeps, name: string): Promise<Category> {
  const wanted = name.trim().toLowerCase();
  const categories = await deps.store.repository.listCategories();
  const found = categories.find(
    (c) =>
      c.key.toLowerCase() === wanted ||
      c.label.nl.toLowerCase() === wanted ||
      c.label.en.toLowerCase() === wanted,
  );
  if (!found) throw new DomainError('category.not_found', 'No such category');
  return found;
}

/**
 * One page of a list, as this person may see it. `mine` and `category` page in SQL, newest
 * first; the offset counts rows read, so a row hidden from the viewer never shifts a page.
 * `assigned`, `open` and `overdue` are open complaints (a bounded set), sorted overdue first.
 */
export function listComplaintPage(
  deps: AppDeps,
  person: Person,
  request: ListRequest,
): Promise<ComplaintPage> {
  return withDatabaseErrors(async () => {
    const limit = Math.min(Math.max(request.limit ?? 10, 1), MAX_LIMIT);
    const offset = Math.max(request.offset ?? 0, 0);
    const repo = deps.store.repository;
    const page = (
      items: ComplaintSummary[],
      nextOffset: number | null,
      category = null as Category | null,
    ) => ({
      list: request.list,
      items,
      offset,
      nextOffset,
      category,
      restricted: false,
    });
    if (request.list !== 'mine' && request.list !== 'assigned' && !oversees(person)) {
      return { ...page([], null), restricted: true };
    }
    if (request.list === 'mine' || request.list === 'category') {
      const category =
        request.list === 'category' ? await findCategory(deps, request.category ?? '') : null;
      const rows = await repo.listComplaints({
        ...(category ? { categoryKey: category.key } : { reporterId: person.id }),
        limit: limit + 1,
        offset,
      });
      const more = rows.length > limit;
      const shown = rows.slice(0, limit);
      const visible = shown.filter((c) => canSee(person, c));
      return page(summarise(deps, visible), more ? offset + limit : null, category);
    }
    const open = await repo.listComplaints({
      ...(request.list === 'assigned' ? { handlerId: person.id } : {}),
      openOnly: true,
      limit: OPEN_BOUND,
    });
    let items = summarise(
      deps,
      open.filter((c) => canSee(person, c)),
    ).sort(byUrgency);
    if (request.list === 'overdue') items = items.filter((c) => c.overdue.length > 0);
    const slice = items.slice(offset, offset + limit);
    return page(slice, offset + limit < items.length ? offset + limit : null);
  });
}

/** `/klacht mijn`: the complaints I reported, newest first. */
export async function listMyReports(deps: AppDeps, person: Person, limit = 20) {
  return (await listComplaintPage(deps, person, { list: 'mine', limit })).items;
}

/** Open complaints assigned to me, overdue ones first. */
export async function listAssignedToMe(deps: AppDeps, person: Person, limit = 50) {
  return (await listComplaintPage(deps, person, { list: 'assigned', limit })).items;
}

/**
 * For the director, the quality adviser and the secretariat: the open complaints they may
 * see, overdue first. Others get an empty list.
 */
export async function listOpenComplaints(deps: AppDeps, person: Person, limit = 50) {
  return (await listComplaintPage(deps, person, { list: 'open', limit })).items;
}

export async function listOverdueComplaints(deps: AppDeps, person: Person, limit = 50) {
  return (await listComplaintPage(deps, person, { list: 'overdue', limit })).items;
}
