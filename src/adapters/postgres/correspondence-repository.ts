import { and, asc, eq } from 'drizzle-orm';
import { correspondence } from '../../../db/schema/index.js';
import type { CorrespondenceRepository } from '../../app/correspondence-port.js';
import type {
  Correspondence,
  CorrespondenceChannel,
  CorrespondenceKind,
  CorrespondenceStatus,
} from '../../domain/correspondence.js';
import type { Database } from './database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = typeof correspondence.$inferSelect;

function toCorrespondence(row: Row): Correspondence {
  return {
    id: row.id,
    complaintId: row.complaintId,
    kind: row.kind as CorrespondenceKind,
    channel: row.channel as CorrespondenceChannel,
    locale: row.locale === 'en' ? 'en' : 'nl',
    subject: row.subject,
    body: row.body,
    status: row.status as CorrespondenceStatus,
    draftedBy: row.draftedBy,
    sentBy: row.sentBy,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    postedOn: row.postedOn,
    postedBy: row.postedBy,
    anonymisedAt: row.anonymisedAt,
  };
}

/** The drizzle implementation of CorrespondenceRepository (issue 11). */
export function correspondenceRepository(db: Database): CorrespondenceRepository {
  return {
    async insertCorrespondence(draft) {
      const [row] = await db
        .insert(correspondence)
        .values({
          complaintId: draft.complaintId,
          kind: draft.kind,
          channel: draft.channel,
          locale: draft.locale,
          subject: draft.subject,
          body: draft.body,
          status: draft.status,
          draftedBy: draft.draftedBy,
          createdAt: draft.createdAt,
        })
        .returning();
      if (!row) throw new Error('correspondence not returned');
      return toCorrespondence(row);
    },
    async findCorrespondence(id) {
      // A button or link carries the id: anything else is simply not found.
      if (!UUID.test(id)) return null;
      const [row] = await db.select().from(correspondence).where(eq(correspondence.id, id));
      return row ? toCorrespondence(row) : null;
    },
    async listCorrespondence(complaintId) {
      if (!UUID.test(complaintId)) return [];
      const rows = await db
        .select()
        .from(correspondence)
        .where(eq(correspondence.complaintId, complaintId))
        .orderBy(asc(correspondence.createdAt), asc(correspondence.id));
      return rows.map(toCorrespondence);
    },
    async updateCorrespondence(next, expectedStatus) {
      const rows = await db
        .update(correspondence)
        .set({
          channel: next.channel,
          subject: next.subject,
          body: next.body,
          status: next.status,
          sentBy: next.sentBy,
          sentAt: next.sentAt,
          postedOn: next.postedOn,
          postedBy: next.postedBy,
          anonymisedAt: next.anonymisedAt,
        })
        .where(and(eq(correspondence.id, next.id), eq(correspondence.status, expectedStatus)))
        .returning({ id: correspondence.id });
      return rows.length === 1;
    },
  };
}
