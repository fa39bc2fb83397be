import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTeamsSurface } from '../../src/adapters/teams/index.js';
import type { Logger } from '../../src/app/ports.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import type { DatabaseEnv, Env } from '../../src/config/env.js';
import { type RunningService, startService } from '../../src/service.js';
import { messageActivity, TEAMS_USERS } from '../fakes/teams-activities.js';
import { writes } from './support.js';

const APP_ID = 'kb-test-app-id';
const KID = 'kb-test-key';
const CHANNEL_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

interface Line {
  level: string;
  obj: Record<string, unknown>;
  msg: string | undefined;
}

/** A Logger that keeps every line, to count them. */
function recordingLogger(lines: Line[]): Logger {
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function rs256(header: object, claims: object, key: KeyObject): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

/**
 * Bot Framework authentication on (MICROSOFT_APP_ID set), with botbuilder's channel key
 * metadata pointed at a local OpenID/JWKS endpoint, so nothing reaches the internet: forged
 * tokens get a 401 and one log line, no stack trace, and the bot never runs.
 */
describe('faults: forged Teams tokens', () => {
  const lines: Line[] = [];
  const right = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const wrong = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keys: Server;
  let keyFetches = 0;
  let service: RunningService;

  beforeAll(async () => {
    const jwk = right.publicKey.export({ format: 'jwk' });
    keys = createServer((req, res) => {
      keyFetches++;
      const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
      const body =
        req.url === '/keys'
          ? {
              keys: [
                { kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] },
              ],
            }
          : { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const port = (keys.address() as AddressInfo).port;
    // botbuilder keeps one OpenIdMetadata per metadata URL in a static cache: the channel's
    // entry is replaced by one that reads the local endpoint (test only; same module instance).
    const fromBotbuilder = createRequire(createRequire(import.meta.url).resolve('botbuilder'));
    const { JwtTokenExtractor } = fromBotbuilder(
      'botframework-connector/lib/auth/jwtTokenExtractor',
    );
    const { OpenIdMetadata } = fromBotbuilder('botframework-connector/lib/auth/openIdMetadata');
    JwtTokenExtractor.openIdMetadataCache.set(
      CHANNEL_METADATA,
      new OpenIdMetadata(`http://127.0.0.1:${port}/openid`),
    );

    const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-teams-auth-'));
    const orgFile = path.join(dir, 'org.yaml');
    await writeFile(orgFile, DEMO_ORG_YAML);
    const env: Env = {
      nodeEnv: 'test',
      logLevel: 'silent',
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      database: { kind: 'pglite', dataDir: null } as unknown as DatabaseEnv,
      orgConfigPath: orgFile,
      slack: null,
      teams: {
        appId: APP_ID,
        appPassword: 'not-used-here',
        tenantId: null,
        appType: 'MultiTenant',
        allowUnauthenticated: false,
      },
      outboxPollMs: 50,
      jobsEnabled: false,
    };
    service = await startService(env, {
      logger: recordingLogger(lines),
      surfaces: [createTeamsSurface],
    });
  });
  afterAll(async () => {
    await service?.stop();
    keys?.closeAllConnections();
    await new Promise((resolve) => keys?.close(resolve));
  });

  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  const claims = () => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + 600,
    };
  };

  async function post(token: string | null) {
    const activity = messageActivity(TEAMS_USERS.mo, 'klacht', { serviceUrl });
    const res = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(activity),
    });
    return res.status;
  }

  const forged: [string, () => string][] = [
    [
      'a known kid signed with the wrong key',
      () => rs256({ alg: 'RS256', kid: KID, typ: 'JWT' }, claims(), wrong.privateKey),
    ],
    [
      'HS256 keyed with the public key',
      () => {
        const pem = right.publicKey.export({ type: 'spki', format: 'pem' });
        const input = `${b64({ alg: 'HS256', kid: KID, typ: 'JWT' })}.${b64(claims())}`;
        return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
      },
    ],
    ['alg: none', () => `${b64({ alg: 'none', kid: KID, typ: 'JWT' })}.${b64(claims())}.`],
    ['no token at all', () => ''],
  ];

  it.each(forged)('%s → 401, one log line without a stack, nothing run', async (_name, make) => {
    const before = await writes(service.database);
    const consoleError = vi.spyOn(console, 'error');
    const from = lines.length;
    try {
      const token = make();
      expect(await post(token === '' ? null : token)).toBe(401);
    } finally {
      consoleError.mockRestore();
    }
    const mine = lines.slice(from);
    expect(mine.map((l) => l.msg)).toEqual(['Teams request refused: authentication']);
    expect(mine[0]?.level).toBe('warn');
    expect(JSON.stringify(mine)).not.toMatch(/\n\s+at /);
    expect(mine[0]?.obj.err).toBeUndefined();
    // botbuilder's own console output (if any) carries no stack trace either.
    for (const call of consoleError.mock.calls) {
      expect(call.map((c) => (c instanceof Error ? c.stack : String(c))).join(' ')).not.toMatch(
        /\n\s+at /,
      );
    }
    expect(await writes(service.database)).toEqual(before);
  });

  it('the rightly signed token passes authentication (the check can fail)', async () => {
    const token = rs256({ alg: 'RS256', kid: KID, typ: 'JWT' }, claims(), right.privateKey);
    const from = lines.length;
    const status = await post(token);
    expect(status).not.toBe(401);
    expect(lines.slice(from).map((l) => l.msg)).not.toContain(
      'Teams request refused: authentication',
    );
    expect(keyFetches).toBeGreaterThan(0); // the local endpoint, never the internet
  });
});
