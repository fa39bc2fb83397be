import type { z } from 'zod';
import type { LocalDate } from './calendar.js';
import { type CommandPayloads, commandPayloadSchemas } from './commands.js';
import type { Complaint, Status } from './complaint.js';
import { DomainError, type FieldProblem } from './errors.js';
import { type Command, nextStatus } from './lifecycle.js';
import { type Actor, hasRole, type Person } from './people.js';
import {
  authorise,
  isEligibleHandler,
  isEligibleMediator,
  isInvolved,
  type PermissionContext,
} from './permissions.js';
import { DEFAULT_PROCEDURE, type ProcedureRules } from './procedure.js';
import { fieldProblems } from './validation.js';

export type CommandRequest = {
  [K in Command]: { command: K; payload: CommandPayloads[K] };
}[Command];

export interface TransitionContext {
  now: Date;
  permissions: PermissionContext;
  /** Reaction deadline if the reporter is told an outcome now. */
  reactionDueIfOutcomeNow: LocalDate;
  /**
   * The person a reassign or appoint_mediator names, looked up by the caller; for a classify
   * that makes a complaint formal, the director it goes to (seed 002), if any.
   */
  target: Person | null;
  /** The organisation's procedure choices; the defaults when absent. */
  rules?: ProcedureRules;
  /** The organisation's local date of `now`: terms and verdict dates are checked against it. */
  today?: LocalDate;
  /** Objection decision deadline if the reporter objects now. */
  objectionDueIfObjectedNow?: LocalDate;
  /**
   * The organisation's local date of an instant: a reaction recorded by staff may not lie
   * before the day of the outcome. Without it the UTC date stands in (a day more lenient at
   * most, just after midnight).
   */
  localDate?: (at: Date) => LocalDate;
  /**
   * The objection decision deadline counted from a given day: an objection recorded by staff
   * runs from the day it came in. Without it, from today (`objectionDueIfObjectedNow`).
   */
  objectionDueFrom?: (day: LocalDate) => LocalDate;
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
  const toStatus = nextStatus(complaint, request.command, context.rules ?? DEFAULT_PROCEDURE);
  const { now } = context;
  const base: Complaint = {
    ...complaint,
    status: toStatus,
    version: complaint.version + 1,
    lastProgressAt: now,
  };
  const actorId = actor.kind === 'person' ? actor.person.id : null;
  const { changes, metadata } = applyCommand(complaint, request, context, actorId);
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
  actorId: string | null,
): Applied {
  const { now } = context;
  const firstFeedbackAt = complaint.firstFeedbackAt ?? now;
  const rules = context.rules ?? DEFAULT_PROCEDURE;
  // Deciding on the merits admits the complaint when the organisation has no separate step.
  const admitted =
    complaint.admissibility === null
      ? { admissibility: 'admissible' as const, admissibilityDecidedAt: now }
      : {};
  switch (request.command) {
    case 'request_info':
      return { changes: { firstFeedbackAt }, metadata: {} };
    case 'provide_info':
      return { changes: {}, metadata: {} };
    case 'declare_founded':
      return {
        changes: {
          ...admitted,
          decision: 'founded',
          motivation: request.payload.motivation,
          decidedAt: now,
          decidedBy: actorId,
          firstFeedbackAt,
        },
        metadata: { decision: 'founded' },
      };
    case 'declare_unfounded':
      return {
        changes: {
          ...admitted,
          decision: 'unfounded',
          motivation: request.payload.motivation,
          decidedAt: now,
          decidedBy: actorId,
          firstFeedbackAt,
          reactionDue: context.reactionDueIfOutcomeNow,
        },
        metadata: { decision: 'unfounded' },
      };
    case 'record_resolution': {
      const p = request.payload;
      const causeCategory = p.causeCategory ?? null;
      // With an agreed fix still to be done, the satisfaction question waits for it.
      const fixPending = complaint.agreedTermOn !== null && complaint.fixDoneAt === null;
      return {
        changes: {
          resolution: p.resolution,
          cause: p.cause,
          rootCause: p.rootCause,
          causeCategory,
          correctiveMeasure: p.correctiveMeasure,
          preventiveMeasure: p.preventiveMeasure,
          resolvedAt: now,
          decidedBy: actorId ?? complaint.decidedBy,
          reactionDue: fixPending ? null : context.reactionDueIfOutcomeNow,
        },
        metadata: {
          cause: p.cause,
          causeCategory,
          rootCause: p.rootCause !== null,
          satisfactionAsked: !fixPending,
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
        changes: {
          objectedAt: now,
          objectionReason: request.payload.reason,
          objectionDue: context.objectionDueIfObjectedNow ?? null,
        },
        metadata: {
          decision: complaint.decision,
          objectionDue: context.objectionDueIfObjectedNow ?? null,
        },
      };
    // Issue 11: the complainant's reaction by phone, letter, e-mail or in person, recorded by
    // staff: the same effects as the reporter's accept and object, with channel and day in
    // the audit (never the reason).
    case 'record_acceptance': {
      const { channel, reactedOn } = request.payload;
      checkReactionDay(complaint, reactedOn, context);
      const accepted = applyCommand(
        complaint,
        { command: 'accept', payload: {} },
        context,
        actorId,
      );
      return { ...accepted, metadata: { ...accepted.metadata, channel, receivedOn: reactedOn } };
    }
    case 'record_objection': {
      const { channel, reactedOn, reason } = request.payload;
      checkReactionDay(complaint, reactedOn, context);
      const objected = applyCommand(
        complaint,
        { command: 'object', payload: { reason } },
        {
          ...context,
          objectionDueIfObjectedNow:
            context.objectionDueFrom?.(reactedOn) ?? context.objectionDueIfObjectedNow,
        },
        actorId,
      );
      return { ...objected, metadata: { ...objected.metadata, channel, receivedOn: reactedOn } };
    }
    case 'appoint_mediator': {
      const mediator = requireTarget(context, request.payload.mediatorId, 'mediatorId');
      if (!isEligibleMediator(mediator, complaint)) {
        ineligible('appoint_mediator', mediator, complaint, 'mediatorId');
      }
      return { changes: { mediatorId: mediator.id }, metadata: { mediatorId: mediator.id } };
    }
    case 'refer_to_committee':
      return {
        changes: { referredToCommittee: true },
        metadata: { committeeType: rules.committee?.type ?? null },
      };
    case 'record_committee_verdict': {
      const p = request.payload;
      if (context.today && p.verdictOn > context.today) fieldProblem('verdictOn', 'in_future');
      return {
        changes: {
          committeeVerdict: p.verdict,
          committeeVerdictOn: p.verdictOn,
          committeeBinding: p.binding,
          committeeFollowUp: p.followUp,
          closedAt: now,
          closeReason: 'committee_verdict',
        },
        metadata: { verdict: p.verdict, binding: p.binding, followUp: p.followUp !== null },
      };
    }
    case 'classify': {
      const { kind, formality } = request.payload;
      // Becoming formal moves the complaint to an uninvolved director (seed 002); a complaint
      // that already was formal keeps its handler (someone may have reassigned it on purpose).
      const director = context.target;
      const toDirector =
        rules.formalToDirector &&
        formality === 'formal' &&
        complaint.formality !== 'formal' &&
        director?.active === true &&
        director.id !== complaint.handlerId &&
        !isInvolved(director.id, complaint) &&
        hasRole(director, 'director');
      const handlerId = toDirector ? director.id : complaint.handlerId;
      return {
        changes: { kind, formality, handlerId },
        metadata: {
          kind,
          formality,
          fromKind: complaint.kind,
          fromFormality: complaint.formality,
          ...(handlerId !== complaint.handlerId
            ? { fromHandlerId: complaint.handlerId, toHandlerId: handlerId }
            : {}),
        },
      };
    }
    case 'declare_admissible':
      return {
        changes: { admissibility: 'admissible', admissibilityDecidedAt: now },
        metadata: { admissibility: 'admissible' },
      };
    case 'declare_inadmissible':
      return {
        changes: {
          admissibility: 'inadmissible',
          admissibilityMotivation: request.payload.motivation,
          admissibilityDecidedAt: now,
          decidedBy: actorId,
          firstFeedbackAt,
          closedAt: now,
          closeReason: 'inadmissible',
        },
        metadata: { admissibility: 'inadmissible' },
      };
    case 'note_feedback':
      return {
        changes: { firstFeedbackAt, closedAt: now, closeReason: 'noted' },
        metadata: { kind: 'feedback' },
      };
    case 'agree_solution': {
      const p = request.payload;
      if (context.today && p.termOn < context.today) fieldProblem('termOn', 'in_past');
      return {
        changes: {
          agreedSolution: p.solution,
          agreedTermOn: p.termOn,
          complainantAgreed: p.complainantAgreed,
          remediationParty: p.party ?? null,
        },
        metadata: {
          termOn: p.termOn,
          complainantAgreed: p.complainantAgreed,
          outsideParty: p.party != null,
        },
      };
    }
    case 'report_fix_done': {
      // Resolved while the fix was pending: the satisfaction question goes out now.
      const askNow = complaint.status === 'resolved' && complaint.reactionDue === null;
      return {
        changes: {
          fixDoneAt: now,
          ...(askNow ? { reactionDue: context.reactionDueIfOutcomeNow } : {}),
        },
        metadata: {
          onTime: context.today ? context.today <= (complaint.agreedTermOn ?? '') : null,
          satisfactionAsked: askNow,
        },
      };
    }
    case 'extend_deadline': {
      const p = request.payload;
      if (p.newDueOn <= complaint.resolutionDue) fieldProblem('newDueOn', 'not_later');
      if (context.today && p.newDueOn < context.today) fieldProblem('newDueOn', 'in_past');
      return {
        changes: {
          resolutionDue: p.newDueOn,
          originalResolutionDue: complaint.originalResolutionDue ?? complaint.resolutionDue,
          extensionReason: p.reason,
          extensionCount: complaint.extensionCount + 1,
        },
        metadata: { fromDue: complaint.resolutionDue, toDue: p.newDueOn },
      };
    }
    case 'record_private_note':
      // The note is a row of its own that only the director reads; the audit says one exists.
      return { changes: {}, metadata: { note: true } };
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

/**
 * The day a recorded reaction came in: not after today, and not before the outcome it reacts
 * to (a rejection's decision, the recorded resolution).
 */
function checkReactionDay(complaint: Complaint, day: LocalDate, context: TransitionContext) {
  if (context.today && day > context.today) fieldProblem('reactedOn', 'in_future');
  const outcomeAt = complaint.status === 'rejected' ? complaint.decidedAt : complaint.resolvedAt;
  if (outcomeAt === null) return;
  const outcomeOn = context.localDate?.(outcomeAt) ?? outcomeAt.toISOString().slice(0, 10);
  if (day < outcomeOn) fieldProblem('reactedOn', 'in_past');
}

function fieldProblem(field: string, problem: FieldProblem): never {
  throw new DomainError('input.invalid', `Invalid ${field}`, { field }, { [field]: problem });
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
