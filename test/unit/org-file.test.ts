import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { demoOrgConfig } from '../../src/config/demo-org.js';
import { loadOrgConfig, OrgConfigError, parseOrgConfig } from '../../src/config/org-file.js';
import { DEFAULT_PROCEDURE } from '../../src/domain/procedure.js';

const fixture = (name: string) => `test/fixtures/org-${name}.yaml`;

async function problemsOfFile(path: string): Promise<string[]> {
  const error = await loadOrgConfig(path).catch((caught: unknown) => caught);
  if (error instanceof OrgConfigError) return error.problems;
  throw new Error(`expected OrgConfigError, got ${String(error)}`);
}

function problemsOf(text: string): string[] {
  try {
    parseOrgConfig(text, 'org.yaml');
  } catch (error) {
    if (error instanceof OrgConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected parseOrgConfig to throw');
}

const MINIMAL_PEOPLE = `people:
  - { id: dirk, name: Dirk Directeur, roles: [director] }
  - { id: kim, name: Kim Kwaliteit, roles: [quality_adviser] }
categories:
  - { key: overig, label: Overig, handler: dirk }
`;

describe('parseOrgConfig', () => {
  it('applies the defaults', async () => {
    const config = await loadOrgConfig(fixture('valid'));
    expect(config.organisation).toEqual({
      name: 'Test BV',
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    expect(config.deadlines).toEqual({
      reminderAfter: 5,
      feedback: 5,
      decision: 10,
      resolution: 34,
      reaction: 10,
      objection: 20,
    });
    expect(config.calendar).toEqual({
      timezone: 'Europe/Amsterdam',
      goodFriday: false,
      liberationDay: 'lustrum',
      extraClosedDays: [],
    });
    expect(config.retentionYears).toBe(3);
    expect(config.people[0]).toEqual({
      id: 'dirk',
      name: 'Dirk Directeur',
      email: null,
      roles: ['director'],
      slackUserId: null,
      teamsAadObjectId: null,
      locale: null,
      active: true,
    });
    expect(config.categories).toEqual([
      { key: 'overig', label: { nl: 'Overig', en: 'Overig' }, handler: 'dirk' },
    ]);
    expect(config.channels).toEqual({ quality: { slack: null, teams: null } });
    expect(config.procedure).toEqual(DEFAULT_PROCEDURE);
  });

  it('reads the procedure choices, the objection deadline and the committee route', async () => {
    const config = await loadOrgConfig(fixture('procedure'));
    expect(config.deadlines.objection).toBe(15);
    expect(config.procedure).toEqual({
      admissibilityStep: true,
      formalToDirector: false,
      maxExtensions: 2,
      objectionDecidedByDirector: 'committee',
      committee: {
        name: 'Klachtencommissie NVOS-Orthobanda',
        address: 'Postbus 22142, 1302 CC Almere',
        url: 'https://www.nvos-orthobanda.nl',
        type: 'arbitration',
        binding: true,
      },
    });
  });

  it('fills in the committee defaults: type committee, not binding, no address or URL', () => {
    const config = parseOrgConfig(
      `organisation: { name: X }\ncommittee: { name: Geschillencommissie }\n${MINIMAL_PEOPLE}`,
      'org.yaml',
    );
    expect(config.procedure.committee).toEqual({
      name: 'Geschillencommissie',
      address: null,
      url: null,
      type: 'committee',
      binding: false,
    });
  });

  it('points at bad procedure and committee values', () => {
    const problems = problemsOf(`organisation: { name: X }
procedure: { admissibilityStep: yes, maxExtensions: 9, objectionDecidedByDirector: nobody, extra: 1 }
committee: { type: tribunal, url: ftp://x.nl }
deadlines: { objection: 0 }
${MINIMAL_PEOPLE}`);
    expect(problems).toEqual([
      'org.yaml:2:33 procedure.admissibilityStep: expected true or false, got "yes"',
      'org.yaml:2:53 procedure.maxExtensions: must be a whole number of extensions from 0 to 5, got 9',
      'org.yaml:2:84 procedure.objectionDecidedByDirector: invalid value "nobody" (expected one of quality_adviser, committee)',
      'org.yaml:2:92 procedure.extra: unknown key',
      'org.yaml:3:12 committee.name: is required',
      'org.yaml:3:20 committee.type: invalid value "tribunal" (expected one of committee, arbitration, court)',
      'org.yaml:3:35 committee.url: must be an http(s) URL',
      'org.yaml:4:25 deadlines.objection: must be a whole number of working days from 1 to 100, got 0',
    ]);
  });

  it('reserves the id "complainant" (the audit’s actor for the complainant)', () => {
    const problems = problemsOf(`organisation: { name: X }
people:
  - { id: complainant, name: Iemand, roles: [handler] }
categories:
  - { key: service, label: Service, handler: complainant }
`);
    expect(problems.some((p) => p.includes('the id "complainant" is reserved'))).toBe(true);
  });

  it('reads unquoted dates as strings and keeps partial sections', () => {
    const config = parseOrgConfig(
      `organisation: { name: X, timezone: UTC }
deadlines: { decision: 15 }
calendar: { goodFriday: true, extraClosedDays: [2026-12-31, 2026-12-24] }
${MINIMAL_PEOPLE}`,
      'org.yaml',
    );
    expect(config.calendar).toEqual({
      timezone: 'UTC',
      goodFriday: true,
      liberationDay: 'lustrum',
      extraClosedDays: ['2026-12-24', '2026-12-31'],
    });
    expect(config.deadlines).toMatchObject({ decision: 15, feedback: 5 });
  });

  it('points at the line of a bad role', async () => {
    expect(await problemsOfFile(fixture('bad-role'))).toEqual([
      `${fixture('bad-role')}:8:22 people[2].roles[1]: invalid role "boss" (expected one of reporter, handler, director, quality_adviser, secretariat)`,
    ]);
  });

  it('points at the line of a duplicate id', async () => {
    expect(await problemsOfFile(fixture('duplicate-id'))).toEqual([
      `${fixture('duplicate-id')}:10:9 people[2].id: duplicate id "dirk" (already used by people[0])`,
    ]);
  });

  it('points at the line of an unknown handler', async () => {
    expect(await problemsOfFile(fixture('unknown-handler'))).toEqual([
      `${fixture('unknown-handler')}:10:14 categories[1].handler: unknown person "jan" (no entry in people has this id)`,
    ]);
  });

  it('points at the line of a bad time zone', async () => {
    expect(await problemsOfFile(fixture('bad-timezone'))).toEqual([
      `${fixture('bad-timezone')}:4:13 organisation.timezone: unknown time zone "Europe/Amsterdamm" (expected an IANA name like Europe/Amsterdam)`,
    ]);
  });

  it('reports YAML syntax errors with their line', async () => {
    expect(await problemsOfFile(fixture('syntax-error'))).toEqual([
      `${fixture('syntax-error')}:6:11 YAML syntax error: Nested mappings are not allowed in compact mappings`,
    ]);
    expect(problemsOf('organisation:\n  name: A\n  name: B\n')).toEqual([
      'org.yaml:3:3 YAML syntax error: Map keys must be unique',
    ]);
  });

  it('lists every problem, in file order, with the parent line for a missing key', () => {
    const problems = problemsOf(`organisation: { locale: fr }
deadlines: { reminderAfter: 0, feedback: 2.5, review: 3 }
calendar: { goodFriday: yes, extraClosedDays: [2026-02-30] }
retentionYears: 31
people:
  - id: Dirk
    name: Dirk Directeur
    email: dirk@example.org
    roles: [director]
    slackUserId: dirk
  - id: piet
    name: Piet
    email: DIRK@example.org
    roles: []
    teamsAadObjectId: not-a-uuid
categories:
  - { key: overig, label: { nl: Overig }, handler: piet }
`);
    expect(problems).toEqual([
      'org.yaml:1:15 organisation.name: is required',
      'org.yaml:1:25 organisation.locale: invalid locale "fr" (expected one of nl, en)',
      'org.yaml:2:29 deadlines.reminderAfter: must be a whole number of working days from 1 to 100, got 0',
      'org.yaml:2:42 deadlines.feedback: must be a whole number of working days from 1 to 100, got 2.5',
      'org.yaml:2:47 deadlines.review: unknown key',
      'org.yaml:3:25 calendar.goodFriday: expected true or false, got "yes"',
      'org.yaml:3:48 calendar.extraClosedDays[0]: invalid date "2026-02-30" (expected YYYY-MM-DD)',
      'org.yaml:4:17 retentionYears: must be a whole number of years from 1 to 30, got 31',
      'org.yaml:5:1 people: needs at least one active person with role quality_adviser (escalations and fallback routing go there)',
      'org.yaml:6:9 people[0].id: invalid id "Dirk" (lowercase a-z, 0-9, ".", "_", "-")',
      'org.yaml:10:18 people[0].slackUserId: invalid Slack user id "dirk" (like U0123ABCD)',
      'org.yaml:13:12 people[1].email: duplicate email "DIRK@example.org" (already used by people[0])',
      'org.yaml:14:12 people[1].roles: must list at least one role',
      'org.yaml:15:23 people[1].teamsAadObjectId: invalid Teams AAD object id "not-a-uuid" (expected a UUID)',
      'org.yaml:17:52 categories[0].handler: person "piet" cannot handle complaints (needs role handler or director, and active)',
    ]);
  });

  it('names the file in the error message', () => {
    expect(() => parseOrgConfig('', 'empty.yaml')).toThrow(
      'Invalid organisation file empty.yaml:\n- empty.yaml:1:1 the file is empty',
    );
  });
});

describe('loadOrgConfig', () => {
  it('says clearly when the file is missing', async () => {
    expect(await problemsOfFile('test/fixtures/org-does-not-exist.yaml')).toEqual([
      'test/fixtures/org-does-not-exist.yaml: file not found (check ORG_CONFIG)',
    ]);
  });

  it('accepts the commented example file', async () => {
    const config = await loadOrgConfig('org.example.yaml');
    expect(config.organisation.name).toBe('Voorbeeld BV');
    expect(config.calendar.extraClosedDays).toEqual(['2026-12-24', '2026-12-31']);
    expect(config.channels.quality.slack).toBe('C0KWALITEIT');
    expect(await readFile('org.example.yaml', 'utf8')).toContain('Reporters need not be listed');
  });
});

describe('demoOrgConfig', () => {
  it('is a valid organisation with the five playground people', () => {
    const config = demoOrgConfig();
    expect(config.organisation).toEqual({
      name: 'Demo Organisatie BV',
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    expect(config.people.map((p) => [p.id, p.roles])).toEqual([
      ['dirk', ['director']],
      ['kim', ['quality_adviser']],
      ['piet', ['handler']],
      ['hanna', ['handler']],
      ['mo', ['reporter']],
    ]);
    expect(config.people.every((p) => p.teamsAadObjectId && p.slackUserId === null)).toBe(true);
    expect(config.categories.map((c) => [c.key, c.handler])).toEqual([
      ['dienstverlening', 'piet'],
      ['product', 'piet'],
      ['communicatie', 'hanna'],
      ['facturatie', 'hanna'],
      ['overig', 'hanna'],
    ]);
  });
});
