import { and, eq, isNotNull, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import {
  complaints,
  infoRequests,
  jobRuns,
  measures,
  processedRequests,
} from '../../../db/schema/index.js';
import type { DueMeasure, JobStore, JobTransaction } from '../../app/jobs/ports.js';
import type { Database } from './database.js';
import { translateError, translatingErrors } from './errors.js';
import { toComplaint, toMeasure } from './mappers.js';
import { createReminderLedger } from './reminder-store.js';
import { createRepository } from './repository.js';

const DONE = ['closed', 'withdrawn'];

/** Reads and writes of the daily and nightly jobs. */
export function createJobStore(db: Database): JobStore {
  return {
    // Partial index complaints_open_deadlines_idx has exactly this predicate.
    async openComplaints() {
      const rows = await db.select().from(complaints).where(notInArray(complaints.status, DONE));
      return rows.map(toComplaint);
    },
    // Index measures_open_due_idx (status, due_on).
    async dueMeasures(today) {
      const rows = await db
        .select()
        .from(measures)
        .where(
          and(
            isNotNull(measures.ownerId),
            or(
              and(eq(measures.status, 'open'), lt(measures.dueOn, today)),
              and(
                eq(measures.status, 'implemented'),
                lte(measures.reviewDueOn, today),
                isNull(measures.effective),
              ),
            ),
          ),
        );
      return rows.map(
        (row): DueMeasure => ({
          ...toMeasure(row),
          reason: row.status === 'open' ? 'overdue' : 'review',
        }),
      );
    },
    // Index complaints_closed_at_idx for closed ones; an objected complaint is never closed.
    async retentionCandidates(cutoff) {
      const rows = await db
        .select({ id: complaints.id })
        .from(complaints)
        .where(and(isNull(complaints.anonymisedAt), retentionDue(cutoff)));
      return rows.map((r) => r.id);
    },
    async forgetProcessedRequests(before) {
      const rows = await db
        .delete(processedRequests)
        .where(lt(processedRequests.at, before))
        .returning({ key: processedRequests.key });
      return rows.length;
    },
    async transaction(work) {
      try {
        return await db.transaction((tx) => work(jobTransaction(tx)));
      } catch (error) {
        throw translateError(error);
      }
    },
  };
}

function retentionDue(cutoff: Date) {
  return or(
    and(eq(complaints.status, 'closed'), lt(complaints.closedAt, cutoff)),
    and(eq(complaints.status, 'withdrawn'), lt(complaints.withdrawnAt, cutoff)),
  );
}

function jobTransaction(tx: Database): JobTransaction {
  return {
    repo: createRepository(tx),
    ledger: createReminderLedger(tx),
    /**
     * Personal data goes: texts, names, contacts, client/project, the subject. Kind,
     * category, dates, deadlines, decision, cause and close reason stay for the statistics.
     * The status check repeats in the UPDATE, so a complaint reopened under objection since
     * it was listed is left alone.
     */
    async anonymise(complaintId, cutoff, now) {
      const updated = await tx
        .update(complaints)
        .set({
          description: '',
          desiredOutcome: null,
          complainantName: null,
          complainantContact: null,
          relatedTo: null,
          sourceLink: null,
          subjectPersonId: null,
          motivation: null,
          resolution: null,
          correctiveMeasure: null,
          preventiveMeasure: null,
          objectionReason: null,
          finalOutcome: null,
          intakeKey: null,
          anonymisedAt: now,
          version: sql`${complaints.version} + 1`,
        })
        .where(
          and(
            eq(complaints.id, complaintId),
            isNull(complaints.anonymisedAt),
            retentionDue(cutoff),
          ),
        )
        .returning({ id: complaints.id });
      if (updated.length === 0) return false;
      await tx
        .update(infoRequests)
        .set({ question: '', answer: null })
        .where(eq(infoRequests.complaintId, complaintId));
      return true;
    },
  };
}

/** The claim that makes a job run once per period across replicas (scheduler/job-runner). */
export interface RunClaims {
  /**
   * Claims (job, period): true for exactly one caller. A failed run, or a running one whose
   * heartbeat is older than `staleBefore` (its process died), is claimed again; `force`
   * also re-runs a finished one (a manual backfill).
   */
  claim(
    job: string,
    period: string,
    now: Date,
    staleBefore: Date,
    force?: boolean,
  ): Promise<boolean>;
  heartbeat(job: string, period: string, now: Date): Promise<void>;
  finish(
    job: string,
    period: string,
    now: Date,
    status: 'done' | 'failed',
    summary: Record<string, unknown>,
  ): Promise<void>;
  find(job: string, period: string): Promise<{ status: string; summary: unknown } | null>;
}

export function createRunClaims(db: Database): RunClaims {
  return translatingErrors<RunClaims>({
    // INSERT … ON CONFLICT on the (job, period) primary key: a concurrent second insert waits
    // for the first to commit, then re-checks the WHERE against the committed row, so exactly
    // one caller gets a row back.
    async claim(job, period, now, staleBefore, force = false) {
      const reclaimable = force
        ? sql`true`
        : sql`${jobRuns.status} = 'failed' or (${jobRuns.status} = 'running' and ${jobRuns.heartbeatAt} < ${staleBefore.toISOString()}::timestamptz)`;
      const claimed = await db
        .insert(jobRuns)
        .values({ job, period, status: 'running', startedAt: now, heartbeatAt: now })
        .onConflictDoUpdate({
          target: [jobRuns.job, jobRuns.period],
          set: {
            status: 'running',
            startedAt: now,
            heartbeatAt: now,
            finishedAt: null,
            summary: null,
          },
          setWhere: reclaimable,
        })
        .returning({ job: jobRuns.job });
      return claimed.length === 1;
    },
    async heartbeat(job, period, now) {
      await db
        .update(jobRuns)
        .set({ heartbeatAt: now })
        .where(
          and(eq(jobRuns.job, job), eq(jobRuns.period, period), eq(jobRuns.status, 'running')),
        );
    },
    async finish(job, period, now, status, summary) {
      await db
        .update(jobRuns)
        .set({ status, finishedAt: now, heartbeatAt: now, summary })
        .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)));
    },
    async find(job, period) {
      const [row] = await db
        .select({ status: jobRuns.status, summary: jobRuns.summary })
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)));
      return row ?? null;
    },
  });
}
