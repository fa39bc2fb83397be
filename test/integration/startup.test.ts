import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/adapters/postgres/migrate.js';

/**
 * Starts the real service the way `npm start` does (tsx src/main.ts) and checks what an
 * operator sees: health endpoints, logs, exit codes, start-up errors and a clean shutdown.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const START_TIMEOUT_MS = 60_000;

/** Variables the service reads (or SDKs might): none may leak in from the test runner. */
const CONFIG_PREFIXES = ['SLACK_', 'MICROSOFT_', 'TEAMS_'];
const CONFIG_NAMES = [
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'DATA_DIR',
  'ORG_CONFIG',
  'OUTBOX_POLL_MS',
  'JOBS_ENABLED',
  'NODE_ENV',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'TEST_DATABASE_URL',
];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface ServiceProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited and its output is complete. */
  readonly exited: Promise<Exit>;
  exit: Exit | null;
}

const running = new Set<ServiceProcess>();
const tempDirs: string[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-startup-'));
  tempDirs.push(dir);
  return dir;
}

function cleanEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (CONFIG_NAMES.includes(name) || CONFIG_PREFIXES.some((p) => name.startsWith(p))) {
      delete env[name];
    }
  }
  return { ...env, ...vars };
}

/** Spawns `tsx src/main.ts` in its own process group, so a kill reaches tsx's child too. */
function startProcess(vars: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [TSX_CLI, 'src/main.ts'], {
    cwd: ROOT,
    env: cleanEnv(vars),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const service: ServiceProcess = {
    child,
    url: `http://127.0.0.1:${vars.PORT ?? '3978'}`,
    stdout: () => out,
    stderr: () => err,
    exit: null,
    exited: new Promise<Exit>((resolve) => {
      child.once('close', (code, signal) => {
        service.exit = { code, signal };
        running.delete(service);
        resolve({ code, signal });
      });
    }),
  };
  running.add(service);
  return service;
}

async function launch(vars: Record<string, string> = {}) {
  const dir = await tempDir();
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const base = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  return { service: startProcess({ ...base, ...vars }), dataDir, dir, port };
}

function describeOutput(service: ServiceProcess): string {
  return `exit: ${JSON.stringify(service.exit)}\nstdout:\n${service.stdout()}\nstderr:\n${service.stderr()}`;
}

async function waitForExit(service: ServiceProcess, timeoutMs: number): Promise<Exit> {
  const timeout = delay(timeoutMs, 'timeout' as const);
  const result = await Promise.race([service.exited, timeout]);
  if (result === 'timeout') {
    throw new Error(`process did not exit within ${timeoutMs} ms\n${describeOutput(service)}`);
  }
  return result;
}

/** Polls /readyz until it answers 200; fails early when the process exits. */
async function waitForReady(service: ServiceProcess, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (service.exit) throw new Error(`service exited before ready\n${describeOutput(service)}`);
    try {
      const response = await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      const body: unknown = await response.json();
      if (response.status === 200) return body;
      last = `${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = String(error);
    }
    await delay(200);
  }
  throw new Error(`not ready within ${timeoutMs} ms (last: ${last})\n${describeOutput(service)}`);
}

function logLines(service: ServiceProcess): Record<string, unknown>[] {
  return service
    .stdout()
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function killGroup(service: ServiceProcess) {
  const pid = service.child.pid;
  if (pid === undefined || service.exit) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The lock file the embedded database keeps next to DATA_DIR (see openPglite). */
function lockFileOf(dataDir: string): string {
  return path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.lock`);
}

afterEach(async () => {
  const left = [...running];
  for (const service of left) killGroup(service);
  await Promise.all(left.map((service) => Promise.race([service.exited, delay(5000)])));
});

afterAll(async () => {
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('service start-up (npm start)', () => {
  it(
    'starts the demo organisation on the embedded database, serves health and stops on SIGTERM',
    async () => {
      const { service, dataDir } = await launch();
      expect(await waitForReady(service)).toMatchObject({ status: 'ready' });

      const health = await fetch(`${service.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const unknown = await fetch(`${service.url}/no-such-path`);
      expect(unknown.status).toBe(404);
      await unknown.body?.cancel();

      const logs = logLines(service);
      expect(logs.some((l) => /DEMO organisation/.test(String(l.msg)))).toBe(true);
      expect(logs.some((l) => l.organisation === 'Demo Organisatie BV')).toBe(true);
      expect(existsSync(lockFileOf(dataDir))).toBe(true);

      service.child.kill('SIGTERM');
      expect(await waitForExit(service, 10_000)).toEqual({ code: 0, signal: null });
      expect(logLines(service).some((l) => l.msg === 'stopped')).toBe(true);
      expect(existsSync(lockFileOf(dataDir))).toBe(false);

      // The same data directory starts again (data kept, lock free).
      const port = await freePort();
      const again = startProcess({
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      });
      expect(await waitForReady(again)).toMatchObject({ status: 'ready' });
      again.child.kill('SIGTERM');
      expect(await waitForExit(again, 10_000)).toEqual({ code: 0, signal: null });
    },
    START_TIMEOUT_MS * 2,
  );

  it(
    'refuses a second process on the same embedded database while the first runs',
    async () => {
      const { service, dataDir } = await launch();
      await waitForReady(service);

      const second = startProcess({
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      });
      const exit = await waitForExit(second, 30_000);
      expect(exit.code, describeOutput(second)).not.toBe(0);
      expect(exit.code, describeOutput(second)).not.toBeNull();
      expect(`${second.stdout()}${second.stderr()}`).toMatch(/embedded database .* is in use/);

      // The first one is unharmed and still owns the lock.
      expect(await waitForReady(service)).toMatchObject({ status: 'ready' });
      expect(existsSync(lockFileOf(dataDir))).toBe(true);
    },
    START_TIMEOUT_MS,
  );

  it(
    'lists every environment problem at once without repeating a secret',
    async () => {
      const { service } = await launch({
        PORT: 'abc',
        SLACK_BOT_TOKEN: 'secret-value-123',
      });
      expect(await waitForExit(service, 30_000)).toEqual({ code: 1, signal: null });
      const stderr = service.stderr();
      expect(stderr).toMatch(/^- PORT: /m);
      expect(stderr).toMatch(/SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set/);
      expect(stderr).toMatch(/^- SLACK_BOT_TOKEN: /m);
      expect(`${service.stdout()}${stderr}`).not.toContain('secret-value-123');
    },
    START_TIMEOUT_MS,
  );

  it(
    'names the organisation file and the line of a bad role',
    async () => {
      const dir = await tempDir();
      const orgFile = path.join(dir, 'org.yaml');
      await writeFile(
        orgFile,
        [
          'organisation:',
          '  name: Test BV',
          'people:',
          '  - { id: dirk, name: Dirk Directeur, roles: [director] }',
          '  - { id: kim, name: Kim Kwaliteit, roles: [quality_adviser] }',
          '  - id: bob',
          '    name: Bob Baas',
          '    roles: [handler, boss]', // line 8
          'categories:',
          '  - { key: overig, label: Overig, handler: dirk }',
          '',
        ].join('\n'),
      );
      const { service } = await launch({ ORG_CONFIG: orgFile });
      expect(await waitForExit(service, 30_000)).toEqual({ code: 1, signal: null });
      const stderr = service.stderr();
      expect(stderr).toContain(`${orgFile}:8:`);
      expect(stderr).toMatch(/invalid role "boss"/);
    },
    START_TIMEOUT_MS,
  );
});

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

describe.skipIf(!TEST_DATABASE_URL)('service start-up on PostgreSQL', () => {
  let admin: postgres.Sql;
  const created: string[] = [];

  beforeAll(() => {
    admin = postgres(TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  async function freshDatabase(): Promise<string> {
    const name = `kb_startup_${randomBytes(6).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    created.push(name);
    const url = new URL(TEST_DATABASE_URL ?? '');
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Rows in drizzle's migration table, and how many distinct migrations they record. */
  async function appliedMigrations(url: string) {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await client<{ total: number; distinct: number }[]>`
        select count(*)::int as total, count(distinct hash)::int as distinct
        from drizzle.__drizzle_migrations`;
      return row;
    } finally {
      await client.end();
    }
  }

  it(
    'starts on a fresh PostgreSQL database',
    async () => {
      const url = await freshDatabase();
      const { service } = await launch({ DATABASE_URL: url });
      expect(await waitForReady(service)).toMatchObject({ status: 'ready' });
      expect(logLines(service).some((l) => l.database === 'postgres')).toBe(true);
      service.child.kill('SIGTERM');
      expect(await waitForExit(service, 10_000)).toEqual({ code: 0, signal: null });
    },
    START_TIMEOUT_MS,
  );

  it(
    'starts two replicas at once on one fresh database (migrations run once, under a lock)',
    async () => {
      const url = await freshDatabase();
      const [a, b] = await Promise.all([
        launch({ DATABASE_URL: url }),
        launch({ DATABASE_URL: url }),
      ]);
      const [readyA, readyB] = await Promise.all([
        waitForReady(a.service, 30_000),
        waitForReady(b.service, 30_000),
      ]);
      expect(readyA).toMatchObject({ status: 'ready' });
      expect(readyB).toMatchObject({ status: 'ready' });
      // Each migration applied exactly once: no replica ran the migrator over the other.
      const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
      expect(await appliedMigrations(url)).toEqual({ total: expected, distinct: expected });
    },
    START_TIMEOUT_MS,
  );
});
