import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendTooLarge } from '../http/server.js';
import type { SurfaceFactory } from '../surface.js';
import { createBot } from './bot.js';
import { createBotAdapter } from './connector.js';
import type { TeamsContext } from './context.js';
import { createTeamsDeliveryPort } from './delivery.js';
import { activityTenant, BodyError, readJsonBody, shimRequest, shimResponse } from './http.js';

/**
 * The Teams surface: `POST /api/messages` (Bot Framework, teams-ai on botbuilder) and the
 * outbox delivery adapter. Loaded only when Teams is configured (teams-ai imports openai).
 */
export const createTeamsSurface: SurfaceFactory = async ({
  env,
  org,
  deps,
  logger,
  conversationRefs,
  wakeOutbox,
}) => {
  const teams = env.teams;
  if (!teams) throw new Error('Teams is not configured');
  const log = logger.child({ surface: 'teams' });
  if (!teams.appId) {
    if (!teams.allowUnauthenticated || env.nodeEnv === 'production') {
      throw new Error(
        'MICROSOFT_APP_ID is not set: set it, or TEAMS_ALLOW_UNAUTHENTICATED=true for local development only',
      );
    }
    log.warn(
      {},
      '!!! TEAMS AUTHENTICATION IS OFF (TEAMS_ALLOW_UNAUTHENTICATED=true): anyone who can reach /api/messages can act as any Teams user. Local development only; never expose this port. !!!',
    );
  }
  const adapter = createBotAdapter(teams, log);
  const tenantId = teams.tenantId?.toLowerCase() ?? null;
  const ctx: TeamsContext = {
    deps,
    org,
    logger: log,
    adapter,
    appId: teams.appId ?? '',
    tenantId,
    refs: conversationRefs,
    wakeOutbox,
  };
  const bot = createBot(ctx);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let body: Record<string, unknown>;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      if (error instanceof BodyError && error.status === 413) return sendTooLarge(res);
      if (error instanceof BodyError) return sendJson(res, error.status, { error: error.message });
      throw error;
    }
    // botbuilder never checks the tenant: refuse other organisations before the bot runs.
    if (tenantId !== null && activityTenant(body) !== tenantId) {
      log.warn({ activityType: String(body.type) }, 'Teams activity from another tenant refused');
      return sendJson(res, 403, { error: 'tenant_not_allowed' });
    }
    await adapter.process(shimRequest(req, body), shimResponse(res), async (turn) => {
      await bot.run(turn);
    });
    if (!res.writableEnded) res.end();
  }

  return {
    name: 'teams',
    routes: [{ method: 'POST', path: '/api/messages', handle }],
    deliveryPort: createTeamsDeliveryPort(ctx),
  };
};
