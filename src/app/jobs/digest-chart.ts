import { type Digest, quarterCounts, roundOne, type YearFigures } from '../../domain/digest.js';
import type { Locale } from '../../domain/people.js';
import { type MessageKey, translate, translator } from '../messages/catalogue.js';
import type { DigestChart } from './ports.js';
import { complianceLabel } from './register-sheets.js';

/**
 * The digest's chart (issue 13), useful at 10–100 complaints a year: complaints per quarter by
 * category (stacked bars), the share of each deadline met, and the measures from taken to
 * judged effective. Every count as it is; complaints about an employee are in none of them.
 *
 * A superset of the port's `DigestChart`, so it passes through `ReportRenderer.chartPng`:
 * - `months`: the periods on the x axis, here the quarters ("K1" … "K4");
 * - `series`: per category (organisation file order), its complaints per quarter;
 * - `compliance`: per deadline the percentage met and its label ("83,3% (10 van 12)");
 * - `measures`: taken, implemented, judged, effective, each with its label.
 */
export interface ChartModel extends DigestChart {
  periodsTitle?: string;
  compliance: { name: string; percent: number | null; label?: string }[];
  measures?: { name: string; value: number; label: string }[];
  measuresTitle?: string;
  /** Said in the periods panel when it has no bar to draw. */
  empty?: string;
}

const numberFormat = (tag: string) =>
  new Intl.NumberFormat(tag, { maximumFractionDigits: 1, useGrouping: false });
const NUMBER: Record<Locale, Intl.NumberFormat> = {
  nl: numberFormat('nl-NL'),
  en: numberFormat('en-GB'),
};

/** The chart of a year's figures and its digest, in `locale`. */
export function digestChart(
  locale: Locale,
  figures: YearFigures,
  digest: Digest,
  labels: ReadonlyMap<string, string>,
): ChartModel {
  const t = translator(locale);
  const x = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const n = (value: number) => NUMBER[locale].format(value);
  const quarters = quarterCounts(figures.perMonth, [...labels.keys()]);
  const percentOf = (part: number, whole: number) =>
    whole > 0 ? roundOne((part / whole) * 100) : null;
  const m = figures.measures;
  const effective = percentOf(m.effective, m.judged);
  return {
    title: x('chart.title', { year: figures.year }),
    note: x('chart.note', { employee: String(digest.totals.concerningEmployee ?? 0) }),
    periodsTitle: x('chart.quarters'),
    months: [1, 2, 3, 4].map((quarter) => x('chart.quarter', { quarter })),
    series: quarters.map((q) => ({
      name: labels.get(q.categoryKey) ?? q.categoryKey,
      values: [...q.counts],
    })),
    empty: x('chart.no_complaints', { year: figures.year }),
    complianceTitle: x('chart.compliance'),
    compliance: figures.compliance.map((c) => {
      const percent = percentOf(c.met, c.due);
      return {
        name: complianceLabel(t, c.milestone),
        percent,
        label:
          percent === null
            ? x('chart.not_applicable')
            : x('chart.compliance.value', { percent: n(percent), met: c.met, due: c.due }),
      };
    }),
    measuresTitle: x('chart.measures'),
    measures: [
      { name: x('chart.measures.taken'), value: m.taken, label: n(m.taken) },
      { name: x('chart.measures.implemented'), value: m.implemented, label: n(m.implemented) },
      { name: x('chart.measures.judged'), value: m.judged, label: n(m.judged) },
      {
        name: x('chart.measures.effective'),
        value: m.effective,
        label:
          effective === null
            ? n(m.effective)
            : x('chart.measures.effective.value', { count: m.effective, percent: n(effective) }),
      },
    ],
  };
}
