import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Attachment, FileConsentCardResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  dropRegisterFile,
  exportRegister,
  exportRequestIn,
  type RegisterFormat,
  readRegisterFile,
} from '../../app/export-register.js';
import { translate } from '../../app/messages/catalogue.js';
import type { Locale } from '../../domain/people.js';
import { errorText, identifyUser, isPersonalChat, type TeamsContext } from './context.js';

/** A file the bot offers in a 1:1 chat: Teams asks the user to allow it into their OneDrive. */
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
/** The file once uploaded: a card that opens it from the user's OneDrive. */
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';
/** How long the upload of one file to the user's OneDrive may take. */
const UPLOAD_TIMEOUT_MS = 30_000;

const consentContext = z.object({
  reportId: z.string().min(1),
  format: z.enum(['xlsx', 'csv']),
});

/**
 * A FileConsentCard for one file of a stored register: the user's Allow sends a
 * `fileConsent/invoke` with an upload URL in their OneDrive, and the file is uploaded then
 * (`registerExport`). Only the person the register is for can fetch it. Usable in a personal
 * (1:1) conversation only; the outbox's Teams delivery can send these for a `register_files`
 * message (payload.reportId) as well.
 */
export function fileConsentAttachment(
  reportId: string,
  file: { fileName: string; data: Uint8Array },
  description: string,
): Attachment {
  const format: RegisterFormat = file.fileName.endsWith('.csv') ? 'csv' : 'xlsx';
  const context = { reportId, format };
  return {
    contentType: FILE_CONSENT_CARD,
    name: file.fileName,
    content: {
      description,
      sizeInBytes: file.data.length,
      acceptContext: context,
      declineContext: context,
    },
  };
}

/** Plain text: what the user typed is never read as formatting. */
function say(turn: TurnContext, text: string) {
  return turn.sendActivity({ type: 'message', text, textFormat: 'plain' });
}

/** PUT of the whole file into the upload session Teams opened in the user's OneDrive. */
async function upload(url: string, data: Uint8Array): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      'content-range': `bytes 0-${data.length - 1}/${data.length}`,
    },
    body: data,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`upload answered ${response.status}`);
}

/** The consent card is done with once answered; a card that is already gone is fine. */
async function removeConsentCard(ctx: TeamsContext, turn: TurnContext): Promise<void> {
  const id = turn.activity.replyToId;
  if (!id) return;
  try {
    await turn.deleteActivity(id);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not remove the file consent card');
  }
}

/**
 * `export <period>` in the 1:1 chat (issue 13): the register as XLSX and CSV, each offered
 * with a FileConsentCard and uploaded into the person's own OneDrive when they allow it; never
 * in a channel or group chat (asked there, the bot says to ask in the 1:1 chat). The files
 * wait in the report store for this person only, and each is cleared once fetched or declined.
 */
export function registerExport(
  app: Application<TurnState>,
  ctx: TeamsContext,
  locale: (turn: TurnContext) => Locale,
): void {
  app.message(
    async (turn) => exportRequestIn(turn.activity.text ?? '') !== null,
    async (turn) => {
      const loc = locale(turn);
      if (!isPersonalChat(turn)) {
        await say(turn, translate(loc, 'export.personal_only'));
        return;
      }
      try {
        const person = await identifyUser(ctx, turn);
        const period = exportRequestIn(turn.activity.text ?? '') ?? '';
        const outcome = await exportRegister(ctx.deps, person, period, loc, { keep: true });
        if (!outcome.ok) {
          await say(turn, outcome.text);
          return;
        }
        const version = translate(loc, `export.version.${outcome.audience}`);
        for (const file of outcome.files) {
          const description = translate(loc, 'export.consent', {
            period: outcome.label,
            format: file.format.toUpperCase(),
            version,
          });
          await turn.sendActivity({
            type: 'message',
            attachments: [fileConsentAttachment(outcome.reportId ?? '', file, description)],
          });
        }
      } catch (error) {
        await say(turn, errorText(ctx, loc, error));
      }
    },
  );

  app.fileConsentAccept(async (turn, _state, response: FileConsentCardResponse) => {
    const loc = locale(turn);
    const context = consentContext.safeParse(response.context);
    const info = response.uploadInfo;
    try {
      if (!context.success || !info?.uploadUrl) {
        await say(turn, translate(loc, 'export.expired'));
        return;
      }
      const person = await identifyUser(ctx, turn);
      const { reportId, format } = context.data;
      // Read without clearing: a failed upload leaves the file for another Allow.
      const file = await readRegisterFile(ctx.deps, person, reportId, format);
      if (!file) {
        await say(turn, translate(loc, 'export.expired'));
        return;
      }
      try {
        await upload(info.uploadUrl, file.data);
      } catch (error) {
        ctx.logger.warn({ err: error }, 'register upload to OneDrive failed');
        await say(turn, translate(loc, 'export.upload_failed', { file: file.fileName }));
        return;
      }
      // In the person's OneDrive now: an export made on demand gives each file once.
      await dropRegisterFile(ctx.deps, person, reportId, format);
      await turn.sendActivity({
        type: 'message',
        attachments: [
          {
            contentType: FILE_INFO_CARD,
            contentUrl: info.contentUrl,
            name: info.name ?? file.fileName,
            content: { uniqueId: info.uniqueId, fileType: info.fileType ?? format },
          },
        ],
      });
      await removeConsentCard(ctx, turn);
    } catch (error) {
      await say(turn, errorText(ctx, loc, error));
    }
  });

  app.fileConsentDecline(async (turn, _state, response: FileConsentCardResponse) => {
    const loc = locale(turn);
    const context = consentContext.safeParse(response.context);
    try {
      if (context.success) {
        const person = await identifyUser(ctx, turn);
        await dropRegisterFile(ctx.deps, person, context.data.reportId, context.data.format);
      }
      const file = context.success ? context.data.format.toUpperCase() : '';
      await say(turn, translate(loc, 'export.declined', { file }));
      await removeConsentCard(ctx, turn);
    } catch (error) {
      await say(turn, errorText(ctx, loc, error));
    }
  });
}
