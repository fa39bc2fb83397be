import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { silentLogger } from '../support/databases.js';

describe('HTTP server shutdown', () => {
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
