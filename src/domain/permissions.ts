import type { Complaint } from './complaint.js';
import { DomainError } from './errors.js';
import type { Command } from './lifecycle.js';
import { type Actor, hasRole, type Person } from './people.js';
import type { ObjectionDecider } from './procedure.js';

/** The parts of a complaint that decide who may see or act on it. */
export type ComplaintParties = Pick<
  Complaint,
  'reporterId' | 'handlerId' | 'mediatorId' | 'subjectPersonId' | 'concernsEmployee'
> &
  Partial<Pick<Complaint, 'decidedBy' | 'status' | 'objectedAt' | 'intakeChannel'>>;

/**
 * Facts about the organisation that a single complaint does not carry. `directorConflicted`
 * is true when every active director is the subject or the reporter: the quality adviser
 * then takes over the director's part (DESIGN.md §5).
 */
export interface PermissionContext {
  directorConflicted: boolean;
  /** The decision an objection is against was taken by a director (`decidedBy`). */
  deciderIsDirector?: boolean;
  /** Who decides an objection against a director's own decision (organisation file). */
  objectionDecidedByDirector?: ObjectionDecider;
}

const REPORTER_COMMANDS: readonly Command[] = ['provide_info', 'accept', 'object', 'withdraw'];
/** What the complainant may do on their own page (issue 11). */
const COMPLAINANT_COMMANDS: readonly Command[] = ['provide_info', 'accept', 'object'];
/**
 * Recording the complainant's reaction that came by phone, letter, e-mail or in person
 * (issue 11): see `mayRecordReaction`.
 */
const REACTION_RECORD_COMMANDS: readonly Command[] = ['record_acceptance', 'record_objection'];
/** Deciding an objection, or the steps towards it (mediator, committee). */
const OBJECTION_COMMANDS: readonly Command[] = [
  'appoint_mediator',
  'refer_to_committee',
  'record_final_outcome',
  'record_committee_verdict',
];
const ASSESSOR_COMMANDS: readonly Command[] = [
  'classify',
  'declare_admissible',
  'declare_inadmissible',
  'note_feedback',
  'request_info',
  'declare_founded',
  'declare_unfounded',
  'agree_solution',
  'report_fix_done',
  'extend_deadline',
  'record_resolution',
  'add_measure',
];

/** The subject and the reporter of a complaint can never assess, mediate or decide it. */
export function isInvolved(
  personId: string,
  complaint: Pick<ComplaintParties, 'subjectPersonId' | 'reporterId'>,
): boolean {
  return personId === complaint.subjectPersonId || personId === complaint.reporterId;
}

function isSubject(personId: string, complaint: ComplaintParties): boolean {
  return personId === complaint.subjectPersonId;
}

/**
 * Who may see a complaint. With the permission context, also whoever decides an objection
 * against it or takes it to the committee (a quality adviser deciding an objection against the
 * director's decision on a behaviour complaint must be able to open it); without the context,
 * only the standing rules below.
 */
export function canSee(
  person: Person,
  complaint: ComplaintParties,
  context?: PermissionContext,
): boolean {
  if (!person.active || isSubject(person.id, complaint)) return false;
  if (person.id === complaint.reporterId) return true;
  if (person.id === complaint.handlerId || person.id === complaint.mediatorId) return true;
  if (hasRole(person, 'director')) return true;
  if (
    (hasRole(person, 'quality_adviser') || hasRole(person, 'secretariat')) &&
    !complaint.concernsEmployee
  ) {
    return true;
  }
  return (
    context !== undefined &&
    complaint.objectedAt != null &&
    mayUseCommittee(person, complaint, context)
  );
}

/**
 * May this person decide objections (appoint a mediator, refer, record the final outcome)?
 * Never whoever took the decision objected to (seeds 003, 004). When a director decided, the
 * quality adviser decides instead, or only the committee (organisation file).
 */
export function hasObjectionAuthority(
  person: Person,
  complaint: ComplaintParties,
  context: PermissionContext,
): boolean {
  if (isInvolved(person.id, complaint) || person.id === complaint.decidedBy) return false;
  if (context.deciderIsDirector) {
    if (context.objectionDecidedByDirector === 'committee') return false;
    return hasRole(person, 'director') || hasRole(person, 'quality_adviser');
  }
  if (hasRole(person, 'director')) return true;
  return hasRole(person, 'quality_adviser') && context.directorConflicted;
}

/**
 * Referring to the committee and recording its verdict: whoever decides objections. When only
 * the committee may decide (a director's own decision, organisation file), a director or
 * quality adviser who did not decide takes the case there. When no director can act and the
 * quality adviser standing in took the decision, nobody inside is independent: the committee
 * decides, and that adviser may still take the case there and record the verdict (else the
 * objection could never end).
 */
function mayUseCommittee(person: Person, complaint: ComplaintParties, context: PermissionContext) {
  if (hasObjectionAuthority(person, complaint, context)) return true;
  if (isInvolved(person.id, complaint)) return false;
  const decided = person.id === complaint.decidedBy;
  if (context.deciderIsDirector && context.objectionDecidedByDirector === 'committee') {
    return !decided && (hasRole(person, 'director') || hasRole(person, 'quality_adviser'));
  }
  return decided && context.directorConflicted && hasRole(person, 'quality_adviser');
}

/**
 * A mediator at any stage (seed 004): before an objection a director, or the quality adviser
 * where they may assess; after it, whoever decides the objection.
 */
function mayAppointMediator(
  person: Person,
  complaint: ComplaintParties,
  context: PermissionContext,
) {
  // After an objection, appointing its mediator is part of deciding it.
  if (complaint.status === 'objected') return hasObjectionAuthority(person, complaint, context);
  if (hasRole(person, 'director')) return true;
  return (
    hasRole(person, 'quality_adviser') &&
    (!complaint.concernsEmployee || context.directorConflicted)
  );
}

/** Seed 002: the director's private note on a behaviour complaint. */
function mayWritePrivateNote(person: Person, context: PermissionContext) {
  return (
    hasRole(person, 'director') ||
    (hasRole(person, 'quality_adviser') && context.directorConflicted)
  );
}

/** May this person read the director's private notes of this complaint? Nobody else may. */
export function maySeePrivateNotes(
  person: Person,
  complaint: ComplaintParties,
  context: PermissionContext,
): boolean {
  return (
    person.active &&
    complaint.concernsEmployee &&
    !isInvolved(person.id, complaint) &&
    mayWritePrivateNote(person, context)
  );
}

function mayAssess(person: Person, complaint: ComplaintParties, context: PermissionContext) {
  if (person.id === complaint.handlerId) return true;
  if (hasRole(person, 'director')) return true;
  if (hasRole(person, 'quality_adviser')) {
    return !complaint.concernsEmployee || context.directorConflicted;
  }
  return false;
}

/**
 * Who writes down a reaction the complainant gave outside chat (issue 11): whoever the
 * complainant is likely to call or write to. The reporter who took the complaint in for them
 * (any intake but chat) and the handler (who sent the outcome); the secretariat, which takes calls
 * and opens the post, where it may see the complaint (not one about an employee, see
 * `canSee`). Recording is not deciding: the reporter is not in a conflict here. Never the
 * subject of a complaint about an employee, whatever their role; nobody else (a director or
 * quality adviser who hears of a reaction passes it on, so that the person recording it is one
 * of the complaint's parties).
 */
function mayRecordReaction(person: Person, complaint: ComplaintParties): boolean {
  if (isSubject(person.id, complaint)) return false;
  if (person.id === complaint.handlerId) return true;
  // A reporter who typed their own complaint into chat reacts with Akkoord / Bezwaar; one who
  // took it in for someone else (phone, letter, …) writes down that person's reaction.
  if (person.id === complaint.reporterId) return complaint.intakeChannel !== 'chat';
  return hasRole(person, 'secretariat') && !complaint.concernsEmployee;
}

function mayReassign(person: Person, complaint: ComplaintParties, context: PermissionContext) {
  return mayAssess(person, complaint, context);
}

function deny(command: Command, personId: string, conflict: boolean): never {
  throw new DomainError(
    conflict ? 'complaint.conflict_of_interest' : 'complaint.not_permitted',
    conflict
      ? `Person ${personId} is involved in this complaint and may not ${command} it`
      : `Person ${personId} may not ${command} this complaint`,
    { command },
  );
}

/** Throws a coded DomainError unless the actor may run the command on this complaint. */
export function authorise(
  actor: Actor,
  command: Command,
  complaint: ComplaintParties,
  context: PermissionContext,
): void {
  if (actor.kind === 'system') {
    if (command === 'auto_close') return;
    throw new DomainError('complaint.not_permitted', `The system may not ${command}`, { command });
  }
  if (actor.kind === 'complainant') {
    // Through the signed link the complainant answers, accepts or objects; nothing else.
    if (COMPLAINANT_COMMANDS.includes(command)) return;
    throw new DomainError('complaint.not_permitted', `The complainant may not ${command}`, {
      command,
    });
  }
  const person = actor.person;
  if (!person.active) deny(command, person.id, false);
  if (command === 'auto_close') deny(command, person.id, false);
  if (REPORTER_COMMANDS.includes(command)) {
    if (person.id !== complaint.reporterId) deny(command, person.id, false);
    return;
  }
  if (REACTION_RECORD_COMMANDS.includes(command)) {
    if (!mayRecordReaction(person, complaint)) deny(command, person.id, false);
    return;
  }
  // The subject and the reporter can never assess, mediate or decide (conflict of interest).
  if (isInvolved(person.id, complaint)) deny(command, person.id, true);
  if (ASSESSOR_COMMANDS.includes(command) || command === 'reassign') {
    const allowed =
      command === 'reassign'
        ? mayReassign(person, complaint, context)
        : mayAssess(person, complaint, context);
    if (!allowed) deny(command, person.id, false);
    return;
  }
  let allowed: boolean;
  switch (command) {
    case 'appoint_mediator':
      allowed = mayAppointMediator(person, complaint, context);
      break;
    case 'refer_to_committee':
    case 'record_committee_verdict':
      allowed = mayUseCommittee(person, complaint, context);
      break;
    case 'record_final_outcome':
      allowed =
        person.id === complaint.mediatorId || hasObjectionAuthority(person, complaint, context);
      break;
    case 'record_private_note':
      allowed = mayWritePrivateNote(person, context);
      break;
    default:
      allowed = false;
  }
  if (allowed) return;
  // The decider refused on an objection to their own decision: a conflict, said as such.
  const ownDecision =
    OBJECTION_COMMANDS.includes(command) &&
    person.id === complaint.decidedBy &&
    complaint.status === 'objected';
  deny(command, person.id, ownDecision);
}

/** Who may be assigned as handler of this complaint (reassign, routing). */
export function isEligibleHandler(
  person: Person,
  complaint: ComplaintParties,
  context: PermissionContext,
): boolean {
  if (!person.active || isInvolved(person.id, complaint)) return false;
  if (complaint.concernsEmployee) {
    if (hasRole(person, 'director')) return true;
    return hasRole(person, 'quality_adviser') && context.directorConflicted;
  }
  return (
    hasRole(person, 'handler') || hasRole(person, 'director') || hasRole(person, 'quality_adviser')
  );
}

/** A mediator is an independent colleague: not involved and not the handler who decided. */
export function isEligibleMediator(person: Person, complaint: ComplaintParties): boolean {
  return person.active && !isInvolved(person.id, complaint) && person.id !== complaint.handlerId;
}

/** True when no active director can act because each one is the subject or the reporter. */
export function directorConflicted(people: readonly Person[], complaint: ComplaintParties) {
  return !people.some(
    (person) => person.active && hasRole(person, 'director') && !isInvolved(person.id, complaint),
  );
}

/** Re-sending parked outbox messages is the quality adviser's (they get the daily list). */
export function mayRedriveOutbox(person: Person): boolean {
  return person.active && hasRole(person, 'quality_adviser');
}
