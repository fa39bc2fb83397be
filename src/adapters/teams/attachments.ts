import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Attachment as ActivityAttachment, TurnContext } from 'botbuilder';
import {
  addAttachments,
  attachmentRefusal,
  attachmentsSaved,
  type IncomingFile,
} from '../../app/attachments.js';
import { translate } from '../../app/messages/catalogue.js';
import { ATTACHMENT_LIMITS } from '../../domain/attachment.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/people.js';
import { readCapped } from '../http/downloads.js';
import { errorText, identifyUser, type TeamsContext } from './context.js';

/** What Teams sends for a file in a 1:1 chat with a bot (file consent given). */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const REFERENCE = /\bKL-\d{4}-\d{1,9}\b/i;

interface DownloadInfo {
  downloadUrl?: string;
  fileType?: string;
}

function fileAttachments(turn: TurnContext): ActivityAttachment[] {
  return (turn.activity.attachments ?? []).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/** A personal chat with files (not a group chat or channel). */
function isFileMessage(turn: TurnContext): boolean {
  const a = turn.activity;
  const personal = !a.conversation?.isGroup && a.conversation?.conversationType !== 'channel';
  return a.type === 'message' && personal && fileAttachments(turn).length > 0;
}

/** Where Teams puts the files of a 1:1 chat: the user's OneDrive (SharePoint). */
const FILE_HOSTS = [/\.sharepoint\.com$/i, /\.sharepoint\.de$/i, /^graph\.microsoft\.com$/i];

/**
 * The download URL Teams hands out is pre-authorised (SharePoint/OneDrive, https); plain http
 * only to this machine (local mode and tests). Nothing else is fetched, and redirects are not
 * followed, so an activity cannot make the bot fetch another address.
 */
function allowedUrl(raw: string | undefined): URL | null {
  try {
    const url = new URL(raw ?? '');
    if (url.protocol === 'https:') return FILE_HOSTS.some((h) => h.test(url.hostname)) ? url : null;
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? url : null;
  } catch {
    return null;
  }
}

class FetchFailed extends Error {
  constructor(readonly fileName: string) {
    super('Teams file could not be fetched');
  }
}

async function download(attachment: ActivityAttachment, index: number): Promise<IncomingFile> {
  const info = (attachment.content ?? {}) as DownloadInfo;
  const fileName = attachment.name ?? `bijlage.${info.fileType ?? ''}`;
  const url = allowedUrl(info.downloadUrl);
  if (!url) throw new FetchFailed(fileName);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new FetchFailed(fileName);
  }
  if (!response.ok) throw new FetchFailed(fileName);
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooLarge = (size: number) =>
    new DomainError('attachment.too_large', 'File too large', {
      index,
      sizeBytes: size,
      limitBytes: ATTACHMENT_LIMITS.fileBytes,
    });
  if (length > ATTACHMENT_LIMITS.fileBytes) {
    await response.body?.cancel();
    throw tooLarge(length);
  }
  const content = await readCapped(response, ATTACHMENT_LIMITS.fileBytes);
  if (!content) throw tooLarge(ATTACHMENT_LIMITS.fileBytes + 1);
  return { fileName, mediaType: 'application/octet-stream', content };
}

/** Downloads the files of a message and stores them on the complaint it names; the answer. */
async function attachTeamsFiles(ctx: TeamsContext, turn: TurnContext, locale: Locale) {
  const reference = REFERENCE.exec(turn.activity.text ?? '')?.[0]?.toUpperCase();
  if (!reference) return translate(locale, 'attachment.no_reference');
  const attachments = fileAttachments(turn);
  const names = attachments.map((a) => ({ fileName: a.name ?? '' }));
  try {
    const person = await identifyUser(ctx, turn);
    const files: IncomingFile[] = [];
    for (const [index, attachment] of attachments.entries()) {
      files.push(await download(attachment, index));
    }
    const added = await addAttachments(ctx.deps, {
      complaintId: reference,
      addedBy: person.id,
      source: 'teams',
      files,
    });
    return attachmentsSaved(locale, reference, added);
  } catch (error) {
    if (error instanceof FetchFailed) {
      ctx.logger.warn({}, 'Teams file not fetched');
      return translate(locale, 'attachment.fetch_failed', { file: error.fileName });
    }
    const refusal = attachmentRefusal(locale, error, names);
    if (refusal) return refusal;
    if (isDomainError(error) && error.code === 'complaint.not_found') {
      return translate(locale, 'attachment.not_found', { reference });
    }
    return errorText(ctx, locale, error);
  }
}

/**
 * Files sent to the bot in the 1:1 chat, with a complaint's reference in the text: stored on
 * that complaint when the person may see it, all or nothing; the answer goes back as plain
 * text (file names are user text). Register before the other message routes.
 */
export function registerAttachmentMessages(
  app: Application<TurnState>,
  ctx: TeamsContext,
  locale: (turn: TurnContext) => Locale,
): void {
  app.activity(
    async (turn) => isFileMessage(turn),
    async (turn) => {
      const text = await attachTeamsFiles(ctx, turn, locale(turn));
      await turn.sendActivity({ type: 'message', text, textFormat: 'plain' });
    },
  );
}
