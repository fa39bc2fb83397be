import type { ComplainantLinkRepository } from '../../app/complainant-link-port.js';
import type { Database } from './database.js';

/** The drizzle implementation of ComplainantLinkRepository (issue 11). */
export function complainantLinkRepository(_db: Database): ComplainantLinkRepository {
  const todo = (): never => {
    throw new Error('not implemented yet');
  };
  return {
    insertComplainantLink: todo,
    findComplainantLink: todo,
    revokeComplainantLinks: todo,
  };
}
