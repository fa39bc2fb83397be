import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../app/ports.js';
import { BodyTooLargeError, readBody, sendJson, sendTooLarge } from '../http/server.js';
import { BODY_LIMIT_BYTES, SIGNATURE_WINDOW_SECONDS } from './ids.js';

export interface ReceiverOptions {
  signingSecrets: readonly string[];
  logger: Logger;
  /** Seconds since the epoch; injectable for tests. */
  nowSeconds?: () => number;
  bodyLimitBytes?: number;
  /**
   * Claims an Events API `event_id` in the shared request ledger: true the first time, false
   * for a retry that any replica (or this one before a restart) already took.
   */
  claimEvent?: (eventId: string) => Promise<boolean>;
}

/** How long the event ledger may take before the event runs anyway (Slack waits 3 s). */
const CLAIM_BUDGET_MS = 1_000;

/** Answers Slack waits for at most 3 s; after this we answer empty rather than time out. */
const NO_ACK_TIMEOUT_MS = 2_900;

/**
 * Verifies a Slack request signature (`v0=` HMAC-SHA256 of `v0:{ts}:{body}`) against every
 * configured secret, with a symmetric window: Bolt's own check accepts any future timestamp.
 */
export function verifySignature(
  secrets: readonly string[],
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  body: Buffer,
  nowSeconds: number,
): 'ok' | 'missing' | 'expired' | 'mismatch' {
  if (!timestampHeader || !signatureHeader) return 'missing';
  if (!/^\d{1,12}$/.test(timestampHeader)) return 'expired';
  const timestamp = Number(timestampHeader);
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS) return 'expired';
  const given = Buffer.from(signatureHeader);
  for (const secret of secrets) {
    const hmac = createHmac('sha256', secret);
    hmac.update(`v0:${timestampHeader}:`);
    hmac.update(body);
    const expected = Buffer.from(`v0=${hmac.digest('hex')}`);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return 'ok';
  }
  return 'mismatch';
}

function parseBody(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
    return Object.fromEntries(form.entries());
  }
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('not an object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * A Bolt receiver on the service's own HTTP server: one route, `POST /slack/events`, for
 * commands, interactivity, shortcuts and events. `ack()` answers the HTTP request, so a view
 * submission listener can answer with `response_action` after it ran its use case.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | null = null;
  /** `app_rate_limited` notices since start (also in each notice's log line). */
  rateLimited = 0;
  private readonly nowSeconds: () => number;
  private readonly limit: number;

  constructor(private readonly options: ReceiverOptions) {
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.limit = options.bodyLimitBytes ?? BODY_LIMIT_BYTES;
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const log = this.options.logger;
    let raw: Buffer;
    try {
      raw = await readBody(req, this.limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendTooLarge(res);
      throw error;
    }
    const verdict = verifySignature(
      this.options.signingSecrets,
      header(req, 'x-slack-request-timestamp'),
      header(req, 'x-slack-signature'),
      raw,
      this.nowSeconds(),
    );
    if (verdict !== 'ok') {
      log.warn({ verdict }, 'slack request refused: signature');
      return sendJson(res, 401, { error: 'invalid_signature' });
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(header(req, 'content-type') ?? '', raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'invalid_body' });
    }
    // An SSL check does nothing else, whatever else the body carries (a command, a payload).
    if (isSslCheck(header(req, 'content-type') ?? '', raw) || body.ssl_check) {
      return sendEmpty(res);
    }
    if (body.type === 'url_verification') {
      return sendJson(res, 200, { challenge: String(body.challenge ?? '') });
    }
    if (body.type === 'app_rate_limited') {
      this.rateLimited += 1;
      log.warn(
        {
          team: String(body.team_id ?? ''),
          minuteRateLimited: Number(body.minute_rate_limited ?? 0),
          rateLimitedTotal: this.rateLimited,
        },
        "slack app_rate_limited: Slack drops this workspace's events for the rest of the minute",
      );
      return sendEmpty(res);
    }
    const retryNum = Number(header(req, 'x-slack-retry-num') ?? '0') || undefined;
    if (typeof body.event_id === 'string' && !(await this.firstDelivery(body.event_id))) {
      log.info({ retryNum: retryNum ?? 0 }, 'slack event already handled: retry acknowledged');
      return sendJson(res, 200, {});
    }
    await this.dispatch(body, res, retryNum, header(req, 'x-slack-retry-reason'));
  };

  /**
   * False when the event id was claimed before (a retry, on any replica, before or after a
   * restart). Fails open: with the ledger slow or down the event runs, as Slack's retry
   * would have run it.
   */
  private async firstDelivery(eventId: string): Promise<boolean> {
    const claim = this.options.claimEvent;
    if (!claim) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), CLAIM_BUDGET_MS);
    });
    try {
      const first = await Promise.race([claim(eventId), late]);
      if (first === 'late')
        this.options.logger.warn({ eventId }, 'slack event ledger slow: event runs');
      return first !== false;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'slack event ledger unavailable: event runs');
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  private async dispatch(
    body: Record<string, unknown>,
    res: ServerResponse,
    retryNum: number | undefined,
    retryReason: string | undefined,
  ) {
    if (!this.app) throw new Error('Slack receiver used before init');
    let acked = false;
    const respond = (status: number, response: unknown) => {
      if (res.headersSent) return;
      if (response === undefined || response === '') {
        res.writeHead(status, { 'content-length': 0 });
        res.end();
      } else if (typeof response === 'string') {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(response);
      } else sendJson(res, status, response);
    };
    const timer = setTimeout(() => {
      if (!acked) {
        acked = true;
        this.options.logger.warn(
          { type: String(body.type) },
          'slack request not acknowledged in time',
        );
        respond(200, undefined);
      }
    }, NO_ACK_TIMEOUT_MS);
    const event: ReceiverEvent = {
      body,
      ...(retryNum !== undefined ? { retryNum } : {}),
      ...(retryReason !== undefined ? { retryReason } : {}),
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        respond(200, response);
      },
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      this.options.logger.error({ err: error, type: String(body.type) }, 'slack listener failed');
      if (!acked) respond(500, { error: 'internal_error' });
    } finally {
      clearTimeout(timer);
      if (!acked) respond(200, undefined);
    }
  }
}

/** `ssl_check=1` in a form body, even next to `command` or `payload` (which parseBody prefers). */
function isSslCheck(contentType: string, raw: Buffer): boolean {
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return false;
  const value = new URLSearchParams(raw.toString('utf8')).get('ssl_check');
  return value !== null && value !== '' && value !== '0';
}

function sendEmpty(res: ServerResponse): void {
  res.writeHead(200, { 'content-length': 0 });
  res.end();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
