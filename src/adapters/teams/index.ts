import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, CloudAdapter } from 'botbuilder';
import type { Logger } from '../../app/ports.js';
import { sendJson, sendTooLarge } from '../http/server.js';
import type { SurfaceFactory } from '../surface.js';
import { createBot } from './bot.js';
import { createBotAdapter } from './connector.js';
import type { TeamsContext } from './context.js';
import { createTeamsDeliveryPort } from './delivery.js';
import { activityTenant, BodyError, readJsonBody, shimRequest, shimResponse } from './http.js';
import { createTeamsRetractor } from './retract.js';

/** jsonwebtoken's refusals (bad signature, algorithm, expiry) are not AuthenticationErrors. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);
/** What botbuilder accepts; anything else (`none`, HS256 keyed with the public key) is refused first. */
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/** The `alg` of a Bearer token's header, or null when it has none or does not parse. */
function tokenAlgorithm(authorization: string | undefined): string | null {
  const token = /^Bearer ([\w-]+)\./.exec(authorization ?? '')?.[1];
  if (!token) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const alg = (header as { alg?: unknown } | null)?.alg;
    return typeof alg === 'string' ? alg : null;
  } catch {
    return null;
  }
}

interface Authenticator {
  authenticateRequest(activity: Activity, authHeader: string): Promise<unknown>;
}

/**
 * Checks the Bot Framework token before CloudAdapter.process: that method answers a forged
 * token (wrong key, HS256 with the public key, `alg: none`) with a 500 and prints its stack.
 * Here a refusal is a 401 and one log line; keys that cannot be fetched are a 503. Null: pass.
 */
async function refusal(
  adapter: CloudAdapter,
  req: IncomingMessage,
  body: Record<string, unknown>,
  log: Logger,
): Promise<401 | 503 | null> {
  // The adapter's own authentication (protected in CloudAdapterBase), so settings stay one.
  const auth = (adapter as unknown as { botFrameworkAuthentication: Authenticator })
    .botFrameworkAuthentication;
  const alg = tokenAlgorithm(req.headers.authorization);
  if (req.headers.authorization && (alg === null || !ALGORITHMS.has(alg))) {
    log.warn(
      { status: 401, reason: `token algorithm ${String(alg)}`, activityType: String(body.type) },
      'Teams request refused: authentication',
    );
    return 401;
  }
  try {
    await auth.authenticateRequest(body as unknown as Activity, req.headers.authorization ?? '');
    return null;
  } catch (error) {
    const e = error as { name?: string; message?: string; statusCode?: number };
    const status = e.statusCode === 401 || TOKEN_ERRORS.has(e.name ?? '') ? 401 : 503;
    log.warn(
      {
        status,
        reason: String(e.message ?? e.name).slice(0, 200),
        activityType: String(body.type),
      },
      'Teams request refused: authentication',
    );
    return status;
  }
}

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
  const authenticated = teams.appId !== null;
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
    if (authenticated) {
      const status = await refusal(adapter, req, body, log);
      if (status)
        return sendJson(res, status, { error: status === 401 ? 'unauthorized' : 'unavailable' });
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
    retractor: createTeamsRetractor(ctx),
  };
};
