import type { z } from 'zod';
import type { LocalDate } from './calendar.js';
import { type CommandPayloads, commandPayloadSchemas } from './commands.js';
import type { Complaint, Status } from './complaint.js';
import { DomainError, type FieldProblem } from './errors.js';
import { type Command, nextStatus } from './lifecycle.js';
import type { Actor, Person } from './people.js';
import {
  authorise,
  isEligibleHandler,
  isEligibleMediator,
  isInvolved,
  type PermissionContext,
} from './permissions.js';
import { fieldProblems } from './validation.js';

export type CommandRequest = {
  [K in Command]: { command: K; payload: CommandPayloads[K] };
}[Command];

export interface TransitionContext {
  now: Date;
  permissions: PermissionContext;
  /** Reaction deadline if the reporter is told an outcome now. */
  reactionDueIfOutcomeNow: LocalDate;
  /** The person a reassign or appoint_mediator names, looked up by the caller. */
  target: Person | null;
}

/** What the audit trail records: ids, statuses and enums only, never complaint text. */
export type AuditMetadata = Record<string, string | number | boolean | null>;

export interface TransitionResult {
  complaint: Complaint;
  fromStatus: Status;
  toStatus: Status;
  metadata: AuditMetadata;
}

const FIELD_CODES: Record<string, DomainError['code']> = {
  motivation: 'input.motivation_required',
  reason: 'input.reason_required',
};

/** Validates a raw payload for a command; bad input becomes a coded error naming the field. */
export function parsePayload<K extends Command>(command: K, raw: unknown): CommandPayloads[K] {
  const schema: z.ZodType<CommandPayloads[K]> = commandPayloadSchemas[command] as never;
  const result = schema.safeParse(raw ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const fields = fieldProblems(result.error);
  const first = Object.keys(fields)[0] ?? '';
  const code = fields[first] === 'required' ? FIELD_CODES[first] : undefined;
  throw new DomainError(
    code ?? 'input.invalid',
    `Invalid ${command} input`,
    { command, field: first || null },
    fields,
  );
}

/**
 * Applies one command: permission, lifecycle table, then the field changes. Pure: the caller
 * persists the result with a compare-and-set on `version`.
 */
export function transition(
  complaint: Complaint,
  request: CommandRequest,
  actor: Actor,
  context: TransitionContext,
): TransitionResult {
  authorise(actor, request.command, complaint, context.permissions);
  const toStatus = nextStatus(complaint.status, request.command);
  const { now } = context;
  const base: Complaint = {
    ...complaint,
    status: toStatus,
    version: complaint.version + 1,
    lastProgressAt: now,
  };
  const { changes, metadata } = applyCommand(complaint, request, context);
  return {
    complaint: { ...base, ...changes },
    fromStatus: complaint.status,
    toStatus,
    metadata,
  };
}

type Applied = { changes: Partial<Complaint>; metadata: AuditMetadata };

function applyCommand(
  complaint: Complaint,
  request: CommandRequest,
  context: TransitionContext,
): Applied {
  const { now } = context;
  const firstFeedbackAt = complaint.firstFeedbackAt ?? now;
  switch (request.command) {
    case 'request_info':
      return { changes: { firstFeedbackAt }, metadata: {} };
    case 'provide_info':
      return { changes: {}, metadata: {} };
    case 'declare_founded':
      return {
        changes: {
          decision: 'founded',
          motivation: request.payload.motivation,
          decidedAt: now,
          firstFeedbackAt,
        },
        metadata: { decision: 'founded' },
      };
    case 'declare_unfounded':
      return {
        changes: {
          decision: 'unfounded',
          motivation: request.payload.motivation,
          decidedAt: now,
          firstFeedbackAt,
          reactionDue: context.reactionDueIfOutcomeNow,
        },
        metadata: { decision: 'unfounded' },
      };
    case 'record_resolution': {
      const p = request.payload;
      return {
        changes: {
          resolution: p.resolution,
          cause: p.cause,
          correctiveMeasure: p.correctiveMeasure,
          preventiveMeasure: p.preventiveMeasure,
          resolvedAt: now,
          reactionDue: context.reactionDueIfOutcomeNow,
        },
        metadata: {
          cause: p.cause,
          preventiveMeasure: p.preventiveMeasure !== null,
          improvement: p.improvement != null,
        },
      };
    }
    case 'add_measure':
      return {
        changes: {},
        metadata: { scope: request.payload.scope, type: request.payload.type },
      };
    case 'accept':
      return { changes: { closedAt: now, closeReason: 'accepted' }, metadata: {} };
    case 'auto_close':
      return { changes: { closedAt: now, closeReason: 'no_reaction' }, metadata: {} };
    case 'object':
      return {
        changes: { objectedAt: now, objectionReason: request.payload.reason },
        metadata: { decision: complaint.decision },
      };
    case 'appoint_mediator': {
      const mediator = requireTarget(context, request.payload.mediatorId, 'mediatorId');
      if (!isEligibleMediator(mediator, complaint)) {
        ineligible('appoint_mediator', mediator, complaint, 'mediatorId');
      }
      return { changes: { mediatorId: mediator.id }, metadata: { mediatorId: mediator.id } };
    }
    case 'refer_to_committee':
      return { changes: { referredToCommittee: true }, metadata: {} };
    case 'record_final_outcome':
      return {
        changes: {
          finalOutcome: request.payload.outcome,
          closedAt: now,
          closeReason: 'final_outcome',
        },
        metadata: { mediated: complaint.mediatorId !== null },
      };
    case 'withdraw':
      return { changes: { withdrawnAt: now }, metadata: { fromStatus: complaint.status } };
    case 'reassign': {
      const handler = requireTarget(context, request.payload.handlerId, 'handlerId');
      if (handler.id === complaint.handlerId) {
        throw new DomainError(
          'input.invalid',
          'Already assigned to this person',
          { field: 'handlerId' },
          { handlerId: 'already_assigned' },
        );
      }
      if (!isEligibleHandler(handler, complaint, context.permissions)) {
        ineligible('reassign', handler, complaint, 'handlerId');
      }
      return {
        changes: { handlerId: handler.id },
        metadata: { fromHandlerId: complaint.handlerId, toHandlerId: handler.id },
      };
    }
  }
}

function requireTarget(context: TransitionContext, id: string, field: string): Person {
  if (!context.target || context.target.id !== id) {
    throw new DomainError(
      'person.not_found',
      'Unknown person',
      { personId: id },
      { [field]: 'unknown' },
    );
  }
  return context.target;
}

/**
 * Involved people are a conflict of interest; anyone else unsuitable is bad input. The field
 * carries the reason, so the form says why next to the person chosen.
 */
function ineligible(command: Command, person: Person, complaint: Complaint, field: string): never {
  const involved = isInvolved(person.id, complaint) || person.id === complaint.handlerId;
  const reason: FieldProblem = involved
    ? 'conflict_of_interest'
    : person.active
      ? 'not_eligible'
      : 'inactive';
  throw new DomainError(
    involved ? 'complaint.conflict_of_interest' : 'input.invalid',
    `Person ${person.id} cannot take this role in the complaint`,
    { command, personId: person.id },
    { [field]: reason },
  );
}
