import { createHash } from 'node:crypto';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { attachments, complaints } from '../../../db/schema/index.js';
import type { AttachmentRepository } from '../../app/attachments-port.js';
import type { Attachment, AttachmentSource } from '../../domain/attachment.js';
import type { Database } from './database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every column but the content: lists never read the bytes. */
const { content: _content, ...META } = getTableColumns(attachments);

type MetaRow = Omit<typeof attachments.$inferSelect, 'content'>;

function toAttachment(row: MetaRow): Attachment {
  return {
    id: row.id,
    complaintId: row.complaintId,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    addedBy: row.addedBy,
    source: row.source as AttachmentSource,
    addedAt: row.addedAt,
  };
}

/** The drizzle implementation of AttachmentRepository (issue 11). */
export function attachmentRepository(db: Database): AttachmentRepository {
  return {
    async insertAttachment(attachment, content) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const [inserted] = await db
        .insert(attachments)
        .values({ ...attachment, sha256, sizeBytes: content.byteLength, content })
        .onConflictDoNothing({ target: [attachments.complaintId, attachments.sha256] })
        .returning(META);
      if (inserted) return { attachment: toAttachment(inserted), duplicate: false };
      const [stored] = await db
        .select(META)
        .from(attachments)
        .where(
          and(eq(attachments.complaintId, attachment.complaintId), eq(attachments.sha256, sha256)),
        );
      if (!stored) throw new Error('attachment neither inserted nor found');
      return { attachment: toAttachment(stored), duplicate: true };
    },
    async listAttachments(complaintId) {
      if (!UUID.test(complaintId)) return [];
      const rows = await db
        .select(META)
        .from(attachments)
        .where(eq(attachments.complaintId, complaintId))
        .orderBy(asc(attachments.addedAt), asc(attachments.fileName), asc(attachments.id));
      return rows.map(toAttachment);
    },
    async attachmentBytes(complaintId) {
      if (!UUID.test(complaintId)) return 0;
      // The complaint's row is locked first: a second upload waits for this transaction.
      await db
        .select({ id: complaints.id })
        .from(complaints)
        .where(eq(complaints.id, complaintId))
        .for('update');
      const [row] = await db
        .select({ total: sql<number>`coalesce(sum(${attachments.sizeBytes}), 0)::int` })
        .from(attachments)
        .where(eq(attachments.complaintId, complaintId));
      return Number(row?.total ?? 0);
    },
    async readAttachment(id) {
      // The id comes from a signed token; anything that is not a uuid is simply not found.
      if (!UUID.test(id)) return null;
      const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
      if (!row) return null;
      const { content, ...meta } = row;
      return { attachment: toAttachment(meta), content: new Uint8Array(content) };
    },
    async deleteAttachments(complaintId) {
      if (!UUID.test(complaintId)) return 0;
      const deleted = await db
        .delete(attachments)
        .where(eq(attachments.complaintId, complaintId))
        .returning({ id: attachments.id });
      return deleted.length;
    },
  };
}
