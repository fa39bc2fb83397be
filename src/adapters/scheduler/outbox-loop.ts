import {
  DEFAULT_DISPATCH_OPTIONS,
  type DispatchDeps,
  type DispatchOptions,
  dispatchOutboxOnce,
} from '../../app/dispatch-outbox.js';

export interface OutboxLoop {
  /** Runs a pass now instead of waiting for the next poll (after a command committed). */
  wake(): void;
  stop(): Promise<void>;
}

/** Polls the outbox; a full batch is followed at once by the next one. */
export function startOutboxLoop(
  deps: DispatchDeps,
  pollMs: number,
  options: DispatchOptions = DEFAULT_DISPATCH_OPTIONS,
): OutboxLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  };

  function run() {
    if (running || stopped) return;
    running = (async () => {
      let again = false;
      try {
        const report = await dispatchOutboxOnce(deps, options);
        again = report.delivered + report.retried + report.parked >= options.batchSize;
      } catch (error) {
        deps.logger.warn({ err: error }, 'outbox pass failed; will retry');
      } finally {
        running = null;
        schedule(again ? 0 : pollMs);
      }
    })();
  }

  schedule(0);
  return {
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
