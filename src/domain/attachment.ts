/**
 * Files on a complaint (issue 11): a letter's scan, photos, an e-mail. Which types and sizes
 * are accepted, and how a name is made safe to store and show. Pure: no I/O.
 */
export interface Attachment {
  id: string;
  complaintId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** A person id, or `complainant`. */
  addedBy: string;
  /** slack, teams, page or web_form. */
  source: AttachmentSource;
  addedAt: Date;
}

export const ATTACHMENT_SOURCES = ['slack', 'teams', 'page', 'web_form'] as const;
export type AttachmentSource = (typeof ATTACHMENT_SOURCES)[number];

/** At most 10 MB per file and 25 MB per complaint. */
export const ATTACHMENT_LIMITS = { fileBytes: 10 * 1024 * 1024, complaintBytes: 25 * 1024 * 1024 };
