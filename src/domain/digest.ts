/**
 * Digest maths (DESIGN §5, §7): the yearly trend analysis from figures the database computed.
 * Pure: no I/O.
 *
 * Masking protects people, not numbers (issue 13):
 * - complaints (and tips) about an employee are never broken down: the database leaves them
 *   out of every figure, per category, per month or quarter and in every total, compliance
 *   figure and lead time, so no figure can be subtracted from another to find them; they
 *   appear once, as the year's total (`concerningEmployee`), shown as "<3" below three (a zero
 *   stays a zero: it identifies nobody);
 * - every other count, ratio and lead time is shown as it is, however small.
 * The `Masked` types remain because the employee total and reports stored before this rule
 * may hold "<3".
 */

export const MASK_THRESHOLD = 3;
export const MASKED = '<3' as const;
export type Masked<T = number> = T | typeof MASKED;

export const LEAD_TIME_STAGES = ['first_feedback', 'decision', 'resolved', 'closed'] as const;
export type LeadTimeStage = (typeof LEAD_TIME_STAGES)[number];
/**
 * The deadlines whose compliance is measured, per complaint and for the year. `resolution` is
 * measured against the deadline in force (extended, if it was), `resolution_original` against
 * the one before any extension; `objection` is the deadline to decide on an objection (met by
 * the final outcome or the committee's verdict), `agreed_term` the term of an agreed solution.
 */
export const COMPLIANCE_MILESTONES = [
  'acknowledged',
  'feedback',
  'decision',
  'resolution',
  'resolution_original',
  'objection',
  'agreed_term',
] as const;
export type ComplianceMilestone = (typeof COMPLIANCE_MILESTONES)[number];

/**
 * Whether one complaint met one deadline: `yes`, `no`, or `na` (not applicable: a tip, a
 * complaint withdrawn before the step, a resolution after an unfounded decision, no
 * objection). Null while the deadline still runs.
 */
export const DEADLINE_STATES = ['yes', 'no', 'na'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** One category's counts for a year (complaints registered in that year). */
export interface CategoryFigures {
  categoryKey: string;
  complaints: number;
  feedback: number;
  founded: number;
  unfounded: number;
  structural: number;
  incidental: number;
  objections: number;
}

export interface ComplianceFigures {
  milestone: ComplianceMilestone;
  /** Deadlines that have come (or were met early). */
  due: number;
  met: number;
}

/**
 * The acknowledgement compliance of one intake channel (issue 11): phone and in person are
 * acknowledged at intake, chat by the bot, a letter within `acknowledgement.letter` working
 * days, an e-mail or the web form within one. Like every compliance figure it leaves tips and
 * complaints about an employee out.
 */
export interface ChannelComplianceFigures {
  channel: string;
  due: number;
  met: number;
}

/** Working days from registration to the stage: count, median and p90 (percentile_cont). */
export interface LeadTimeFigures {
  stage: LeadTimeStage;
  n: number;
  median: number | null;
  p90: number | null;
}

export interface ObjectionFigures {
  total: number;
  mediated: number;
  committee: number;
  finalOutcome: number;
  /** The committee's verdicts, by kind. */
  verdictFounded: number;
  verdictPartlyFounded: number;
  verdictUnfounded: number;
  open: number;
}

/** The admissibility step (seed 000): complaints declared admissible and not admissible. */
export interface AdmissibilityFigures {
  admissible: number;
  inadmissible: number;
}

/** Resolution deadlines extended (seed 001); their compliance is in `compliance`. */
export interface ExtensionFigures {
  extended: number;
}

/** Solutions agreed with the complainant (seeds 001, 003); fixes on time are in `compliance`. */
export interface SolutionFigures {
  agreed: number;
  complainantAgreed: number;
  outsideParty: number;
  fixDone: number;
}

export interface MeasureFigures {
  taken: number;
  organisationWide: number;
  implemented: number;
  judged: number;
  effective: number;
}

export interface MonthCount {
  /** 1–12, in the organisation's time zone. */
  month: number;
  categoryKey: string;
  count: number;
}

/**
 * Everything the database aggregates for one year. Tips (kind `feedback`) are counted apart
 * (`CategoryFigures.feedback`): they have no deadlines and no lead times.
 */
export interface YearFigures {
  year: number;
  categories: CategoryFigures[];
  compliance: ComplianceFigures[];
  /** The `acknowledged` compliance per intake channel, channels with a due acknowledgement only. */
  acknowledgementByChannel: ChannelComplianceFigures[];
  leadTimes: LeadTimeFigures[];
  objections: ObjectionFigures;
  measures: MeasureFigures;
  admissibility: AdmissibilityFigures;
  extensions: ExtensionFigures;
  solutions: SolutionFigures;
  perMonth: MonthCount[];
  /**
   * Complaints and tips about an employee registered in the year. Every other figure of
   * `YearFigures` leaves them out (never broken down, in no total).
   */
  concerningEmployee: number;
}

export interface CategoryDigest {
  categoryKey: string;
  complaints: Masked;
  feedback: Masked;
  foundedRatio: Masked | null;
  structural: Masked;
  incidental: Masked;
  objections: Masked;
  previousComplaints: Masked;
  /** Complaints this year minus the year before. */
  change: number | null;
}

export interface Digest {
  year: number;
  totals: {
    complaints: Masked;
    feedback: Masked;
    previousComplaints: Masked;
    change: number | null;
    foundedRatio: Masked | null;
    structural: Masked;
    incidental: Masked;
    /** Complaints and tips about an employee: the year's total, "<3" below three. */
    concerningEmployee: Masked;
  };
  categories: CategoryDigest[];
  compliance: { milestone: ComplianceMilestone; due: Masked; met: Masked; ratio: Masked | null }[];
  /** Absent in reports stored before issue 11. */
  acknowledgementByChannel?: { channel: string; due: Masked; met: Masked; ratio: Masked | null }[];
  leadTimes: { stage: LeadTimeStage; n: Masked; median: Masked | null; p90: Masked | null }[];
  objections: Record<keyof ObjectionFigures, Masked>;
  measures: Record<keyof MeasureFigures, Masked>;
  admissibility: Record<keyof AdmissibilityFigures, Masked>;
  extensions: Record<keyof ExtensionFigures, Masked>;
  solutions: Record<keyof SolutionFigures, Masked>;
  /** Categories with more complaints than the year before, largest rise first. */
  rising: string[];
}

/** A count about employees: "<3" from 1 to 2, a zero stays a zero. */
export function maskCount(n: number): Masked {
  return n > 0 && n < MASK_THRESHOLD ? MASKED : n;
}

/** A ratio rounded to 3 decimals, or null over none. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 1000;
}

/** Rounded to one decimal, as every figure is shown (a p90 of 7.200000000000005 reads 7.2). */
export function roundOne(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A masked ratio as a percentage with one decimal (0.6253 → 62.5); masks and nulls pass. */
export function ratioPercent(ratio: Masked | null): Masked | null {
  return typeof ratio === 'number' ? roundOne(ratio * 100) : ratio;
}

/** Percentile with linear interpolation between closest ranks (PostgreSQL percentile_cont). */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (rank - low);
}

export function risingCategories(
  current: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, number>,
): string[] {
  return [...current]
    .map(([key, n]) => ({ key, delta: n - (previous.get(key) ?? 0) }))
    .filter((c) => c.delta > 0)
    .sort((a, b) => b.delta - a.delta || a.key.localeCompare(b.key))
    .map((c) => c.key);
}

const sum = (rows: readonly CategoryFigures[], pick: (c: CategoryFigures) => number) =>
  rows.reduce((total, row) => total + pick(row), 0);

const rounded = (n: number | null) => (n === null ? null : roundOne(n));

/**
 * The yearly digest: this year's figures against the complaints of the year before, every
 * figure as it is; complaints about an employee only as the year's total, "<3" below three
 * (the figures come without them: see `YearFigures.concerningEmployee`).
 */
export function buildDigest(current: YearFigures, previous: YearFigures): Digest {
  const prev = new Map(previous.categories.map((c) => [c.categoryKey, c.complaints]));
  const cur = new Map(current.categories.map((c) => [c.categoryKey, c.complaints]));
  const keys = [...new Set([...cur.keys(), ...prev.keys()])].sort();
  const byKey = new Map(current.categories.map((c) => [c.categoryKey, c]));
  const categories = keys.map((key): CategoryDigest => {
    const c = byKey.get(key);
    const n = c?.complaints ?? 0;
    const p = prev.get(key) ?? 0;
    return {
      categoryKey: key,
      complaints: n,
      feedback: c?.feedback ?? 0,
      foundedRatio: ratio(c?.founded ?? 0, (c?.founded ?? 0) + (c?.unfounded ?? 0)),
      structural: c?.structural ?? 0,
      incidental: c?.incidental ?? 0,
      objections: c?.objections ?? 0,
      previousComplaints: p,
      change: n - p,
    };
  });
  const total = sum(current.categories, (c) => c.complaints);
  const previousTotal = sum(previous.categories, (c) => c.complaints);
  const founded = sum(current.categories, (c) => c.founded);
  const decided = founded + sum(current.categories, (c) => c.unfounded);
  return {
    year: current.year,
    totals: {
      complaints: total,
      feedback: sum(current.categories, (c) => c.feedback),
      previousComplaints: previousTotal,
      change: total - previousTotal,
      foundedRatio: ratio(founded, decided),
      structural: sum(current.categories, (c) => c.structural),
      incidental: sum(current.categories, (c) => c.incidental),
      concerningEmployee: maskCount(current.concerningEmployee ?? 0),
    },
    categories,
    compliance: current.compliance.map((c) => ({
      milestone: c.milestone,
      due: c.due,
      met: c.met,
      ratio: ratio(c.met, c.due),
    })),
    acknowledgementByChannel: (current.acknowledgementByChannel ?? []).map((c) => ({
      channel: c.channel,
      due: c.due,
      met: c.met,
      ratio: ratio(c.met, c.due),
    })),
    leadTimes: current.leadTimes.map((l) => ({
      stage: l.stage,
      n: l.n,
      median: rounded(l.median),
      p90: rounded(l.p90),
    })),
    objections: { ...current.objections },
    measures: { ...current.measures },
    admissibility: { ...current.admissibility },
    extensions: { ...current.extensions },
    solutions: { ...current.solutions },
    rising: risingCategories(cur, prev),
  };
}

/** The quarter (1–4) a month (1–12) is in. */
export function quarterOf(month: number): 1 | 2 | 3 | 4 {
  return Math.min(4, Math.max(1, Math.ceil(month / 3))) as 1 | 2 | 3 | 4;
}

/** One category's complaints per quarter (index 0 = Q1). */
export interface QuarterCounts {
  categoryKey: string;
  counts: [number, number, number, number];
}

/**
 * Complaints per quarter and category, from the per-month figures (which leave out complaints
 * about an employee). Categories in the order given (the organisation file's), then any other
 * in key order; a category without complaints is left out.
 */
export function quarterCounts(
  perMonth: readonly MonthCount[],
  order: readonly string[] = [],
): QuarterCounts[] {
  const byCategory = new Map<string, [number, number, number, number]>();
  for (const m of perMonth) {
    if (m.count <= 0) continue;
    const counts = byCategory.get(m.categoryKey) ?? [0, 0, 0, 0];
    const q = quarterOf(m.month) - 1;
    counts[q] = (counts[q] ?? 0) + m.count;
    byCategory.set(m.categoryKey, counts);
  }
  const position = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  return [...byCategory]
    .sort(([a], [b]) => position(a) - position(b) || a.localeCompare(b))
    .map(([categoryKey, counts]) => ({ categoryKey, counts }));
}

/**
 * A chart cell of the per-month chart: drawn as it is (ordinary counts are no one's personal
 * data); an empty cell is left out (null) rather than drawn as a zero-height bar.
 */
export function chartValue(n: number): number | null {
  return n > 0 ? n : null;
}
