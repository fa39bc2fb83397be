import type { Digest } from '../../domain/digest.js';
import type { Locale } from '../../domain/people.js';
import { type MessageKey, translator } from '../messages/catalogue.js';
import type { RegisterRow, RegisterSheets } from './ports.js';

/** Who the register is for: the director sees the content of complaints about an employee. */
export type RegisterAudience = 'director' | 'quality';

type Cell = string | number | null;
type Column = [key: string, value: (row: RegisterRow) => Cell];

const REGISTER_COLUMNS = (
  t: ReturnType<typeof translator>,
  audience: RegisterAudience,
  labels: ReadonlyMap<string, string>,
) => {
  // A register has a few distinct labels and many rows: each label is translated once.
  const translations = new Map<string, string>();
  const translated = (key: string) => {
    let text = translations.get(key);
    if (text === undefined) {
      text = t(key as MessageKey);
      translations.set(key, text);
    }
    return text;
  };
  const yesNo = (v: boolean | null) =>
    v === null ? null : translated(v ? 'answer.yes' : 'answer.no');
  const label = (prefix: string, v: string | null) =>
    v === null ? null : translated(`${prefix}.${v}`);
  const text = (row: RegisterRow, value: string | null) => {
    if (row.anonymised) return translated('register.anonymised');
    if (row.concernsEmployee && audience !== 'director') return translated('register.omitted');
    return value;
  };
  const columns: Column[] = [
    ['reference', (r) => r.reference],
    ['registeredOn', (r) => r.registeredOn],
    ['kind', (r) => label('kind', r.kind)],
    ['formality', (r) => label('formality', r.formality)],
    ['category', (r) => labels.get(r.categoryKey) ?? r.categoryLabel],
    ['complainantType', (r) => label('complainant', r.complainantType)],
    ['intakeChannel', (r) => label('channel', r.intakeChannel)],
    ['status', (r) => label('status', r.status)],
    ['decision', (r) => label('decision', r.decision)],
    ['cause', (r) => label('cause', r.cause)],
    ['handler', (r) => r.handlerName],
    ['firstFeedbackOn', (r) => r.firstFeedbackOn],
    ['decidedOn', (r) => r.decidedOn],
    ['resolvedOn', (r) => r.resolvedOn],
    ['closedOn', (r) => r.closedOn],
    ['closeReason', (r) => label('close_reason', r.closeReason)],
    ['feedbackMet', (r) => yesNo(r.feedbackMet)],
    ['decisionMet', (r) => yesNo(r.decisionMet)],
    ['resolutionMet', (r) => yesNo(r.resolutionMet)],
    ['leadFirstFeedback', (r) => r.leadFirstFeedback],
    ['leadDecision', (r) => r.leadDecision],
    ['leadResolved', (r) => r.leadResolved],
    ['leadClosed', (r) => r.leadClosed],
    ['objected', (r) => yesNo(r.objected)],
    ['concernsEmployee', (r) => yesNo(r.concernsEmployee)],
    ['description', (r) => text(r, r.description)],
    ['resolution', (r) => text(r, r.resolution)],
  ];
  return columns;
};

const show = (v: unknown): Cell =>
  v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);

/** The register of a year ("overzicht klachten") plus the digest as an analysis sheet. */
export function registerSheets(
  rows: readonly RegisterRow[],
  digest: Digest,
  labels: ReadonlyMap<string, string>,
  audience: RegisterAudience,
  locale: Locale,
): RegisterSheets {
  const t = translator(locale);
  const columns = REGISTER_COLUMNS(t, audience, labels);
  const analysis: Cell[][] = [
    [t('digest.complaints'), show(digest.totals.complaints)],
    [t('digest.feedback'), show(digest.totals.feedback)],
    [t('digest.previous', { year: digest.year - 1 }), show(digest.totals.previousComplaints)],
    [t('digest.change'), show(digest.totals.change)],
    [t('digest.founded_ratio'), show(digest.totals.foundedRatio)],
    [t('cause.structural'), show(digest.totals.structural)],
    [t('cause.incidental'), show(digest.totals.incidental)],
    ...digest.compliance.map((c): Cell[] => [
      `${t('digest.compliance')}: ${t(`milestone.${c.milestone}`)}`,
      show(c.ratio),
    ]),
    ...digest.leadTimes.map((l): Cell[] => [
      `${t('digest.lead_times')} ${t(`lead.${l.stage}`)}`,
      `${show(l.median) ?? '-'} / ${show(l.p90) ?? '-'}`,
    ]),
    ...digest.categories.map((c): Cell[] => [
      `${t('digest.complaints')}: ${labels.get(c.categoryKey) ?? c.categoryKey}`,
      show(c.complaints),
    ]),
    [t('digest.rising'), digest.rising.map((k) => labels.get(k) ?? k).join(', ') || null],
  ];
  return {
    headers: columns.map(([key]) => t(`register.${key}` as MessageKey)),
    rows: rows.map((row) => columns.map(([, value]) => value(row))),
    analysisHeaders: [t('analysis.measure'), t('analysis.value')],
    analysis,
  };
}
