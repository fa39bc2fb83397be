/**
 * Local try-out of the Teams surface without a Microsoft tenant:
 *   npm run playground                 →  the service in local mode + Agents Playground as Mo
 *   npm run playground -- --as piet    →  … plus a second Playground as Piet (the handler)
 *
 * Starts `src/main.ts` with TEAMS_ALLOW_UNAUTHENTICATED=true on 127.0.0.1 (never reachable
 * from elsewhere) and one Microsoft 365 Agents Playground per person, also on 127.0.0.1 only
 * (`scripts/loopback-only.mjs`: its CLI has no host option), each with its own port
 * and configuration (`.m365agentsplayground.yml`; the users are the demo organisation's
 * people). Ctrl-C stops everything. Environment: PORT (service, default 3978), DATA_DIR
 * (default ./data), LOG_LEVEL (default warn), TEAMSAPPTESTER_PORT (first Playground, 56150).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONFIG_FILE = path.join(ROOT, '.m365agentsplayground.yml');
export const DEFAULT_SERVICE_PORT = 3978;
export const DEFAULT_PLAYGROUND_PORT = 56150;
const PACKAGE = '@microsoft/m365agentsplayground';
/** Binds every server the Playground starts to 127.0.0.1 (see the file). */
const LOOPBACK_PRELOAD = path.join(ROOT, 'scripts', 'loopback-only.mjs');

interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

interface PlaygroundConfig {
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  [key: string]: unknown;
}

/** The Playground's CLI (`agentsplayground`), or null when the package is not installed. */
export function playgroundCli(): string | null {
  try {
    const manifest = createRequire(path.join(ROOT, 'package.json')).resolve(
      `${PACKAGE}/package.json`,
    );
    const cli = path.join(path.dirname(manifest), 'cli.js');
    return existsSync(cli) ? cli : null;
  } catch {
    return null;
  }
}

/** A person's short id in the demo organisation: the local part of their e-mail address. */
export function personKey(user: PlaygroundUser): string {
  return user.email.split('@')[0]!.toLowerCase();
}

export async function readPlaygroundConfig(file = CONFIG_FILE): Promise<PlaygroundConfig> {
  return parse(await readFile(file, 'utf8')) as PlaygroundConfig;
}

/**
 * Writes a configuration in which `person` (dirk, kim, piet, hanna, mo, noor) is the current
 * user and everybody else the five other users; returns its path.
 */
export async function configFor(person: string, dir?: string): Promise<string> {
  const base = await readPlaygroundConfig();
  const everyone = [base.currentUser, ...base.users];
  const me = everyone.find((user) => personKey(user) === person.toLowerCase());
  if (!me) {
    const known = everyone.map(personKey).join(', ');
    throw new Error(`Unknown person "${person}" for --as (one of: ${known})`);
  }
  const config: PlaygroundConfig = {
    ...base,
    currentUser: me,
    users: everyone.filter((user) => user !== me),
    personalChat: { id: `a:klachtenbot-personal-${personKey(me)}` },
  };
  const target = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'kb-playground-')));
  const file = path.join(target, `${personKey(me)}.m365agentsplayground.yml`);
  await writeFile(file, stringify(config));
  return file;
}

/** Copies a child's output line by line with a prefix (or swallows it when `out` is null). */
function relay(child: ChildProcess, prefix: string, out: NodeJS.WritableStream | null) {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => out?.write(`${prefix} ${line}\n`));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Stops a child with SIGTERM (SIGKILL after `graceMs`). */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

export interface StartedService {
  child: ChildProcess;
  url: string;
  endpoint: string;
}

/** Starts `src/main.ts` in local Teams mode on 127.0.0.1 and waits until /readyz answers. */
export async function startLocalService(options: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  out?: NodeJS.WritableStream | null;
  timeoutMs?: number;
  /** Called once the process exists, so a caller can stop it even during start-up. */
  onChild?: (child: ChildProcess) => void;
}): Promise<StartedService> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...options.env,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      DATA_DIR: options.dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onChild?.(child);
  relay(child, '[klachtenbot]', options.out === undefined ? process.stdout : options.out);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Klachtenbot stopped during start-up (exit code ${child.exitCode})`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return { child, url, endpoint: `${url}/api/messages` };
    await delay(250);
  }
  await stopChild(child);
  throw new Error(`Klachtenbot did not become ready on ${url}`);
}

export interface StartedPlayground {
  child: ChildProcess;
  url: string;
  port: number;
}

/**
 * Starts one Agents Playground (no browser, no telemetry) on 127.0.0.1 only and waits until it
 * listens. Like the service it relays to (authentication off), it is not reachable from
 * other machines.
 */
export async function startPlayground(options: {
  cli: string;
  port: number;
  endpoint: string;
  configPath: string;
  name: string;
  logFile?: string;
  out?: NodeJS.WritableStream | null;
  timeoutMs?: number;
}): Promise<StartedPlayground> {
  const args = [
    // The Playground's server listens on every interface and has no option for the host.
    '--import',
    pathToFileURL(LOOPBACK_PRELOAD).href,
    options.cli,
    '-e',
    options.endpoint,
    '-c',
    'msteams',
    '-p',
    String(options.port),
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath,
      ...(options.logFile ? { M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = options.out === undefined ? process.stdout : options.out;
  relay(child, `[playground:${options.name}]`, out);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The Agents Playground did not start in time')),
      options.timeoutMs ?? 30_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      // "fallback to random if occupied": the port it really listens on is in this line.
      const match = /Listening on (\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The Agents Playground stopped during start-up (exit code ${code})`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  return { child, port, url: `http://localhost:${port}` };
}

/**
 * Connects a Playground to the bot and tells the bot it was added to the personal chat
 * (a conversation update, as Teams sends on install): the bot stores where to reach that
 * person, so proactive messages (handler cards, outcomes) land in this Playground even
 * before its page was opened.
 */
export async function connectPlayground(
  playground: StartedPlayground,
  personalChatId: string,
): Promise<void> {
  const internal = `${playground.url}/_internal/v1`;
  const config = await fetch(`${internal}/config`); // waits until the bot's endpoint answers
  if (!config.ok) throw new Error(`The Agents Playground did not connect (HTTP ${config.status})`);
  await config.arrayBuffer();
  const query = new URLSearchParams({ conversationId: personalChatId, type: 'botAdded' });
  const template = await fetch(`${internal}/customActivities/template?${query}`);
  if (!template.ok) throw new Error(`No conversation update template (HTTP ${template.status})`);
  const sent = await fetch(`${internal}/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await template.json()),
  });
  if (!sent.ok) throw new Error(`The conversation update was refused (HTTP ${sent.status})`);
  await sent.arrayBuffer();
}

function parseArgs(argv: string[]): { as: string[] } {
  const as: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--as' && argv[i + 1]) as.push(argv[++i]!);
    else if (arg.startsWith('--as=')) as.push(arg.slice('--as='.length));
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'Usage: npm run playground [-- --as <person> ...]  (dirk, kim, piet, hanna, noor)',
      );
      process.exit(0);
    } else throw new Error(`Unknown argument "${arg}" (try --as piet)`);
  }
  return { as };
}

async function main() {
  const { as } = parseArgs(process.argv.slice(2));
  const cli = playgroundCli();
  if (!cli) {
    console.error(
      `${PACKAGE} is not installed: run \`npm install\` (it is a devDependency), then try again.`,
    );
    process.exit(1);
  }
  const base = await readPlaygroundConfig();
  const extra = [...new Set(as.map((p) => p.toLowerCase()))].filter(
    (p) => p !== personKey(base.currentUser),
  );
  const configs = [{ name: personKey(base.currentUser), file: CONFIG_FILE }];
  for (const person of extra) configs.push({ name: person, file: await configFor(person) });
  await mkdir(path.join(ROOT, 'devTools'), { recursive: true });

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the Playground and Klachtenbot …');
    await Promise.all(children.map((child) => stopChild(child)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const servicePort = Number(process.env.PORT ?? DEFAULT_SERVICE_PORT);
    console.log(`Starting Klachtenbot in local Teams mode on 127.0.0.1:${servicePort} …`);
    const service = await startLocalService({
      port: servicePort,
      dataDir: process.env.DATA_DIR ?? './data',
      onChild: (child) => children.push(child),
    });

    let port = Number(process.env.TEAMSAPPTESTER_PORT ?? DEFAULT_PLAYGROUND_PORT);
    const started: { name: string; url: string }[] = [];
    for (const { name, file } of configs) {
      const playground = await startPlayground({
        cli,
        port,
        endpoint: service.endpoint,
        configPath: file,
        name,
        logFile: path.join(ROOT, 'devTools', `playground-${name}.log`),
      });
      children.push(playground.child);
      await connectPlayground(playground, (await readPlaygroundConfig(file)).personalChat.id);
      started.push({ name, url: playground.url });
      port = playground.port + 1;
    }
    for (const child of children) {
      void exited(child).then(() => {
        if (!stopping) {
          console.error('A process stopped unexpectedly.');
          void stopAll(1);
        }
      });
    }

    const users = [base.currentUser, ...base.users];
    const nameOf = (key: string) => users.find((u) => personKey(u) === key)?.name ?? key;
    console.log(
      '\nKlachtenbot in the Microsoft 365 Agents Playground (no Microsoft tenant needed):',
    );
    for (const { name, url } of started) console.log(`  ${nameOf(name).padEnd(22)} ${url}`);
    console.log(
      [
        '',
        'Open the link, type "klacht" in the personal chat, fill in the form and submit.',
        started.length === 1
          ? 'To decide as the handler too: npm run playground -- --as piet (Dienstverlening, Product) or --as hanna.'
          : 'The handler card arrives in the handler’s Playground: press "Openen", then decide.',
        'The Playground shows no user-specific views: press "Openen" on a card to see your own view.',
        'Ctrl-C stops everything. Data stays in DATA_DIR (default ./data).',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
