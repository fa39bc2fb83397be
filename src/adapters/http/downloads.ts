import type { ServerResponse } from 'node:http';
import { attachmentForDownload } from '../../app/attachments.js';
import type { DownloadLinks } from '../../app/attachments-port.js';
import type { ComplainantSettings } from '../../app/complainant-settings.js';
import type { AppDeps } from '../../app/deps.js';
import { translate } from '../../app/messages/catalogue.js';
import { DOWNLOAD_LINK_MINUTES } from '../../app/messages/detail.js';
import type { Logger } from '../../app/ports.js';
import { safeFileName } from '../../domain/attachment.js';
import type { Locale } from '../../domain/people.js';
import { escapeHtml } from './complainant-html.js';
import type { Route } from './server.js';
import { signToken, verifyToken } from './signed-token.js';

/** GET /bijlage?t=<token>: an attachment, privately (DESIGN.md §5). */
export const ATTACHMENT_DOWNLOAD_PATH = '/bijlage';

type LinkSettings = Pick<ComplainantSettings, 'publicBaseUrl' | 'linkSecret'>;

/**
 * A private link to an attachment for one person, valid for 15 minutes: the token (purpose
 * `download`, sub the attachment id, `pid` the person) holds ids only.
 */
export function downloadLink(
  settings: LinkSettings,
  attachmentId: string,
  personId: string,
  now: Date,
): string {
  const exp = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_MINUTES * 60;
  const token = signToken(settings.linkSecret, {
    purpose: 'download',
    sub: attachmentId,
    pid: personId,
    exp,
  });
  const base = settings.publicBaseUrl.replace(/\/+$/, '');
  return `${base}${ATTACHMENT_DOWNLOAD_PATH}?t=${encodeURIComponent(token)}`;
}

/** The app's DownloadLinks port over downloadLink (AppDeps.downloads). */
export function downloadLinks(settings: LinkSettings): DownloadLinks {
  return {
    attachmentLink: (attachmentId, personId, now) =>
      downloadLink(settings, attachmentId, personId, now),
  };
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…`: an ASCII stand-in for old clients and the
 * real name percent-encoded, so no quote, semicolon or line break reaches the header.
 */
export function contentDisposition(fileName: string): string {
  const safe = safeFileName(fileName);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;%]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The download route: the token is verified (signature, purpose, expiry), then whether the
 * person it was made for may still see the complaint. A forged, expired or foreign token, or
 * a person no longer allowed, gets the same 404 page: no hint whether the file exists.
 */
export function downloadRoutes(
  deps: AppDeps,
  settings: LinkSettings,
  options: { logger?: Logger; locale?: Locale } = {},
): Route[] {
  const logger = options.logger ?? deps.logger;
  const locale = options.locale ?? 'nl';
  return [
    {
      method: 'GET',
      path: ATTACHMENT_DOWNLOAD_PATH,
      async handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const token = url.searchParams.get('t') ?? '';
        const claims = verifyToken(settings.linkSecret, 'download', token, deps.clock.now());
        const pid = claims?.pid;
        // `letter:<id>` tokens belong to /brief; only attachment ids are served here.
        const valid = claims !== null && typeof pid === 'string' && !claims.sub.includes(':');
        const file = valid ? await attachmentForDownload(deps, pid, claims.sub) : null;
        if (!file) {
          logger.info({ valid }, 'attachment download refused');
          notFound(res, locale);
          return;
        }
        logger.info({ attachmentId: file.attachment.id }, 'attachment downloaded');
        res.writeHead(200, {
          // Served as bytes to save, never rendered by the browser.
          'content-type': file.attachment.mediaType,
          'content-length': file.content.byteLength,
          'content-disposition': contentDisposition(file.attachment.fileName),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
          'content-security-policy': "default-src 'none'; sandbox",
          'referrer-policy': 'no-referrer',
        });
        res.end(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
      },
    },
  ];
}

/**
 * The short page a refused download gets (no hint whether the file exists); the letter
 * download (src/adapters/letters/routes.ts) answers with it too.
 */
export function sendRefusalPage(
  res: ServerResponse,
  status: 403 | 404,
  locale: Locale,
  title: string,
  text: string,
): void {
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>
`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

function notFound(res: ServerResponse, locale: Locale): void {
  sendRefusalPage(
    res,
    404,
    locale,
    translate(locale, 'attachment.download.invalid.title'),
    translate(locale, 'attachment.download.invalid'),
  );
}

/**
 * Reads a fetched file's body up to `limit` bytes; null as soon as there are more (the rest is
 * not read), so an oversized upload is refused without holding it (Slack and Teams files).
 */
export async function readCapped(response: Response, limit: number): Promise<Uint8Array | null> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
