import { describe, expect, it } from 'vitest';
import {
  complainantSettings,
  DEVELOPMENT_LINK_SECRET,
  usesDevelopmentLinkSecret,
} from '../../src/config/complainant.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { type Env, EnvError, loadEnv, mailMode, redactedEnvSummary } from '../../src/config/env.js';
import { loadOrgConfig, OrgConfigError, parseOrgConfig } from '../../src/config/org-file.js';

const SECRET = 'a-long-random-secret-of-at-least-32-chars';

function orgProblems(extra: string): string[] {
  try {
    parseOrgConfig(`${DEMO_ORG_YAML}${extra}`, 'org.yaml');
  } catch (error) {
    if (error instanceof OrgConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a problem');
}

function envProblems(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected a problem');
}

const demoLines = DEMO_ORG_YAML.split('\n').length;

describe('organisation file: acknowledgement, web form, letterhead, committee term', () => {
  it('defaults: 5 / 1 / 1 working days, no web form, an empty letterhead', () => {
    const org = parseOrgConfig(DEMO_ORG_YAML, 'org.yaml');
    expect(org.acknowledgement).toEqual({ letter: 5, email: 1, webForm: 1 });
    expect(org.webForm).toEqual({ enabled: false, registeredBy: null });
    expect(org.letterhead).toEqual({ address: null, email: null, phone: null, url: null });
  });

  it('reads every key', () => {
    const org = parseOrgConfig(
      `${DEMO_ORG_YAML}acknowledgement: { letter: 3, email: 0, webForm: 2 }
webForm: { enabled: true, registeredBy: kim }
letterhead:
  address: |
    Postbus 12
    1000 AA Amsterdam
  email: klachten@example.org
  phone: 020 123 45 67
  url: https://www.example.org
committee: { name: Geschillencommissie, termMonths: 3 }
`,
      'org.yaml',
    );
    expect(org.acknowledgement).toEqual({ letter: 3, email: 0, webForm: 2 });
    expect(org.webForm).toEqual({ enabled: true, registeredBy: 'kim' });
    expect(org.letterhead).toEqual({
      address: 'Postbus 12\n1000 AA Amsterdam',
      email: 'klachten@example.org',
      phone: '020 123 45 67',
      url: 'https://www.example.org',
    });
    expect(org.procedure.committee?.termMonths).toBe(3);
  });

  it('points at bad values, with line and column', () => {
    const at = (line: number) => `org.yaml:${demoLines + line}`;
    expect(
      orgProblems(`acknowledgement: { letter: -1, fax: 2 }
webForm: { enabled: true, registeredBy: nobody }
letterhead: { email: geen-adres, url: ftp://example.org }
committee: { name: C, termMonths: 0 }
`),
    ).toEqual([
      `${at(0)}:28 acknowledgement.letter: must be a whole number of working days from 0 to 100, got -1`,
      `${at(0)}:32 acknowledgement.fax: unknown key`,
      `${at(1)}:41 webForm.registeredBy: unknown person "nobody" (no entry in people has this id)`,
      `${at(2)}:22 letterhead.email: invalid email address "geen-adres"`,
      `${at(2)}:39 letterhead.url: must be an http(s) URL`,
      `${at(3)}:35 committee.termMonths: must be a whole number of months from 1 to 60, got 0`,
    ]);
  });

  it('an enabled web form needs an active person to register its complaints', () => {
    expect(orgProblems('webForm: { enabled: true }\n')).toEqual([
      `org.yaml:${demoLines}:1 webForm: needs registeredBy when enabled (the person in whose name web form complaints are registered, e.g. the secretariat)`,
    ]);
    const inactive = DEMO_ORG_YAML.replace(
      '    roles: [reporter]\n',
      '    roles: [reporter]\n    active: false\n',
    );
    expect(() =>
      parseOrgConfig(`${inactive}webForm: { enabled: true, registeredBy: mo }\n`, 'org.yaml'),
    ).toThrow('person "mo" is not active');
  });

  it('the example file is valid and shows every new section', async () => {
    const org = await loadOrgConfig('org.example.yaml');
    expect(org.acknowledgement).toEqual({ letter: 5, email: 1, webForm: 1 });
    expect(org.webForm).toEqual({ enabled: false, registeredBy: 'sanne' });
    expect(org.letterhead.email).toBe('klachten@voorbeeld.nl');
    expect(org.procedure.committee?.termMonths).toBe(3);
  });
});

describe('environment: mail and the complainant’s links', () => {
  it('defaults: no SMTP, no base URL, no secret, links valid 90 days', () => {
    expect(loadEnv({}).complainant).toEqual({
      smtpUrl: null,
      mailFrom: null,
      publicBaseUrl: null,
      linkSecret: null,
      linkValidDays: 90,
    });
  });

  it('reads SMTP, the sender, the base URL, the secret and the link days', () => {
    const env = loadEnv({
      SMTP_URL: 'smtps://bot:mail-password@mail.example.org:465',
      MAIL_FROM: 'Klachtenbot <klachten@example.org>',
      PUBLIC_BASE_URL: 'https://klachten.example.org/',
      COMPLAINANT_LINK_SECRET: SECRET,
      COMPLAINANT_LINK_DAYS: '30',
    });
    expect(env.complainant).toEqual({
      smtpUrl: 'smtps://bot:mail-password@mail.example.org:465',
      mailFrom: 'Klachtenbot <klachten@example.org>',
      publicBaseUrl: 'https://klachten.example.org',
      linkSecret: SECRET,
      linkValidDays: 30,
    });
    expect(mailMode(env)).toBe('smtp');
    // The summary names the mode, never the password or the secret.
    const summary = JSON.stringify(redactedEnvSummary(env));
    expect(redactedEnvSummary(env).mail).toBe('smtp');
    expect(summary).not.toContain('mail-password');
    expect(summary).not.toContain(SECRET);
  });

  it('lists every problem, without repeating a value', () => {
    const problems = envProblems({
      NODE_ENV: 'production',
      SMTP_URL: 'http://mail.example.org',
      PUBLIC_BASE_URL: 'klachten.example.org',
      COMPLAINANT_LINK_DAYS: '0',
    });
    expect(problems).toEqual([
      'SMTP_URL: must be an smtp:// or smtps:// URL',
      'PUBLIC_BASE_URL: must be an http(s) URL',
      'COMPLAINANT_LINK_DAYS: must be a whole number of days (1-3650)',
      'MAIL_FROM: required when SMTP_URL is set (the sender of e-mails)',
      "COMPLAINANT_LINK_SECRET: required when NODE_ENV=production (at least 32 random characters; signs the complainants' links)",
    ]);
    expect(
      envProblems({ COMPLAINANT_LINK_SECRET: 'too-short-secret', MAIL_FROM: 'nobody' }),
    ).toEqual([
      'MAIL_FROM: must be an e-mail address, optionally with a name: Name <address@example.org>',
      'COMPLAINANT_LINK_SECRET: must be at least 32 characters',
    ]);
    expect(
      JSON.stringify(envProblems({ COMPLAINANT_LINK_SECRET: 'too-short-secret' })),
    ).not.toContain('too-short-secret');
  });

  it('mail mode: SMTP when set; .eml files in local development on PGlite; else off', () => {
    expect(mailMode(loadEnv({}))).toBe('files');
    expect(mailMode(loadEnv({ DATABASE_URL: 'postgres://db/klachten' }))).toBe('off');
    expect(mailMode(loadEnv({ NODE_ENV: 'production', COMPLAINANT_LINK_SECRET: SECRET }))).toBe(
      'off',
    );
    expect(redactedEnvSummary(loadEnv({})).mail).toBe('files');
  });
});

describe('complainantSettings', () => {
  const org = parseOrgConfig(
    `${DEMO_ORG_YAML}acknowledgement: { letter: 4 }
webForm: { enabled: true, registeredBy: kim }
letterhead: { email: klachten@example.org }
`,
    'org.yaml',
  );

  it('joins the environment and the organisation file', () => {
    const env = loadEnv({
      PUBLIC_BASE_URL: 'https://klachten.example.org',
      COMPLAINANT_LINK_SECRET: SECRET,
      COMPLAINANT_LINK_DAYS: '14',
      DATABASE_URL: 'postgres://db/klachten',
    });
    expect(complainantSettings(env, org)).toEqual({
      publicBaseUrl: 'https://klachten.example.org',
      linkSecret: SECRET,
      linkValidDays: 14,
      mail: 'off',
      acknowledgement: { letter: 4, email: 1, webForm: 1 },
      webForm: { enabled: true, registeredBy: 'kim' },
      letterhead: {
        name: 'Demo Organisatie BV',
        address: null,
        email: 'klachten@example.org',
        phone: null,
        url: null,
      },
    });
    expect(usesDevelopmentLinkSecret(env)).toBe(false);
  });

  it('without PUBLIC_BASE_URL: where the server listens, else localhost on PORT', () => {
    const env = loadEnv({ PORT: '8080' });
    expect(complainantSettings(env, org).publicBaseUrl).toBe('http://localhost:8080');
    expect(complainantSettings(env, org, 'http://127.0.0.1:43123/').publicBaseUrl).toBe(
      'http://127.0.0.1:43123',
    );
    // Outside production without a secret: the public development secret (the lead warns).
    expect(complainantSettings(env, org).linkSecret).toBe(DEVELOPMENT_LINK_SECRET);
    expect(usesDevelopmentLinkSecret(env)).toBe(true);
    expect(complainantSettings(env, org).mail).toBe('files');
  });

  it('an environment built by hand (tests) gets the defaults; production never the dev secret', () => {
    const { complainant: _omitted, ...bare } = loadEnv({});
    const env: Env = { ...bare, port: 0 };
    expect(complainantSettings(env, org, 'http://127.0.0.1:5000')).toMatchObject({
      publicBaseUrl: 'http://127.0.0.1:5000',
      linkSecret: DEVELOPMENT_LINK_SECRET,
      linkValidDays: 90,
    });
    expect(() => complainantSettings({ ...env, nodeEnv: 'production' }, org)).toThrow(
      'COMPLAINANT_LINK_SECRET',
    );
  });
});
