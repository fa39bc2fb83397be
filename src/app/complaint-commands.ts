import type { CommandPayloads } from '../domain/commands.js';
import type { Actor } from '../domain/people.js';
import type { AppDeps } from './deps.js';
import { type CommandInput, type CommandResult, runCommand } from './run-command.js';

/** Shared options of every command a person gives through a surface. */
export interface CommandOptions {
  expectedVersion?: number;
  requestKey?: string;
}

type Payload<K extends keyof CommandPayloads> = CommandPayloads[K] | Record<string, unknown>;

function command<K extends CommandInput['command']>(name: K) {
  return (
    deps: AppDeps,
    actor: Actor,
    complaint: string,
    payload: Payload<K>,
    options: CommandOptions = {},
  ): Promise<CommandResult> =>
    runCommand(deps, { complaint, actor, command: name, payload, ...options });
}

// The use cases of the procedure, each one lifecycle command (DESIGN.md §3). The payload is
// validated by the domain; surfaces pass what the user typed.
export const requestInformation = command('request_info');
export const provideInformation = command('provide_info');
export const declareFounded = command('declare_founded');
export const declareUnfounded = command('declare_unfounded');
export const recordResolution = command('record_resolution');
export const addMeasure = command('add_measure');
export const acceptOutcome = command('accept');
export const objectToOutcome = command('object');
export const appointMediator = command('appoint_mediator');
export const referToCommittee = command('refer_to_committee');
export const recordFinalOutcome = command('record_final_outcome');
export const withdrawComplaint = command('withdraw');
export const reassignComplaint = command('reassign');
export const autoCloseComplaint = command('auto_close');
