import type { Attachment } from '../domain/attachment.js';

export type NewAttachment = Omit<Attachment, 'id'>;

/** Files on complaints (issue 11): part of the Repository, so in its transactions. */
export interface AttachmentRepository {
  /** Stores a file; the same content on the same complaint again returns the stored one. */
  insertAttachment(
    attachment: NewAttachment,
    content: Uint8Array,
  ): Promise<{ attachment: Attachment; duplicate: boolean }>;
  listAttachments(complaintId: string): Promise<Attachment[]>;
  /** The bytes stored on a complaint so far (the 25 MB limit). */
  attachmentBytes(complaintId: string): Promise<number>;
  readAttachment(id: string): Promise<{ attachment: Attachment; content: Uint8Array } | null>;
}
