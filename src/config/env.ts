import { z } from 'zod';

/**
 * The one place that reads process.env (after outline/outline `server/env.ts`): every
 * variable is parsed once at start-up, every problem is reported at once, and no message
 * ever repeats a value, so a mistyped secret cannot leak into a log.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const TEAMS_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];
export type NodeEnv = (typeof NODE_ENVS)[number];
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

export interface SlackEnv {
  /** Current secret first; the previous one is still accepted during a rotation. */
  signingSecrets: string[];
  botToken: string;
  /** Set for Socket Mode. */
  appToken?: string;
  /** Override of the Web API base URL (tests point it at a local fake). */
  apiUrl?: string;
}

export interface TeamsEnv {
  appId: string | null;
  appPassword: string | null;
  tenantId: string | null;
  appType: TeamsAppType;
  /** Local mode for the Agents Playground: no Bot Framework authentication. */
  allowUnauthenticated: boolean;
}

export type DatabaseEnv =
  | { kind: 'postgres'; url: string; poolSize: number }
  | { kind: 'pglite'; dataDir: string };

/** Mail and links to complainants (issue 11). */
export interface ComplainantEnv {
  /** `smtp://` or `smtps://` (SMTP_URL); null: no SMTP, letters only (or `.eml` files locally). */
  smtpUrl: string | null;
  /** The From of e-mails to complainants (MAIL_FROM): `adres@…` or `Naam <adres@…>`. */
  mailFrom: string | null;
  /** PUBLIC_BASE_URL without a trailing slash; null: not set (`http://localhost:<PORT>`). */
  publicBaseUrl: string | null;
  /**
   * COMPLAINANT_LINK_SECRET (at least 32 characters; required when NODE_ENV=production);
   * null outside production when unset: the composition root uses a fixed development
   * secret and warns.
   */
  linkSecret: string | null;
  /** COMPLAINANT_LINK_DAYS: days a personal link stays valid (default 90). */
  linkValidDays: number;
}

export interface Env {
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseEnv;
  /** Path of the organisation YAML file; null means the built-in demo organisation. */
  orgConfigPath: string | null;
  slack: SlackEnv | null;
  teams: TeamsEnv | null;
  outboxPollMs: number;
  jobsEnabled: boolean;
  /**
   * Behind a reverse proxy: the client is the last X-Forwarded-For entry (the complainant's
   * page rate-limits per client). Optional only for environments built by hand (tests).
   */
  trustProxy?: boolean;
  /** Always set by loadEnv; absent only in environments built by hand (tests): defaults. */
  complainant?: ComplainantEnv;
}

/** The minimum length of COMPLAINANT_LINK_SECRET (an HMAC-SHA256 key). */
export const MIN_LINK_SECRET_LENGTH = 32;

export class EnvError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'EnvError';
    this.problems = problems;
  }
}

function integer(min: number, max: number, message: string) {
  return z.string().transform((text, ctx) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      ctx.issues.push({ code: 'custom', message, input: text });
      return z.NEVER;
    }
    return value;
  });
}

function flag() {
  return z.string().transform((text, ctx) => {
    const value = text.toLowerCase();
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    ctx.issues.push({ code: 'custom', message: 'must be true or false (or 1 / 0)', input: text });
    return z.NEVER;
  });
}

function url(protocols: readonly string[], message: string) {
  return z.string().refine((text) => {
    try {
      return protocols.includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, message);
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().regex(GUID, 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)');

// Every message is static text: no value is ever interpolated, secret or not.
const schema = z.object({
  NODE_ENV: oneOf(NODE_ENVS).default('development'),
  LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
  PORT: integer(1, 65535, 'must be a port number (1-65535)').default(3978),
  HOST: z.string().default('0.0.0.0'),

  DATABASE_URL: url(
    ['postgres:', 'postgresql:'],
    'must be a postgres:// or postgresql:// URL',
  ).optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_POOL_SIZE: integer(1, 1000, 'must be a whole number (1-1000)').default(10),

  ORG_CONFIG: z.string().optional(),

  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_SIGNING_SECRET_PREVIOUS: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token (xoxb-...)').optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', 'must be an app-level token (xapp-...)')
    .optional(),
  SLACK_API_URL: url(['http:', 'https:'], 'must be an http(s) URL').optional(),

  MICROSOFT_APP_ID: guid.optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TENANT_ID: guid.optional(),
  MICROSOFT_APP_TYPE: oneOf(TEAMS_APP_TYPES).default('SingleTenant'),
  TEAMS_ALLOW_UNAUTHENTICATED: flag().default(false),

  OUTBOX_POLL_MS: integer(
    10,
    3_600_000,
    'must be a whole number of milliseconds (10-3600000)',
  ).default(1000),
  JOBS_ENABLED: flag().default(true),
  TRUST_PROXY: flag().default(false),

  SMTP_URL: url(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z
    .string()
    .refine(
      (text) =>
        /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$/.test(text),
      'must be an e-mail address, optionally with a name: Name <address@example.org>',
    )
    .optional(),
  PUBLIC_BASE_URL: url(['http:', 'https:'], 'must be an http(s) URL').optional(),
  COMPLAINANT_LINK_SECRET: z
    .string()
    .min(MIN_LINK_SECRET_LENGTH, `must be at least ${MIN_LINK_SECRET_LENGTH} characters`)
    .optional(),
  COMPLAINANT_LINK_DAYS: integer(1, 3650, 'must be a whole number of days (1-3650)').default(90),
});

type Vars = z.output<typeof schema>;
type VarName = keyof typeof schema.shape;
type RawVars = Partial<Record<VarName, string>>;

/** Only the variables we know, with empty strings treated as unset (as in most .env files). */
function pick(source: Record<string, string | undefined>): RawVars {
  const raw: RawVars = {};
  for (const name of Object.keys(schema.shape) as VarName[]) {
    const value = source[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }
  return raw;
}

/** Rules that involve more than one variable; checked even when another variable is invalid. */
function relationProblems(raw: RawVars): string[] {
  const problems: string[] = [];
  const parsed = <K extends VarName>(name: K): Vars[K] | undefined => {
    const result = schema.shape[name].safeParse(raw[name]);
    return result.success ? (result.data as Vars[K]) : undefined;
  };

  const hasSecret = raw.SLACK_SIGNING_SECRET !== undefined;
  const hasBotToken = raw.SLACK_BOT_TOKEN !== undefined;
  if (hasSecret && !hasBotToken) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set (Slack needs both)');
  } else if (hasBotToken && !hasSecret) {
    problems.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (Slack needs both)');
  } else if (!hasSecret && !hasBotToken) {
    for (const name of [
      'SLACK_SIGNING_SECRET_PREVIOUS',
      'SLACK_APP_TOKEN',
      'SLACK_API_URL',
    ] as const) {
      if (raw[name] !== undefined) {
        problems.push(`${name}: Slack is off; set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN too`);
      }
    }
  }

  if (raw.MICROSOFT_APP_ID === undefined) {
    for (const name of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'] as const) {
      if (raw[name] !== undefined) problems.push(`${name}: set MICROSOFT_APP_ID as well`);
    }
  } else {
    const appType = parsed('MICROSOFT_APP_TYPE');
    if (appType !== 'UserAssignedMSI' && raw.MICROSOFT_APP_PASSWORD === undefined) {
      problems.push(`MICROSOFT_APP_PASSWORD: required for MICROSOFT_APP_TYPE=${appType ?? '?'}`);
    }
    if (appType !== 'MultiTenant' && raw.MICROSOFT_APP_TENANT_ID === undefined) {
      problems.push(`MICROSOFT_APP_TENANT_ID: required for MICROSOFT_APP_TYPE=${appType ?? '?'}`);
    }
  }

  if (parsed('TEAMS_ALLOW_UNAUTHENTICATED') === true && parsed('NODE_ENV') === 'production') {
    problems.push('TEAMS_ALLOW_UNAUTHENTICATED: not allowed when NODE_ENV=production');
  }

  if (raw.SMTP_URL !== undefined && raw.MAIL_FROM === undefined) {
    problems.push('MAIL_FROM: required when SMTP_URL is set (the sender of e-mails)');
  }
  if (raw.COMPLAINANT_LINK_SECRET === undefined && parsed('NODE_ENV') === 'production') {
    problems.push(
      `COMPLAINANT_LINK_SECRET: required when NODE_ENV=production (at least ${MIN_LINK_SECRET_LENGTH} random characters; signs the complainants' links)`,
    );
  }
  return problems;
}

function toEnv(vars: Vars): Env {
  const slack: SlackEnv | null =
    vars.SLACK_SIGNING_SECRET && vars.SLACK_BOT_TOKEN
      ? {
          signingSecrets: [vars.SLACK_SIGNING_SECRET, vars.SLACK_SIGNING_SECRET_PREVIOUS].filter(
            (secret): secret is string => secret !== undefined,
          ),
          botToken: vars.SLACK_BOT_TOKEN,
          ...(vars.SLACK_APP_TOKEN ? { appToken: vars.SLACK_APP_TOKEN } : {}),
          ...(vars.SLACK_API_URL ? { apiUrl: vars.SLACK_API_URL } : {}),
        }
      : null;
  const teams: TeamsEnv | null =
    vars.MICROSOFT_APP_ID || vars.TEAMS_ALLOW_UNAUTHENTICATED
      ? {
          appId: vars.MICROSOFT_APP_ID ?? null,
          appPassword: vars.MICROSOFT_APP_PASSWORD ?? null,
          tenantId: vars.MICROSOFT_APP_TENANT_ID ?? null,
          appType: vars.MICROSOFT_APP_TYPE,
          allowUnauthenticated: vars.TEAMS_ALLOW_UNAUTHENTICATED,
        }
      : null;
  return {
    nodeEnv: vars.NODE_ENV,
    logLevel: vars.LOG_LEVEL,
    port: vars.PORT,
    host: vars.HOST,
    dataDir: vars.DATA_DIR,
    database: vars.DATABASE_URL
      ? { kind: 'postgres', url: vars.DATABASE_URL, poolSize: vars.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: vars.DATA_DIR },
    orgConfigPath: vars.ORG_CONFIG ?? null,
    slack,
    teams,
    outboxPollMs: vars.OUTBOX_POLL_MS,
    jobsEnabled: vars.JOBS_ENABLED,
    trustProxy: vars.TRUST_PROXY,
    complainant: {
      smtpUrl: vars.SMTP_URL ?? null,
      mailFrom: vars.MAIL_FROM ?? null,
      publicBaseUrl: vars.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? null,
      linkSecret: vars.COMPLAINANT_LINK_SECRET ?? null,
      linkValidDays: vars.COMPLAINANT_LINK_DAYS,
    },
  };
}

/**
 * How e-mail to complainants goes out: over SMTP when SMTP_URL is set; without it, as `.eml`
 * files under DATA_DIR in local development (PGlite, not production); otherwise not at all
 * (letters only).
 */
export function mailMode(env: Env): 'smtp' | 'files' | 'off' {
  if (env.complainant?.smtpUrl) return 'smtp';
  if (env.database.kind === 'pglite' && env.nodeEnv !== 'production') return 'files';
  return 'off';
}

/** Parses the environment once; throws EnvError listing every problem (never a value). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const raw = pick(source);
  const result = schema.safeParse(raw);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  problems.push(...relationProblems(raw));
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  return toEnv(result.data);
}

/** What a start-up log line may say about the configuration: kinds and switches only. */
export function redactedEnvSummary(env: Env) {
  return {
    nodeEnv: env.nodeEnv,
    logLevel: env.logLevel,
    database: env.database.kind,
    orgConfig: env.orgConfigPath === null ? 'demo' : 'file',
    slack: env.slack !== null,
    slackSocketMode: env.slack?.appToken !== undefined,
    slackSecretRotation: (env.slack?.signingSecrets.length ?? 0) > 1,
    teams: env.teams === null ? 'off' : env.teams.appId === null ? 'unauthenticated' : 'bot',
    teamsAppType: env.teams?.appId ? env.teams.appType : null,
    teamsAllowUnauthenticated: env.teams?.allowUnauthenticated ?? false,
    jobsEnabled: env.jobsEnabled,
    mail: mailMode(env),
  } as const;
}
