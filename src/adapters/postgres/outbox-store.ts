import { eq, sql } from 'drizzle-orm';
import { outbox } from '../../../db/schema/index.js';
import type { ClaimedMessage, OutboxStore } from '../../app/ports.js';
import type { Database } from './database.js';
import { translatingErrors } from './errors.js';
import { rowsOf } from './migrate.js';

interface ClaimedRow {
  id: string | number;
  idempotency_key: string;
  kind: string;
  recipient_person_id: string | null;
  recipient_channel: string | null;
  complaint_id: string | null;
  payload: ClaimedMessage['payload'] | string;
  attempts: number;
  delivered_via: string[];
}

export function createOutboxStore(db: Database): OutboxStore {
  return translatingErrors<OutboxStore>({
    /**
     * Claims due rows for one delivery attempt. SKIP LOCKED lets replicas claim disjoint
     * batches; the lease makes a row claimable again if its claimer dies mid-delivery.
     */
    async claimDue(now, limit, leaseMs) {
      // Raw SQL parameters go to the driver as is: pass instants as ISO text (postgres.js
      // cannot serialise a Date in an untyped raw statement).
      const at = now.toISOString();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      const result = await db.execute(sql`
        with due as (
          select id from outbox
          where status = 'pending' and next_attempt_at <= ${at}::timestamptz
            and (lease_until is null or lease_until <= ${at}::timestamptz)
            -- A complaint committed a moment ago may still wait for its number.
            and not exists (select 1 from complaints c
              where c.id = outbox.complaint_id and c.reference like 'pending-%')
          order by next_attempt_at, id
          limit ${limit}
          for update skip locked
        )
        update outbox o set lease_until = ${leaseUntil}::timestamptz, attempts = o.attempts + 1
        from due where o.id = due.id
        returning o.id, o.idempotency_key, o.kind, o.recipient_person_id, o.recipient_channel,
          o.complaint_id, o.payload, o.attempts, o.delivered_via`);
      return rowsOf<ClaimedRow>(result).map(toClaimed);
    },
    async markDelivered(id, at) {
      await db
        .update(outbox)
        .set({ status: 'delivered', deliveredAt: at, leaseUntil: null, lastError: null })
        .where(eq(outbox.id, id));
    },
    async scheduleRetry(id, at, reason, deliveredVia) {
      await db
        .update(outbox)
        .set({ nextAttemptAt: at, leaseUntil: null, lastError: reason, deliveredVia })
        .where(eq(outbox.id, id));
    },
    async defer(id, at, reason, deliveredVia) {
      await db
        .update(outbox)
        .set({
          nextAttemptAt: at,
          leaseUntil: null,
          lastError: reason,
          deliveredVia,
          attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
        })
        .where(eq(outbox.id, id));
    },
    async park(id, reason) {
      await db
        .update(outbox)
        .set({ status: 'failed', leaseUntil: null, lastError: reason })
        .where(eq(outbox.id, id));
    },
  });
}

function toClaimed(row: ClaimedRow): ClaimedMessage {
  const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
  return {
    id: Number(row.id),
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    recipient: row.recipient_person_id
      ? { personId: row.recipient_person_id }
      : { channel: 'quality' },
    complaintId: row.complaint_id,
    payload,
    attempts: row.attempts,
    deliveredVia: row.delivered_via ?? [],
  };
}
