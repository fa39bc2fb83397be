import type { JobDeps, JobSummary } from '../../app/jobs/ports.js';
import type { LocalDate } from '../../domain/calendar.js';
import type { RunClaims } from '../postgres/job-store.js';
import type { JobDefinition } from './jobs.js';

export interface RunnerOptions {
  /** How often a running job proves it is alive. */
  heartbeatMs: number;
  /** A running claim whose heartbeat is older than this belongs to a dead process. */
  staleAfterMs: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = { heartbeatMs: 30_000, staleAfterMs: 300_000 };

export type RunOutcome =
  | { status: 'done'; period: string; summary: JobSummary }
  | { status: 'skipped'; period: string; reason: 'claimed elsewhere or already done' }
  | { status: 'failed'; period: string; error: unknown };

/**
 * Runs one job for one period under a database claim: exactly one replica (or CLI) gets it,
 * a heartbeat keeps the claim alive, and the outcome is stored on the run row. A failed or
 * crashed run is claimed again by the next attempt.
 */
export async function runClaimedJob(
  deps: JobDeps,
  claims: RunClaims,
  job: JobDefinition,
  period: string,
  today: LocalDate,
  options: RunnerOptions & { force?: boolean } = DEFAULT_RUNNER_OPTIONS,
): Promise<RunOutcome> {
  const now = deps.clock.now();
  const staleBefore = new Date(now.getTime() - options.staleAfterMs);
  if (!(await claims.claim(job.name, period, now, staleBefore, options.force))) {
    return { status: 'skipped', period, reason: 'claimed elsewhere or already done' };
  }
  const logger = deps.logger.child({ job: job.name, period });
  const beat = setInterval(() => {
    claims.heartbeat(job.name, period, deps.clock.now()).catch((error: unknown) => {
      logger.warn({ err: error }, 'job heartbeat failed');
    });
  }, options.heartbeatMs);
  beat.unref();
  logger.info({}, 'job started');
  try {
    const summary = await job.run({ ...deps, logger }, period, today);
    await claims.finish(job.name, period, deps.clock.now(), 'done', summary);
    logger.info(summary, 'job finished');
    return { status: 'done', period, summary };
  } catch (error) {
    logger.error({ err: error }, 'job failed; the next run claims it again');
    const reason = error instanceof Error ? error.message : String(error);
    await claims
      .finish(job.name, period, deps.clock.now(), 'failed', { error: reason.slice(0, 500) })
      .catch(() => {});
    return { status: 'failed', period, error };
  } finally {
    clearInterval(beat);
  }
}
