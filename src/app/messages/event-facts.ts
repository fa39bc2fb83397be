import type { LocalDate } from '../../domain/calendar.js';
import {
  CLOSE_REASONS as ALL_CLOSE_REASONS,
  type CloseReason,
  type Complaint,
  VERDICTS,
  type Verdict,
} from '../../domain/complaint.js';
import { COMMANDS, type Command } from '../../domain/lifecycle.js';
import type { AuditEntry, OutboxMessage } from '../ports.js';

type Payload = OutboxMessage['payload'];

/** The report itself, or a lifecycle command: what happened. */
export type EventName = Command | 'report';

/**
 * The facts of the transition that caused a message, carried in its outbox payload (ids, enums
 * and dates, never complaint text), so the message says what happened even when it is
 * delivered, or its card refreshed, after the complaint moved on.
 */
export interface EventFacts {
  event: EventName;
  actorId: string | null;
  /** The handler after the event (the new one after a reassignment). */
  handlerId: string | null;
  previousHandlerId: string | null;
  outcome: 'resolved' | 'rejected' | null;
  closeReason: CloseReason | null;
  reactionDue: LocalDate | null;
  resolutionDue: LocalDate | null;
  /** An extension: the resolution deadline before it (`resolutionDue` is the new one). */
  previousResolutionDue: LocalDate | null;
  /** The agreed remediation term (agree_solution; a resolution waiting for the fix). */
  termOn: LocalDate | null;
  /** A resolution written while the agreed fix is pending: the question comes later. */
  questionDeferred: boolean | null;
  /** The last day to decide on an objection. */
  objectionDue: LocalDate | null;
  /** The committee's verdict: enum, date and whether it binds (no follow-up text). */
  verdict: Verdict | null;
  verdictOn: LocalDate | null;
  binding: boolean | null;
}

const CLOSE_REASONS: Partial<Record<Command, CloseReason>> = {
  accept: 'accepted',
  record_acceptance: 'accepted',
  auto_close: 'no_reaction',
  record_final_outcome: 'final_outcome',
  declare_inadmissible: 'inadmissible',
  note_feedback: 'noted',
  record_committee_verdict: 'committee_verdict',
};

const OUTCOMES: Partial<Record<Command, EventFacts['outcome']>> = {
  record_resolution: 'resolved',
  declare_unfounded: 'rejected',
};

function factsOf(
  event: EventName,
  actorId: string | null,
  before: Complaint | null,
  after: Complaint,
): EventFacts {
  const command = event === 'report' ? null : event;
  const is = (...commands: Command[]) => command !== null && commands.includes(command);
  // A resolution while the agreed fix is pending sets no reaction deadline (transition.ts).
  const deferred = is('record_resolution') && after.reactionDue === null;
  const verdict = is('record_committee_verdict');
  return {
    event,
    actorId,
    handlerId: after.handlerId,
    previousHandlerId: before && before.handlerId !== after.handlerId ? before.handlerId : null,
    outcome: (command && OUTCOMES[command]) ?? null,
    closeReason: (command && CLOSE_REASONS[command]) ?? null,
    reactionDue: (command && OUTCOMES[command]) || is('report_fix_done') ? after.reactionDue : null,
    resolutionDue: is('declare_founded', 'extend_deadline') ? after.resolutionDue : null,
    previousResolutionDue:
      is('extend_deadline') && before && before.resolutionDue !== after.resolutionDue
        ? before.resolutionDue
        : null,
    termOn: is('agree_solution') || deferred ? after.agreedTermOn : null,
    questionDeferred: deferred ? true : null,
    objectionDue: is('object', 'record_objection') ? after.objectionDue : null,
    verdict: verdict ? after.committeeVerdict : null,
    verdictOn: verdict ? after.committeeVerdictOn : null,
    binding: verdict ? after.committeeBinding : null,
  };
}

/** The payload fields of an event; only facts that are set are written. */
export function eventPayload(
  event: EventName,
  actorId: string | null,
  before: Complaint | null,
  after: Complaint,
): Payload {
  const facts = factsOf(event, actorId, before, after);
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== null)) as Payload;
}

function isEventName(value: string): value is EventName {
  return value === 'report' || COMMANDS.includes(value as Command);
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const flag = (v: unknown) => (typeof v === 'boolean' ? v : null);
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null =>
  values.includes(v as T) ? (v as T) : null;

/** The event facts of a payload; null for a payload without them (an older message). */
export function readEventFacts(payload: Payload | undefined): EventFacts | null {
  const event = text(payload?.event);
  if (!payload || !event || !isEventName(event)) return null;
  const outcome = text(payload.outcome);
  return {
    event,
    actorId: text(payload.actorId),
    handlerId: text(payload.handlerId),
    previousHandlerId: text(payload.previousHandlerId),
    outcome: outcome === 'resolved' || outcome === 'rejected' ? outcome : null,
    closeReason: oneOf(ALL_CLOSE_REASONS, payload.closeReason),
    reactionDue: text(payload.reactionDue),
    resolutionDue: text(payload.resolutionDue),
    previousResolutionDue: text(payload.previousResolutionDue),
    termOn: text(payload.termOn),
    questionDeferred: flag(payload.questionDeferred),
    objectionDue: text(payload.objectionDue),
    verdict: oneOf(VERDICTS, payload.verdict),
    verdictOn: text(payload.verdictOn),
    binding: flag(payload.binding),
  };
}

/** The commands whose transition sends a message of each kind (for the audit fallback). */
const EVENTS_OF_KIND: Record<string, readonly EventName[]> = {
  acknowledgement: ['report'],
  info_request: ['request_info'],
  info_provided: ['provide_info'],
  decision: ['declare_founded'],
  outcome: ['record_resolution', 'declare_unfounded'],
  objection: ['object', 'record_objection'],
  mediator_appointed: ['appoint_mediator'],
  committee_referral: ['refer_to_committee'],
  closed: ['record_final_outcome', 'auto_close', 'accept', 'record_acceptance'],
  reaction_recorded: ['record_acceptance', 'record_objection'],
  withdrawn: ['withdraw'],
  reassigned_away: ['reassign', 'classify'],
  measure_assigned: ['add_measure', 'record_resolution'],
  inadmissible: ['declare_inadmissible'],
  tip_noted: ['note_feedback'],
  deadline_extended: ['extend_deadline'],
  solution_agreed: ['agree_solution'],
  satisfaction_question: ['report_fix_done'],
  committee_verdict: ['record_committee_verdict'],
};

/**
 * The event behind a message whose payload carries no facts (a card sent before payloads had
 * them, or a refresh that lost them): the latest transition in the audit trail that sends
 * this kind of message; for the live card, the latest transition of all.
 */
export function eventFromAudit(
  kind: string,
  audit: readonly AuditEntry[],
  complaint: Complaint,
): EventFacts | null {
  const wanted = EVENTS_OF_KIND[kind];
  const entry = audit
    .filter((a) => a.outcome === 'done' && isEventName(a.action))
    .filter((a) => !wanted || wanted.includes(a.action as EventName))
    .at(-1);
  if (!entry) return kind === 'handler_card' ? null : factsOf('report', null, null, complaint);
  const facts = factsOf(entry.action as EventName, entry.actorId, null, complaint);
  // The complaint may have moved on: keep only facts that do not depend on its current state.
  const moved = facts.event === 'reassign' || facts.event === 'classify';
  return { ...facts, handlerId: moved ? complaint.handlerId : null };
}
