import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { IncomingFile } from '../../app/attachments.js';
import { DISCARD_LIMIT_BYTES } from './server.js';

/**
 * What protects the complainant's page and the public web form (issue 11): a double-submit
 * CSRF token, an Origin/Referer check, a fixed-window rate limit and a multipart parser that
 * enforces its limits while the body streams in.
 */

// --- CSRF: double submit ---------------------------------------------------------------

/** The cookie's name; its path limits it to the routes that set it. */
export const CSRF_COOKIE = 'kb_csrf';
export const CSRF_FIELD = 'csrf';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The value of one cookie of the request, or null. */
export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** The request's CSRF cookie when it has a well-formed one. */
export function csrfCookieOf(req: IncomingMessage): string | null {
  const value = readCookie(req, CSRF_COOKIE);
  return value && TOKEN.test(value) ? value : null;
}

/**
 * `Set-Cookie` for the token: random, HttpOnly (the page has no script that needs it),
 * SameSite=Strict (no other site's form sends it) and scoped to `path`; Secure over HTTPS.
 */
export function csrfCookie(token: string, path: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${token}; Path=${path}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The form's hidden field equals the cookie (compared in constant time). */
export function csrfMatches(req: IncomingMessage, field: string | undefined): boolean {
  const cookie = csrfCookieOf(req);
  if (!cookie || !field || !TOKEN.test(field)) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}

/**
 * The request comes from a page of ours, as far as the browser says: an `Origin` header, when
 * present, names our public origin or the host the request was sent to; else a `Referer`, when
 * present, does. Our pages send `Referrer-Policy: no-referrer`, so browsers post with
 * `Origin: null` or none: that counts as absent, and the double-submit token decides.
 */
export function sameOrigin(req: IncomingMessage, publicBaseUrl: string): boolean {
  const allowed = new Set<string>();
  try {
    allowed.add(new URL(publicBaseUrl).origin);
  } catch {
    // A malformed base URL only leaves the Host-derived origins.
  }
  const host = req.headers.host;
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return allowed.has(origin);
  const referer = req.headers.referer;
  if (referer) {
    try {
      return allowed.has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return true;
}

// --- Rate limit ---------------------------------------------------------------------------

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * A fixed-window counter per key (a client IP, a link), in this process's memory: at most
 * `limit` hits per key in each window of `windowMs` starting at the key's first hit. Several
 * instances each count their own; a restart forgets. Keys whose window ended are dropped when
 * the map grows past `maxKeys`; if they are all current, the oldest go first.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rule: RateLimit,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts a hit; false when the key is over its limit in the current window. */
  hit(key: string, now: number): boolean {
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.rule.windowMs) {
      this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= this.rule.limit;
  }

  private prune(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.rule.windowMs) this.windows.delete(key);
    }
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/**
 * The client's address: the socket's peer, or with `trustProxy` the last address a reverse
 * proxy appended to `X-Forwarded-For` (the one the proxy saw, not what the client claimed).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const last = list
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

// --- Forms --------------------------------------------------------------------------------

export interface FormLimits {
  /** Bytes per file (the attachment limit). */
  fileBytes: number;
  files: number;
  /** Bytes per text field. */
  fieldBytes: number;
}

export interface ParsedForm {
  fields: Record<string, string>;
  files: IncomingFile[];
  /** A file was larger than the limit (it was discarded while it streamed). */
  fileTooLarge: boolean;
  /** A text field was cut at the limit. */
  fieldTooLong: Set<string>;
  /** The whole body was larger than any acceptable form: nothing of it is used. */
  bodyTooLarge: boolean;
}

export class BadFormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadFormError';
  }
}

/**
 * Parses a multipart or urlencoded form while it streams: files beyond `fileBytes` are
 * discarded as they arrive (never held), text fields are cut at `fieldBytes`, at most
 * `files` files and a few dozen parts are read. A body larger than the sum of the limits
 * stops being parsed and is drained (cut off beyond DISCARD_LIMIT_BYTES).
 */
export function parseForm(req: IncomingMessage, limits: FormLimits): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    const form: ParsedForm = {
      fields: {},
      files: [],
      fileTooLarge: false,
      fieldTooLong: new Set(),
      bodyTooLarge: false,
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          fileSize: limits.fileBytes,
          files: limits.files,
          fields: 30,
          parts: 40,
          fieldSize: limits.fieldBytes,
        },
      });
    } catch (error) {
      reject(new BadFormError((error as Error).message));
      return;
    }
    const maxBody = limits.fileBytes * limits.files + 64 * 1024 + 30 * limits.fieldBytes;
    let received = 0;
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(form);
    };
    const overflow = () => {
      // Stop parsing; read on and drop the rest so the client gets our answer, not a reset.
      form.bodyTooLarge = true;
      req.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => {});
      form.files = [];
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DISCARD_LIMIT_BYTES) req.socket.destroy();
      });
      req.on('end', () => settle(null));
      req.on('close', () => settle(null));
      req.resume();
    };
    if (Number(req.headers['content-length'] ?? 0) > maxBody) {
      overflow();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBody && !form.bodyTooLarge) overflow();
    });
    parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
      if (info.valueTruncated) form.fieldTooLong.add(name);
      // Browsers send a textarea's line breaks as CRLF: stored as LF.
      if (!(name in form.fields)) form.fields[name] = value.replace(/\r\n?/g, '\n');
    });
    parser.on('file', (name: string, stream: NodeJS.ReadableStream, info: busboy.FileInfo) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
        form.fileTooLarge = true;
        chunks.length = 0;
      });
      stream.on('data', (chunk: Buffer) => {
        if (!truncated) chunks.push(chunk);
      });
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        // A file input left empty still sends a part, with no name and no bytes.
        if (truncated || (!info.filename && content.length === 0)) return;
        form.files.push({
          fileName: info.filename || name,
          mediaType: info.mimeType || 'application/octet-stream',
          content: new Uint8Array(content),
        });
      });
    });
    parser.on('filesLimit', () => {
      form.fileTooLarge = true;
    });
    parser.on('close', () => settle(null));
    parser.on('error', (error: Error) => settle(new BadFormError(error.message)));
    req.on('error', (error: Error) => settle(error));
    req.pipe(parser);
  });
}
