import { and, asc, count, eq, inArray, lt, max, ne, sql } from 'drizzle-orm';
import { complaints, reminderLedger } from '../../../db/schema/index.js';
import type { LedgerEntry, ReminderLedger, ReminderQueries } from '../../app/jobs/ports.js';
import type { Database } from './database.js';
import { translatingErrors } from './errors.js';
import { rowsOf } from './migrate.js';

interface Pending {
  entry: LedgerEntry;
  resolve(inserted: boolean): void;
  reject(error: unknown): void;
}

/**
 * The reminder ledger; the unique once-key turns a repeated send into a no-op.
 *
 * `record` calls made in the same tick are queued and written together by one INSERT …
 * ON CONFLICT DO NOTHING (a batch of reminders costs one statement, not one per row). Each
 * call still learns whether its own row went in; a once-key that appears twice in one batch
 * counts as inserted for the first call only, as with separate INSERTs. If the statement
 * fails, every call of the batch fails and none of its rows is there.
 */
export function createReminderLedger(db: Database): ReminderLedger {
  let pending: Pending[] = [];

  async function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    let inserted: Set<string>;
    try {
      // The rows travel as one JSON parameter: drizzle's multi-row VALUES builder costs about
      // 0.1 ms of CPU a row, and the parameter count no longer limits the batch size.
      const rows = rowsOf<{ once_key: string }>(
        await db.execute(sql`
          insert into ${reminderLedger}
            (complaint_id, measure_id, kind, recipient_person_id, for_date, once_key, sent_at)
          select "complaintId", "measureId", kind, "recipientPersonId", "forDate", "onceKey", "sentAt"
          from jsonb_to_recordset(${JSON.stringify(batch.map((p) => p.entry))}::jsonb) as r(
            "complaintId" uuid, "measureId" uuid, kind text, "recipientPersonId" text,
            "forDate" date, "onceKey" text, "sentAt" timestamptz)
          on conflict (once_key) do nothing
          returning once_key`),
      );
      inserted = new Set(rows.map((row) => row.once_key));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve(inserted.delete(p.entry.onceKey));
  }

  return {
    record(entry) {
      return new Promise<boolean>((resolve, reject) => {
        if (pending.push({ entry, resolve, reject }) === 1) queueMicrotask(() => void flush());
      });
    },
    // Index reminder_ledger_complaint_idx (complaint_id, kind) answers the complaint case.
    async history(subject, kind) {
      const where =
        'complaintId' in subject
          ? eq(reminderLedger.complaintId, subject.complaintId)
          : eq(reminderLedger.measureId, subject.measureId);
      const [row] = await db
        .select({ n: count(), last: max(reminderLedger.forDate) })
        .from(reminderLedger)
        .where(and(where, eq(reminderLedger.kind, kind)));
      return { count: Number(row?.n ?? 0), lastForDate: row?.last ?? null };
    },
  };
}

/** The reminder scan's read, done by PostgreSQL instead of loading every open complaint. */
export function createReminderQueries(db: Database): ReminderQueries {
  return translatingErrors<ReminderQueries>({
    // Only the idle complaints reach the lateral history lookup, which the index
    // reminder_ledger_complaint_idx (complaint_id, kind) answers per complaint.
    async idleComplaints(statuses, progressBefore, kind) {
      const history = db
        .select({
          n: sql<number>`count(*)::int`.as('n'),
          last: sql<string | null>`max(${reminderLedger.forDate})::text`.as('last'),
        })
        .from(reminderLedger)
        .where(and(eq(reminderLedger.complaintId, complaints.id), eq(reminderLedger.kind, kind)))
        .as('history');
      const rows = await db
        .select({
          complaintId: complaints.id,
          reference: complaints.reference,
          handlerId: complaints.handlerId,
          lastProgressAt: complaints.lastProgressAt,
          n: history.n,
          last: history.last,
        })
        .from(complaints)
        .leftJoinLateral(history, sql`true`)
        .where(
          and(
            inArray(complaints.status, [...statuses]),
            lt(complaints.lastProgressAt, progressBefore),
            // Tips take the light path: no reminders.
            ne(complaints.kind, 'feedback'),
          ),
        )
        .orderBy(asc(complaints.id));
      return rows.map(({ n, last, ...row }) => ({
        ...row,
        history: { count: Number(n ?? 0), lastForDate: last ?? null },
      }));
    },
    // Index reminder_ledger_complaint_idx (complaint_id, kind); starts_with, not LIKE: once-keys
    // contain underscores.
    async rounds(complaintId, kind, keyPrefix) {
      const [row] = await db
        .select({
          rounds: sql<number>`count(distinct ${reminderLedger.forDate})::int`,
          last: sql<string | null>`max(${reminderLedger.forDate})::text`,
        })
        .from(reminderLedger)
        .where(
          and(
            eq(reminderLedger.complaintId, complaintId),
            eq(reminderLedger.kind, kind),
            sql`starts_with(${reminderLedger.onceKey}, ${keyPrefix})`,
          ),
        );
      return { rounds: Number(row?.rounds ?? 0), lastForDate: row?.last ?? null };
    },
  });
}
