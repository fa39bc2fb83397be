import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv, redactedEnvSummary } from '../../src/config/env.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected loadEnv to throw');
}

function messageOf(source: Record<string, string | undefined>): string {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error('expected loadEnv to throw');
}

describe('loadEnv', () => {
  it('applies the defaults to an empty environment', () => {
    expect(loadEnv({})).toEqual({
      nodeEnv: 'development',
      logLevel: 'info',
      port: 3978,
      host: '0.0.0.0',
      dataDir: './data',
      database: { kind: 'pglite', dataDir: './data' },
      orgConfigPath: null,
      slack: null,
      teams: null,
      outboxPollMs: 1000,
      jobsEnabled: true,
      trustProxy: false,
      complainant: {
        smtpUrl: null,
        mailFrom: null,
        publicBaseUrl: null,
        linkSecret: null,
        linkValidDays: 90,
      },
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ PORT: '', DATABASE_URL: ' ', SLACK_BOT_TOKEN: '' }).port).toBe(3978);
  });

  it('parses a full configuration into derived fields', () => {
    const env = loadEnv({
      NODE_ENV: 'production',
      LOG_LEVEL: 'debug',
      PORT: '8080',
      DATABASE_URL: 'postgresql://bot:pw@db:5432/klachten',
      DATABASE_POOL_SIZE: '20',
      ORG_CONFIG: './org.yaml',
      SLACK_SIGNING_SECRET: 'new-secret',
      SLACK_SIGNING_SECRET_PREVIOUS: 'old-secret',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_APP_TOKEN: 'xapp-1-2',
      SLACK_API_URL: 'http://localhost:9999/api/',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'teams-password',
      MICROSOFT_APP_TENANT_ID: TENANT_ID,
      OUTBOX_POLL_MS: '250',
      JOBS_ENABLED: '0',
      COMPLAINANT_LINK_SECRET: 'a-production-secret-of-at-least-32-characters',
    });
    expect(env.database).toEqual({
      kind: 'postgres',
      url: 'postgresql://bot:pw@db:5432/klachten',
      poolSize: 20,
    });
    expect(env.slack).toEqual({
      signingSecrets: ['new-secret', 'old-secret'],
      botToken: 'xoxb-1-2-3',
      appToken: 'xapp-1-2',
      apiUrl: 'http://localhost:9999/api/',
    });
    expect(env.teams).toEqual({
      appId: APP_ID,
      appPassword: 'teams-password',
      tenantId: TENANT_ID,
      appType: 'SingleTenant',
      allowUnauthenticated: false,
    });
    expect(env).toMatchObject({
      port: 8080,
      orgConfigPath: './org.yaml',
      outboxPollMs: 250,
      jobsEnabled: false,
    });
  });

  it('enables unauthenticated Teams without an app id outside production', () => {
    const env = loadEnv({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect(env.teams).toMatchObject({ appId: null, allowUnauthenticated: true });
  });

  it('lists every problem at once, one per line', () => {
    const error = (() => {
      try {
        loadEnv({
          NODE_ENV: 'staging',
          PORT: '70000',
          LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://db/klachten',
          SLACK_SIGNING_SECRET: 'abc',
          TEAMS_ALLOW_UNAUTHENTICATED: 'maybe',
          JOBS_ENABLED: 'yes',
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems;
    expect(problems).toEqual([
      'NODE_ENV: must be one of development, production, test',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      'PORT: must be a port number (1-65535)',
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
      'TEAMS_ALLOW_UNAUTHENTICATED: must be true or false (or 1 / 0)',
      'JOBS_ENABLED: must be true or false (or 1 / 0)',
      'SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set (Slack needs both)',
    ]);
    expect((error as EnvError).message).toContain('\n- PORT: must be a port number (1-65535)\n');
  });

  it('requires both Slack credentials', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (Slack needs both)',
    ]);
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      'SLACK_APP_TOKEN: Slack is off; set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN too',
    ]);
  });

  it('checks the Teams credentials against the app type', () => {
    expect(problemsOf({ MICROSOFT_APP_ID: APP_ID })).toEqual([
      'MICROSOFT_APP_PASSWORD: required for MICROSOFT_APP_TYPE=SingleTenant',
      'MICROSOFT_APP_TENANT_ID: required for MICROSOFT_APP_TYPE=SingleTenant',
    ]);
    expect(
      loadEnv({
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
        MICROSOFT_APP_TENANT_ID: TENANT_ID,
      }).teams,
    ).toMatchObject({ appType: 'UserAssignedMSI', appPassword: null });
    expect(problemsOf({ MICROSOFT_APP_PASSWORD: 'x' })).toEqual([
      'MICROSOFT_APP_PASSWORD: set MICROSOFT_APP_ID as well',
    ]);
  });

  it('refuses unauthenticated Teams in production', () => {
    expect(
      problemsOf({
        NODE_ENV: 'production',
        TEAMS_ALLOW_UNAUTHENTICATED: '1',
        COMPLAINANT_LINK_SECRET: 'a-production-secret-of-at-least-32-characters',
      }),
    ).toEqual(['TEAMS_ALLOW_UNAUTHENTICATED: not allowed when NODE_ENV=production']);
  });

  it('never echoes a secret, even an invalid one', () => {
    const secrets = {
      SLACK_BOT_TOKEN: 'secret-value-123',
      SLACK_APP_TOKEN: 'secret-app-456',
      SLACK_SIGNING_SECRET_PREVIOUS: 'secret-previous-789',
      DATABASE_URL: 'mysql://user:secret-db-password@db/klachten',
      MICROSOFT_APP_ID: 'secret-not-a-guid',
      MICROSOFT_APP_PASSWORD: 'secret-teams-password',
    };
    const message = messageOf(secrets);
    expect(message).toContain('SLACK_BOT_TOKEN: must be a bot token (xoxb-...)');
    for (const value of Object.values(secrets)) expect(message).not.toContain(value);
    expect(message).not.toContain('secret-');
  });
});

describe('redactedEnvSummary', () => {
  it('reports kinds and switches, no secrets', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgres://bot:db-password@db/klachten',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-token',
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    });
    const summary = redactedEnvSummary(env);
    expect(summary).toMatchObject({
      database: 'postgres',
      slack: true,
      slackSocketMode: false,
      teams: 'unauthenticated',
      orgConfig: 'demo',
    });
    const text = JSON.stringify(summary);
    for (const secret of ['db-password', 'signing-secret', 'xoxb-token']) {
      expect(text).not.toContain(secret);
    }
  });
});
