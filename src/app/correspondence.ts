import type { Complaint } from '../domain/complaint.js';
import type { Command } from '../domain/lifecycle.js';
import type { AppDeps } from './deps.js';
import type { Repository } from './ports.js';

/**
 * Letters and e-mails to the complainant (issue 11): drafted from the catalogue in the
 * complainant's language when the procedure reaches a step the complainant must hear of,
 * reviewed and sent from chat, delivered once through the outbox.
 */

/**
 * Called inside the registration's transaction: drafts the acknowledgement when the
 * complainant must get one in writing (letter, e-mail, web form) and tells the drafter.
 */
export async function correspondenceOnReport(
  _repo: Repository,
  _deps: AppDeps,
  _complaint: Complaint,
  _actorId: string,
  _now: Date,
): Promise<void> {}

/**
 * Called inside a command's transaction: drafts the letter a step implies (information
 * request, extension, non-admissible, outcome, final outcome) and tells the actor.
 */
export async function correspondenceOnCommand(
  _repo: Repository,
  _deps: AppDeps,
  _command: Command,
  _before: Complaint,
  _after: Complaint,
  _actorId: string | null,
  _now: Date,
): Promise<void> {}
