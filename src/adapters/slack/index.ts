import { App, type Logger as BoltLogger, LogLevel, webApi } from '@slack/bolt';
import type { Logger } from '../../app/ports.js';
import type { Surface, SurfaceFactory } from '../surface.js';
import { createSlackDelivery } from './delivery.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerCorrespondence } from './listeners/correspondence.js';
import { registerEvents } from './listeners/events.js';
import { registerLetters } from './listeners/letters.js';
import { registerMeasures } from './listeners/measures.js';
import { registerOutboxActions } from './listeners/outbox.js';
import { registerShortcuts } from './listeners/shortcuts.js';
import { registerViews } from './listeners/views.js';
import { SlackHttpReceiver } from './receiver.js';
import { createSlackRetractor } from './retract.js';
import { type SlackRuntime, slackErrorCode, UserDirectory } from './runtime.js';
import { gateWorkspace, HomeLookup } from './workspace.js';

/** Web API calls time out after this; the outbox retries, the interactive path never re-POSTs. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** Bolt's logger interface over ours; Bolt's debug chatter (which may echo payloads) is dropped. */
function boltLogger(logger: Logger): BoltLogger {
  const line = (msgs: unknown[]) => msgs.filter((m) => typeof m === 'string').join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...msgs: unknown[]) => logger.warn({ source: 'bolt' }, line(msgs)),
    error: (...msgs: unknown[]) => logger.error({ source: 'bolt' }, line(msgs)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

function apiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The Slack surface: a Bolt app on our HTTP server (`POST /slack/events`), or on Socket Mode
 * when an app token is configured, plus the outbox's Slack delivery adapter.
 */
export const createSlackSurface: SurfaceFactory = async (context) => {
  const { env, org, deps } = context;
  const slack = env.slack;
  if (!slack) throw new Error('Slack is not configured (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN)');
  const logger = context.logger.child({ surface: 'slack' });
  const slackApiUrl = apiUrl(slack.apiUrl);
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: REQUEST_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
    logger: boltLogger(logger),
  };
  const client = new webApi.WebClient(slack.botToken, clientOptions);

  // One auth.test at start gives Bolt the bot ids, so it never calls it per request, and
  // the installation's team and enterprise: requests of any other are refused.
  let ids: { botId?: string; botUserId?: string } = {};
  const homes = new HomeLookup(client, logger);
  try {
    const auth = await client.auth.test();
    homes.learn(auth);
    ids = {
      ...(auth.bot_id ? { botId: auth.bot_id } : {}),
      ...(auth.user_id ? { botUserId: auth.user_id } : {}),
    };
  } catch (error) {
    logger.warn(
      { code: slackErrorCode(error) },
      'auth.test failed at start; Bolt will retry per request',
    );
  }

  const socketMode = slack.appToken !== undefined;
  const receiver = socketMode
    ? null
    : new SlackHttpReceiver({
        signingSecrets: slack.signingSecrets,
        logger,
        // Slack retries an event for up to about five minutes; the ledger is shared by replicas.
        claimEvent: (eventId) =>
          deps.store.repository.claimRequestKey(`slack:event:${eventId}`, deps.clock.now()),
      });
  const app = new App({
    token: slack.botToken,
    ...(receiver
      ? { receiver }
      : { socketMode: true, appToken: slack.appToken, signingSecret: slack.signingSecrets[0] }),
    ...ids,
    tokenVerificationEnabled: false,
    clientOptions,
    logger: boltLogger(logger),
  });

  const runtime: SlackRuntime = {
    org,
    deps,
    logger,
    wakeOutbox: context.wakeOutbox,
    users: new UserDirectory(client, logger),
  };
  gateWorkspace(app, homes, logger, org.organisation.locale, org.organisation.name);
  registerCommands(app, runtime);
  registerShortcuts(app, runtime);
  registerActions(app, runtime);
  registerViews(app, runtime);
  registerMeasures(app, runtime);
  registerCorrespondence(app, runtime);
  registerEvents(app, runtime);
  registerOutboxActions(app, runtime);
  registerLetters(app, runtime);
  app.error(async (error) => {
    logger.error({ code: (error as { code?: string }).code ?? 'unknown' }, 'slack listener error');
  });

  const surface: Surface = {
    name: 'slack',
    routes: receiver ? [{ method: 'POST', path: '/slack/events', handle: receiver.handle }] : [],
    deliveryPort: createSlackDelivery({ client, deps, org, logger }),
    retractor: createSlackRetractor(client),
    ...(socketMode
      ? {
          start: async () => {
            await app.start();
          },
          stop: async () => {
            await app.stop();
          },
        }
      : {}),
  };
  return surface;
};
