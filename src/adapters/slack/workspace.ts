import type { AnyMiddlewareArgs, App, Middleware, webApi } from '@slack/bolt';
import { translate } from '../../app/messages/catalogue.js';
import type { Logger } from '../../app/ports.js';
import type { Locale } from '../../domain/people.js';
import { escapeMrkdwn } from './block-kit/text.js';
import { slackErrorCode } from './runtime.js';

/** The workspace (and Enterprise Grid organisation) the app is installed in, from auth.test. */
export interface HomeWorkspace {
  teamId: string;
  enterpriseId: string | null;
}

/** How often an unknown home is looked up again (auth.test failed at start). */
const RETRY_MS = 30_000;

/**
 * The installation's team and enterprise: learnt once from auth.test at start; if Slack could
 * not be reached then, looked up again on a later request (at most every 30 s).
 */
export class HomeLookup {
  private home: HomeWorkspace | null = null;
  private triedAt = 0;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  /** Remembers what an auth.test answer says; false when it names no team. */
  learn(auth: { team_id?: string; enterprise_id?: string }): boolean {
    if (!auth.team_id) return false;
    this.home = { teamId: auth.team_id, enterpriseId: auth.enterprise_id || null };
    return true;
  }

  async get(): Promise<HomeWorkspace | null> {
    if (this.home || Date.now() - this.triedAt < RETRY_MS) return this.home;
    this.triedAt = Date.now();
    try {
      this.learn(await this.client.auth.test());
    } catch (error) {
      this.logger.warn({ code: slackErrorCode(error) }, 'auth.test failed: installation unknown');
    }
    return this.home;
  }
}

type Body = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const object = (value: unknown) =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * Every team and enterprise id a request names: the payload's own, the acting user's home
 * team (a Slack Connect user carries another organisation's), and an event's user team.
 */
export function idsOf(body: Body): { teams: string[]; enterprises: string[] } {
  const user = object(body.user);
  const event = object(body.event);
  const teams = [
    body.team_id,
    object(body.team).id,
    user.team_id,
    event.user_team,
    object(body.view).team_id,
  ];
  const enterprises = [body.enterprise_id, object(body.enterprise).id, user.enterprise_id];
  return {
    teams: teams.map(text).filter((t) => t !== null),
    enterprises: enterprises.map(text).filter((e) => e !== null),
  };
}

/**
 * True when the request belongs to the installation: every team it names is the home team,
 * or (an Enterprise Grid install) every enterprise it names is the home enterprise.
 */
export function isHome(home: HomeWorkspace, body: Body): boolean {
  const { teams, enterprises } = idsOf(body);
  if (teams.length > 0 && teams.every((t) => t === home.teamId)) return true;
  return (
    home.enterpriseId !== null &&
    enterprises.length > 0 &&
    enterprises.every((e) => e === home.enterpriseId)
  );
}

type Ack = (response?: unknown) => Promise<void>;
type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/**
 * A Bolt global middleware that lets through only requests of the installation's workspace
 * (or Grid organisation). Anything else (a Slack Connect user of another organisation, a
 * forged team) is answered with a short refusal where Slack shows one, and goes no further.
 */
export function workspaceGate(
  homes: HomeLookup,
  logger: Logger,
  locale: Locale,
  organisation: string,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Body;
    const home = await homes.get();
    if (home && isHome(home, body)) {
      await args.next();
      return;
    }
    const kind = String(body.type ?? (body.command ? 'command' : 'unknown'));
    logger.warn(
      { kind, ...idsOf(body), home: home?.teamId ?? null },
      home ? 'slack request refused: another workspace' : 'slack request refused: home unknown',
    );
    const message = home
      ? translate(locale, 'error.foreign_workspace', { organisation })
      : translate(locale, 'error.unexpected');
    const ack = 'ack' in args ? (args.ack as Ack) : null;
    const respond = 'respond' in args ? (args.respond as Respond | undefined) : undefined;
    if (!ack) return; // an event: nothing to answer, nothing done
    if (body.command) {
      await ack({ response_type: 'ephemeral', text: escapeMrkdwn(message) });
      return;
    }
    if (body.type === 'view_submission') {
      const blocks = (object(body.view).blocks ?? []) as { type?: string; block_id?: string }[];
      const input = blocks.find((b) => b.type === 'input' && b.block_id);
      await ack(
        input?.block_id
          ? { response_action: 'errors', errors: { [input.block_id]: message } }
          : { response_action: 'clear' },
      );
      return;
    }
    if (body.type === 'block_suggestion') {
      await ack({ options: [] });
      return;
    }
    await ack();
    if (respond && text(body.response_url)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: escapeMrkdwn(message),
      }).catch((error: unknown) => {
        logger.warn({ code: slackErrorCode(error) }, 'refusal could not be shown');
      });
    }
  };
}

/** Installs the gate in front of every listener. */
export function gateWorkspace(app: App, ...gate: Parameters<typeof workspaceGate>): void {
  app.use(workspaceGate(...gate));
}
