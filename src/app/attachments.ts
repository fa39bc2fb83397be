import {
  ATTACHMENT_LIMITS,
  type Attachment,
  type AttachmentSource,
  checkAttachments,
  formatSize,
  safeFileName,
} from '../domain/attachment.js';
import type { Complaint } from '../domain/complaint.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { COMPLAINANT_ACTOR_ID, type Locale, type Person } from '../domain/people.js';
import type { AppDeps } from './deps.js';
import { type MessageKey, translate } from './messages/catalogue.js';
import { withDatabaseErrors } from './store-errors.js';
import { canView } from './view-complaint.js';

/** A file handed to the bot (Slack upload, Teams attachment, the complainant's page). */
export interface IncomingFile {
  fileName: string;
  /** As the platform or browser says; checked against the allowlist and the content. */
  mediaType: string;
  content: Uint8Array;
}

/** A stored file; `duplicate`: the same content was on the complaint already. */
export type AddedAttachment = Attachment & { duplicate: boolean };

const notFound = () => new DomainError('complaint.not_found', 'No such complaint');

/**
 * May `addedBy` add files to this complaint? The complainant (their page checked the link),
 * or an active person who may see the complaint. An anonymised complaint takes none.
 */
async function mayAdd(deps: AppDeps, addedBy: string, complaint: Complaint): Promise<boolean> {
  if (complaint.anonymisedAt !== null) return false;
  if (addedBy === COMPLAINANT_ACTOR_ID) return true;
  const person = await deps.store.repository.findPerson(addedBy);
  return !!person?.active && (await canView(deps, person, complaint));
}

/**
 * Stores files on a complaint (issue 11): every file checked (type allowlist by extension and
 * content, 10 MB each, 25 MB per complaint) before any is written; all or nothing, in one
 * transaction, one `attachment_added` audit entry per new file (ids, size and type only: the
 * name is content). A refused file throws a coded DomainError (`attachment.*`, details.index
 * says which file). `complaintId` may also be a reference; `addedBy` is a person id or
 * `complainant`. A complaint the person may not see is `complaint.not_found`.
 */
export async function addAttachments(
  deps: AppDeps,
  input: {
    complaintId: string;
    addedBy: string;
    source: AttachmentSource;
    files: readonly IncomingFile[];
  },
): Promise<AddedAttachment[]> {
  // What needs no database is refused before any database work.
  checkAttachments(input.files, 0);
  return withDatabaseErrors(async () => {
    const complaint = await deps.store.repository.findComplaint(input.complaintId);
    if (!complaint || !(await mayAdd(deps, input.addedBy, complaint))) throw notFound();
    const now = deps.clock.now();
    return deps.store.transaction(async (repo) => {
      const checked = checkAttachments(input.files, await repo.attachmentBytes(complaint.id));
      const added: AddedAttachment[] = [];
      for (const file of checked) {
        const { attachment, duplicate } = await repo.insertAttachment(
          {
            complaintId: complaint.id,
            fileName: file.fileName,
            mediaType: file.mediaType,
            sizeBytes: file.content.byteLength,
            addedBy: input.addedBy,
            source: input.source,
            addedAt: now,
          },
          file.content,
        );
        added.push({ ...attachment, duplicate });
        if (duplicate) continue;
        await repo.appendAudit({
          complaintId: complaint.id,
          actorId: input.addedBy,
          action: 'attachment_added',
          outcome: 'done',
          fromStatus: null,
          toStatus: null,
          metadata: {
            attachmentId: attachment.id,
            sizeBytes: attachment.sizeBytes,
            mediaType: attachment.mediaType,
            source: attachment.source,
          },
          at: now,
        });
      }
      return added;
    });
  });
}

/** The files on a complaint, for someone who may see it (else `complaint.not_found`). */
export async function listAttachments(
  deps: AppDeps,
  viewer: Person,
  complaintId: string,
): Promise<Attachment[]> {
  return withDatabaseErrors(async () => {
    const repo = deps.store.repository;
    const complaint = await repo.findComplaint(complaintId);
    if (!complaint || !viewer.active || !(await canView(deps, viewer, complaint))) {
      throw notFound();
    }
    return repo.listAttachments(complaint.id);
  });
}

/**
 * A file and its bytes for a private download, checked again at the moment of download: the
 * person is active and may (still) see the complaint, which is not anonymised. Null for
 * anything else, so a refusal says nothing about whether the file exists.
 */
export async function attachmentForDownload(
  deps: AppDeps,
  personId: string,
  attachmentId: string,
): Promise<{ attachment: Attachment; content: Uint8Array } | null> {
  const repo = deps.store.repository;
  const person = await repo.findPerson(personId);
  if (!person?.active) return null;
  const file = await repo.readAttachment(attachmentId);
  if (!file) return null;
  const complaint = await repo.findComplaint(file.attachment.complaintId);
  if (!complaint || complaint.anonymisedAt !== null) return null;
  return (await canView(deps, person, complaint)) ? file : null;
}

/**
 * A refused upload in words, naming the file and the limit: the sentence of the refusal and
 * that nothing of the batch was stored. Null for an error that is not a file's refusal.
 */
export function attachmentRefusal(
  locale: Locale,
  error: unknown,
  files: readonly Pick<IncomingFile, 'fileName'>[],
): string | null {
  if (!isDomainError(error) || !error.code.startsWith('attachment.')) return null;
  const index = typeof error.details.index === 'number' ? error.details.index : 0;
  const file = safeFileName(files[index]?.fileName ?? '');
  const size = (n: unknown) => formatSize(typeof n === 'number' ? n : 0, locale);
  const key = `attachment.refused.${error.code.slice('attachment.'.length)}` as MessageKey;
  const text = translate(locale, key, {
    file,
    extension: String(error.details.extension ?? ''),
    size: size(error.details.sizeBytes),
    stored: size(error.details.storedBytes),
    limit: size(
      error.code === 'attachment.complaint_full'
        ? ATTACHMENT_LIMITS.complaintBytes
        : ATTACHMENT_LIMITS.fileBytes,
    ),
  });
  return files.length > 1 ? `${text} ${translate(locale, 'attachment.refused.none_saved')}` : text;
}

/** What the bot answers after files were stored on a complaint. */
export function attachmentsSaved(
  locale: Locale,
  reference: string,
  added: readonly AddedAttachment[],
): string {
  const fresh = added.filter((a) => !a.duplicate);
  if (fresh.length === 0) return translate(locale, 'attachment.saved.duplicate', { reference });
  if (fresh.length === 1) {
    return translate(locale, 'attachment.saved.one', {
      file: fresh[0]?.fileName ?? '',
      reference,
    });
  }
  return translate(locale, 'attachment.saved.many', { count: fresh.length, reference });
}
