import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ComplainantSettings } from '../../app/complainant-settings.js';
import type { AppDeps } from '../../app/deps.js';
import { translator } from '../../app/messages/catalogue.js';
import type { Logger } from '../../app/ports.js';
import { ATTACHMENT_LIMITS } from '../../domain/attachment.js';
import type { Locale } from '../../domain/people.js';
import {
  clientIp,
  csrfCookie,
  csrfCookieOf,
  FixedWindowLimiter,
  newCsrfToken,
  type RateLimit,
} from './complainant-guard.js';
import { contactBlock, html, page, requestLocale, sendHtml } from './complainant-html.js';

/**
 * Rate limits of the complainant's page and the web form (fixed windows, in memory, per
 * process; see FixedWindowLimiter): every request per client IP; the page's forms per link;
 * the web form's submissions per client IP.
 */
export interface RateLimits {
  perIp: RateLimit;
  perLink: RateLimit;
  webFormPerIp: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perIp: { limit: 60, windowMs: 10 * 60_000 },
  perLink: { limit: 10, windowMs: 60 * 60_000 },
  webFormPerIp: { limit: 5, windowMs: 60 * 60_000 },
};

export interface ComplainantRoutesOptions {
  deps: AppDeps;
  settings: ComplainantSettings;
  logger: Logger;
  rateLimits?: Partial<RateLimits>;
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For (its last entry). */
  trustProxy?: boolean;
}

export interface PortalContext {
  deps: AppDeps;
  settings: ComplainantSettings;
  logger: Logger;
  limiters: { perIp: FixedWindowLimiter; perLink: FixedWindowLimiter; webForm: FixedWindowLimiter };
  trustProxy: boolean;
}

export function portalContext(options: ComplainantRoutesOptions): PortalContext {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  return {
    deps: options.deps,
    settings: options.settings,
    logger: options.logger.child({ component: 'complainant-page' }),
    limiters: {
      perIp: new FixedWindowLimiter(limits.perIp),
      perLink: new FixedWindowLimiter(limits.perLink),
      webForm: new FixedWindowLimiter(limits.webFormPerIp),
    },
    trustProxy: options.trustProxy ?? false,
  };
}

export const MEGABYTES = Math.floor(ATTACHMENT_LIMITS.fileBytes / (1024 * 1024));

export function nowMs(ctx: PortalContext): number {
  return ctx.deps.clock.now().getTime();
}

/** Counts the request against its client IP; false (and a 429 page sent) when over. */
export function allowClient(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  limiter: FixedWindowLimiter = ctx.limiters.perIp,
  locale?: Locale,
): boolean {
  if (limiter.hit(clientIp(req, ctx.trustProxy), nowMs(ctx))) return true;
  sendTooMany(ctx, req, res, locale);
  return false;
}

function localeOf(req: IncomingMessage, locale?: Locale): Locale {
  return locale ?? requestLocale(req.headers['accept-language']);
}

/** A page without a complaint: a title, a text and how to reach the organisation. */
export function sendNotice(
  ctx: PortalContext,
  res: ServerResponse,
  status: number,
  locale: Locale,
  title: string,
  paragraphs: string[],
  headers: Record<string, string> = {},
): void {
  const { letterhead } = ctx.settings;
  const body = html`<h1>${title}</h1>${paragraphs.map((p) => html`<p>${p}</p>`)}${contactBlock(locale, letterhead, 'contact')}`;
  sendHtml(res, status, page({ locale, title, organisation: letterhead.name, body }), headers);
}

export function sendTooMany(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  locale?: Locale,
): void {
  const l = localeOf(req, locale);
  const t = translator(l);
  sendNotice(ctx, res, 429, l, t('page.too_many.title'), [t('page.too_many.text')], {
    'retry-after': '600',
  });
}

export function sendForbidden(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  locale?: Locale,
): void {
  const l = localeOf(req, locale);
  const t = translator(l);
  sendNotice(ctx, res, 403, l, t('page.forbidden.title'), [t('page.forbidden.text')]);
}

export function sendTooLarge(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  locale?: Locale,
): void {
  const l = localeOf(req, locale);
  const t = translator(l);
  // The rest of the body was drained; the connection is not reused after this.
  sendNotice(
    ctx,
    res,
    413,
    l,
    t('page.too_large.title'),
    [t('page.too_large.text', { max: MEGABYTES })],
    { connection: 'close' },
  );
}

export function sendUnexpected(
  ctx: PortalContext,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
  locale?: Locale,
): void {
  ctx.logger.error({ err: error }, 'complainant page failed');
  const l = localeOf(req, locale);
  const t = translator(l);
  sendNotice(ctx, res, 500, l, t('page.invalid.title'), [t('page.error.unexpected')]);
}

/** Over HTTPS (directly, or as the proxy says when trusted, or per the public URL). */
export function isSecure(ctx: PortalContext, req: IncomingMessage): boolean {
  if (ctx.settings.publicBaseUrl.startsWith('https:')) return true;
  return ctx.trustProxy && req.headers['x-forwarded-proto'] === 'https';
}

/** The request's CSRF token, and the Set-Cookie header when a new one is made. */
export function csrfFor(
  ctx: PortalContext,
  req: IncomingMessage,
  path: string,
): { token: string; headers: Record<string, string> } {
  const existing = csrfCookieOf(req);
  if (existing) return { token: existing, headers: {} };
  const token = newCsrfToken();
  return { token, headers: { 'set-cookie': csrfCookie(token, path, isSecure(ctx, req)) } };
}
