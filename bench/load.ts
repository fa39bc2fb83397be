import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The figures every load run reports. */
export interface LoadResult {
  name: string;
  connections: number;
  requests: number;
  /** Answers that were not 2xx, plus connection errors and timeouts. */
  errors: number;
  /** 2xx answers per second. */
  throughput: number;
  p50: number;
  p99: number;
}

export interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
}

type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

// autocannon ships no types and is CommonJS.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadOptions {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  /** Called per request: a fresh body and headers (signatures, unique ids). */
  request?: () => { body: string; headers: Record<string, string> };
}

function figures(name: string, connections: number, seconds: number, r: AutocannonResult) {
  return {
    name,
    connections,
    requests: r.requests.total,
    errors: r.errors + r.non2xx + r.timeouts,
    throughput: r['2xx'] / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
  };
}

/** Runs autocannon in this process against one URL. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        method: options.method ?? 'GET',
        requests: options.request
          ? [
              {
                method: options.method ?? 'POST',
                setupRequest: (req: Record<string, unknown>) => ({ ...req, ...options.request!() }),
              },
            ]
          : undefined,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve(figures(options.name, options.connections, options.seconds, result));
      },
    );
  });
}

export interface SlackUserSpec {
  id: string;
  name: string;
}

export interface TeamsUserSpec {
  id: string;
  name: string;
  mri: string;
  aadObjectId: string;
}

/** How the load process builds each request body (it must be serialisable: it crosses IPC). */
export type BodySpec =
  | { kind: 'slack-command'; secret: string; user: SlackUserSpec }
  | { kind: 'slack-view'; secret: string; user: SlackUserSpec; categories: string[] }
  | {
      kind: 'teams-execute';
      serviceUrl: string;
      tenantId: string;
      user: TeamsUserSpec;
      verb: string;
      /** One complaint per request, in order (wraps around when exhausted). */
      targets: { id: string; version: number }[];
    }
  | { kind: 'static'; body: string; headers: Record<string, string> };

export interface LoadSpec {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  method: 'GET' | 'POST';
  body?: BodySpec;
}

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/**
 * Runs autocannon in a child process (tsx), so the load generator gets its own event loop and
 * core instead of competing with the in-process service for this process's one loop.
 */
export function loadInChild(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    let settled = false;
    child.once('message', (message: { error?: string; result?: AutocannonResult }) => {
      settled = true;
      if (message.result) {
        resolve(figures(spec.name, spec.connections, spec.seconds, message.result));
      } else {
        reject(new Error(message.error ?? 'load child failed'));
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load child exited with ${code}`));
    });
    child.send(spec);
  });
}
