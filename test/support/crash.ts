import type { AppDeps } from '../../src/app/deps.js';

/**
 * The use cases' deps as seen by a process that dies right after a registration commits: the
 * statement that draws the complaint's number never runs (it fails instead).
 */
export function dyingBeforeTheNumber(deps: AppDeps): AppDeps {
  return {
    ...deps,
    store: {
      ...deps.store,
      repository: new Proxy(deps.store.repository, {
        get: (target, key) =>
          key === 'assignReference'
            ? () => Promise.reject(new Error('process killed'))
            : Reflect.get(target, key),
      }),
    },
  };
}
