import { eq, sql } from 'drizzle-orm';
import { reports } from '../../../db/schema/index.js';
import type { ReportStore, StoredReport } from '../../app/jobs/ports.js';
import type { Database } from './database.js';
import { translatingErrors } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** postgres.js returns a Buffer, PGlite a Uint8Array: both are Uint8Array. */
const bytes = (value: Uint8Array | null) => (value ? new Uint8Array(value) : null);

/** Reports of the jobs; one per kind and period, replaced by a re-run (backfill). */
export function createReportStore(db: Database): ReportStore {
  return translatingErrors<ReportStore>({
    async saveReport(report) {
      const values = {
        ...report,
        chartPng: bytes(report.chartPng),
        registerXlsx: bytes(report.registerXlsx),
        registerCsv: bytes(report.registerCsv),
      };
      const [row] = await db
        .insert(reports)
        .values(values)
        // A re-run replaces the row with the values already sent (`excluded`), not a second copy.
        .onConflictDoUpdate({
          target: [reports.kind, reports.period],
          set: {
            summary: sql`excluded.summary`,
            chartPng: sql`excluded.chart_png`,
            registerXlsx: sql`excluded.register_xlsx`,
            registerCsv: sql`excluded.register_csv`,
            createdAt: sql`excluded.created_at`,
          },
        })
        .returning({ id: reports.id });
      if (!row) throw new Error('report not returned');
      return row.id;
    },
    async findReport(id) {
      if (!UUID.test(id)) return null;
      const [row] = await db.select().from(reports).where(eq(reports.id, id));
      if (!row) return null;
      return {
        ...row,
        chartPng: bytes(row.chartPng),
        registerXlsx: bytes(row.registerXlsx),
        registerCsv: bytes(row.registerCsv),
      } satisfies StoredReport;
    },
  });
}
