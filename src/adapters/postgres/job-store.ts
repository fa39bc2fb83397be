import { and, asc, eq, isNotNull, isNull, lt, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import {
  attachments,
  complainantLinks,
  complaints,
  correspondence,
  infoRequests,
  jobRuns,
  measures,
  messageRefs,
  outbox,
  privateNotes,
  processedRequests,
  reports,
} from '../../../db/schema/index.js';
import type { DueMeasure, JobStore, JobTransaction } from '../../app/jobs/ports.js';
import type { Database } from './database.js';
import { translateError, translatingErrors } from './errors.js';
import { toComplaint, toMeasure } from './mappers.js';
import { rowsOf } from './migrate.js';
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
    // The open complaints (partial index complaints_open_deadlines_idx), narrowed to those
    // still waiting for a written acknowledgement due by today.
    async unacknowledgedComplaints(today) {
      const rows = await db
        .select()
        .from(complaints)
        .where(
          and(
            notInArray(complaints.status, DONE),
            ne(complaints.kind, 'feedback'),
            isNull(complaints.acknowledgedAt),
            lte(complaints.acknowledgementDue, today),
            eq(complaints.concernsEmployee, false),
            ne(complaints.complainantType, 'employee'),
            isNull(complaints.anonymisedAt),
          ),
        )
        .orderBy(asc(complaints.acknowledgementDue), asc(complaints.reference));
      return rows.map(toComplaint);
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
    async retractableMessages(limit) {
      return db
        .select({
          complaintId: messageRefs.complaintId,
          personId: messageRefs.personId,
          surface: messageRefs.surface,
          kind: messageRefs.kind,
          channelId: messageRefs.channelId,
          messageId: messageRefs.messageId,
          updatedAt: messageRefs.updatedAt,
        })
        .from(messageRefs)
        .innerJoin(complaints, eq(complaints.id, messageRefs.complaintId))
        .where(isNotNull(complaints.anonymisedAt))
        .orderBy(asc(complaints.anonymisedAt), asc(messageRefs.complaintId), asc(messageRefs.kind))
        .limit(limit);
    },
    async forgetMessage(ref) {
      await db
        .delete(messageRefs)
        .where(
          and(
            eq(messageRefs.complaintId, ref.complaintId),
            eq(messageRefs.personId, ref.personId),
            eq(messageRefs.surface, ref.surface),
            eq(messageRefs.kind, ref.kind),
          ),
        );
    },
    async purgeRegisterFiles(cutoff) {
      const purged = await db.execute(sql`
        update ${reports} r set register_xlsx = null, register_csv = null
        where (r.register_xlsx is not null or r.register_csv is not null)
          and (r.created_at < ${cutoff.toISOString()}::timestamptz
            -- An export made on demand waits for its one download (Teams), a day at most.
            or (r.kind = 'register_export' and r.created_at < now() - interval '1 day')
            or exists (
            select 1 from ${complaints} c
            where c.anonymised_at > r.created_at
              and c.registered_at < r.created_at
              and c.registered_at >= ${periodStart} - interval '1 day'
              and c.registered_at < ${periodEnd} + interval '1 day'))
        returning r.id`);
      return rowsOf(purged).length;
    },
    // Index outbox_status_idx; a message still pending or parked keeps its payload (re-drive).
    async blankDeliveredPayloads(before) {
      const rows = await db
        .update(outbox)
        .set({ payload: {} })
        .where(
          and(
            eq(outbox.status, 'delivered'),
            lt(outbox.deliveredAt, before),
            sql`${outbox.payload} <> '{}'::jsonb`,
          ),
        )
        .returning({ id: outbox.id });
      return rows.length;
    },
  };
}

/**
 * The registrations a report's period covers (`r.period`, before any `:audience` suffix): a
 * year `2025`, a month `2025-03` or a range `2025-01-01..2025-06-30`. Any other period
 * (`open`) may hold any complaint. The day of slack on each side absorbs the organisation's
 * time zone: purging more is safe.
 */
const BASE = sql.raw(`split_part(r.period, ':', 1)`);
const YEAR = `'^[0-9]{4}$'`;
const MONTH = `'^[0-9]{4}-[0-9]{2}$'`;
const RANGE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}[.][.][0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
const periodStart = sql`(case
  when ${BASE} ~ ${sql.raw(YEAR)} then (${BASE} || '-01-01')::date::timestamptz
  when ${BASE} ~ ${sql.raw(MONTH)} then (${BASE} || '-01')::date::timestamptz
  when ${BASE} ~ ${sql.raw(RANGE)} then split_part(${BASE}, '..', 1)::date::timestamptz
  else '-infinity'::timestamptz end)`;
const periodEnd = sql`(case
  when ${BASE} ~ ${sql.raw(YEAR)} then (${BASE} || '-01-01')::date::timestamptz + interval '1 year'
  when ${BASE} ~ ${sql.raw(MONTH)} then (${BASE} || '-01')::date::timestamptz + interval '1 month'
  when ${BASE} ~ ${sql.raw(RANGE)}
    then split_part(${BASE}, '..', 2)::date::timestamptz + interval '1 day'
  else 'infinity'::timestamptz end)`;

/** An outside party without its person: the organisation stays, name and contact go. */
const withoutPerson = (
  column: typeof complaints.remediationParty | typeof measures.externalParty,
) =>
  sql`case when ${column} is null then null
    else jsonb_build_object('name', '', 'organisation', ${column}->'organisation', 'contact', null) end`;

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
     * Personal data goes: texts, names, contacts, client/project, the subject, the outside
     * party's person; the texts of its information requests, measures and the director's
     * private notes; its files (content and names), the texts of the letters and e-mails to the
     * complainant and the complainant's personal links (issue 11). Kind, category, dates,
     * deadlines, decision, cause, admissibility, verdict and close reason stay for the
     * statistics; the complainant's type, preferred contact and language as categories; each
     * letter's kind, channel, status and dates for the register.
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
          complainantEmail: null,
          complainantPhone: null,
          complainantAddress: null,
          relatedTo: null,
          sourceLink: null,
          subjectPersonId: null,
          motivation: null,
          resolution: null,
          correctiveMeasure: null,
          preventiveMeasure: null,
          objectionReason: null,
          finalOutcome: null,
          admissibilityMotivation: null,
          rootCause: null,
          agreedSolution: null,
          remediationParty: withoutPerson(complaints.remediationParty),
          extensionReason: null,
          committeeFollowUp: null,
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
      // The complaint's measures keep type, scope, owner, dates and the effectiveness verdict
      // (the improvement register's figures); their texts may quote the complaint.
      await tx
        .update(measures)
        .set({
          description: '',
          evidence: null,
          reviewNote: null,
          externalParty: withoutPerson(measures.externalParty),
        })
        .where(eq(measures.complaintId, complaintId));
      await tx
        .update(privateNotes)
        .set({ note: '' })
        .where(eq(privateNotes.complaintId, complaintId));
      // Issue 11: the files go entirely (content and name); a letter or e-mail keeps its kind,
      // channel, status and dates (the register counts them), not its words; the complainant's
      // links go, so an old e-mail's link opens only the "how to reach us" page.
      await tx.delete(attachments).where(eq(attachments.complaintId, complaintId));
      await tx
        .update(correspondence)
        .set({ subject: '', body: '', anonymisedAt: now })
        .where(eq(correspondence.complaintId, complaintId));
      await tx.delete(complainantLinks).where(eq(complainantLinks.complaintId, complaintId));
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
