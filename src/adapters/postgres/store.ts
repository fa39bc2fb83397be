import type { Store } from '../../app/ports.js';
import type { Database } from './database.js';
import { translateError, translatingErrors } from './errors.js';
import { createRepository } from './repository.js';

export function createStore(db: Database): Store {
  return {
    repository: translatingErrors(createRepository(db)),
    async transaction(work) {
      try {
        return await db.transaction((tx) => work(createRepository(tx)));
      } catch (error) {
        throw translateError(error);
      }
    },
  };
}
