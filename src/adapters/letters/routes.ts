import type { ServerResponse } from 'node:http';
import { letterDownload } from '../../app/complainant-mail.js';
import type { ComplainantSettings } from '../../app/complainant-settings.js';
import type { AppDeps } from '../../app/deps.js';
import { translate } from '../../app/messages/catalogue.js';
import type { Logger } from '../../app/ports.js';
import type { Locale } from '../../domain/people.js';
import { sendRefusalPage } from '../http/downloads.js';
import type { Route } from '../http/server.js';
import { verifyToken } from '../http/signed-token.js';

/** The private download of a letter's PDF (Teams: no file in a 1:1 chat without consent). */
export const LETTER_DOWNLOAD_PATH = '/brief';
/** How long a download link in a message stays valid. */
export const LETTER_DOWNLOAD_DAYS = 7;

/**
 * GET /brief?t=<token>: the token (purpose `download`, sub `letter:<correspondenceId>`, `pid`
 * the person it was made for) is checked, and then whether that person still may handle the
 * letter (active secretariat, or may see the complaint). Anything else gets the same short
 * page: no hint whether the letter exists.
 */
export function letterRoutes(options: {
  deps: AppDeps;
  settings: ComplainantSettings;
  logger: Logger;
  locale?: Locale;
}): Route[] {
  const { deps, settings, logger } = options;
  const locale = options.locale ?? 'nl';
  return [
    {
      method: 'GET',
      path: LETTER_DOWNLOAD_PATH,
      async handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const token = url.searchParams.get('t') ?? '';
        const claims = verifyToken(settings.linkSecret, 'download', token, deps.clock.now());
        const pid = claims?.pid;
        const id = claims?.sub.startsWith('letter:') ? claims.sub.slice('letter:'.length) : null;
        const file = id && typeof pid === 'string' ? await letterDownload(deps, pid, id) : null;
        if (!file) {
          logger.info({ valid: claims !== null }, 'letter download refused');
          return refuse(res, locale);
        }
        res.writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': file.data.byteLength,
          'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
        res.end(Buffer.from(file.data));
      },
    },
  ];
}

function refuse(res: ServerResponse, locale: Locale) {
  sendRefusalPage(
    res,
    403,
    locale,
    translate(locale, 'mail.download.invalid.title'),
    translate(locale, 'mail.download.invalid'),
  );
}
