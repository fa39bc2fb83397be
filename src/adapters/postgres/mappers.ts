import type {
  categories,
  complaints,
  infoRequests,
  measures,
  people,
} from '../../../db/schema/index.js';
import type { Category, InfoRequest, Measure, NewComplaint } from '../../app/ports.js';
import type { Complaint } from '../../domain/complaint.js';
import type { Locale, Person, Role } from '../../domain/people.js';

type ComplaintRow = typeof complaints.$inferSelect;
type ComplaintInsert = typeof complaints.$inferInsert;

export function toPerson(row: typeof people.$inferSelect): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles as Role[],
    slackUserId: row.slackUserId,
    teamsAadObjectId: row.teamsAadObjectId,
    locale: (row.locale as Locale | null) ?? null,
    localePinned: row.localePinned,
    active: row.active,
  };
}

export function toCategory(row: typeof categories.$inferSelect): Category {
  return {
    key: row.key,
    label: { nl: row.labelNl, en: row.labelEn },
    handlerId: row.handlerId,
    active: row.active,
  };
}

export function toComplaint(row: ComplaintRow): Complaint {
  const {
    complainantType,
    complainantName,
    complainantContact,
    complainantEmail,
    complainantPhone,
    complainantAddress,
    complainantPreferredContact,
    complainantLocale,
    intakeKey: _,
    ...rest
  } = row;
  return {
    ...rest,
    complainant: {
      type: complainantType as Complaint['complainant']['type'],
      name: complainantName,
      contact: complainantContact,
      email: complainantEmail,
      phone: complainantPhone,
      address: complainantAddress,
      preferredContact: complainantPreferredContact as Complaint['complainant']['preferredContact'],
      locale: complainantLocale as Complaint['complainant']['locale'],
    },
    receivedAt: row.receivedAt ?? row.registeredAt,
    kind: row.kind as Complaint['kind'],
    formality: row.formality as Complaint['formality'],
    intakeChannel: row.intakeChannel as Complaint['intakeChannel'],
    status: row.status as Complaint['status'],
    decision: row.decision as Complaint['decision'],
    cause: row.cause as Complaint['cause'],
    closeReason: row.closeReason as Complaint['closeReason'],
    admissibility: row.admissibility as Complaint['admissibility'],
    committeeVerdict: row.committeeVerdict as Complaint['committeeVerdict'],
    causeCategory: row.causeCategory as Complaint['causeCategory'],
  };
}

/** The columns a transition may change (everything but identity and intake facts). */
export function complaintChanges(next: Complaint): Partial<ComplaintInsert> {
  const {
    id: _id,
    reference: _ref,
    complainant,
    registeredAt: _at,
    receivedAt: _received,
    ...rest
  } = next;
  return { ...rest, ...complainantColumns(complainant) };
}

function complainantColumns(complainant: Complaint['complainant']) {
  return {
    complainantType: complainant.type,
    complainantName: complainant.name,
    complainantContact: complainant.contact,
    complainantEmail: complainant.email,
    complainantPhone: complainant.phone,
    complainantAddress: complainant.address,
    complainantPreferredContact: complainant.preferredContact,
    complainantLocale: complainant.locale,
  };
}

export function newComplaintRow(complaint: NewComplaint, reference: string): ComplaintInsert {
  const { complainant, ...rest } = complaint;
  return { ...rest, reference, ...complainantColumns(complainant) };
}

export function toInfoRequest(row: typeof infoRequests.$inferSelect): InfoRequest {
  return { ...row };
}

export function toMeasure(row: typeof measures.$inferSelect): Measure {
  return {
    id: row.id,
    complaintId: row.complaintId,
    scope: row.scope as Measure['scope'],
    type: row.type as Measure['type'],
    description: row.description,
    ownerId: row.ownerId,
    dueOn: row.dueOn,
    externalParty: row.externalParty ?? null,
    origin: row.origin as Measure['origin'],
    status: row.status as Measure['status'],
    implementedAt: row.implementedAt,
    evidence: row.evidence,
    reviewDueOn: row.reviewDueOn,
    effective: row.effective,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedBy,
    reviewNote: row.reviewNote,
    followUpOf: row.followUpOf,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** The state a measure command writes (compare-and-set on the status, in the repository). */
export function measureChanges(measure: Measure) {
  return {
    status: measure.status,
    implementedAt: measure.implementedAt,
    evidence: measure.evidence,
    reviewDueOn: measure.reviewDueOn,
    effective: measure.effective,
    reviewedAt: measure.reviewedAt,
    reviewedBy: measure.reviewedBy,
    reviewNote: measure.reviewNote,
  };
}
