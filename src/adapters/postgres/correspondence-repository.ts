import type { CorrespondenceRepository } from '../../app/correspondence-port.js';
import type { Database } from './database.js';

/** The drizzle implementation of CorrespondenceRepository (issue 11). */
export function correspondenceRepository(_db: Database): CorrespondenceRepository {
  const todo = (): never => {
    throw new Error('not implemented yet');
  };
  return {
    insertCorrespondence: todo,
    findCorrespondence: todo,
    listCorrespondence: todo,
    updateCorrespondence: todo,
  };
}
