import { type Complaint, isTip, type Status } from './complaint.js';
import { DomainError } from './errors.js';
import { DEFAULT_PROCEDURE, type ProcedureRules } from './procedure.js';

export const COMMANDS = [
  'request_info',
  'provide_info',
  'declare_founded',
  'declare_unfounded',
  'record_resolution',
  'add_measure',
  'accept',
  'object',
  'record_acceptance',
  'record_objection',
  'appoint_mediator',
  'refer_to_committee',
  'record_final_outcome',
  'withdraw',
  'reassign',
  'auto_close',
  'classify',
  'declare_admissible',
  'declare_inadmissible',
  'note_feedback',
  'agree_solution',
  'report_fix_done',
  'extend_deadline',
  'record_committee_verdict',
  'record_private_note',
] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * The lifecycle of DESIGN.md §3 as data: status → command → next status. Anything not in
 * this table is rejected. Deliberate additions to the diagram: a handler may decide while
 * waiting for information (the answer may arrive by phone); measures can be added from
 * `in_treatment` on, also after closing (management review, ISO 9001 §10.2.1); a mediator can
 * be appointed at any open stage (seed 004); the director's private note on a behaviour
 * complaint can be written at any stage, also after closing (seed 002); staff record a
 * reaction that came by phone, letter, e-mail or in person (`record_acceptance`,
 * `record_objection`, issue 11) exactly where the reporter could accept or object.
 */
export const TRANSITIONS: Readonly<Record<Status, Partial<Record<Command, Status>>>> = {
  registered: {
    classify: 'registered',
    declare_admissible: 'registered',
    declare_inadmissible: 'closed',
    note_feedback: 'closed',
    request_info: 'awaiting_info',
    declare_founded: 'in_treatment',
    declare_unfounded: 'rejected',
    extend_deadline: 'registered',
    appoint_mediator: 'registered',
    record_private_note: 'registered',
    withdraw: 'withdrawn',
    reassign: 'registered',
  },
  awaiting_info: {
    provide_info: 'registered',
    classify: 'awaiting_info',
    declare_admissible: 'awaiting_info',
    declare_inadmissible: 'closed',
    note_feedback: 'closed',
    declare_founded: 'in_treatment',
    declare_unfounded: 'rejected',
    extend_deadline: 'awaiting_info',
    appoint_mediator: 'awaiting_info',
    record_private_note: 'awaiting_info',
    withdraw: 'withdrawn',
    reassign: 'awaiting_info',
  },
  in_treatment: {
    agree_solution: 'in_treatment',
    report_fix_done: 'in_treatment',
    record_resolution: 'resolved',
    add_measure: 'in_treatment',
    extend_deadline: 'in_treatment',
    appoint_mediator: 'in_treatment',
    record_private_note: 'in_treatment',
    withdraw: 'withdrawn',
    reassign: 'in_treatment',
  },
  resolved: {
    report_fix_done: 'resolved',
    accept: 'closed',
    object: 'objected',
    record_acceptance: 'closed',
    record_objection: 'objected',
    auto_close: 'closed',
    add_measure: 'resolved',
    appoint_mediator: 'resolved',
    record_private_note: 'resolved',
    withdraw: 'withdrawn',
  },
  rejected: {
    accept: 'closed',
    object: 'objected',
    record_acceptance: 'closed',
    record_objection: 'objected',
    auto_close: 'closed',
    appoint_mediator: 'rejected',
    record_private_note: 'rejected',
    withdraw: 'withdrawn',
  },
  objected: {
    appoint_mediator: 'objected',
    refer_to_committee: 'objected',
    record_final_outcome: 'closed',
    record_committee_verdict: 'closed',
    add_measure: 'objected',
    record_private_note: 'objected',
    withdraw: 'withdrawn',
  },
  closed: {
    add_measure: 'closed',
    record_private_note: 'closed',
  },
  withdrawn: {},
};

type Guarded = Pick<
  Complaint,
  | 'status'
  | 'kind'
  | 'admissibility'
  | 'agreedTermOn'
  | 'fixDoneAt'
  | 'extensionCount'
  | 'referredToCommittee'
  | 'concernsEmployee'
>;

const assessable = (c: Guarded, rules: ProcedureRules) =>
  !isTip(c) &&
  (c.admissibility === 'admissible' || (!rules.admissibilityStep && c.admissibility === null));

const fixPending = (c: Guarded) => c.agreedTermOn !== null && c.fixDoneAt === null;

/**
 * Conditions beyond the status, on the complaint's own facts. A command whose guard fails is
 * as absent as one missing from the table: no button, and a coded refusal if sent anyway.
 */
const GUARDS: Partial<Record<Command, (c: Guarded, rules: ProcedureRules) => boolean>> = {
  classify: (c) => c.admissibility === null,
  declare_admissible: (c) => !isTip(c) && c.admissibility === null,
  declare_inadmissible: (c) => !isTip(c) && c.admissibility === null,
  declare_founded: assessable,
  declare_unfounded: assessable,
  note_feedback: (c) => isTip(c),
  agree_solution: (c) => c.fixDoneAt === null,
  report_fix_done: (c) => c.agreedTermOn !== null && c.fixDoneAt === null,
  extend_deadline: (c, rules) => !isTip(c) && c.extensionCount < rules.maxExtensions,
  // The satisfaction question waits until an agreed fix is reported done (seeds 001, 003).
  accept: (c) => !fixPending(c),
  object: (c) => !fixPending(c),
  record_acceptance: (c) => !fixPending(c),
  record_objection: (c) => !fixPending(c),
  auto_close: (c) => !fixPending(c),
  record_final_outcome: (c) => !c.referredToCommittee,
  refer_to_committee: (c) => !c.referredToCommittee,
  record_committee_verdict: (c) => c.referredToCommittee,
  record_private_note: (c) => c.concernsEmployee,
};

export function nextStatus(
  complaint: Guarded,
  command: Command,
  rules: ProcedureRules = DEFAULT_PROCEDURE,
): Status {
  const { status } = complaint;
  const next = TRANSITIONS[status][command];
  if (next === undefined || !(GUARDS[command]?.(complaint, rules) ?? true)) {
    throw new DomainError(
      'complaint.invalid_transition',
      `Command ${command} is not allowed in status ${status}`,
      { status, command },
    );
  }
  return next;
}

export function allowedCommands(
  complaint: Guarded,
  rules: ProcedureRules = DEFAULT_PROCEDURE,
): Command[] {
  return COMMANDS.filter(
    (command) =>
      TRANSITIONS[complaint.status][command] !== undefined &&
      (GUARDS[command]?.(complaint, rules) ?? true),
  );
}
