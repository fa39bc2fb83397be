import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Letterhead } from '../../app/complainant-settings.js';
import { translator } from '../../app/messages/catalogue.js';
import type { Locale } from '../../domain/people.js';

/**
 * The HTML frame of the complainant's page and the public web form (issue 11): server
 * rendered, no script at all, one small stylesheet inline and allowed by its hash in a strict
 * Content-Security-Policy. Colours meet WCAG 2.1 AA (text ≥ 4.5:1, focus ring ≥ 3:1).
 */

/** Escapes text for HTML element content and (double-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Tagged template: every interpolated value is escaped unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

const CSS = `
:root{color-scheme:light}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1b1b1b;background:#fff}
.skip{position:absolute;left:-10000px;top:0;background:#fff;color:#0b4f9c;padding:.5rem 1rem}
.skip:focus{left:.5rem}
header{background:#0b3d6e;color:#fff;padding:.75rem 1rem}
header p{margin:0;font-weight:600;max-width:42rem;margin:0 auto}
main{display:block;max-width:42rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.625rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}
h3{font-size:1.0625rem;margin:1.5rem 0 .25rem}
a{color:#0b4f9c;text-decoration:underline}
dl{margin:0}
dt{font-weight:600;margin-top:.5rem}
dd{margin:0}
label,legend{display:block;font-weight:600;margin-top:1rem}
fieldset{border:0;padding:0;margin:0}
.hint{color:#4a4a4a;margin:.25rem 0}
textarea,input,select{font:inherit;width:100%;box-sizing:border-box;border:2px solid #4a4a4a;border-radius:4px;padding:.5rem;background:#fff;color:#1b1b1b}
input[type=radio]{width:auto;margin-right:.5rem}
.choice{display:flex;align-items:center;font-weight:400;margin-top:.5rem}
textarea{min-height:8rem}
button{font:inherit;font-weight:600;border:2px solid #0b4f9c;border-radius:4px;padding:.6rem 1.2rem;margin-top:1rem;background:#0b4f9c;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f9c}
:focus-visible{outline:3px solid #b34700;outline-offset:2px}
.error{color:#a4000f;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#a4000f}
.notice{border-left:6px solid #1a6e2e;background:#eef7f0;padding:.75rem 1rem;margin:1rem 0}
.alert{border-left:6px solid #a4000f;background:#fdf0f1;padding:.75rem 1rem;margin:1rem 0}
.alert h2{margin-top:0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.75rem 1rem;border-radius:4px;margin:.25rem 0}
.hp{display:none}
.contact{list-style:none;padding:0}
`.trim();

const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');

/** No script, no frames, forms only to this origin; the one inline style by its hash. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers on every response of these pages (the token is in the URL: no referrer, no cache). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
};

export interface Layout {
  locale: Locale;
  title: string;
  organisation: string;
  body: Html;
}

/** A whole page: `lang`, a skip link, a header with the organisation, `<main>`. */
export function page({ locale, title, organisation, body }: Layout): string {
  const t = translator(locale);
  return `<!doctype html>${html`<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – ${organisation}</title><style>${new Html(CSS)}</style></head><body><a class="skip" href="#main">${t('page.skip')}</a><header><p>${organisation}</p></header><main id="main" tabindex="-1">${body}</main></body></html>`}`;
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** 303 See Other after a POST: the browser GETs the page with its confirmation. */
export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'content-length': 0, ...headers });
  res.end();
}

/** How to reach the organisation, from the letterhead. */
export function contactBlock(locale: Locale, letterhead: Letterhead, headingId: string): Html {
  const t = translator(locale);
  const lines = [
    letterhead.phone && t('page.contact.phone', { phone: letterhead.phone }),
    letterhead.email && t('page.contact.email', { email: letterhead.email }),
    letterhead.address && t('page.contact.address', { address: letterhead.address }),
    letterhead.url && t('page.contact.url', { url: letterhead.url }),
  ].filter((line): line is string => typeof line === 'string');
  return html`<section aria-labelledby="${headingId}"><h2 id="${headingId}">${t('page.contact.heading')}</h2><p>${t('page.contact.intro', { name: letterhead.name })}</p>${
    lines.length > 0
      ? html`<ul class="contact">${lines.map((line) => html`<li>${line}</li>`)}</ul>`
      : ''
  }</section>`;
}

/** The language of a page without a complaint: `?lang=`, else the browser's first choice. */
export function requestLocale(acceptLanguage: string | undefined, query?: string | null): Locale {
  if (query === 'en' || query === 'nl') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}
