/**
 * Review findings F1 and F2 on PGlite: a director who is the subject or the reporter of a
 * complaint about an employee gets neither its texts in the register (on demand and from the
 * yearly job) nor its measures.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import type { AppDeps } from '../../src/app/deps.js';
import { composeRegisterFilesMessage, exportRegister } from '../../src/app/export-register.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { REGISTER_FILES_KIND, sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { listImprovementRegister, runMeasureCommand, viewMeasure } from '../../src/app/measures.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { type OrgConfig, parseOrgConfig } from '../../src/config/org-file.js';
import type { Person } from '../../src/domain/people.js';
import {
  buildDeps,
  createTestDatabase,
  FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { allText, readWorkbook, wireRegisterExport } from './export-support.js';
import { query } from './support.js';

const ABOUT_DIRK = 'OVER-DIRK: de directeur was onbeleefd';
const BY_DORA = 'DOOR-DORA: Hanna was onbeleefd tegen mij';
const MEASURE_DIRK = 'MAATREGEL-DIRK: coaching voor de directeur';
const MEASURE_DORA = 'MAATREGEL-DORA: gesprek met Hanna';
const SECRETS = [ABOUT_DIRK, BY_DORA, MEASURE_DIRK, MEASURE_DORA];

/** Three directors: Dirk (a complaint is about him), Dora (reported one), Dana (neither). */
function directorsOrg() {
  const yaml = DEMO_ORG_YAML.replace(
    'categories:',
    [
      '  - { id: dora, name: Dora Directeur, email: dora@example.org, roles: [director] }',
      '  - { id: dana, name: Dana Directeur, email: dana@example.org, roles: [director] }',
      'categories:',
    ].join('\n'),
  );
  return parseOrgConfig(yaml, 'test');
}

describe('a director involved in a complaint about an employee', () => {
  let database: TestDatabase;
  let deps: AppDeps & { clock: FixedClock; org: OrgConfig };
  let measureAboutDirk: string;
  const person = async (id: string): Promise<Person> => {
    const found = await deps.store.repository.findPerson(id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };
  const texts = async (data: Uint8Array | undefined) => {
    if (!data) throw new Error('no file');
    return allText(await readWorkbook(data));
  };
  const expectTexts = (text: string, present: string[]) => {
    for (const secret of SECRETS) {
      expect(text.includes(secret), secret).toBe(present.includes(secret));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const clock = new FixedClock(new Date('2025-05-05T09:00:00Z'));
    deps = { ...(await buildDeps(database.handle, { org: directorsOrg(), clock })), clock };
    wireRegisterExport(deps, database.handle);
    const { complaint: aboutDirk } = await reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'overig',
      description: ABOUT_DIRK,
      concernsEmployee: true,
      subjectPersonId: 'dirk',
    });
    const { complaint: byDora } = await reportComplaint(deps, {
      reporterId: 'dora',
      categoryKey: 'overig',
      description: BY_DORA,
      concernsEmployee: true,
      subjectPersonId: 'hanna',
    });
    const [measure] = await query<{ id: string }>(
      database.handle,
      sql`insert into measures (complaint_id, origin, scope, type, description, owner_id,
            status, created_by, created_at)
          values (${aboutDirk.id}::uuid, 'complaint', 'individual', 'corrective',
            ${MEASURE_DIRK}, 'hanna', 'open', 'kim', '2025-05-05T09:00:00Z'),
            (${byDora.id}::uuid, 'complaint', 'individual', 'corrective',
            ${MEASURE_DORA}, 'hanna', 'open', 'kim', '2025-05-05T09:00:00Z')
          returning id::text as id`,
    );
    measureAboutDirk = String(measure?.id);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('F1: the export on demand leaves out what a director is involved in', async () => {
    deps.clock.set(new Date('2026-01-05T09:00:00Z'));
    const xlsx = async (who: string) => {
      const outcome = await exportRegister(deps, await person(who), '2025', 'nl');
      if (!outcome.ok) throw new Error(outcome.text);
      expect(outcome.audience).toBe(who === 'kim' ? 'quality' : 'director');
      return texts(outcome.files.find((f) => f.format === 'xlsx')?.data);
    };
    expectTexts(await xlsx('dirk'), [BY_DORA, MEASURE_DORA]);
    expectTexts(await xlsx('dora'), [ABOUT_DIRK, MEASURE_DIRK]);
    expectTexts(await xlsx('dana'), SECRETS);
    expectTexts(await xlsx('kim'), []);
  });

  it('F1: the yearly job sends an involved director a copy of their own', async () => {
    deps.clock.set(new Date('2026-01-05T08:10:00Z'));
    const jobDeps: JobDeps = wireRegisterExport(
      { ...createJobDeps(deps, database.handle.db, deps.org), clock: deps.clock },
      database.handle,
    );
    const result = await sendYearlyDigest(jobDeps, 2025, '2026-01-05');
    expect(Object.keys(result.ownRegisterReports).sort()).toEqual(['dirk', 'dora']);
    expect(result.registerReports.director).toBeDefined();
    const rows = await query<{ key: string; person: string; payload: ClaimedMessage['payload'] }>(
      database.handle,
      sql`select idempotency_key as key, recipient_person_id as person, payload from outbox
          where kind = ${REGISTER_FILES_KIND} order by id`,
    );
    expect(rows.map((r) => r.person)).toEqual(['dana', 'dirk', 'dora', 'kim']);
    const copyOf = async (who: string) => {
      const row = rows.find((r) => r.person === who);
      if (!row) throw new Error(`no copy for ${who}`);
      const message = await composeRegisterFilesMessage(
        deps,
        {
          id: 1,
          idempotencyKey: row.key,
          kind: REGISTER_FILES_KIND,
          recipient: { personId: who },
          complaintId: null,
          payload: row.payload,
          attempts: 1,
          deliveredVia: [],
        },
        'nl',
      );
      return { reportId: row.payload.reportId, text: await texts(message?.attachments[0]?.data) };
    };
    const dirk = await copyOf('dirk');
    const dora = await copyOf('dora');
    const dana = await copyOf('dana');
    expect(dirk.reportId).toBe(result.ownRegisterReports.dirk);
    expect(dora.reportId).toBe(result.ownRegisterReports.dora);
    expect(dana.reportId).toBe(result.registerReports.director);
    expectTexts(dirk.text, [BY_DORA, MEASURE_DORA]);
    expectTexts(dora.text, [ABOUT_DIRK, MEASURE_DIRK]);
    expectTexts(dana.text, SECRETS);
    expectTexts((await copyOf('kim')).text, []);
    // Dirk's own copy is for him only.
    const misdirected = rows.find((r) => r.person === 'dirk');
    const forDana = await composeRegisterFilesMessage(
      deps,
      {
        id: 2,
        idempotencyKey: 'x',
        kind: REGISTER_FILES_KIND,
        recipient: { personId: 'dana' },
        complaintId: null,
        payload: misdirected?.payload ?? {},
        attempts: 1,
        deliveredVia: [],
      },
      'nl',
    );
    expect(forDana).toBeNull();
  });

  it("F2: the subject director neither reads nor acts on the complaint's measures", async () => {
    const dirk = await person('dirk');
    const dana = await person('dana');
    await expect(
      runMeasureCommand(deps, {
        measureId: measureAboutDirk,
        actor: dirk,
        command: 'implement_measure',
        payload: { evidence: 'gedaan' },
      }),
    ).rejects.toMatchObject({ code: 'measure.not_found' });
    const view = await viewMeasure(deps, dirk, measureAboutDirk);
    expect(view.contentHidden).toBe(true);
    expect(view.measure.description).toBe('');
    expect(view.actions).toEqual([]);
    const page = await listImprovementRegister(deps, dirk, { limit: 50 });
    const listed = page.items.find((item) => item.measure.id === measureAboutDirk);
    expect(listed?.contentHidden).toBe(true);
    expect(JSON.stringify(page.items)).not.toContain(MEASURE_DIRK);
    expect(JSON.stringify(page.items)).toContain(MEASURE_DORA);
    // Dora reported the other complaint: its measure is hidden from her.
    const doraPage = await listImprovementRegister(deps, await person('dora'), { limit: 50 });
    expect(JSON.stringify(doraPage.items)).not.toContain(MEASURE_DORA);
    expect(JSON.stringify(doraPage.items)).toContain(MEASURE_DIRK);
    // Another director and the owner still act on it.
    expect((await viewMeasure(deps, dana, measureAboutDirk)).actions).toEqual([
      'implement_measure',
    ]);
    const done = await runMeasureCommand(deps, {
      measureId: measureAboutDirk,
      actor: await person('hanna'),
      command: 'implement_measure',
      payload: { evidence: 'coaching gestart' },
    });
    expect(done.measure.status).toBe('implemented');
  });
});
