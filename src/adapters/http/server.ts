import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../app/ports.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle: RouteHandler;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export interface HttpServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting connections and waits for in-flight requests (up to `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/** A refused body is read on and discarded up to this many bytes, or this long, then cut. */
export const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;
export const DISCARD_TIMEOUT_MS = 10_000;

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body of at most `limit` bytes. A larger one is read on and thrown away
 * before BodyTooLargeError is raised: answering while the client still sends makes the
 * kernel reset the connection, and the client sees the reset instead of our 413. A body
 * beyond DISCARD_LIMIT_BYTES, or still coming after DISCARD_TIMEOUT_MS, is cut off.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let discarding = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const cut = () => {
      req.socket.destroy();
      settle(new BodyTooLargeError());
    };
    const discard = () => {
      if (discarding) return;
      discarding = true;
      chunks.length = 0;
      timer = setTimeout(cut, DISCARD_TIMEOUT_MS);
      timer.unref();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) discard();
      if (!discarding) chunks.push(chunk);
      else if (size > DISCARD_LIMIT_BYTES) cut();
    };
    const onEnd = () => settle(discarding ? new BodyTooLargeError() : null);
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error('request closed before its body ended'));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > DISCARD_LIMIT_BYTES) return cut();
    if (declared > limit) discard();
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** The 413 after readBody refused a body; the connection closes cleanly after it. */
export function sendTooLarge(res: ServerResponse): void {
  if (res.headersSent || res.destroyed || !res.socket || res.socket.destroyed) return;
  res.setHeader('connection', 'close');
  sendJson(res, 413, { error: 'payload_too_large' });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The one HTTP server of the service: health, readiness and the chat platforms' endpoints. */
export function createHttpServer(options: {
  routes: readonly Route[];
  readiness: readonly ReadinessCheck[];
  logger: Logger;
}): HttpServer {
  const { logger } = options;
  let inFlight = 0;
  let draining = false;
  const idle: (() => void)[] = [];
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/healthz',
      handle: (_req, res) => sendJson(res, 200, { status: 'ok' }),
    },
    { method: 'GET', path: '/readyz', handle: (_req, res) => ready(res) },
    ...options.routes,
  ];

  async function ready(res: ServerResponse) {
    if (draining) return sendJson(res, 503, { status: 'shutting_down' });
    const results = await Promise.all(
      options.readiness.map(async ({ name, check }) => {
        const ok = await check().catch(() => false);
        return [name, ok ? 'ok' : 'failing'] as const;
      }),
    );
    const ok = results.every(([, state]) => state === 'ok');
    sendJson(res, ok ? 200 : 503, {
      status: ok ? 'ready' : 'not_ready',
      checks: Object.fromEntries(results),
    });
  }

  const server = createServer(async (req, res) => {
    inFlight++;
    // A request is in flight until its response is closed AND its handler has returned: a
    // client that gives up closes the response while the handler still uses the database,
    // and stop() must not close the database under it.
    let open = 2;
    const settle = () => {
      if (--open > 0) return;
      inFlight--;
      if (inFlight === 0) for (const resolve of idle.splice(0)) resolve();
    };
    res.on('close', settle);
    try {
      await handleRequest(req, res);
    } finally {
      settle();
    }
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (!route) {
      const known = routes.some((r) => r.path === path);
      return sendJson(res, known ? 405 : 404, {
        error: known ? 'method_not_allowed' : 'not_found',
      });
    }
    if (draining) res.setHeader('connection', 'close');
    try {
      await route.handle(req, res);
    } catch (error) {
      logger.error({ err: error, path }, 'unhandled error in HTTP route');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.end();
    }
  }
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close(graceMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => idle.push(r));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([drained, timeout]);
      server.closeAllConnections();
      await Promise.race([closed, timeout]);
    },
  };
}
