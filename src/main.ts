import { createLogger } from './adapters/logger.js';
import { EnvError, loadEnv, redactedEnvSummary } from './config/env.js';
import { OrgConfigError } from './config/org-file.js';
import { startService } from './service.js';

/** Entry point: parse the environment, start the service, stop gracefully on SIGTERM/SIGINT. */
async function main() {
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(env.logLevel);
  // A promise nobody awaited (a driver's internal query while PostgreSQL restarts) must not end
  // the process: the database is simply unavailable until it returns. One line, no message
  // text (it may quote a statement or user data).
  process.on('unhandledRejection', (reason: unknown) => {
    const error = reason as { name?: unknown; code?: unknown } | null;
    logger.error(
      { name: String(error?.name ?? typeof reason), code: String(error?.code ?? '') },
      'unhandled promise rejection (ignored)',
    );
  });
  logger.info(redactedEnvSummary(env), 'starting klachtenbot');
  const started = Date.now();
  const service = await startService(env, { logger }).catch((error: unknown) => {
    // Start-up problems are for a person at a terminal: plain text on stderr.
    if (error instanceof OrgConfigError) console.error(error.message);
    else {
      logger.error({ err: error }, 'start-up failed');
      console.error(
        `Klachtenbot could not start: ${error instanceof Error ? error.message : error}`,
      );
    }
    process.exit(1);
  });
  logger.info(
    {
      url: service.url,
      startupMs: Date.now() - started,
      organisation: service.org.organisation.name,
    },
    `klachtenbot is ready: ${service.url}/readyz`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await service.stop();
    logger.info({}, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
