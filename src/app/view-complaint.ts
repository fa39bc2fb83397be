import type { Attachment } from '../domain/attachment.js';
import type { LocalDate } from '../domain/calendar.js';
import type { Complaint } from '../domain/complaint.js';
import { DomainError } from '../domain/errors.js';
import { allowedCommands, type Command } from '../domain/lifecycle.js';
import type { Actor, Person } from '../domain/people.js';
import { authorise, canSee, maySeePrivateNotes } from '../domain/permissions.js';
import { DEFAULT_PROCEDURE, type ProcedureRules } from '../domain/procedure.js';
import { nextDeadline, overdueDeadlines, type PendingDeadline } from '../domain/sla.js';
import type { AppDeps } from './deps.js';
import type { AuditEntry, Category, InfoRequest, Measure, PrivateNote } from './ports.js';
import { permissionContext } from './run-command.js';
import { withDatabaseErrors } from './store-errors.js';

/** One complaint as a viewer may see it, with the commands that viewer may give now. */
export interface ComplaintView {
  /** Who the view is for: what a message may say depends on it (behaviour complaints). */
  viewerId: string;
  complaint: Complaint;
  category: Category | null;
  people: Record<string, Pick<Person, 'id' | 'name'>>;
  infoRequests: InfoRequest[];
  measures: Measure[];
  /** The director's private notes (behaviour complaints); empty for everyone else. */
  privateNotes: PrivateNote[];
  /** The files on the complaint, each with a private download link for the viewer (if any). */
  attachments: AttachmentEntry[];
  nextDeadline: PendingDeadline | null;
  overdue: PendingDeadline[];
  actions: Command[];
}

/** A file on the complaint as listed for one viewer. */
export interface AttachmentEntry extends Attachment {
  /** The day it was added, in the organisation's time zone. */
  addedOn: LocalDate;
  /** Signed for the viewer, valid for minutes; null when the service makes no links. */
  downloadUrl: string | null;
}

/** Commands the actor could run now: allowed by the lifecycle and by the permission rules. */
export function availableActions(
  actor: Actor,
  complaint: Complaint,
  people: readonly Person[],
  rules: ProcedureRules = DEFAULT_PROCEDURE,
): Command[] {
  const context = permissionContext(people, complaint, rules);
  return allowedCommands(complaint, rules).filter((command) => {
    if (command === 'auto_close') return false;
    try {
      authorise(actor, command, complaint, context);
      return true;
    } catch {
      return false;
    }
  });
}

/** A complaint the viewer may not see is reported as not found, so its existence stays private. */
export async function viewComplaint(
  deps: AppDeps,
  viewer: Person,
  idOrReference: string,
): Promise<ComplaintView> {
  return withDatabaseErrors(async () => {
    const repo = deps.store.repository;
    const complaint = await repo.findComplaint(idOrReference);
    if (!complaint || !(await canView(deps, viewer, complaint))) {
      throw new DomainError('complaint.not_found', 'No such complaint');
    }
    return loadComplaintView(deps, viewer, complaint);
  });
}

/**
 * May this person see the complaint? The standing rules, and while an objection is being
 * decided (status `objected`) also whoever must decide it (the quality adviser deciding on a
 * director's decision about an employee); once decided, that extra view ends. `people`: the
 * people list when the caller has it already (else it is read, only in that objection case).
 */
export async function canView(
  deps: AppDeps,
  person: Person,
  complaint: Complaint,
  people?: readonly Person[],
): Promise<boolean> {
  if (canSee(person, complaint)) return true;
  if (complaint.status !== 'objected' || !person.active) return false;
  const everyone = people ?? (await deps.store.repository.listPeople());
  const rules = deps.procedure ?? DEFAULT_PROCEDURE;
  return canSee(person, complaint, permissionContext(everyone, complaint, rules));
}

/** Builds the view of a complaint already loaded and known to be visible to the viewer. */
export async function loadComplaintView(
  deps: AppDeps,
  viewer: Person,
  complaint: Complaint,
): Promise<ComplaintView> {
  const repo = deps.store.repository;
  const [people, category, infoRequests, measures, attachments] = await Promise.all([
    repo.listPeople(),
    repo.findCategory(complaint.categoryKey),
    repo.listInfoRequests(complaint.id),
    repo.listMeasures(complaint.id),
    repo.listAttachments(complaint.id),
  ]);
  const rules = deps.procedure ?? DEFAULT_PROCEDURE;
  const privateNotes = maySeePrivateNotes(
    viewer,
    complaint,
    permissionContext(people, complaint, rules),
  )
    ? await repo.listPrivateNotes(complaint.id)
    : [];
  return {
    viewerId: viewer.id,
    complaint,
    category,
    people: Object.fromEntries(people.map((p) => [p.id, { id: p.id, name: p.name }])),
    infoRequests,
    measures,
    privateNotes,
    attachments: attachments.map((a) => ({
      ...a,
      addedOn: deps.calendar.localDate(a.addedAt),
      downloadUrl: deps.downloads?.attachmentLink(a.id, viewer.id, deps.clock.now()) ?? null,
    })),
    nextDeadline: nextDeadline(complaint),
    overdue: overdueDeadlines(complaint, deps.calendar.localDate(deps.clock.now())),
    actions: availableActions({ kind: 'person', person: viewer }, complaint, people, rules),
  };
}

/** One step in a complaint's history, from the audit trail (refusals are left out). */
export interface TimelineEntry {
  /** The local date in the organisation's time zone. */
  on: LocalDate;
  actorId: string | null;
  action: string;
  metadata: AuditEntry['metadata'];
}

/** The complaint view for "open KL-…": the view plus its history in order. */
export interface ComplaintDetail extends ComplaintView {
  /** The registration date in the organisation's time zone. */
  registeredOn: LocalDate;
  timeline: TimelineEntry[];
}

/**
 * `/klacht KL-…`, `open KL-…`: a complaint as the viewer may see it, with its timeline. One the
 * viewer may not see is `complaint.not_found`, exactly like an unknown reference.
 */
export async function viewComplaintDetail(
  deps: AppDeps,
  viewer: Person,
  idOrReference: string,
): Promise<ComplaintDetail> {
  const view = await viewComplaint(deps, viewer, idOrReference);
  return withDatabaseErrors(async () => {
    const audit = await deps.store.repository.listAudit(view.complaint.id);
    const timeline = audit
      .filter((entry) => entry.outcome === 'done')
      .map((entry) => ({
        on: deps.calendar.localDate(entry.at),
        actorId: entry.actorId,
        action: entry.action,
        metadata: entry.metadata,
      }));
    return {
      ...view,
      registeredOn: deps.calendar.localDate(view.complaint.registeredAt),
      timeline,
    };
  });
}
