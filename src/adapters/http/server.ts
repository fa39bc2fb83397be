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
