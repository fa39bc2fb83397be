/**
 * Who may take the complaints register out of the bot, which version they get, and the
 * periods they may ask for (issue 13: the register on demand). Pure: no I/O.
 */
import { type LocalDate, parseLocalDate } from './calendar.js';
import { hasRole, type Person, type Role } from './people.js';

/** The roles that may export the register (and get it from the yearly job). */
export const REGISTER_EXPORT_ROLES: readonly Role[] = [
  'quality_adviser',
  'director',
  'secretariat',
] as const;

/**
 * Who the register is for. The director's version has the content of complaints about an
 * employee (except those the requesting director is the subject or the reporter of: see
 * registerTextWithheld); every other version leaves that content out.
 */
export type RegisterAudience = 'director' | 'quality';

/** True for an active quality adviser, director or secretariat member. */
export function mayExportRegister(person: Pick<Person, 'roles' | 'active'>): boolean {
  return person.active && REGISTER_EXPORT_ROLES.some((role) => hasRole(person, role));
}

/** The director gets the director's version; everyone else who may export the other one. */
export function registerAudienceFor(person: Pick<Person, 'roles'>): RegisterAudience {
  return hasRole(person, 'director') ? 'director' : 'quality';
}

/** What the register needs to know of a row (a complaint or a measure) to hide its texts. */
export interface RegisterTextFacts {
  concernsEmployee: boolean;
  /** Of a complaint about an employee: its subject's and its reporter's person ids. */
  involvedIds?: readonly string[];
}

/**
 * Whether the free text of a register row (or a measure of its complaint) is left out of
 * a version: a complaint about an employee's texts are in the director's version only, and
 * not in the copy of a director who is that complaint's subject or reporter (`withheldFrom`:
 * the person the director's version is for, when it is for one person).
 */
export function registerTextWithheld(
  row: RegisterTextFacts,
  audience: RegisterAudience,
  withheldFrom?: string | null,
): boolean {
  if (!row.concernsEmployee) return false;
  if (audience !== 'director') return true;
  return withheldFrom != null && (row.involvedIds ?? []).includes(withheldFrom);
}

/**
 * Whether `personId` is the subject or the reporter of any complaint about an employee in
 * these rows: then their director's version is one of their own (see registerTextWithheld).
 */
export function involvedInRegister(
  personId: string,
  ...rows: readonly (readonly RegisterTextFacts[])[]
): boolean {
  return rows.some((list) =>
    list.some((row) => row.concernsEmployee && (row.involvedIds ?? []).includes(personId)),
  );
}

/**
 * A period of the register: a calendar year, a range of local dates (both days included),
 * or the complaints still open today.
 */
export type RegisterPeriod =
  | { kind: 'year'; year: number; from: LocalDate; to: LocalDate }
  | { kind: 'range'; from: LocalDate; to: LocalDate }
  | { kind: 'open' };

/** Why a period was refused; each has its own sentence. */
export const PERIOD_PROBLEMS = [
  /** Nothing after `export`. */
  'missing',
  /** Not a year, not `from..to`, not `open`. */
  'format',
  /** A date that does not exist (2025-02-30) or a year before 2000. */
  'invalid_date',
  /** The range ends before it starts. */
  'reversed',
  /** The period starts after today. */
  'future',
  /** A range longer than MAX_PERIOD_YEARS. */
  'too_long',
] as const;
export type PeriodProblem = (typeof PERIOD_PROBLEMS)[number];

export type PeriodParse =
  | { ok: true; period: RegisterPeriod }
  | { ok: false; problem: PeriodProblem };

/** A range spans at most this many years (the register is read year by year). */
export const MAX_PERIOD_YEARS = 10;
const FIRST_YEAR = 2000;
const YEAR = /^(\d{4})$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/;
const OPEN = new Set(['open', 'lopend', 'lopende']);

function validDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return Number(text.slice(0, 4)) >= FIRST_YEAR;
  } catch {
    return false;
  }
}

/**
 * `2025`, `2025-01-01..2025-06-30` or `open` (also `lopend`), as typed after `export`.
 * `today` is the organisation's local date: a period may not start after it.
 */
export function parseRegisterPeriod(text: string, today: LocalDate): PeriodParse {
  const input = text.trim().toLowerCase();
  if (input === '') return { ok: false, problem: 'missing' };
  if (OPEN.has(input)) return { ok: true, period: { kind: 'open' } };
  const year = YEAR.exec(input);
  if (year) {
    const y = Number(year[1]);
    if (y < FIRST_YEAR) return { ok: false, problem: 'invalid_date' };
    const from = `${y}-01-01`;
    if (from > today) return { ok: false, problem: 'future' };
    return { ok: true, period: { kind: 'year', year: y, from, to: `${y}-12-31` } };
  }
  const range = RANGE.exec(input);
  if (!range) return { ok: false, problem: 'format' };
  const [from, to] = [range[1] as string, range[2] as string];
  if (!validDate(from) || !validDate(to)) return { ok: false, problem: 'invalid_date' };
  if (to < from) return { ok: false, problem: 'reversed' };
  if (from > today) return { ok: false, problem: 'future' };
  // The same day MAX_PERIOD_YEARS later is the first day too many (compared as text, so a
  // 29 February start needs no date arithmetic).
  if (to >= `${Number(from.slice(0, 4)) + MAX_PERIOD_YEARS}${from.slice(4)}`) {
    return { ok: false, problem: 'too_long' };
  }
  // A whole calendar year typed as a range reads as that year.
  if (from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`) {
    return { ok: true, period: { kind: 'year', year: Number(from.slice(0, 4)), from, to } };
  }
  return { ok: true, period: { kind: 'range', from, to } };
}

/** The calendar years a period touches, oldest first (none for `open`). */
export function yearsOf(period: RegisterPeriod): number[] {
  if (period.kind === 'open') return [];
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
