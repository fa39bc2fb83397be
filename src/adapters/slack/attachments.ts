import type { webApi } from '@slack/bolt';
import {
  addAttachments,
  attachmentRefusal,
  attachmentsSaved,
  type IncomingFile,
} from '../../app/attachments.js';
import { translate } from '../../app/messages/catalogue.js';
import { ATTACHMENT_LIMITS } from '../../domain/attachment.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Locale, Person } from '../../domain/people.js';
import { readCapped } from '../http/downloads.js';
import { escapeMrkdwn } from './block-kit/text.js';
import { errorText, type SlackRuntime, slackErrorCode } from './runtime.js';

type WebClient = webApi.WebClient;

/** A file that could not be fetched from Slack (its name, for the message). */
class FetchFailed extends Error {
  constructor(readonly fileName: string) {
    super('Slack file could not be fetched');
  }
}

/**
 * The bot token goes only to Slack's own file hosts (or the configured API's host, e.g. a
 * local fake): a download URL elsewhere is not fetched.
 */
function trustedUrl(client: WebClient, raw: string): URL | null {
  try {
    const url = new URL(raw);
    const api = new URL(client.slackApiUrl);
    if (url.host === api.host) return url;
    return url.protocol === 'https:' && url.hostname.endsWith('.slack.com') ? url : null;
  } catch {
    return null;
  }
}

const tooLarge = (index: number, sizeBytes: number) =>
  new DomainError('attachment.too_large', 'File too large', {
    index,
    sizeBytes,
    limitBytes: ATTACHMENT_LIMITS.fileBytes,
  });

/**
 * files.info, then `url_private_download` with the bot token. A file Slack says is over the
 * limit is refused before it is downloaded (coded error naming its index).
 */
async function fetchSlackFile(client: WebClient, fileId: string, index: number) {
  let name = fileId;
  try {
    const { file } = await client.files.info({ file: fileId });
    name = file?.name ?? file?.title ?? fileId;
    const declared = file?.size ?? 0;
    if (declared > ATTACHMENT_LIMITS.fileBytes) return { name, error: tooLarge(index, declared) };
    const url = trustedUrl(client, file?.url_private_download ?? file?.url_private ?? '');
    if (!url) throw new FetchFailed(name);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${client.token ?? ''}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new FetchFailed(name);
    const content = await readCapped(response, ATTACHMENT_LIMITS.fileBytes);
    if (!content) {
      // More bytes than files.info said: at least one over the limit.
      return { name, error: tooLarge(index, Math.max(declared, ATTACHMENT_LIMITS.fileBytes + 1)) };
    }
    const incoming: IncomingFile = {
      fileName: name,
      mediaType: file?.mimetype ?? 'application/octet-stream',
      content,
    };
    return { name, file: incoming };
  } catch (error) {
    if (error instanceof FetchFailed) throw error;
    throw Object.assign(new FetchFailed(name), { cause: slackErrorCode(error) });
  }
}

/**
 * Fetches Slack files and stores them on a complaint, all or nothing, and says what happened
 * in words for the person (the caller delivers it privately). `reference` names the complaint
 * in the answer; `complaintId` may be its id or reference.
 */
export async function attachSlackFiles(
  runtime: SlackRuntime,
  client: WebClient,
  input: {
    person: Person;
    locale: Locale;
    complaintId: string;
    reference: string;
    fileIds: readonly string[];
  },
): Promise<{ ok: boolean; text: string }> {
  const { locale } = input;
  const files: IncomingFile[] = [];
  const names: { fileName: string }[] = [];
  try {
    for (const [index, id] of input.fileIds.entries()) {
      const fetched = await fetchSlackFile(client, id, index);
      names.push({ fileName: fetched.name });
      if (fetched.error) throw fetched.error;
      files.push(fetched.file);
    }
    const added = await addAttachments(runtime.deps, {
      complaintId: input.complaintId,
      addedBy: input.person.id,
      source: 'slack',
      files,
    });
    runtime.wakeOutbox();
    return { ok: true, text: attachmentsSaved(locale, input.reference, added) };
  } catch (error) {
    if (error instanceof FetchFailed) {
      runtime.logger.warn({ code: String(error.cause ?? 'download') }, 'Slack file not fetched');
      return {
        ok: false,
        text: translate(locale, 'attachment.fetch_failed', { file: error.fileName }),
      };
    }
    const refusal = attachmentRefusal(locale, error, names);
    if (refusal) return { ok: false, text: refusal };
    if (isDomainError(error) && error.code === 'complaint.not_found') {
      return {
        ok: false,
        text: translate(locale, 'attachment.not_found', { reference: input.reference }),
      };
    }
    return { ok: false, text: errorText(runtime, locale, error) };
  }
}

/** Plain text for Slack: user text (file names) cannot format or mention anyone. */
export const slackText = (text: string) => escapeMrkdwn(text);
