import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DatabaseHandle } from '../../src/adapters/postgres/database.js';
import { createDigestQueries } from '../../src/adapters/postgres/digest-queries.js';
import { createRegisterRecords } from '../../src/adapters/postgres/register-records.js';
import { createReportStore } from '../../src/adapters/postgres/report-store.js';
import { createReportRenderer } from '../../src/adapters/reports/index.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { RegisterExportSources } from '../../src/app/export-register.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { type OrgConfig, parseOrgConfig } from '../../src/config/org-file.js';
import type { FixedClock } from '../support/databases.js';
import { actAs, query } from './support.js';

/** The demo organisation with a secretariat member. */
export function orgWithSecretariat(): OrgConfig {
  const yaml = DEMO_ORG_YAML.replace(
    'categories:',
    '  - { id: sara, name: Sara Secretariaat, email: sara@example.org, roles: [secretariat] }\ncategories:',
  );
  return parseOrgConfig(yaml, 'test');
}

/**
 * What the composition root sets as `registerExport` (see the report to the lead); set on
 * the deps object here until service.ts and job-deps.ts do it.
 */
export function registerExportSources(
  handle: DatabaseHandle,
  deps: Pick<AppDeps, 'calendar'>,
): RegisterExportSources {
  return {
    digest: createDigestQueries(handle.db, deps.calendar),
    records: createRegisterRecords(handle.db, deps.calendar),
    renderer: createReportRenderer(),
    reports: createReportStore(handle.db),
  };
}

export function wireRegisterExport<T extends AppDeps>(deps: T, handle: DatabaseHandle): T {
  if (!(deps as { registerExport?: unknown }).registerExport) {
    Object.assign(deps, { registerExport: registerExportSources(handle, deps) });
  }
  return deps;
}

export type Cell = string | number | boolean | null;

export interface Sheet {
  headers: string[];
  rows: Record<string, Cell>[];
}

export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

/** A sheet as header → value records (row 1 is the header). */
export function sheetOf(workbook: ExcelJS.Workbook, name: string): Sheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`sheet ${name} missing`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, Cell>[] = [];
  sheet.eachRow((row, r) => {
    if (r === 1) return;
    const record: Record<string, Cell> = {};
    headers.forEach((header, i) => {
      const value = row.getCell(i + 1).value;
      record[header] = value === undefined ? null : (value as Cell);
    });
    rows.push(record);
  });
  return { headers, rows };
}

/** Every text in every sheet of the workbook, joined. */
export function allText(workbook: ExcelJS.Workbook): string {
  const parts: string[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        parts.push(String(cell.value));
      });
    });
  }
  return parts.join('\n');
}

export const BEHAVIOUR = {
  description: 'GEDRAG-OMSCHRIJVING: Hanna was onbeleefd aan de telefoon',
  motivation: 'GEDRAG-MOTIVERING: gesprek met Hanna gevoerd',
  resolution: 'GEDRAG-OPLOSSING: excuses aangeboden',
  measure: 'GEDRAG-MAATREGEL: coaching voor Hanna',
  evidence: 'GEDRAG-BEWIJS: coachingsverslag',
};

export interface Year {
  /** Founded, resolved with three measures, accepted (closed), registered 2025-03-03. */
  delivery: { id: string; reference: string };
  /** About an employee (handled by the director), resolved, registered 2025-04-07. */
  behaviour: { id: string; reference: string };
  /** Only registered, 2025-08-04: still open. */
  invoice: { id: string; reference: string };
  /** Withdrawn, 2025-09-01. */
  withdrawn: { id: string; reference: string };
  /** Registered 2024-11-04 and still open. */
  lastYear: { id: string; reference: string };
  /** A measure of the trend review (no complaint), judged not effective, and its follow-up. */
  trendMeasure: string;
  followUp: string;
}

/** 10:00 in Amsterdam on a local date (winter or summer time alike, via the clock). */
const at = (date: string) => new Date(`${date}T09:00:00Z`);

/**
 * A small year through the real use cases (so the audit trail is real), plus the measure
 * lifecycle columns (implemented, evidence, review) set with SQL: no command sets them yet.
 */
export async function seedYear(
  deps: AppDeps & { clock: FixedClock },
  handle: DatabaseHandle,
): Promise<Year> {
  const report = async (date: string, input: Record<string, unknown>) => {
    deps.clock.set(at(date));
    const { complaint } = await reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      ...input,
    } as never);
    const [row] = await query<{ reference: string }>(
      handle,
      sql`select reference from complaints where id = ${complaint.id}`,
    );
    return { id: complaint.id, reference: String(row?.reference) };
  };
  const act = async (date: string, who: string, id: string, command: string, payload: unknown) => {
    deps.clock.set(at(date));
    await actAs(deps, who, id, command as never, payload);
  };

  const lastYear = await report('2024-11-04', { description: 'Oude klacht die nog loopt' });

  const delivery = await report('2025-03-03', {
    description: 'LEVERING: kwam drie weken te laat bij klant Jansen',
  });
  await act('2025-03-05', 'piet', delivery.id, 'declare_founded', {
    motivation: 'LEVERING-MOTIVERING: vertraging bij ons',
  });
  await act('2025-03-10', 'piet', delivery.id, 'record_resolution', {
    resolution: 'LEVERING-OPLOSSING: nieuwe levering gestuurd',
    cause: 'structural',
    correctiveMeasure: 'LEVERING-CORRIGEREND: spoedlevering',
    preventiveMeasure: 'LEVERING-PREVENTIEF: planning bijgesteld',
    improvement: {
      scope: 'organisation',
      type: 'preventive',
      description: 'LEVERING-VERBETER: leveringsplanning organisatiebreed herzien',
      ownerId: 'kim',
      dueOn: '2025-06-30',
    },
  });
  await act('2025-03-12', 'mo', delivery.id, 'accept', {});

  const behaviour = await report('2025-04-07', {
    categoryKey: 'communicatie',
    description: BEHAVIOUR.description,
    concernsEmployee: true,
    subjectPersonId: 'hanna',
  });
  await act('2025-04-09', 'dirk', behaviour.id, 'declare_founded', {
    motivation: BEHAVIOUR.motivation,
  });
  await act('2025-04-14', 'dirk', behaviour.id, 'record_resolution', {
    resolution: BEHAVIOUR.resolution,
    cause: 'incidental',
    correctiveMeasure: BEHAVIOUR.measure,
  });

  const invoice = await report('2025-08-04', {
    categoryKey: 'facturatie',
    description: 'FACTUUR: bedrag klopt niet',
  });
  const withdrawn = await report('2025-09-01', { description: 'INGETROKKEN: vergissing' });
  await act('2025-09-02', 'mo', withdrawn.id, 'withdraw', {});

  // The lifecycle columns of migration 0008, as the measures' own commands will set them.
  await handle.db.execute(sql`
    update measures set status = 'implemented', implemented_at = '2025-06-20T10:00:00Z',
      evidence = 'LEVERING-BEWIJS: nieuwe planning gepubliceerd', review_due_on = '2025-09-20',
      effective = true, reviewed_at = '2025-09-22T10:00:00Z', reviewed_by = 'kim',
      review_note = 'LEVERING-BEOORDELING: geen te late leveringen meer'
    where complaint_id = ${delivery.id} and scope = 'organisation'`);
  await handle.db.execute(sql`
    update measures set status = 'implemented', implemented_at = '2025-05-01T10:00:00Z',
      evidence = ${BEHAVIOUR.evidence}
    where complaint_id = ${behaviour.id}`);
  const [trend] = await query<{ id: string }>(
    handle,
    sql`insert into measures (origin, scope, type, description, owner_id, due_on, status,
          implemented_at, evidence, review_due_on, effective, reviewed_at, reviewed_by,
          review_note, created_by, created_at)
        values ('trend_review', 'organisation', 'corrective',
          'TREND: training klantcontact voor iedereen', 'kim', '2025-10-31', 'implemented',
          '2025-11-03T10:00:00Z', 'TREND-BEWIJS: training gegeven', '2025-12-01', false,
          '2025-12-05T10:00:00Z', 'kim', 'TREND-BEOORDELING: geen daling', 'kim',
          '2025-10-01T10:00:00Z')
        returning id::text as id`,
  );
  const [followUp] = await query<{ id: string }>(
    handle,
    sql`insert into measures (origin, scope, type, description, owner_id, due_on, status,
          follow_up_of, created_by, created_at)
        values ('trend_review', 'organisation', 'corrective', 'TREND-VERVOLG: training herhalen',
          'hanna', '2026-03-31', 'open', ${trend?.id}::uuid, 'kim', '2025-12-05T11:00:00Z')
        returning id::text as id`,
  );
  return {
    delivery,
    behaviour,
    invoice,
    withdrawn,
    lastYear,
    trendMeasure: String(trend?.id),
    followUp: String(followUp?.id),
  };
}
