import type { CommandPayloads } from '../domain/commands.js';
import type { Complaint } from '../domain/complaint.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import type { Command } from '../domain/lifecycle.js';
import { type Actor, actorIdOf, hasRole, type Person } from '../domain/people.js';
import {
  directorConflicted,
  hasObjectionAuthority,
  isInvolved,
  type PermissionContext,
} from '../domain/permissions.js';
import { DEFAULT_PROCEDURE, type ProcedureRules } from '../domain/procedure.js';
import { type CommandRequest, parsePayload, transition } from '../domain/transition.js';
import { correspondenceOnCommand } from './correspondence.js';
import type { AppDeps } from './deps.js';
import { notificationsForCommand } from './notifications.js';
import type { OutboxMessage, Repository } from './ports.js';
import { withDatabaseErrors } from './store-errors.js';

export interface CommandInput<K extends Command = Command> {
  /** Complaint id or reference (`KL-2026-0001`). */
  complaint: string;
  actor: Actor;
  command: K;
  payload: unknown;
  /** The version the actor's card showed; a different current version means a stale click. */
  expectedVersion?: number;
  /** Platform request id; a repeat returns the current state without acting twice. */
  requestKey?: string;
}

export interface CommandResult {
  complaint: Complaint;
  duplicate: boolean;
}

/**
 * Runs one lifecycle command as one transaction: permission, compare-and-set on `version`,
 * the rows the command creates, an audit event and the outbox messages it implies.
 */
export async function runCommand(deps: AppDeps, input: CommandInput): Promise<CommandResult> {
  const payload = parsePayload(input.command, input.payload);
  const request = { command: input.command, payload } as CommandRequest;
  const now = deps.clock.now();
  try {
    return await withDatabaseErrors(() =>
      deps.store.transaction(async (repo) => {
        if (input.requestKey && !(await repo.claimRequestKey(input.requestKey, now))) {
          return { complaint: await loadComplaint(repo, input.complaint), duplicate: true };
        }
        const complaint = await loadComplaint(repo, input.complaint);
        if (input.expectedVersion !== undefined && input.expectedVersion !== complaint.version) {
          throw new DomainError('complaint.stale', 'The card is out of date', {
            expected: input.expectedVersion,
            current: complaint.version,
          });
        }
        const people = await repo.listPeople();
        const rules = deps.procedure ?? DEFAULT_PROCEDURE;
        const permissions = permissionContext(people, complaint, rules);
        const today = deps.calendar.localDate(now);
        const result = transition(complaint, request, input.actor, {
          now,
          permissions,
          rules,
          today,
          reactionDueIfOutcomeNow: deps.calendar.addWorkingDays(today, deps.deadlines.reaction),
          objectionDueIfObjectedNow: deps.calendar.addWorkingDays(
            today,
            deps.deadlines.objection ?? 20,
          ),
          // A reaction recorded by staff (issue 11): its day against the outcome's, in the
          // organisation's time zone; an objection's term runs from the day it came in.
          localDate: (at) => deps.calendar.localDate(at),
          objectionDueFrom: (day) =>
            deps.calendar.addWorkingDays(day, deps.deadlines.objection ?? 20),
          target: findTarget(people, request, complaint),
        });
        if (!(await repo.updateComplaint(result.complaint, complaint.version))) {
          throw new DomainError('complaint.concurrent_change', 'Someone else acted first', {
            reference: complaint.reference,
          });
        }
        const actorId = actorIdOf(input.actor);
        const created = await recordCreatedRows(repo, request, result.complaint, actorId, now);
        await repo.appendAudit({
          complaintId: complaint.id,
          actorId,
          action: input.command,
          outcome: 'done',
          fromStatus: result.fromStatus,
          toStatus: result.toStatus,
          metadata: result.metadata,
          at: now,
        });
        await repo.enqueue(
          notificationsForCommand(input.command, {
            before: complaint,
            after: result.complaint,
            objectionDeciders: objectionDeciders(people, result.complaint, permissions),
            created,
            actorId,
          }),
          now,
        );
        // Issue 11: the letter this step implies (after the rows it created: the question).
        await correspondenceOnCommand(
          repo,
          deps,
          input.command,
          complaint,
          result.complaint,
          actorId,
          now,
        );
        return { complaint: result.complaint, duplicate: false };
      }),
    );
  } catch (error) {
    if (isDomainError(error) && isRefusal(error.code)) await recordRefusal(deps, input, error);
    throw error;
  }
}

async function loadComplaint(repo: Repository, idOrReference: string): Promise<Complaint> {
  const complaint = await repo.findComplaint(idOrReference);
  if (!complaint) throw new DomainError('complaint.not_found', 'No such complaint');
  return complaint;
}

/** Everything the permission rules need beyond the complaint and the actor. */
export function permissionContext(
  people: readonly Person[],
  complaint: Complaint,
  rules: ProcedureRules,
): PermissionContext {
  const decider = people.find((person) => person.id === complaint.decidedBy);
  return {
    directorConflicted: directorConflicted(people, complaint),
    deciderIsDirector: decider !== undefined && hasRole(decider, 'director'),
    objectionDecidedByDirector: rules.objectionDecidedByDirector,
  };
}

function findTarget(
  people: readonly Person[],
  request: CommandRequest,
  complaint: Complaint,
): Person | null {
  if (request.command === 'classify') {
    // Seed 002: a formal complaint goes to a director who is not involved.
    const director = people.find(
      (person) => person.active && hasRole(person, 'director') && !isInvolved(person.id, complaint),
    );
    return director ?? null;
  }
  const id =
    request.command === 'reassign'
      ? request.payload.handlerId
      : request.command === 'appoint_mediator'
        ? request.payload.mediatorId
        : null;
  return people.find((person) => person.id === id) ?? null;
}

function objectionDeciders(
  people: readonly Person[],
  complaint: Complaint,
  permissions: PermissionContext,
): string[] {
  return people
    .filter((person) => person.active && hasObjectionAuthority(person, complaint, permissions))
    .filter(
      (person) =>
        person.roles.includes('director') ||
        permissions.directorConflicted ||
        permissions.deciderIsDirector,
    )
    .map((person) => person.id);
}

type Created = OutboxMessage['payload'];

/** Info requests, answers and measures are rows of their own, written in the same transaction. */
async function recordCreatedRows(
  repo: Repository,
  request: CommandRequest,
  complaint: Complaint,
  actorId: string | null,
  now: Date,
): Promise<Created> {
  switch (request.command) {
    case 'request_info': {
      const id = await repo.insertInfoRequest({
        complaintId: complaint.id,
        askedBy: actorId ?? complaint.handlerId,
        question: request.payload.question,
        askedAt: now,
      });
      return { infoRequestId: id };
    }
    case 'provide_info': {
      const id = await repo.answerOpenInfoRequest(complaint.id, request.payload.answer, now);
      return { infoRequestId: id };
    }
    case 'add_measure':
      return addMeasure(repo, complaint, request.payload, actorId, now);
    case 'record_private_note': {
      const id = await repo.insertPrivateNote({
        complaintId: complaint.id,
        authorId: actorId ?? complaint.handlerId,
        note: request.payload.note,
        at: now,
      });
      return { privateNoteId: id };
    }
    case 'record_resolution': {
      const p = request.payload;
      const by = actorId ?? complaint.handlerId;
      await addMeasure(repo, complaint, corrective(p.correctiveMeasure), by, now);
      if (p.preventiveMeasure) {
        const preventive = { ...corrective(p.preventiveMeasure), type: 'preventive' as const };
        await addMeasure(repo, complaint, preventive, by, now);
      }
      return p.improvement ? addMeasure(repo, complaint, p.improvement, by, now) : {};
    }
    default:
      return {};
  }
}

function corrective(description: string): CommandPayloads['add_measure'] {
  return {
    scope: 'client',
    type: 'corrective',
    description,
    ownerId: null,
    dueOn: null,
    party: null,
  };
}

async function addMeasure(
  repo: Repository,
  complaint: Complaint,
  measure: CommandPayloads['add_measure'],
  actorId: string | null,
  now: Date,
): Promise<Created> {
  const ownerId = measure.ownerId ?? null;
  if (ownerId !== null && !(await repo.findPerson(ownerId))?.active) {
    throw new DomainError(
      'person.not_found',
      'Unknown measure owner',
      { personId: ownerId },
      {
        ownerId: 'unknown',
      },
    );
  }
  const id = await repo.insertMeasure({
    complaintId: complaint.id,
    scope: measure.scope,
    type: measure.type,
    description: measure.description,
    ownerId,
    dueOn: measure.dueOn ?? null,
    externalParty: measure.party ?? null,
    reviewDueOn: null,
    createdBy: actorId ?? complaint.handlerId,
    createdAt: now,
  });
  return { measureId: id, measureOwnerId: ownerId, dueOn: measure.dueOn ?? null };
}

function isRefusal(code: DomainError['code']): boolean {
  return code === 'complaint.not_permitted' || code === 'complaint.conflict_of_interest';
}

/** A refused action is an audit entry of its own (DESIGN.md §5), written after the rollback. */
async function recordRefusal(deps: AppDeps, input: CommandInput, error: DomainError) {
  try {
    const complaint = await deps.store.repository.findComplaint(input.complaint);
    await deps.store.repository.appendAudit({
      complaintId: complaint?.id ?? null,
      actorId: actorIdOf(input.actor),
      action: input.command,
      outcome: 'refused',
      fromStatus: complaint?.status ?? null,
      toStatus: null,
      metadata: { code: error.code },
      at: deps.clock.now(),
    });
  } catch (auditError) {
    deps.logger.warn({ err: auditError, command: input.command }, 'could not audit a refusal');
  }
}
