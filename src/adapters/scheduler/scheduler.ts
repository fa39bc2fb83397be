import cron, { type ScheduledTask } from 'node-cron';
import type { JobDeps } from '../../app/jobs/ports.js';
import type { RunClaims } from '../postgres/job-store.js';
import {
  DEFAULT_RUNNER_OPTIONS,
  type RunnerOptions,
  type RunOutcome,
  runClaimedJob,
} from './job-runner.js';
import { JOB_NAMES, JOBS, type JobName } from './jobs.js';

export interface Scheduler {
  /** Fires a job now as if its cron slot had come (tests, operators). */
  trigger(name: JobName): Promise<RunOutcome | null>;
  stop(): Promise<void>;
}

/**
 * Cron wiring only (node-cron 4, the organisation's time zone): each slot works out the
 * period due today and hands it to the claimed runner; the job bodies are use cases.
 * node-cron's own `distributed` coordinator is not used: the job_runs claim does that job
 * and also survives a crashed run.
 */
export function startScheduler(
  deps: JobDeps,
  claims: RunClaims,
  options: RunnerOptions = DEFAULT_RUNNER_OPTIONS,
): Scheduler {
  const running = new Set<Promise<unknown>>();
  const fire = async (name: JobName): Promise<RunOutcome | null> => {
    const job = JOBS[name];
    const today = deps.calendar.localDate(deps.clock.now());
    const period = job.scheduledPeriod(today, deps.calendar);
    if (period === null) return null;
    const run = runClaimedJob(deps, claims, job, period, today, options);
    running.add(run);
    try {
      return await run;
    } finally {
      running.delete(run);
    }
  };
  const tasks: ScheduledTask[] = JOB_NAMES.map((name) =>
    cron.schedule(JOBS[name].cron, () => fire(name), {
      name: `klachtenbot-${name}`,
      timezone: deps.calendar.options.timezone,
      noOverlap: true,
    }),
  );
  return {
    trigger: fire,
    async stop() {
      for (const task of tasks) await task.destroy();
      await Promise.allSettled([...running]);
    },
  };
}
