import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { createLogger } from '../../src/adapters/logger.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { Logger } from '../../src/app/ports.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { buildDeps, createTestDatabase, type TestDatabase } from '../support/databases.js';

const MARKER = 'MARKER-7f3a-klachttekst';
const SECRET = 'Bearer sk-secret-value-91';

/** A pino destination that keeps every line written to it. */
function captureLines(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

/** Secrets and complaint text never appear in logs (DESIGN.md §8), even inside errors. */
describe('log redaction', () => {
  let database: TestDatabase;
  let deps: AppDeps;
  let capture: ReturnType<typeof captureLines>;
  let logger: Logger;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    capture = captureLines();
    logger = createLogger('debug', capture.stream);
    deps = { ...(await buildDeps(database.handle)), logger };
    // Any description with the marker now fails the insert with a CHECK violation.
    await database.handle.db.execute(
      sql.raw(
        `alter table complaints add constraint no_marker check (description not like '%${MARKER}%')`,
      ),
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  const report = () =>
    reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: `De klant zegt: ${MARKER}`,
      desiredOutcome: `Terugbellen ${MARKER}`,
    });

  it('a failing insert logged by the HTTP route leaves no complaint text in any line', async () => {
    const failure = await report().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    // Without our serializer the same error would carry the marker (query params, message).
    const raw = captureLines();
    pino(raw.stream).error({ err: failure }, 'plain pino');
    expect(raw.lines.join('\n')).toContain(MARKER);

    const server = createHttpServer({
      routes: [
        {
          method: 'POST',
          path: '/report',
          handle: async () => {
            await report();
          },
        },
      ],
      readiness: [],
      logger,
    });
    const { port } = await server.listen(0, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${port}/report`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    await server.close();
    logger.warn({ error: failure, context: { nested: [failure] } }, 'other keys');

    const lines = capture.lines;
    const routeLine = lines.find((l) => l.includes('unhandled error in HTTP route'));
    expect(routeLine, lines.join('\n')).toBeTruthy();
    // The line still says what failed: the error types and the database's code.
    expect(routeLine).toContain('DrizzleQueryError');
    expect(routeLine).toContain('23514');
    expect(routeLine).toContain('no_marker');
    for (const line of lines) {
      expect(line).not.toContain(MARKER);
      expect(line).not.toContain('insert into');
      expect(line).not.toContain('Terugbellen');
    }
  });

  it('redacts authorization, tokens, secrets, passwords and cookies at any depth and case', () => {
    const { lines, stream } = captureLines();
    const log = createLogger('info', stream).child({ surface: 'test' });
    const error = new Error('request failed', {
      cause: Object.assign(new Error(`upstream said ${SECRET}`), {
        code: 'E_UPSTREAM',
        config: { headers: { Authorization: SECRET, AUTHORIZATION: SECRET } },
      }),
    });
    Object.assign(error, {
      request: { headers: { Authorization: SECRET, 'X-Slack-Signature': SECRET, Cookie: SECRET } },
    });
    log.error(
      {
        err: error,
        response: { headers: { 'Set-Cookie': SECRET }, data: { access_token: SECRET } },
        deep: { a: { b: { c: { AUTHORIZATION: SECRET, botToken: SECRET, Password: SECRET } } } },
        list: [{ clientSecret: SECRET }, { SLACK_SIGNING_SECRET: SECRET }],
        complaintRef: 'KL-2026-0001',
      },
      'nested secrets',
    );
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    expect(line).not.toContain('sk-secret-value-91');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed.complaintRef).toBe('KL-2026-0001');
    expect(parsed.deep).toEqual({
      a: {
        b: { c: { AUTHORIZATION: '[redacted]', botToken: '[redacted]', Password: '[redacted]' } },
      },
    });
    const err = parsed.err as Record<string, unknown>;
    expect(err.message).toBe('request failed');
    expect(err.cause).toMatchObject({ type: 'Error', code: 'E_UPSTREAM' });
    expect(String(err.stack)).toMatch(/^\s+at /);
  });
});
