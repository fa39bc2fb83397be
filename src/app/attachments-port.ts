import type { Attachment } from '../domain/attachment.js';

/** What the use case hands over; the repository computes the SHA-256 of the content. */
export type NewAttachment = Omit<Attachment, 'id' | 'sha256'>;

/** Files on complaints (issue 11): part of the Repository, so in its transactions. */
export interface AttachmentRepository {
  /**
   * Stores a file with the SHA-256 of its content; the same content on the same complaint
   * again returns the stored one (`duplicate`).
   */
  insertAttachment(
    attachment: NewAttachment,
    content: Uint8Array,
  ): Promise<{ attachment: Attachment; duplicate: boolean }>;
  /** A complaint's files (without content), oldest first. */
  listAttachments(complaintId: string): Promise<Attachment[]>;
  /**
   * The bytes stored on a complaint so far (the 25 MB limit). In a transaction it locks the
   * complaint's row until the end, so two uploads at once cannot both pass the limit.
   */
  attachmentBytes(complaintId: string): Promise<number>;
  readAttachment(id: string): Promise<{ attachment: Attachment; content: Uint8Array } | null>;
  /** Deletes every file of a complaint (retention); returns how many. */
  deleteAttachments(complaintId: string): Promise<number>;
}

/**
 * Private download links (adapter: src/adapters/http/downloads.ts), signed for one person and
 * valid for minutes; absent when the service has no link secret or public address.
 */
export interface DownloadLinks {
  attachmentLink(attachmentId: string, personId: string, now: Date): string;
}
