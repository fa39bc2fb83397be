import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  BodyTooLargeError,
  createHttpServer,
  DISCARD_LIMIT_BYTES,
  readBody,
  sendJson,
  sendTooLarge,
} from '../../src/adapters/http/server.js';
import { silentLogger } from '../support/databases.js';

describe('HTTP server: shutdown', () => {
  it('waits for a handler whose client gave up before closing (the database stays open for it)', async () => {
    let finished = false;
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const server = createHttpServer({
      routes: [
        {
          method: 'POST',
          path: '/slow',
          async handle(_req, res) {
            started();
            await new Promise((resolve) => setTimeout(resolve, 400));
            finished = true;
            if (!res.destroyed) res.end('done');
          },
        },
      ],
      readiness: [],
      logger: silentLogger,
    });
    const { port } = await server.listen(0, '127.0.0.1');
    const client = request({ host: '127.0.0.1', port, path: '/slow', method: 'POST' });
    client.on('error', () => {});
    client.end('{}');
    await handlerStarted;
    client.destroy(); // the client gives up; the handler is still working
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close(5_000);
    expect(finished).toBe(true);
  });
});

/** Streams `size` bytes as a request body in small writes; resolves with what happened. */
function rawUpload(
  port: number,
  size: number,
  options: { chunked?: boolean; path?: string } = {},
): Promise<{ status: number | null; body: string; error: string | null }> {
  return new Promise((resolve) => {
    const client = request({
      host: '127.0.0.1',
      port,
      path: options.path ?? '/upload',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.chunked ? {} : { 'content-length': size }),
      },
    });
    let error: string | null = null;
    // A generous deadline: a client left waiting for ever is a failure, not a hang.
    const deadline = setTimeout(() => {
      client.destroy();
      resolve({ status: null, body: '', error: 'no answer within 15 s' });
    }, 15_000);
    client.on('close', () => clearTimeout(deadline));
    client.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? null, body, error }));
      res.on('error', (e: NodeJS.ErrnoException) =>
        resolve({ status: null, body, error: e.code ?? 'error' }),
      );
    });
    client.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? 'error';
      resolve({ status: null, body: '', error });
    });
    const chunk = Buffer.alloc(32 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!client.write(part)) {
          client.once('drain', () => setImmediate(pump));
          return;
        }
      }
      client.end();
    };
    pump();
  });
}

describe('HTTP server: oversized bodies', () => {
  const LIMIT = 1024 * 1024;
  const FIVE_MB = 5 * 1024 * 1024;

  async function uploadServer() {
    const server = createHttpServer({
      routes: [
        {
          method: 'POST',
          path: '/upload',
          async handle(req, res) {
            try {
              const body = await readBody(req, LIMIT);
              sendJson(res, 200, { size: body.length });
            } catch (error) {
              if (error instanceof BodyTooLargeError) return sendTooLarge(res);
              throw error;
            }
          },
        },
      ],
      readiness: [],
      logger: silentLogger,
    });
    const { port } = await server.listen(0, '127.0.0.1');
    return { server, port };
  }

  it('answers a 5 MB body with a real 413, declared or chunked, every time', async () => {
    const { server, port } = await uploadServer();
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => rawUpload(port, FIVE_MB, { chunked: i % 2 === 1 })),
      );
      for (const result of results) {
        expect(result).toEqual({ status: 413, body: '{"error":"payload_too_large"}', error: null });
      }
      const small = await rawUpload(port, 64 * 1024);
      expect(small).toEqual({ status: 200, body: '{"size":65536}', error: null });
    } finally {
      await server.close();
    }
  });

  it('cuts off a body past the discard cap instead of reading it for ever', async () => {
    const { server, port } = await uploadServer();
    try {
      const endless = await rawUpload(port, DISCARD_LIMIT_BYTES + 4 * 1024 * 1024, {
        chunked: true,
      });
      expect(endless.status === 413 || endless.error !== null).toBe(true);
      // The server is still there for the next client.
      expect((await rawUpload(port, 1024)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
