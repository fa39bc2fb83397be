import type { LocalDate } from '../domain/calendar.js';
import { buildDigest } from '../domain/digest.js';
import type { Locale, Person } from '../domain/people.js';
import {
  MAX_PERIOD_YEARS,
  mayExportRegister,
  parseRegisterPeriod,
  type RegisterAudience,
  type RegisterPeriod,
  registerAudienceFor,
  yearsOf,
} from '../domain/register-access.js';
import type { AppDeps } from './deps.js';
import type { DigestQueries, RegisterRow, ReportRenderer, ReportStore } from './jobs/ports.js';
import type { RegisterRecords } from './jobs/register-sheets.js';
import {
  chartOf,
  loadRegisterRecords,
  REGISTER_FILES_KIND,
  renderRegisterFiles,
  YEARLY_REGISTER_KIND,
} from './jobs/send-yearly-digest.js';
import { translate } from './messages/catalogue.js';
import type { MessageAttachment } from './messages/job-messages.js';
import type { MessageModel } from './messages/model.js';
import type { ClaimedMessage } from './ports.js';

/**
 * What the register on demand reads and writes beyond the use-case deps: the digest queries,
 * the measures and audit trail, the file renderer and the report store. The composition root
 * sets it as `registerExport` on the deps (see `registerExportOf`).
 */
export interface RegisterExportSources {
  digest: DigestQueries;
  records: RegisterRecords;
  renderer: ReportRenderer;
  reports: ReportStore;
}

/** The register sources on the deps (the composition root sets them). */
export function registerExportOf(deps: AppDeps): RegisterExportSources | null {
  return deps.registerExport ?? null;
}

/** The stored register of an export made on demand (Teams keeps it until it is fetched). */
export const REGISTER_EXPORT_KIND = 'register_export';
export { REGISTER_FILES_KIND, YEARLY_REGISTER_KIND };

/**
 * `export 2025`, `export 2025-01-01..2025-06-30`, `export open` (or `exporteer …`): the
 * period as typed, '' when none. Null when the text is no export request: more than one
 * period after the word (e.g. "export van facturen mislukt" is a complaint to report).
 */
const EXPORT_REQUEST = /^\s*(?:export|exporteer)(?:\s+(\S+(?:\s*\.\.\s*\S+)?))?\s*$/i;
export function exportRequestIn(text: string): string | null {
  const match = EXPORT_REQUEST.exec(text);
  return match ? (match[1] ?? '') : null;
}

export type RegisterFormat = 'xlsx' | 'csv';

export interface RegisterFile {
  format: RegisterFormat;
  fileName: string;
  mediaType: MessageAttachment['mediaType'];
  data: Uint8Array;
}

export type ExportOutcome =
  | { ok: false; reason: 'refused' | 'bad_period' | 'unavailable'; text: string }
  | {
      ok: true;
      /** How the period reads: "2025", "2025-01-01 t/m 2025-06-30", "open meldingen op …". */
      label: string;
      audience: RegisterAudience;
      rows: number;
      files: RegisterFile[];
      /** The text that goes with the files (upload comment, consent card). */
      comment: string;
      /** Told where the command was typed once the files are in the private conversation. */
      sent: string;
      /** Set when the files were stored (`keep`): the id a later fetch names. */
      reportId: string | null;
    };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;

function fileBase(period: RegisterPeriod, today: LocalDate): string {
  if (period.kind === 'year') return `klachtenregister-${period.year}`;
  if (period.kind === 'range') return `klachtenregister-${period.from}_${period.to}`;
  return `klachtenregister-open-${today}`;
}

export function registerFiles(
  base: string,
  files: { registerXlsx: Uint8Array | null; registerCsv: Uint8Array | null },
): RegisterFile[] {
  const out: RegisterFile[] = [];
  if (files.registerXlsx) {
    out.push({
      format: 'xlsx',
      fileName: `${base}.xlsx`,
      mediaType: XLSX,
      data: files.registerXlsx,
    });
  }
  if (files.registerCsv) {
    out.push({
      format: 'csv',
      fileName: `${base}.csv`,
      mediaType: 'text/csv',
      data: files.registerCsv,
    });
  }
  return out;
}

function periodLabel(locale: Locale, period: RegisterPeriod, today: LocalDate): string {
  if (period.kind === 'year') return translate(locale, 'export.label.year', { year: period.year });
  if (period.kind === 'range') {
    return translate(locale, 'export.label.range', { from: period.from, to: period.to });
  }
  return translate(locale, 'export.label.open', { date: today });
}

/**
 * The register on demand (issue 13): `export <period>` by the quality adviser, a director or
 * the secretariat. Anyone else is refused before the period is even read. The register is
 * the year's (or the range's, or the open complaints') rows, every measure of them, their
 * audit trail and the digest of the year(s) concerned, as XLSX and CSV; a director's version
 * has the content of complaints about an employee (except those the director is the subject
 * or the reporter of), every other version leaves it out. The
 * caller delivers the files privately; with `keep`, they are also stored for a later fetch by
 * this person only (`takeRegisterFile`).
 */
export async function exportRegister(
  deps: AppDeps,
  actor: Person,
  argument: string,
  locale: Locale,
  options: { keep?: boolean } = {},
): Promise<ExportOutcome> {
  if (!mayExportRegister(actor)) {
    return { ok: false, reason: 'refused', text: translate(locale, 'export.refused') };
  }
  const now = deps.clock.now();
  const today = deps.calendar.localDate(now);
  const parsed = parseRegisterPeriod(argument, today);
  if (!parsed.ok) {
    const params = { input: argument.trim(), years: MAX_PERIOD_YEARS };
    return {
      ok: false,
      reason: 'bad_period',
      text: translate(locale, `export.period.${parsed.problem}`, params),
    };
  }
  const sources = registerExportOf(deps);
  if (!sources) {
    deps.logger.error({}, 'register export is not wired (registerExport on the deps)');
    return { ok: false, reason: 'unavailable', text: translate(locale, 'export.unavailable') };
  }
  const { period } = parsed;
  const audience = registerAudienceFor(actor);
  const content = await registerContent(deps, sources, period, today, locale);
  const records = await loadRegisterRecords(
    sources.records,
    content.rows,
    period.kind === 'open' ? 'unfinished' : { from: period.from, to: period.to },
  );
  const rendered = await renderRegisterFiles(
    sources.renderer,
    {
      rows: content.rows,
      digests: content.digests,
      labels: content.labels,
      audience,
      // A director's own copy: not the texts of complaints they are the subject or reporter of.
      withheldFrom: audience === 'director' ? actor.id : null,
      locale,
      today,
      timezone: deps.calendar.options.timezone,
      chartPng: content.chartPng,
    },
    records,
  );
  const label = periodLabel(locale, period, today);
  const files = registerFiles(fileBase(period, today), rendered);
  const version = translate(locale, `export.version.${audience}`);
  let reportId: string | null = null;
  if (options.keep) {
    reportId = await sources.reports.saveReport({
      kind: REGISTER_EXPORT_KIND,
      // One per request: the person and the instant.
      period: `${actor.id}:${now.toISOString()}`,
      summary: {
        label,
        audience,
        rows: content.rows.length,
        base: fileBase(period, today),
        recipients: [actor.id],
        once: true,
      },
      chartPng: null,
      ...rendered,
      createdAt: now,
    });
  }
  deps.logger.info(
    { personId: actor.id, period: period.kind, rows: content.rows.length, audience },
    'register exported',
  );
  return {
    ok: true,
    label,
    audience,
    rows: content.rows.length,
    files,
    comment: translate(locale, 'export.comment', {
      period: label,
      version,
      rows: content.rows.length,
    }),
    sent: translate(locale, 'export.sent', {
      period: label,
      files: files.map((f) => f.format.toUpperCase()).join(', '),
    }),
    reportId,
  };
}

/**
 * The register's rows for the period, the digest of each year it touches (the chat digest's
 * figures as of today, with a heading saying which year when the period is not that year) and
 * the chart of the last of them.
 */
async function registerContent(
  deps: AppDeps,
  sources: RegisterExportSources,
  period: RegisterPeriod,
  today: LocalDate,
  locale: Locale,
) {
  const categories = await deps.store.repository.listCategories();
  const labels = new Map(categories.map((c) => [c.key, c.label[locale]]));
  const thisYear = Number(today.slice(0, 4));
  const registerYears =
    period.kind === 'open' ? await sources.records.openComplaintYears() : yearsOf(period);
  const rows: RegisterRow[] = [];
  for (const year of registerYears) {
    const all = await sources.digest.register({ year, asOf: today });
    rows.push(
      ...all.filter((r) =>
        period.kind === 'open'
          ? r.status !== 'closed' && r.status !== 'withdrawn'
          : r.registeredOn >= period.from && r.registeredOn <= period.to,
      ),
    );
  }
  const digestYears = period.kind === 'open' ? [thisYear] : yearsOf(period);
  const digests = [];
  let chart: Parameters<ReportRenderer['chartPng']>[0] | null = null;
  for (const year of digestYears) {
    const figures = await sources.digest.yearFigures({ year, asOf: today });
    const previous = await sources.digest.yearFigures({ year: year - 1, asOf: today });
    const digest = buildDigest(figures, previous);
    const heading =
      period.kind === 'year'
        ? null
        : translate(
            locale,
            period.kind === 'open' ? 'export.analysis.open' : 'export.analysis.year',
            {
              year,
              date: today,
            },
          );
    digests.push({ heading, digest });
    chart = chartOf(locale, figures, digest, labels);
  }
  const chartPng = chart ? await sources.renderer.chartPng(chart) : null;
  return { rows, digests, labels, chartPng };
}

/** The stored register a person may fetch: theirs (an export) or sent to them (yearly). */
async function registerFor(
  deps: AppDeps,
  person: Person,
  reportId: string,
): Promise<{
  report: NonNullable<Awaited<ReturnType<ReportStore['findReport']>>>;
  base: string;
} | null> {
  const reports = registerExportOf(deps)?.reports ?? deps.reports;
  if (!reports || !mayExportRegister(person)) return null;
  const report = await reports.findReport(reportId);
  if (!report || (report.kind !== REGISTER_EXPORT_KIND && report.kind !== YEARLY_REGISTER_KIND)) {
    return null;
  }
  const recipients = report.summary.recipients;
  if (!Array.isArray(recipients) || !recipients.includes(person.id)) return null;
  // The director's version only ever to a director (a role may have changed since).
  if (report.summary.audience === 'director' && registerAudienceFor(person) !== 'director') {
    return null;
  }
  const base =
    typeof report.summary.base === 'string'
      ? report.summary.base
      : `klachtenregister-${String(report.summary.year ?? report.period)}`;
  return { report, base };
}

/**
 * One file of a stored register, for the person it was made for or sent to, without clearing
 * it: a Teams upload reads it, and drops it (`dropRegisterFile`) only once the upload
 * succeeded, so a failed upload can be retried from the same card. Null when the person may
 * not have it or it is gone.
 */
export async function readRegisterFile(
  deps: AppDeps,
  person: Person,
  reportId: string,
  format: RegisterFormat,
): Promise<RegisterFile | null> {
  const found = await registerFor(deps, person, reportId);
  if (!found) return null;
  return registerFiles(found.base, found.report).find((f) => f.format === format) ?? null;
}

/**
 * One file of a stored register, for the person it was made for or sent to. An export made
 * on demand gives each file once: it is cleared from the store as it is handed out. Null when
 * the person may not have it or it is gone. (Where handing out may fail after reading, use
 * `readRegisterFile` and `dropRegisterFile` once it succeeded.)
 */
export async function takeRegisterFile(
  deps: AppDeps,
  person: Person,
  reportId: string,
  format: RegisterFormat,
): Promise<RegisterFile | null> {
  const found = await registerFor(deps, person, reportId);
  if (!found) return null;
  const file = registerFiles(found.base, found.report).find((f) => f.format === format) ?? null;
  if (file && found.report.summary.once === true)
    await dropRegisterFile(deps, person, reportId, format);
  return file;
}

/** Clears one file of an export made on demand (declined, or handed out). */
export async function dropRegisterFile(
  deps: AppDeps,
  person: Person,
  reportId: string,
  format: RegisterFormat,
): Promise<void> {
  const found = await registerFor(deps, person, reportId);
  const reports = registerExportOf(deps)?.reports ?? deps.reports;
  if (!found || !reports || found.report.summary.once !== true) return;
  const { id: _id, ...report } = found.report;
  await reports.saveReport({
    ...report,
    registerXlsx: format === 'xlsx' ? null : report.registerXlsx,
    registerCsv: format === 'csv' ? null : report.registerCsv,
  });
}

/**
 * The private message of kind `register_files` (the yearly job): the register's XLSX and CSV
 * for one quality adviser or director, with a text that says what it is and that it is
 * confidential. Null when the person may no longer have it or the files are gone.
 */
export async function composeRegisterFilesMessage(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<{
  recipient: Person;
  locale: Locale;
  model: MessageModel;
  liveCard: false;
  attachments: MessageAttachment[];
} | null> {
  if (!('personId' in message.recipient)) return null;
  const recipient = await deps.store.repository.findPerson(message.recipient.personId);
  const reportId = typeof message.payload.reportId === 'string' ? message.payload.reportId : '';
  if (!recipient?.active) return null;
  const found = await registerFor(deps, recipient, reportId);
  if (!found) return null;
  const attachments = registerFiles(found.base, found.report).map(
    ({ fileName, mediaType, data }): MessageAttachment => ({ fileName, mediaType, data }),
  );
  if (attachments.length === 0) return null;
  const locale = recipient.locale ?? defaultLocale;
  const year = String(found.report.summary.year ?? found.report.summary.label ?? '');
  const audience = found.report.summary.audience === 'director' ? 'director' : 'quality';
  const title = translate(locale, 'export.yearly.title', { year });
  return {
    recipient,
    locale,
    model: {
      summary: title,
      title,
      intro: translate(locale, 'export.yearly.intro', {
        year,
        version: translate(locale, `export.version.${audience}`),
      }),
      facts: [],
      sections: [],
      actions: [],
      footer: null,
      complaint: null,
    },
    liveCard: false,
    attachments,
  };
}
