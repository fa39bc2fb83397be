import type { JobDeps, JobSummary } from './ports.js';
import { emptyCount, forEachItem } from './send-once.js';

/** The instant `years` calendar years before `now`: closed before it means past retention. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * The nightly retention job (DESIGN §7): complaints closed longer than `retentionYears` ago
 * lose their personal data (texts, names, contacts); counts, categories, dates and outcomes
 * stay for the statistics. One transaction and one audit event per complaint; a complaint
 * under objection is never touched.
 */
/** How long incoming request and event keys are kept for deduplication. */
export const REQUEST_KEY_DAYS = 7;

export async function applyRetention(deps: JobDeps): Promise<JobSummary> {
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, deps.retentionYears);
  const ids = await deps.jobs.retentionCandidates(cutoff);
  const count = await forEachItem(
    deps,
    ids,
    (id) => ({ complaintId: id }),
    emptyCount(),
    (id) =>
      deps.jobs.transaction(async (tx) => {
        const before = await tx.repo.findComplaint(id);
        if (!before || !(await tx.anonymise(id, cutoff, now))) return false;
        await tx.repo.appendAudit({
          complaintId: id,
          actorId: null,
          action: 'anonymise',
          outcome: 'done',
          fromStatus: before.status,
          toStatus: before.status,
          metadata: { retentionYears: deps.retentionYears },
          at: now,
        });
        return true;
      }),
  );
  // Slack retries for minutes and Teams re-sends within 15 s: a week of keys is plenty.
  const forgotten = await deps.jobs.forgetProcessedRequests(
    new Date(now.getTime() - REQUEST_KEY_DAYS * 86_400_000),
  );
  return {
    cutoff: cutoff.toISOString(),
    anonymised: count.sent,
    failed: count.failed,
    forgottenRequestKeys: forgotten,
  };
}
