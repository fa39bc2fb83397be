/**
 * Digest maths (DESIGN §5, §7): the yearly trend analysis from figures the database computed.
 * Pure: no I/O. Counts below 3 are shown as "<3" so nobody can be re-identified; a zero stays
 * a zero (it identifies nobody). Anything derived from a masked count (a ratio over fewer than
 * 3, a change against a masked year, a lead time over fewer than 3) is masked too.
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
  leadTimes: LeadTimeFigures[];
  objections: ObjectionFigures;
  measures: MeasureFigures;
  admissibility: AdmissibilityFigures;
  extensions: ExtensionFigures;
  solutions: SolutionFigures;
  perMonth: MonthCount[];
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
  /** Complaints this year minus the year before; null when either side is masked. */
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
  };
  categories: CategoryDigest[];
  compliance: { milestone: ComplianceMilestone; due: Masked; met: Masked; ratio: Masked | null }[];
  leadTimes: { stage: LeadTimeStage; n: Masked; median: Masked | null; p90: Masked | null }[];
  objections: Record<keyof ObjectionFigures, Masked>;
  measures: Record<keyof MeasureFigures, Masked>;
  admissibility: Record<keyof AdmissibilityFigures, Masked>;
  extensions: Record<keyof ExtensionFigures, Masked>;
  solutions: Record<keyof SolutionFigures, Masked>;
  /** Categories with more complaints than the year before, largest rise first. */
  rising: string[];
}

export function maskCount(n: number): Masked {
  return n > 0 && n < MASK_THRESHOLD ? MASKED : n;
}

/** A ratio, or "<3" over fewer than 3, or null over none. Rounded to 3 decimals. */
export function maskRatio(numerator: number, denominator: number): Masked | null {
  if (denominator === 0) return null;
  if (denominator < MASK_THRESHOLD) return MASKED;
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

/** The change in a count; null when either side is masked (it would reveal the small one). */
export function maskedChange(current: number, previous: number): number | null {
  if (maskCount(current) === MASKED || maskCount(previous) === MASKED) return null;
  return current - previous;
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

function maskAll<T extends object>(figures: T): Record<keyof T, Masked> {
  const out = {} as Record<keyof T, Masked>;
  for (const key of Object.keys(figures) as (keyof T)[]) out[key] = maskCount(Number(figures[key]));
  return out;
}

const rounded = (n: number | null) => (n === null ? null : roundOne(n));

/** The yearly digest: this year's figures, masked, against the complaints of the year before. */
export function buildDigest(current: YearFigures, previous: YearFigures): Digest {
  const prev = new Map(previous.categories.map((c) => [c.categoryKey, c.complaints]));
  const cur = new Map(current.categories.map((c) => [c.categoryKey, c.complaints]));
  const keys = [...new Set([...cur.keys(), ...prev.keys()])].sort();
  const byKey = new Map(current.categories.map((c) => [c.categoryKey, c]));
  const categories = keys.map((key): CategoryDigest => {
    const c = byKey.get(key);
    const n = c?.complaints ?? 0;
    const p = prev.get(key) ?? 0;
    const decided = (c?.founded ?? 0) + (c?.unfounded ?? 0);
    return {
      categoryKey: key,
      complaints: maskCount(n),
      feedback: maskCount(c?.feedback ?? 0),
      foundedRatio: maskRatio(c?.founded ?? 0, decided),
      structural: maskCount(c?.structural ?? 0),
      incidental: maskCount(c?.incidental ?? 0),
      objections: maskCount(c?.objections ?? 0),
      previousComplaints: maskCount(p),
      change: maskedChange(n, p),
    };
  });
  const total = sum(current.categories, (c) => c.complaints);
  const previousTotal = sum(previous.categories, (c) => c.complaints);
  const founded = sum(current.categories, (c) => c.founded);
  const decided = founded + sum(current.categories, (c) => c.unfounded);
  return {
    year: current.year,
    totals: {
      complaints: maskCount(total),
      feedback: maskCount(sum(current.categories, (c) => c.feedback)),
      previousComplaints: maskCount(previousTotal),
      change: maskedChange(total, previousTotal),
      foundedRatio: maskRatio(founded, decided),
      structural: maskCount(sum(current.categories, (c) => c.structural)),
      incidental: maskCount(sum(current.categories, (c) => c.incidental)),
    },
    categories,
    compliance: current.compliance.map((c) => ({
      milestone: c.milestone,
      due: maskCount(c.due),
      met: maskCount(c.met),
      ratio: maskRatio(c.met, c.due),
    })),
    leadTimes: current.leadTimes.map((l) => {
      const small = l.n < MASK_THRESHOLD;
      return {
        stage: l.stage,
        n: maskCount(l.n),
        median: small && l.n > 0 ? MASKED : rounded(l.median),
        p90: small && l.n > 0 ? MASKED : rounded(l.p90),
      };
    }),
    objections: maskAll(current.objections),
    measures: maskAll(current.measures),
    admissibility: maskAll(current.admissibility),
    extensions: maskAll(current.extensions),
    solutions: maskAll(current.solutions),
    // A small category's rise would reveal its count: only unmasked categories are named.
    rising: risingCategories(cur, prev).filter((key) => maskCount(cur.get(key) ?? 0) !== MASKED),
  };
}

/** Chart cells: a masked count is left out of the chart (null) rather than drawn. */
export function chartValue(n: number): number | null {
  return maskCount(n) === MASKED ? null : n;
}
