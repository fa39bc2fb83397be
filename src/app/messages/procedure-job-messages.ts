import type { Locale } from '../../domain/people.js';
import type { ClaimedMessage } from '../ports.js';
import type { ComplaintView } from '../view-complaint.js';
import type { MessageModel } from './model.js';

/** What a job message of the second-edition procedure is composed from. */
export interface ProcedureJobContext {
  message: ClaimedMessage;
  view: ComplaintView;
  locale: Locale;
  /** The recipient's live complaint card, to add a title and intro to. */
  card: MessageModel;
}

/**
 * Job messages of the second edition of the procedure (agreed terms, objection deadlines):
 * null when the kind is not one of them or nothing is left to do.
 */
export function composeProcedureJobMessage(_context: ProcedureJobContext): MessageModel | null {
  return null;
}
