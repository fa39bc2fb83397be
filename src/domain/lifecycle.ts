import type { Status } from './complaint.js';
import { DomainError } from './errors.js';

export const COMMANDS = [
  'request_info',
  'provide_info',
  'declare_founded',
  'declare_unfounded',
  'record_resolution',
  'add_measure',
  'accept',
  'object',
  'appoint_mediator',
  'refer_to_committee',
  'record_final_outcome',
  'withdraw',
  'reassign',
  'auto_close',
] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * The lifecycle of DESIGN.md §3 as data: status → command → next status. Anything not in
 * this table is rejected. Two deliberate additions to the diagram: a handler may decide
 * while waiting for information (the answer may arrive by phone), and measures can be added
 * from `in_treatment` on, also after closing (management review, ISO 9001 §10.2.1).
 */
export const TRANSITIONS: Readonly<Record<Status, Partial<Record<Command, Status>>>> = {
  registered: {
    request_info: 'awaiting_info',
    declare_founded: 'in_treatment',
    declare_unfounded: 'rejected',
    withdraw: 'withdrawn',
    reassign: 'registered',
  },
  awaiting_info: {
    provide_info: 'registered',
    declare_founded: 'in_treatment',
    declare_unfounded: 'rejected',
    withdraw: 'withdrawn',
    reassign: 'awaiting_info',
  },
  in_treatment: {
    record_resolution: 'resolved',
    add_measure: 'in_treatment',
    withdraw: 'withdrawn',
    reassign: 'in_treatment',
  },
  resolved: {
    accept: 'closed',
    object: 'objected',
    auto_close: 'closed',
    add_measure: 'resolved',
    withdraw: 'withdrawn',
  },
  rejected: {
    accept: 'closed',
    object: 'objected',
    auto_close: 'closed',
    withdraw: 'withdrawn',
  },
  objected: {
    appoint_mediator: 'objected',
    refer_to_committee: 'objected',
    record_final_outcome: 'closed',
    add_measure: 'objected',
    withdraw: 'withdrawn',
  },
  closed: {
    add_measure: 'closed',
  },
  withdrawn: {},
};

export function nextStatus(status: Status, command: Command): Status {
  const next = TRANSITIONS[status][command];
  if (next === undefined) {
    throw new DomainError(
      'complaint.invalid_transition',
      `Command ${command} is not allowed in status ${status}`,
      { status, command },
    );
  }
  return next;
}

export function allowedCommands(status: Status): Command[] {
  return COMMANDS.filter((command) => TRANSITIONS[status][command] !== undefined);
}
