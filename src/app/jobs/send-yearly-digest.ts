import type { LocalDate } from '../../domain/calendar.js';
import {
  buildDigest,
  chartValue,
  type Digest,
  MASKED,
  roundOne,
  type YearFigures,
} from '../../domain/digest.js';
import { translator } from '../messages/catalogue.js';
import type { DigestChart, JobDeps, JobSummary, ReportFiles } from './ports.js';
import { complianceLabel, type RegisterAudience, registerSheets } from './register-sheets.js';

export interface YearlyDigestResult {
  summary: JobSummary;
  digest: Digest;
  reportId: string;
  files: ReportFiles;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

function chartOf(
  deps: JobDeps,
  figures: YearFigures,
  digest: Digest,
  labels: ReadonlyMap<string, string>,
): DigestChart {
  const t = translator(deps.locale);
  const keys = [...new Set(figures.perMonth.map((m) => m.categoryKey))].sort();
  return {
    title: t('digest.chart.title', { year: figures.year }),
    months: MONTHS.map((m) => `${figures.year}-${m}`),
    series: keys.map((key) => ({
      name: labels.get(key) ?? key,
      values: MONTHS.map((_, i) =>
        chartValue(
          figures.perMonth.find((m) => m.month === i + 1 && m.categoryKey === key)?.count ?? 0,
        ),
      ),
    })),
    compliance: digest.compliance.map((c) => ({
      name: complianceLabel(t, c.milestone),
      percent: typeof c.ratio === 'number' ? roundOne(c.ratio * 100) : null,
    })),
    complianceTitle: t('digest.chart.compliance'),
    note: t('digest.chart.note'),
  };
}

/**
 * The yearly trend digest (DESIGN §7) for `year`, taken on `asOf`: figures by SQL aggregates,
 * masked in the domain, a chart PNG and the register (XLSX and CSV) stored as one report and
 * announced in the quality channel. The channel's register leaves out the content of
 * complaints about an employee; `audience: 'director'` includes it (for a direct export).
 */
export async function sendYearlyDigest(
  deps: JobDeps,
  year: number,
  asOf: LocalDate,
  options: { audience?: RegisterAudience; post?: boolean } = {},
): Promise<YearlyDigestResult> {
  const window = { year, asOf };
  const [figures, previous, rows, categories] = [
    await deps.digest.yearFigures(window),
    await deps.digest.yearFigures({ year: year - 1, asOf }),
    await deps.digest.register(window),
    await deps.store.repository.listCategories(),
  ];
  const labels = new Map(categories.map((c) => [c.key, c.label[deps.locale]]));
  const digest = buildDigest(figures, previous);
  const sheets = registerSheets(rows, digest, labels, options.audience ?? 'quality', deps.locale);
  // The workbook first: its compression runs off the main thread while the CSV and the chart
  // are rendered on it.
  const [registerXlsx, registerCsv, chartPng] = await Promise.all([
    deps.renderer.registerXlsx(sheets),
    deps.renderer.registerCsv(sheets),
    deps.renderer.chartPng(chartOf(deps, figures, digest, labels)),
  ]);
  const files: ReportFiles = { chartPng, registerXlsx, registerCsv };
  const now = deps.clock.now();
  const reportId = await deps.reports.saveReport({
    kind: 'yearly_digest',
    period: String(year),
    summary: { ...digest, asOf, labels: Object.fromEntries(labels) },
    ...files,
    createdAt: now,
  });
  if (options.post !== false) {
    await deps.store.repository.enqueue(
      [
        {
          idempotencyKey: `yearly_digest:${year}:${now.toISOString()}`,
          kind: 'yearly_digest',
          recipient: { channel: 'quality' },
          complaintId: null,
          payload: { reportId, year },
        },
      ],
      now,
    );
  }
  const total = digest.totals.complaints;
  return {
    summary: { year, reportId, complaints: total === MASKED ? MASKED : total, rows: rows.length },
    digest,
    reportId,
    files,
  };
}
