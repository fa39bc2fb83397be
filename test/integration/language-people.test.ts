import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOrganisation } from '../../src/adapters/postgres/org-sync.js';
import type { AppDeps } from '../../src/app/deps.js';
import { identifyPerson } from '../../src/app/identify-person.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { parseOrgConfig } from '../../src/config/org-file.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../support/databases.js';

const PIET = '00000000-0000-4000-8000-000000000003';
const HANNA = '00000000-0000-4000-8000-000000000004';

/** The demo organisation with Piet's locale pinned to Dutch in the file. */
const PINNED_YAML = DEMO_ORG_YAML.replace(
  '    teamsAadObjectId: 00000000-0000-4000-8000-000000000003\n',
  '    teamsAadObjectId: 00000000-0000-4000-8000-000000000003\n    locale: nl\n',
);

describe.each(DATABASE_KINDS)('people and their language on %s', (kind) => {
  let database: TestDatabase;
  let deps: AppDeps;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await buildDeps(database.handle, { org: parseOrgConfig(PINNED_YAML, 'org.yaml') });
  });
  afterAll(async () => {
    await database.drop();
  });

  const repo = () => deps.store.repository;

  it('stores the platform locale of a listed person, and a re-sync of the file keeps it', async () => {
    const hanna = await identifyPerson(deps, { teamsAadObjectId: HANNA, locale: 'en' });
    expect(hanna).toMatchObject({ id: 'hanna', locale: 'en' });
    expect(await repo().findPerson('hanna')).toMatchObject({ locale: 'en', localePinned: false });
    await syncOrganisation(database.handle.db, parseOrgConfig(PINNED_YAML, 'org.yaml'));
    expect((await repo().findPerson('hanna'))?.locale).toBe('en');
    // The platform changes its mind: so does the stored locale.
    await identifyPerson(deps, { teamsAadObjectId: HANNA, locale: 'nl' });
    expect((await repo().findPerson('hanna'))?.locale).toBe('nl');
  });

  it('never lets the platform override a locale pinned in the file', async () => {
    expect(await repo().findPerson('piet')).toMatchObject({ locale: 'nl', localePinned: true });
    const piet = await identifyPerson(deps, { teamsAadObjectId: PIET, locale: 'en' });
    expect(piet.locale).toBe('nl');
    await repo().recordPlatformLocale('piet', 'en');
    expect((await repo().findPerson('piet'))?.locale).toBe('nl');
  });

  it('unpins when the file no longer names a locale, keeping the last one', async () => {
    await syncOrganisation(database.handle.db, parseOrgConfig(DEMO_ORG_YAML, 'org.yaml'));
    expect(await repo().findPerson('piet')).toMatchObject({ locale: 'nl', localePinned: false });
    await identifyPerson(deps, { teamsAadObjectId: PIET, locale: 'en' });
    expect((await repo().findPerson('piet'))?.locale).toBe('en');
    // Pinned again by the file: the file's value wins over what the platform reported.
    await syncOrganisation(database.handle.db, parseOrgConfig(PINNED_YAML, 'org.yaml'));
    expect(await repo().findPerson('piet')).toMatchObject({ locale: 'nl', localePinned: true });
  });

  it('gives a first-contact reporter the platform locale', async () => {
    const noor = await identifyPerson(deps, {
      teamsAadObjectId: '00000000-0000-4000-8000-0000000000ee',
      locale: 'en',
    });
    expect(noor).toMatchObject({ locale: 'en', localePinned: false });
  });
});
