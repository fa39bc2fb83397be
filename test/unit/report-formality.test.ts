import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { reportInput } from '../../src/app/forms/payloads.js';
import { type ReportInput, reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Person } from '../../src/domain/people.js';
import { DEFAULT_PROCEDURE } from '../../src/domain/procedure.js';
import { buildDeps, createTestDatabase, type TestDatabase } from '../support/databases.js';

/**
 * The intake with a formality (seed 002): a formal complaint goes to an uninvolved director
 * when the organisation says so (the default), on a real database. The demo organisation:
 * Dirk directs, Kim is quality adviser, Piet handles `dienstverlening`, Mo reports.
 */
describe('report intake: formal complaints go to the director', () => {
  let database: TestDatabase;
  let deps: AppDeps;
  let sequence = 0;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    deps = await buildDeps(database.handle);
  });
  afterAll(async () => {
    await database.drop();
  });

  const report = (overrides: Partial<ReportInput> = {}, over: Partial<AppDeps> = {}) => {
    sequence += 1;
    return reportComplaint(
      { ...deps, ...over },
      {
        reporterId: 'mo',
        categoryKey: 'dienstverlening',
        description: `De monteur kwam niet (${sequence}).`,
        intakeKey: `formality:${sequence}`,
        ...overrides,
      },
    );
  };

  it('an informal complaint goes to the category handler', async () => {
    const { complaint } = await report();
    expect(complaint).toMatchObject({ formality: 'informal', handlerId: 'piet' });
  });

  it('a formal complaint from the report form goes to the director; the audit has the formality', async () => {
    const values = {
      description: 'Formele klacht per brief.',
      categoryKey: 'dienstverlening',
      formality: 'formal',
      intakeChannel: 'letter',
    };
    const { complaint } = await reportComplaint(
      deps,
      reportInput(values, { reporterId: 'mo', intakeKey: 'formality:form', sourceLink: null }),
    );
    expect(complaint).toMatchObject({
      formality: 'formal',
      intakeChannel: 'letter',
      handlerId: 'dirk',
    });
    const [audit] = await deps.store.repository.listAudit(complaint.id);
    expect(audit?.metadata).toMatchObject({ formality: 'formal', handlerId: 'dirk' });
  });

  it('stays with the category handler when the organisation keeps formal complaints there', async () => {
    const { complaint } = await report(
      { formality: 'formal' },
      { procedure: { ...DEFAULT_PROCEDURE, formalToDirector: false } },
    );
    expect(complaint).toMatchObject({ formality: 'formal', handlerId: 'piet' });
  });

  it('goes to the director without procedure rules in the deps (the default)', async () => {
    const { complaint } = await report({ formality: 'formal' }, { procedure: undefined });
    expect(complaint.handlerId).toBe('dirk');
  });

  it('goes to the quality adviser when the director reported it', async () => {
    const { complaint } = await report({ formality: 'formal', reporterId: 'dirk' });
    expect(complaint.handlerId).toBe('kim');
  });

  it('a complaint forwarded by the committee is registered as such', async () => {
    const { complaint } = await report({ formality: 'formal', intakeChannel: 'committee' });
    expect(complaint).toMatchObject({ intakeChannel: 'committee', handlerId: 'dirk' });
  });

  it('classifying an informal complaint as formal moves it to the director', async () => {
    const { complaint } = await report();
    const piet = (await deps.store.repository.findPerson('piet')) as Person;
    await runCommand(deps, {
      complaint: complaint.reference,
      actor: { kind: 'person', person: piet },
      command: 'classify',
      payload: { kind: 'complaint', formality: 'formal' },
    });
    const after = await deps.store.repository.findComplaint(complaint.reference);
    expect(after).toMatchObject({ formality: 'formal', handlerId: 'dirk', status: 'registered' });
    const audit = await deps.store.repository.listAudit(complaint.id);
    expect(audit.at(-1)?.metadata).toMatchObject({
      formality: 'formal',
      fromFormality: 'informal',
      fromHandlerId: 'piet',
      toHandlerId: 'dirk',
    });
  });
});
