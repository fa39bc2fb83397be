import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncOrganisation } from '../../src/adapters/postgres/org-sync.js';
import type { AppDeps } from '../../src/app/deps.js';
import { identifyPerson } from '../../src/app/identify-person.js';
import { type ReportInput, reportComplaint } from '../../src/app/report-complaint.js';
import { DEMO_ORG_YAML, demoOrgConfig } from '../../src/config/demo-org.js';
import { parseOrgConfig } from '../../src/config/org-file.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../support/databases.js';

/**
 * The demo organisation after a reorganisation: Mo has left, Piet is renamed, the
 * "facturatie" category is gone and "overig" moved from Hanna to Piet.
 */
const CHANGED_ORG_YAML = `\
organisation: { name: Demo Organisatie BV, locale: nl, timezone: Europe/Amsterdam }
people:
  - id: dirk
    name: Dirk Directeur
    email: dirk@example.org
    roles: [director]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000001
  - id: kim
    name: Kim Kwaliteit
    email: kim@example.org
    roles: [quality_adviser]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000002
  - id: piet
    name: Piet Pietersen
    email: piet@example.org
    roles: [handler]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000003
  - id: hanna
    name: Hanna Hoofd Service
    email: hanna@example.org
    roles: [handler]
    teamsAadObjectId: 00000000-0000-4000-8000-000000000004
categories:
  - { key: dienstverlening, label: { nl: Dienstverlening, en: Service }, handler: piet }
  - { key: product, label: { nl: Product, en: Product }, handler: piet }
  - { key: communicatie, label: { nl: Communicatie, en: Communication }, handler: hanna }
  - { key: overig, label: { nl: Overig, en: Other }, handler: piet }
`;

const NINA_SLACK_ID = 'U0NINA1';
const TEO_AAD_ID = '00000000-0000-4000-8000-0000000000aa';

/** The demo organisation that now lists two people who first reported unlisted. */
const ORG_WITH_NEWCOMERS_YAML = DEMO_ORG_YAML.replace(
  '\ncategories:\n',
  `
  - id: nina
    name: Nina Nieuwenhuis
    roles: [reporter]
    slackUserId: ${NINA_SLACK_ID}
  - id: teo
    name: Teo Teams
    roles: [reporter]
    teamsAadObjectId: ${TEO_AAD_ID.toUpperCase()}
categories:
`,
);

describe.each(DATABASE_KINDS)('organisation sync on %s', (kind) => {
  let database: TestDatabase;
  let deps: AppDeps;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await buildDeps(database.handle);
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    await syncOrganisation(database.handle.db, demoOrgConfig());
  });

  const report = (overrides: Partial<ReportInput>) =>
    reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'facturatie',
      description: 'De factuur klopte niet.',
      complainantType: 'client',
      ...overrides,
    });

  it('deactivates removed people and categories, keeps history pointing at them, and re-activates them', async () => {
    const db = database.handle.db;
    const repo = deps.store.repository;
    const { complaint } = await report({});
    expect(complaint).toMatchObject({ reporterId: 'mo', categoryKey: 'facturatie' });
    expect(complaint.handlerId).toBe('hanna');

    const changed = parseOrgConfig(CHANGED_ORG_YAML, 'changed.yaml');
    expect(await syncOrganisation(db, changed)).toEqual({
      people: 4,
      categories: 4,
      deactivatedPeople: 1,
      deactivatedCategories: 1,
    });

    // Removed: still there, inactive, unchanged otherwise.
    expect(await repo.findPerson('mo')).toMatchObject({
      id: 'mo',
      name: 'Mo Medewerker',
      active: false,
    });
    expect(await repo.findCategory('facturatie')).toMatchObject({
      key: 'facturatie',
      handlerId: 'hanna',
      active: false,
    });
    expect((await repo.listPeople()).map((p) => p.id)).toContain('mo');
    // The complaint keeps pointing at them.
    expect(await repo.findComplaint(complaint.reference)).toMatchObject({
      id: complaint.id,
      reporterId: 'mo',
      categoryKey: 'facturatie',
      handlerId: 'hanna',
    });
    // Renamed and re-assigned.
    expect(await repo.findPerson('piet')).toMatchObject({ name: 'Piet Pietersen', active: true });
    expect(await repo.findCategory('overig')).toMatchObject({ handlerId: 'piet', active: true });
    const active = (await repo.listCategories()).filter((c) => c.active).map((c) => c.key);
    expect(active).toEqual(['dienstverlening', 'product', 'communicatie', 'overig']);

    // Nobody reports as a removed person or in a removed category.
    await expect(report({ reporterId: 'mo', categoryKey: 'overig' })).rejects.toMatchObject({
      code: 'person.not_found',
    });
    await expect(report({ reporterId: 'dirk', categoryKey: 'facturatie' })).rejects.toMatchObject({
      code: 'category.not_found',
    });

    // Back in the file: active again, with the file's values.
    expect(await syncOrganisation(db, demoOrgConfig())).toEqual({
      people: 5,
      categories: 5,
      deactivatedPeople: 0,
      deactivatedCategories: 0,
    });
    expect(await repo.findPerson('mo')).toMatchObject({ active: true });
    expect(await repo.findPerson('piet')).toMatchObject({
      name: 'Piet Projectleider',
      active: true,
    });
    expect(await repo.findCategory('facturatie')).toMatchObject({ active: true });
    expect(await repo.findCategory('overig')).toMatchObject({ handlerId: 'hanna' });
    const again = await report({});
    expect(again.complaint).toMatchObject({ reporterId: 'mo', handlerId: 'hanna' });
  });

  it('hands a first-contact reporter’s platform id to the person the file now lists', async () => {
    const db = database.handle.db;
    const repo = deps.store.repository;
    const nina = await identifyPerson(deps, { slackUserId: NINA_SLACK_ID, displayName: 'Nina' });
    expect(nina).toMatchObject({ id: `slack-${NINA_SLACK_ID}`, active: true });
    const teo = await identifyPerson(deps, { teamsAadObjectId: TEO_AAD_ID, displayName: 'Teo' });
    expect(teo).toMatchObject({ id: `teams-${TEO_AAD_ID}`, active: true });
    const { complaint } = await report({ reporterId: nina.id, categoryKey: 'product' });

    const listed = parseOrgConfig(ORG_WITH_NEWCOMERS_YAML, 'newcomers.yaml');
    expect(await syncOrganisation(db, listed)).toMatchObject({ people: 7 });

    expect(await identifyPerson(deps, { slackUserId: NINA_SLACK_ID })).toMatchObject({
      id: 'nina',
      name: 'Nina Nieuwenhuis',
      slackUserId: NINA_SLACK_ID,
      active: true,
    });
    expect(await identifyPerson(deps, { teamsAadObjectId: TEO_AAD_ID })).toMatchObject({
      id: 'teo',
      teamsAadObjectId: TEO_AAD_ID,
      active: true,
    });
    // The first-contact rows keep their history but no longer hold the ids.
    expect(await repo.findPerson(nina.id)).toMatchObject({
      name: 'Nina',
      slackUserId: null,
      active: false,
    });
    expect(await repo.findPerson(teo.id)).toMatchObject({
      teamsAadObjectId: null,
      active: false,
    });
    expect(await repo.findComplaint(complaint.id)).toMatchObject({ reporterId: nina.id });

    // A second sync of the same file changes nothing.
    expect(await syncOrganisation(db, listed)).toMatchObject({ deactivatedPeople: 0 });
    expect((await identifyPerson(deps, { slackUserId: NINA_SLACK_ID })).id).toBe('nina');
  });

  it('moves a Teams id from one listed person to another without breaking the unique index', async () => {
    const db = database.handle.db;
    const moved = DEMO_ORG_YAML.replace(
      'teamsAadObjectId: 00000000-0000-4000-8000-000000000005',
      'teamsAadObjectId: 00000000-0000-4000-8000-000000000055',
    ).replace(
      'teamsAadObjectId: 00000000-0000-4000-8000-000000000004',
      'teamsAadObjectId: 00000000-0000-4000-8000-000000000005',
    );
    await syncOrganisation(db, demoOrgConfig());
    await syncOrganisation(db, parseOrgConfig(moved, 'moved.yaml'));
    const holder = await identifyPerson(deps, {
      teamsAadObjectId: '00000000-0000-4000-8000-000000000005',
    });
    expect(holder).toMatchObject({ id: 'hanna', active: true });
    expect(await deps.store.repository.findPerson('mo')).toMatchObject({
      teamsAadObjectId: '00000000-0000-4000-8000-000000000055',
      active: true,
    });
    await syncOrganisation(db, demoOrgConfig());
  });
});
