import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring tokens for links that carry their own authority (issue 11): the
 * complainant's page and private downloads (attachments, letters). `purpose` keeps a token of
 * one kind from being used as another; the payload is readable, so it holds ids only.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, purpose "." payload)).
 */
export interface TokenClaims {
  /** What the token is for, e.g. `complainant` or `download`. */
  purpose: string;
  /** The id it is bound to (a link row, an attachment). */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Extra ids (the person a download is for). */
  [key: string]: string | number;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function mac(secret: string, purpose: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}.${body}`).digest();
}

export function signToken(secret: string, claims: TokenClaims): string {
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(mac(secret, claims.purpose, body))}`;
}

/**
 * The claims of a token signed with `secret` for `purpose` and not expired at `now`; null for
 * anything else (forged, altered, expired, another purpose, malformed). Constant-time compare.
 */
export function verifyToken(
  secret: string,
  purpose: string,
  token: string,
  now: Date,
): TokenClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 2048) return null;
  const expected = mac(secret, purpose, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    if (claims.purpose !== purpose || typeof claims.sub !== 'string') return null;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now.getTime()) return null;
    return claims;
  } catch {
    return null;
  }
}
