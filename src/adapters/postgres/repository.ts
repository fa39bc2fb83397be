import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import {
  auditEvents,
  categories,
  complaints,
  infoRequests,
  measures,
  messageRefs,
  outbox,
  privateNotes,
  processedRequests,
} from '../../../db/schema/index.js';
import type {
  AuditEntry,
  ComplaintQuery,
  MeasureQuery,
  MessageRef,
  NewMeasure,
  OutboxMessage,
  Repository,
} from '../../app/ports.js';
import { isPendingReference } from '../../domain/reference.js';
import { attachmentRepository } from './attachment-repository.js';
import { complainantLinkRepository } from './complainant-link-repository.js';
import { correspondenceRepository } from './correspondence-repository.js';
import type { Database } from './database.js';
import {
  complaintChanges,
  measureChanges,
  newComplaintRow,
  toCategory,
  toComplaint,
  toInfoRequest,
  toMeasure,
} from './mappers.js';
import { rowsOf } from './migrate.js';
import { peopleRepository } from './people-repository.js';

/**
 * The id of the measure a request creates, derived from its request key (UUID-shaped, version
 * 8 "custom", from SHA-256): a repeated request finds the measure the first one created.
 */
export function measureIdFor(requestKey: string): string {
  const hex = createHash('sha256').update(`measure:${requestKey}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLOSED = ['closed', 'withdrawn'];

/** The drizzle implementation of the app's Repository port, bound to a pool or a transaction. */
export function createRepository(db: Database): Repository {
  const repository: Repository = {
    ...peopleRepository(db),
    ...correspondenceRepository(db),
    ...attachmentRepository(db),
    ...complainantLinkRepository(db),
    async findCategory(key) {
      const [row] = await db.select().from(categories).where(eq(categories.key, key));
      return row ? toCategory(row) : null;
    },
    async listCategories() {
      const rows = await db.select().from(categories).orderBy(asc(categories.position));
      return rows.map(toCategory);
    },

    async insertComplaint(complaint, reference) {
      const [row] = await db
        .insert(complaints)
        .values(newComplaintRow(complaint, reference))
        .returning();
      if (!row) throw new Error('complaint not returned');
      return toComplaint(row);
    },
    async assignReference(complaintId) {
      // One statement, committed on its own: the counter row is locked only while PostgreSQL
      // runs it, never across a round trip to the service. The complaint is locked first and
      // must still carry its placeholder, so a complaint is numbered once and the counter
      // never skips. The year is the placeholder's (pendingReference); the format is
      // formatReference's (src/domain/reference.ts), and the register suite checks they agree.
      const result = await db.execute(sql`
        with target as (
          select id, split_part(reference, '-', 2)::int as year from complaints
          where id = ${complaintId} and reference like 'pending-%'
          for update
        ), next as (
          insert into reference_counters (year, last) select year, 1 from target
          on conflict (year) do update set last = reference_counters.last + 1
          returning year, last
        )
        update complaints set reference =
          'KL-' || next.year || '-' || lpad(next.last::text, greatest(4, length(next.last::text)), '0')
        from next where complaints.id = ${complaintId}
        returning complaints.reference`);
      const [row] = rowsOf<{ reference: string }>(result);
      if (row) return row.reference;
      // Already numbered (a resubmit, or the start-up repair got there first).
      const [existing] = await db
        .select({ reference: complaints.reference })
        .from(complaints)
        .where(eq(complaints.id, complaintId));
      if (!existing || isPendingReference(existing.reference)) {
        throw new Error(`complaint ${complaintId} could not be numbered`);
      }
      return existing.reference;
    },
    async assignPendingReferences() {
      const pending = await db
        .select({ id: complaints.id })
        .from(complaints)
        .where(sql`${complaints.reference} like 'pending-%'`)
        .orderBy(asc(complaints.registeredAt), asc(complaints.id));
      for (const { id } of pending) await repository.assignReference(id);
      return pending.length;
    },
    async findComplaint(idOrReference) {
      const where = UUID.test(idOrReference)
        ? eq(complaints.id, idOrReference)
        : eq(complaints.reference, idOrReference.trim().toUpperCase());
      const [row] = await db.select().from(complaints).where(where);
      return row ? toComplaint(row) : null;
    },
    async findComplaintByIntakeKey(intakeKey) {
      const [row] = await db.select().from(complaints).where(eq(complaints.intakeKey, intakeKey));
      return row ? toComplaint(row) : null;
    },
    async updateComplaint(next, expectedVersion) {
      const updated = await db
        .update(complaints)
        .set(complaintChanges(next))
        .where(and(eq(complaints.id, next.id), eq(complaints.version, expectedVersion)))
        .returning({ id: complaints.id });
      return updated.length === 1;
    },
    async listComplaints(query: ComplaintQuery) {
      const conditions = [
        query.reporterId ? eq(complaints.reporterId, query.reporterId) : undefined,
        query.handlerId ? eq(complaints.handlerId, query.handlerId) : undefined,
        query.categoryKey ? eq(complaints.categoryKey, query.categoryKey) : undefined,
        query.openOnly ? notInArray(complaints.status, CLOSED) : undefined,
      ].filter((c) => c !== undefined);
      // Newest first; the id breaks ties so paging with an offset never repeats or skips a row.
      const rows = await db
        .select()
        .from(complaints)
        .where(and(...conditions))
        .orderBy(desc(complaints.registeredAt), desc(complaints.id))
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0);
      return rows.map(toComplaint);
    },

    async insertPrivateNote(note) {
      const [row] = await db.insert(privateNotes).values(note).returning({ id: privateNotes.id });
      if (!row) throw new Error('private note not returned');
      return row.id;
    },
    async listPrivateNotes(complaintId) {
      return db
        .select()
        .from(privateNotes)
        .where(eq(privateNotes.complaintId, complaintId))
        .orderBy(asc(privateNotes.at));
    },

    async insertInfoRequest(request) {
      const [row] = await db
        .insert(infoRequests)
        .values(request)
        .returning({ id: infoRequests.id });
      if (!row) throw new Error('info request not returned');
      return row.id;
    },
    async answerOpenInfoRequest(complaintId, answer, at) {
      const [open] = await db
        .select({ id: infoRequests.id })
        .from(infoRequests)
        .where(and(eq(infoRequests.complaintId, complaintId), isNull(infoRequests.answeredAt)))
        .orderBy(desc(infoRequests.askedAt))
        .limit(1);
      if (!open) return null;
      await db
        .update(infoRequests)
        .set({ answer, answeredAt: at })
        .where(eq(infoRequests.id, open.id));
      return open.id;
    },
    async listInfoRequests(complaintId) {
      const rows = await db
        .select()
        .from(infoRequests)
        .where(eq(infoRequests.complaintId, complaintId))
        .orderBy(asc(infoRequests.askedAt));
      return rows.map(toInfoRequest);
    },
    async insertMeasure({ requestKey, ...measure }: NewMeasure) {
      const id = requestKey === undefined ? undefined : measureIdFor(requestKey);
      const [row] = await db
        .insert(measures)
        .values({ ...measure, id })
        .returning({ id: measures.id });
      if (!row) throw new Error('measure not returned');
      return row.id;
    },
    async listMeasures(complaintId) {
      const rows = await db
        .select()
        .from(measures)
        .where(eq(measures.complaintId, complaintId))
        .orderBy(asc(measures.createdAt));
      return rows.map(toMeasure);
    },
    async findMeasure(id) {
      if (!UUID.test(id)) return null;
      const [row] = await db.select().from(measures).where(eq(measures.id, id));
      return row ? toMeasure(row) : null;
    },
    async findMeasureByRequestKey(requestKey) {
      return repository.findMeasure(measureIdFor(requestKey));
    },
    async updateMeasure(next, expectedStatus) {
      const rows = await db
        .update(measures)
        .set(measureChanges(next))
        .where(and(eq(measures.id, next.id), eq(measures.status, expectedStatus)))
        .returning({ id: measures.id });
      return rows.length === 1;
    },
    async listAllMeasures(query: MeasureQuery) {
      const conditions = [
        query.ownerId === undefined ? undefined : eq(measures.ownerId, query.ownerId),
        query.statuses === undefined ? undefined : inArray(measures.status, [...query.statuses]),
      ];
      const rows = await db
        .select({
          measure: measures,
          reference: complaints.reference,
          concernsEmployee: complaints.concernsEmployee,
          subjectPersonId: complaints.subjectPersonId,
          reporterId: complaints.reporterId,
        })
        .from(measures)
        .leftJoin(complaints, eq(complaints.id, measures.complaintId))
        .where(and(...conditions))
        .orderBy(desc(measures.createdAt), desc(measures.id))
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0);
      return rows.map((row) => ({
        ...toMeasure(row.measure),
        complaintReference: row.reference,
        complaintConcernsEmployee: row.concernsEmployee ?? false,
        complaintSubjectPersonId: row.concernsEmployee ? row.subjectPersonId : null,
        complaintReporterId: row.concernsEmployee ? row.reporterId : null,
      }));
    },
    async listFollowUps(measureIds) {
      const ids = measureIds.filter((id) => UUID.test(id));
      if (ids.length === 0) return [];
      const rows = await db
        .select()
        .from(measures)
        .where(inArray(measures.followUpOf, ids))
        .orderBy(asc(measures.createdAt), asc(measures.id));
      return rows.map(toMeasure);
    },
    async ownsMeasure(personId) {
      const rows = await db
        .select({ id: measures.id })
        .from(measures)
        .where(eq(measures.ownerId, personId))
        .limit(1);
      return rows.length > 0;
    },
    async measuresDueForReview(today) {
      const rows = await db
        .select()
        .from(measures)
        .where(
          and(
            eq(measures.status, 'implemented'),
            lte(measures.reviewDueOn, today),
            isNull(measures.effective),
          ),
        )
        .orderBy(asc(measures.reviewDueOn), asc(measures.id));
      return rows.map(toMeasure);
    },
    async measuresAwaitingFollowUp() {
      const rows = await db
        .select()
        .from(measures)
        .where(
          and(
            eq(measures.status, 'not_effective'),
            sql`not exists (select 1 from ${measures} as follow_up where follow_up.follow_up_of = ${measures.id})`,
          ),
        )
        .orderBy(asc(measures.reviewedAt), asc(measures.id));
      return rows.map(toMeasure);
    },

    async appendAudit(entry: AuditEntry) {
      await db.insert(auditEvents).values(entry);
    },
    async listAudit(complaintId) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.complaintId, complaintId))
        .orderBy(asc(auditEvents.id));
      return rows.map((row) => ({
        complaintId: row.complaintId,
        actorId: row.actorId,
        action: row.action,
        outcome: row.outcome as AuditEntry['outcome'],
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        metadata: row.metadata as AuditEntry['metadata'],
        at: row.at,
      }));
    },
    async enqueue(messages: readonly OutboxMessage[], now: Date) {
      if (messages.length === 0) return;
      const rows = messages.map((m) => ({
        idempotencyKey: m.idempotencyKey,
        kind: m.kind,
        recipientPersonId: 'personId' in m.recipient ? m.recipient.personId : null,
        recipientChannel: 'channel' in m.recipient ? m.recipient.channel : null,
        complaintId: m.complaintId,
        payload: m.payload,
      }));
      // The rows travel as one JSON parameter: drizzle's multi-row VALUES builder costs about
      // 0.1 ms of CPU a row (a daily job enqueues thousands), and no parameter limit applies.
      // Raw parameters go to the driver as is: the instant as ISO text.
      const at = now.toISOString();
      await db.execute(sql`
        insert into ${outbox} (idempotency_key, kind, recipient_person_id, recipient_channel,
          complaint_id, payload, next_attempt_at, created_at)
        select "idempotencyKey", kind, "recipientPersonId", "recipientChannel", "complaintId",
          coalesce(payload, '{}'::jsonb), ${at}::timestamptz, ${at}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("idempotencyKey" text,
          kind text, "recipientPersonId" text, "recipientChannel" text, "complaintId" uuid,
          payload jsonb)
        on conflict (idempotency_key) do nothing`);
    },
    async saveMessageRef(ref: MessageRef) {
      await db
        .insert(messageRefs)
        .values(ref)
        .onConflictDoUpdate({
          target: [
            messageRefs.complaintId,
            messageRefs.personId,
            messageRefs.surface,
            messageRefs.kind,
          ],
          set: { channelId: ref.channelId, messageId: ref.messageId, updatedAt: ref.updatedAt },
        });
    },
    async findMessageRef(complaintId, personId, surface, kind) {
      const [row] = await db
        .select()
        .from(messageRefs)
        .where(
          and(
            eq(messageRefs.complaintId, complaintId),
            eq(messageRefs.personId, personId),
            eq(messageRefs.surface, surface),
            eq(messageRefs.kind, kind),
          ),
        );
      return row ?? null;
    },
    async claimRequestKey(key, at) {
      const inserted = await db
        .insert(processedRequests)
        .values({ key, at })
        .onConflictDoNothing()
        .returning({ key: processedRequests.key });
      return inserted.length === 1;
    },
  };
  return repository;
}
