import { createRequire } from 'node:module';

/** The figures every load run reports. */
export interface LoadResult {
  name: string;
  connections: number;
  requests: number;
  errors: number;
  throughput: number;
  p50: number;
  p99: number;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
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

/** Runs autocannon against one URL and returns throughput and latency percentiles. */
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
        resolve({
          name: options.name,
          connections: options.connections,
          requests: result.requests.total,
          errors: result.errors + result.non2xx,
          throughput: result.requests.total / options.seconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
        });
      },
    );
  });
}
