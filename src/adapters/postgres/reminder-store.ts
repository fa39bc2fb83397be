import { and, count, eq, max } from 'drizzle-orm';
import { reminderLedger } from '../../../db/schema/index.js';
import type { ReminderLedger } from '../../app/jobs/ports.js';
import type { Database } from './database.js';

/** The reminder ledger; the unique once-key turns a repeated send into a no-op. */
export function createReminderLedger(db: Database): ReminderLedger {
  return {
    async record(entry) {
      const inserted = await db
        .insert(reminderLedger)
        .values(entry)
        .onConflictDoNothing({ target: reminderLedger.onceKey })
        .returning({ id: reminderLedger.id });
      return inserted.length === 1;
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
