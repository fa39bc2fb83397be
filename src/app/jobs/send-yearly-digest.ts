import type { LocalDate } from '../../domain/calendar.js';
import { buildDigest, type Digest, MASKED, type YearFigures } from '../../domain/digest.js';
import type { Locale, Person } from '../../domain/people.js';
import { involvedInRegister, registerAudienceFor } from '../../domain/register-access.js';
import type { AppDeps } from '../deps.js';
import type { OutboxMessage } from '../ports.js';
import { digestChart } from './digest-chart.js';
import type {
  DigestChart,
  JobDeps,
  JobSummary,
  RegisterRow,
  ReportFiles,
  ReportRenderer,
} from './ports.js';
import {
  type AuditRecord,
  type MeasureRecord,
  type MeasureSelection,
  type RegisterAudience,
  type RegisterRecords,
  registerSheets,
  registerWorkbook,
  type WorkbookInput,
} from './register-sheets.js';

export interface YearlyDigestResult {
  summary: JobSummary;
  digest: Digest;
  /** The report the quality channel's post reads: summary and chart, no register files. */
  reportId: string;
  /** The register of the requested audience (chart, XLSX, CSV): never posted in a channel. */
  files: ReportFiles;
  /** The private copies sent to the quality adviser and the director, by audience. */
  registerReports: Partial<Record<RegisterAudience, string>>;
  /**
   * The director's copies made for one director, by person id: a director who is the subject
   * or the reporter of a complaint about an employee in the register gets that complaint's
   * texts left out (the other directors share `registerReports.director`).
   */
  ownRegisterReports: Record<string, string>;
}

/** The kind of the stored register a person receives privately from the yearly job. */
export const YEARLY_REGISTER_KIND = 'register_yearly';
/** The outbox kind that carries a register privately to one person. */
export const REGISTER_FILES_KIND = 'register_files';

const _MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** The digest's chart: complaints per month and category, and the deadline compliance. */
export function chartOf(
  locale: Locale,
  figures: YearFigures,
  digest: Digest,
  labels: ReadonlyMap<string, string>,
): DigestChart {
  return digestChart(locale, figures, digest, labels);
}

/** The reads of the Verbeterregister and Audittrail sheets (`registerExport.records`). */
export function registerRecordsOf(deps: AppDeps): RegisterRecords | null {
  return deps.registerExport?.records ?? null;
}

/** The measures and the audit trail of a register's complaints. */
export async function loadRegisterRecords(
  records: RegisterRecords | null,
  rows: readonly RegisterRow[],
  withoutComplaint: MeasureSelection['withoutComplaint'],
): Promise<{ measures: MeasureRecord[]; audit: AuditRecord[] } | null> {
  if (!records) return null;
  const references = rows.map((r) => r.reference);
  const [measures, audit] = await Promise.all([
    records.measures({ references, withoutComplaint }),
    records.auditTrail(references),
  ]);
  return { measures, audit };
}

/**
 * The register's files for one audience: the workbook (four sheets when the records are
 * there, else the register and the analysis) and the CSV of the register sheet.
 */
export async function renderRegisterFiles(
  renderer: ReportRenderer,
  input: Omit<WorkbookInput, 'measures' | 'audit'>,
  records: { measures: MeasureRecord[]; audit: AuditRecord[] } | null,
): Promise<{ registerXlsx: Uint8Array; registerCsv: Uint8Array }> {
  const first = input.digests[0]?.digest;
  const sheets = records
    ? registerWorkbook({ ...input, ...records })
    : first
      ? registerSheets(
          input.rows,
          first,
          input.labels,
          input.audience,
          input.locale,
          input.withheldFrom,
        )
      : registerWorkbook({ ...input, measures: [], audit: [] });
  // The workbook first: its compression runs off the main thread while the CSV is rendered.
  const [registerXlsx, registerCsv] = await Promise.all([
    renderer.registerXlsx(sheets),
    renderer.registerCsv(sheets),
  ]);
  return { registerXlsx, registerCsv };
}

interface YearlyRecipient {
  person: Person;
  audience: RegisterAudience;
  /**
   * The version they get: the audience's shared one, or `director:<id>` for a director who is
   * the subject or the reporter of a complaint about an employee in the register (their own).
   */
  version: string;
}

/** Who gets the yearly register privately: active quality advisers and directors. */
function yearlyRecipients(
  people: readonly Person[],
  involved: (personId: string) => boolean,
): YearlyRecipient[] {
  return people
    .filter(
      (p) => p.active && (p.roles.includes('quality_adviser') || p.roles.includes('director')),
    )
    .map((person) => {
      const audience = registerAudienceFor(person);
      const own = audience === 'director' && involved(person.id);
      return { person, audience, version: own ? `director:${person.id}` : audience };
    });
}

/**
 * The yearly trend digest (DESIGN §7) for `year`, taken on `asOf`: figures by SQL aggregates,
 * masked in the domain, a chart PNG, announced in the quality channel with figures and the
 * chart only. The register (XLSX and CSV: complaints, measures, audit trail, analysis) goes
 * privately to each quality adviser (without the content of complaints about an employee) and
 * each director (with it, except the complaints that director is the subject or the reporter
 * of: such a director gets a copy of their own), as outbox messages of kind `register_files`.
 * Idempotency keys hold
 * the year and the person, never the run's time: a rerun posts and sends nothing twice.
 * `post: false` (a direct export) sends nothing and returns the `audience`'s files.
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
  const chartPng = await deps.renderer.chartPng(chartOf(deps.locale, figures, digest, labels));
  const records = await loadRegisterRecords(registerRecordsOf(deps), rows, {
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });
  const post = options.post !== false;
  const requested = options.audience ?? 'quality';
  const involved = (personId: string) =>
    involvedInRegister(personId, rows, records?.measures ?? []);
  const recipients = post
    ? yearlyRecipients(await deps.store.repository.listPeople(), involved)
    : [];
  // One rendering per version: each audience's shared one, and a director's own.
  const versions = new Map<string, { audience: RegisterAudience; withheldFrom: string | null }>([
    [requested, { audience: requested, withheldFrom: null }],
  ]);
  for (const r of recipients) {
    versions.set(r.version, {
      audience: r.audience,
      withheldFrom: r.version === r.audience ? null : r.person.id,
    });
  }
  const rendered = new Map<string, { registerXlsx: Uint8Array; registerCsv: Uint8Array }>();
  for (const [version, { audience, withheldFrom }] of versions) {
    rendered.set(
      version,
      await renderRegisterFiles(
        deps.renderer,
        {
          rows,
          digests: [{ heading: null, digest }],
          labels,
          audience,
          withheldFrom,
          locale: deps.locale,
          today: asOf,
          timezone: deps.calendar.options.timezone,
          chartPng,
        },
        records,
      ),
    );
  }
  const now = deps.clock.now();
  // The channel's report: figures and chart. Its register files stay empty (issue 13: the
  // year's register, with descriptions and resolutions, never goes to the quality channel).
  const reportId = await deps.reports.saveReport({
    kind: 'yearly_digest',
    period: String(year),
    summary: { ...digest, asOf, labels: Object.fromEntries(labels) },
    chartPng,
    registerXlsx: null,
    registerCsv: null,
    createdAt: now,
  });
  const registerReports: Partial<Record<RegisterAudience, string>> = {};
  const ownRegisterReports: Record<string, string> = {};
  const reportOf = new Map<string, string>();
  if (post) {
    for (const version of new Set(recipients.map((r) => r.version))) {
      const files = rendered.get(version);
      const spec = versions.get(version);
      if (!files || !spec) continue;
      const { audience, withheldFrom } = spec;
      const id = await deps.reports.saveReport({
        kind: YEARLY_REGISTER_KIND,
        period: `${year}:${version}`,
        summary: {
          year,
          asOf,
          audience,
          ...(withheldFrom ? { withheldFrom } : {}),
          label: String(year),
          rows: rows.length,
          recipients: recipients.filter((r) => r.version === version).map((r) => r.person.id),
        },
        chartPng: null,
        ...files,
        createdAt: now,
      });
      reportOf.set(version, id);
      if (withheldFrom) ownRegisterReports[withheldFrom] = id;
      else registerReports[audience] = id;
    }
    const messages: OutboxMessage[] = [
      {
        idempotencyKey: `yearly_digest:${year}`,
        kind: 'yearly_digest',
        recipient: { channel: 'quality' },
        complaintId: null,
        payload: { reportId, year },
      },
      ...recipients.map(
        ({ person, version }): OutboxMessage => ({
          idempotencyKey: `${REGISTER_FILES_KIND}:${year}:${person.id}`,
          kind: REGISTER_FILES_KIND,
          recipient: { personId: person.id },
          complaintId: null,
          payload: { reportId: reportOf.get(version) ?? '', year },
        }),
      ),
    ];
    await deps.store.repository.enqueue(messages, now);
  }
  const total = digest.totals.complaints;
  const files = rendered.get(requested);
  return {
    summary: {
      year,
      reportId,
      complaints: total === MASKED ? MASKED : total,
      rows: rows.length,
      privateCopies: recipients.length,
    },
    digest,
    reportId,
    files: {
      chartPng,
      registerXlsx: files?.registerXlsx ?? null,
      registerCsv: files?.registerCsv ?? null,
    },
    registerReports,
    ownRegisterReports,
  };
}
