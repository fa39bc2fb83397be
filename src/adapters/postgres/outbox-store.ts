import { and, eq, gte, sql } from 'drizzle-orm';
import { deliveryPauses, outbox } from '../../../db/schema/index.js';
import type { DispatchOutboxStore, ParkedOutbox } from '../../app/outbox-ports.js';
import type { ClaimedMessage } from '../../app/ports.js';
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

export function createOutboxStore(db: Database): DispatchOutboxStore & ParkedOutbox {
  return translatingErrors<DispatchOutboxStore & ParkedOutbox>({
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
    /**
     * One statement: the slot of `scope` is free and none of the paused scopes blocks, then
     * the slot is taken (its next one `intervalMs` later). Two replicas racing for the same
     * slot: the upsert's WHERE is re-checked on the locked row, so only one takes it.
     */
    async takeSlot(surface, scope, intervalMs, paused, now) {
      const at = now.toISOString();
      const next = new Date(now.getTime() + intervalMs).toISOString();
      const scopes = sql.join(
        [scope, ...paused].map((s) => sql`${s}`),
        sql`, `,
      );
      const result = await db.execute(sql`
        with blocked as (
          select max(not_before) as until from delivery_pauses
          where surface = ${surface} and scope in (${scopes}) and not_before > ${at}::timestamptz
        ), taken as (
          insert into delivery_pauses (surface, scope, not_before)
          select ${surface}, ${scope}, ${next}::timestamptz from blocked where until is null
          on conflict (surface, scope) do update set not_before = excluded.not_before
            where delivery_pauses.not_before <= ${at}::timestamptz
          returning 1
        )
        select (select until from blocked) as until, (select count(*)::int from taken) as taken`);
      const row = rowsOf<{ until: string | Date | null; taken: number | string }>(result)[0];
      if (Number(row?.taken ?? 0) > 0) return 0;
      // Lost a race for the same slot: the winner's slot lasts intervalMs.
      if (!row?.until) return intervalMs;
      return Math.max(1, new Date(row.until).getTime() - now.getTime());
    },
    async pause(surface, scope, until) {
      await db
        .insert(deliveryPauses)
        .values({ surface, scope, notBefore: until })
        .onConflictDoUpdate({
          target: [deliveryPauses.surface, deliveryPauses.scope],
          set: { notBefore: sql`greatest(${deliveryPauses.notBefore}, excluded.not_before)` },
        });
    },
    async listParked(limit) {
      const rows = await db
        .select({
          id: outbox.id,
          kind: outbox.kind,
          reason: outbox.lastError,
          since: outbox.createdAt,
        })
        .from(outbox)
        .where(eq(outbox.status, 'failed'))
        .orderBy(outbox.id)
        .limit(limit);
      return rows.map((r) => ({ ...r, reason: r.reason ?? '' }));
    },
    async redrive(selection, now) {
      const which =
        'id' in selection
          ? eq(outbox.id, selection.id)
          : selection.since
            ? gte(outbox.createdAt, selection.since)
            : undefined;
      const rows = await db
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null })
        .where(and(eq(outbox.status, 'failed'), which))
        .returning({ id: outbox.id });
      return rows.map((r) => r.id).sort((a, b) => a - b);
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
      : { channel: row.recipient_channel === 'complainant' ? 'complainant' : 'quality' },
    complaintId: row.complaint_id,
    payload,
    attempts: row.attempts,
    deliveredVia: row.delivered_via ?? [],
  };
}
