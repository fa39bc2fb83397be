import type { LocalDate } from '../domain/calendar.js';
import type { MeasureScope, MeasureType } from '../domain/commands.js';
import type { Complaint, ExternalParty } from '../domain/complaint.js';
import type { MeasureOrigin, MeasureStatus } from '../domain/measure.js';
import type { Locale, Person } from '../domain/people.js';
import type { AuditMetadata } from '../domain/transition.js';
import type { AttachmentRepository } from './attachments-port.js';
import type { ComplainantLinkRepository } from './complainant-link-port.js';
import type { CorrespondenceRepository } from './correspondence-port.js';

export interface Clock {
  now(): Date;
}

/** The subset of pino the app uses; one child logger per request or job. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, string | number>): Logger;
}

export interface Category {
  key: string;
  label: { nl: string; en: string };
  handlerId: string;
  active: boolean;
}

export type NewComplaint = Omit<Complaint, 'id' | 'reference'> & { intakeKey: string | null };

export interface AuditEntry {
  complaintId: string | null;
  actorId: string | null;
  action: string;
  outcome: 'done' | 'refused';
  fromStatus: string | null;
  toStatus: string | null;
  metadata: AuditMetadata;
  at: Date;
}

export interface OutboxMessage {
  idempotencyKey: string;
  kind: string;
  /**
   * A person, the quality channel, or the complaint's complainant outside the organisation
   * (issue 11: e-mail, delivered by the mail adapter only).
   */
  recipient: { personId: string } | { channel: 'quality' } | { channel: 'complainant' };
  complaintId: string | null;
  payload: Record<string, string | number | boolean | null>;
}

export interface InfoRequest {
  id: string;
  complaintId: string;
  askedBy: string;
  question: string;
  askedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
}

export interface Measure {
  id: string;
  /** Null for a measure from the trend or management review. */
  complaintId: string | null;
  scope: MeasureScope;
  type: MeasureType;
  description: string;
  /** The internal owner; when an outside party carries it out, the internal follower. */
  ownerId: string | null;
  dueOn: LocalDate | null;
  externalParty: ExternalParty | null;
  /** Where it came from: a complaint, or the trend or management review (no complaint). */
  origin: MeasureOrigin;
  /** open → implemented → effective | not_effective (or cancelled). */
  status: MeasureStatus;
  implementedAt: Date | null;
  /** The owner's note of what shows it was done. */
  evidence: string | null;
  reviewDueOn: LocalDate | null;
  effective: boolean | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  /** The measure this one follows up (one judged not effective). */
  followUpOf: string | null;
  createdBy: string;
  createdAt: Date;
}

/** A measure in the improvement register: with its complaint's reference (null without one). */
export interface MeasureRow extends Measure {
  complaintReference: string | null;
  /** The complaint concerns an employee (false without a complaint). */
  complaintConcernsEmployee: boolean;
  /** Of a complaint about an employee: its subject and its reporter (who may not oversee it). */
  complaintSubjectPersonId: string | null;
  complaintReporterId: string | null;
}

/** Filters for the improvement register; visibility is applied by the use case on top. */
export interface MeasureQuery {
  /** Only the measures this person owns. */
  ownerId?: string;
  /** Only these statuses. */
  statuses?: readonly MeasureStatus[];
  limit?: number;
  /** Rows to skip, for paging. */
  offset?: number;
}

export interface PrivateNote {
  id: string;
  complaintId: string;
  authorId: string;
  note: string;
  at: Date;
}

/** A new measure is open; what the review and implementation set comes later. */
export type NewMeasure = Omit<
  Measure,
  | 'id'
  | 'status'
  | 'effective'
  | 'origin'
  | 'implementedAt'
  | 'evidence'
  | 'reviewedAt'
  | 'reviewedBy'
  | 'reviewNote'
  | 'followUpOf'
> & {
  origin?: MeasureOrigin;
  followUpOf?: string | null;
  /**
   * The platform request that creates it: the store derives the measure's id from it, so a
   * repeat finds the measure the first request created (`findMeasureByRequestKey`).
   */
  requestKey?: string;
};

export interface PlatformIdentity {
  slackUserId?: string;
  teamsAadObjectId?: string;
  email?: string;
}

/** Filters for register queries; visibility is applied by the use case on top. */
export interface ComplaintQuery {
  reporterId?: string;
  handlerId?: string;
  openOnly?: boolean;
  categoryKey?: string;
  limit?: number;
  /** Rows to skip, for paging. */
  offset?: number;
}

/** Everything a use case reads or writes, bound to one transaction or to the pool. */
export interface Repository
  extends CorrespondenceRepository,
    AttachmentRepository,
    ComplainantLinkRepository {
  findPerson(id: string): Promise<Person | null>;
  listPeople(): Promise<Person[]>;
  findPersonByIdentity(identity: PlatformIdentity): Promise<Person | null>;
  insertPerson(person: Person, source: 'org_file' | 'first_contact'): Promise<Person>;
  /** Stores the language the platform reports for a person, unless the organisation file pinned one. */
  recordPlatformLocale(personId: string, locale: Locale): Promise<void>;
  findCategory(key: string): Promise<Category | null>;
  listCategories(): Promise<Category[]>;

  insertComplaint(complaint: NewComplaint, reference: string): Promise<Complaint>;
  /**
   * Numbers a committed complaint that still carries its pending reference: draws the next
   * number of the placeholder's year and sets `KL-<year>-<nnnn>`, in one statement of its own
   * (call it outside a transaction, so the counter is locked only while that statement runs).
   * Gapless and idempotent: an already numbered complaint keeps its number.
   */
  assignReference(complaintId: string): Promise<string>;
  /** Numbers every complaint still pending, oldest first (start-up repair); returns how many. */
  assignPendingReferences(): Promise<number>;
  findComplaint(idOrReference: string): Promise<Complaint | null>;
  findComplaintByIntakeKey(intakeKey: string): Promise<Complaint | null>;
  /** Compare-and-set on `version`: false when someone else changed the complaint first. */
  updateComplaint(next: Complaint, expectedVersion: number): Promise<boolean>;
  listComplaints(query: ComplaintQuery): Promise<Complaint[]>;

  insertInfoRequest(request: Omit<InfoRequest, 'id' | 'answer' | 'answeredAt'>): Promise<string>;
  answerOpenInfoRequest(complaintId: string, answer: string, at: Date): Promise<string | null>;
  listInfoRequests(complaintId: string): Promise<InfoRequest[]>;
  insertMeasure(measure: NewMeasure): Promise<string>;
  /** The director's private note on a behaviour complaint (only the director reads them). */
  insertPrivateNote(note: Omit<PrivateNote, 'id'>): Promise<string>;
  listPrivateNotes(complaintId: string): Promise<PrivateNote[]>;
  listMeasures(complaintId: string): Promise<Measure[]>;
  findMeasure(id: string): Promise<Measure | null>;
  /** The measure inserted with this request key (see NewMeasure.requestKey). */
  findMeasureByRequestKey(requestKey: string): Promise<Measure | null>;
  /**
   * Writes a measure's state (status, evidence, dates, verdict), compare-and-set on `status`:
   * false when someone else changed it first.
   */
  updateMeasure(next: Measure, expectedStatus: MeasureStatus): Promise<boolean>;
  /** The improvement register, oldest first (created, then id), with complaint references. */
  listAllMeasures(query: MeasureQuery): Promise<MeasureRow[]>;
  /** The measures that follow up any of `measureIds`. */
  listFollowUps(measureIds: readonly string[]): Promise<Measure[]>;
  /** Whether `personId` owns any measure (who may list the register). */
  ownsMeasure(personId: string): Promise<boolean>;
  /** Implemented measures whose review is due on or before `today`, not judged yet. */
  measuresDueForReview(today: LocalDate): Promise<Measure[]>;
  /** Measures judged not effective that no measure follows up yet. */
  measuresAwaitingFollowUp(): Promise<Measure[]>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(complaintId: string): Promise<AuditEntry[]>;
  enqueue(messages: readonly OutboxMessage[], now: Date): Promise<void>;
  saveMessageRef(ref: MessageRef): Promise<void>;
  findMessageRef(
    complaintId: string,
    personId: string,
    surface: string,
    kind: string,
  ): Promise<MessageRef | null>;
  /** Records an incoming request key; false when it was seen before. */
  claimRequestKey(key: string, at: Date): Promise<boolean>;
}

/** Where a posted message lives, so the live card of a complaint can be updated in place. */
export interface MessageRef {
  complaintId: string;
  personId: string;
  surface: string;
  kind: string;
  channelId: string;
  messageId: string;
  updatedAt: Date;
}

export interface Store {
  readonly repository: Repository;
  transaction<T>(work: (repository: Repository) => Promise<T>): Promise<T>;
}

/** A delivery adapter's verdict on one outbox message. */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /**
   * Not sent and not failed: the surface paces itself (a platform's per-conversation limit)
   * and wants the message again after `retryAfterMs`. Does not count as an attempt, so a
   * burst to one person is delivered in time instead of backed off and parked.
   */
  | { kind: 'defer'; reason: string; retryAfterMs: number }
  | { kind: 'permanent'; reason: string };

export interface ClaimedMessage extends OutboxMessage {
  id: number;
  /** Attempts including the current one. */
  attempts: number;
  deliveredVia: string[];
}

export interface DeliveryPort {
  readonly name: string;
  /** Whether this surface can reach the recipient at all (person linked, channel set). */
  canDeliver(message: ClaimedMessage): Promise<boolean>;
  deliver(message: ClaimedMessage): Promise<DeliveryOutcome>;
}

export interface OutboxStore {
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  markDelivered(id: number, at: Date): Promise<void>;
  scheduleRetry(id: number, at: Date, reason: string, deliveredVia: string[]): Promise<void>;
  /** Like scheduleRetry, but the claim that led here is not counted as an attempt. */
  defer(id: number, at: Date, reason: string, deliveredVia: string[]): Promise<void>;
  park(id: number, reason: string): Promise<void>;
}

/** A stored Bot Framework conversation reference (the JSON botbuilder gives us). */
export interface StoredConversationRef {
  key: string;
  personId: string | null;
  aadObjectId: string | null;
  tenantId: string | null;
  conversationId: string;
  serviceUrl: string;
  reference: Record<string, unknown>;
  updatedAt: Date;
}

/** Where the Teams surface keeps conversation references for proactive messages. */
export interface ConversationRefStore {
  save(ref: StoredConversationRef): Promise<void>;
  /** The newest personal conversation of a person (by person id or AAD object id). */
  findPersonal(personId: string, aadObjectId: string | null): Promise<StoredConversationRef | null>;
  find(key: string): Promise<StoredConversationRef | null>;
  /** Any recent reference: its service URL and tenant are where new conversations are created. */
  latest(): Promise<StoredConversationRef | null>;
}
