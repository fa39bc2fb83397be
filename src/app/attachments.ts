import type { Attachment, AttachmentSource } from '../domain/attachment.js';
import type { AppDeps } from './deps.js';

/** A file handed to the bot (Slack upload, Teams attachment, the complainant's page). */
export interface IncomingFile {
  fileName: string;
  /** As the platform or browser says; checked against the allowlist and the content. */
  mediaType: string;
  content: Uint8Array;
}

/**
 * Stores files on a complaint (issue 11): every file checked (type allowlist, 10 MB each,
 * 25 MB per complaint) before any is written; all or nothing, in one transaction. A refused
 * file throws a coded DomainError with a localisable reason.
 * `addedBy` is a person id or `complainant`.
 */
export async function addAttachments(
  _deps: AppDeps,
  _input: {
    complaintId: string;
    addedBy: string;
    source: AttachmentSource;
    files: readonly IncomingFile[];
  },
): Promise<Attachment[]> {
  throw new Error('not implemented yet');
}
