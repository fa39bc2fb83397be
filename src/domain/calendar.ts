/**
 * Dutch working days (DESIGN §4): Monday–Friday minus the holidays that count.
 *
 * Which holidays count: only date-holidays entries of type `public` for country 'NL'
 * (Nieuwjaarsdag, Tweede Paasdag, Koningsdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste and
 * Tweede Kerstdag; Easter and Whit Sunday are Sundays anyway). date-holidays types Goede
 * Vrijdag and Bevrijdingsdag as `school`, not `public`, so by default both are working days,
 * except Bevrijdingsdag (5 May) in lustrum years (year divisible by 5: 2025, 2030), when most
 * cao's and the government give the day off. Both are configurable per organisation. They are
 * identified by rule (Easter Sunday − 2 days, 5 May), never by name: names depend on the
 * date-holidays instance language, which `getHolidays(year, lang)` silently switches.
 *
 * Dates are ISO local dates `YYYY-MM-DD`; arithmetic runs on UTC day numbers so the host
 * time zone never matters. Only `localDate` and `endOfDay` touch the calendar's time zone.
 */
import Holidays from 'date-holidays';
import { DomainError } from './errors.js';

export type LocalDate = string;

export interface CalendarOptions {
  timezone: string;
  goodFriday: boolean;
  liberationDay: 'always' | 'lustrum' | 'never';
  extraClosedDays: readonly LocalDate[];
}

export const DEFAULT_CALENDAR_OPTIONS: Readonly<CalendarOptions> = Object.freeze({
  timezone: 'Europe/Amsterdam',
  goodFriday: false,
  liberationDay: 'lustrum',
  extraClosedDays: Object.freeze([]),
});

const LIBERATION_DAY_RULES = ['always', 'lustrum', 'never'] as const;
const DAY_MS = 86_400_000;
// Date.UTC maps years 0–99 to 1900–1999; staying at or above 1900 avoids that trap.
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Pure date helpers (UTC arithmetic on day numbers since 1970-01-01)

export function parseLocalDate(s: string): { y: number; m: number; d: number } {
  const match = LOCAL_DATE_PATTERN.exec(s);
  if (!match) throw invalidDate(s);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw invalidDate(s);
  return { y, m, d };
}

export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  requireInteger(n, 'n');
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return weekdayOf(toDayNumber(date));
}

/** Easter Sunday (Gregorian, anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  requireYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate(year, month, day);
}

function invalidDate(s: string): DomainError {
  return new DomainError('input.invalid', `Invalid local date: ${JSON.stringify(s)}`, {
    field: 'date',
  });
}

function requireInteger(n: number, field: string): void {
  if (!Number.isSafeInteger(n)) {
    throw new DomainError('input.invalid', `${field} must be an integer`, { field });
  }
}

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new DomainError('input.invalid', `Unsupported year: ${year}`, { field: 'year' });
  }
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function formatLocalDate(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toDayNumber(date: LocalDate): number {
  const { y, m, d } = parseLocalDate(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(day: number): LocalDate {
  const utc = new Date(day * DAY_MS);
  const y = utc.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) throw invalidDate(`day ${day}`);
  return formatLocalDate(y, utc.getUTCMonth() + 1, utc.getUTCDate());
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function weekdayOf(day: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekday(day: number): boolean {
  const dow = weekdayOf(day);
  return dow !== 0 && dow !== 6;
}

/** Mon–Fri days d with a < d ≤ b, in O(1). */
function weekdaysBetween(a: number, b: number): number {
  const span = b - a;
  const fullWeeks = Math.floor(span / 7);
  let count = fullWeeks * 5;
  for (let day = a + fullWeeks * 7 + 1; day <= b; day++) if (isWeekday(day)) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// National holidays (shared by every calendar: the data does not depend on the options)

let nlHolidays: Holidays | undefined;
const publicHolidayCache = new Map<number, readonly LocalDate[]>();

function goodFridayOf(year: number): LocalDate {
  return addCalendarDays(easterSunday(year), -2);
}

function liberationDayOf(year: number): LocalDate {
  return formatLocalDate(year, 5, 5);
}

/** NL `public` holidays, without Good Friday and Liberation Day (those follow the options). */
function nationalPublicHolidays(year: number): readonly LocalDate[] {
  const cached = publicHolidayCache.get(year);
  if (cached) return cached;
  nlHolidays ??= new Holidays('NL');
  const optional = new Set([goodFridayOf(year), liberationDayOf(year)]);
  const dates = nlHolidays
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10))
    .filter((date) => LOCAL_DATE_PATTERN.test(date) && !optional.has(date));
  const frozen = Object.freeze([...new Set(dates)]);
  publicHolidayCache.set(year, frozen);
  return frozen;
}

// ---------------------------------------------------------------------------------------------
// Time-zone helpers

interface WallClock {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function createWallFormat(timezone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new DomainError('config.invalid', `Unknown time zone: ${timezone}`, {
      field: 'timezone',
    });
  }
}

function readWallClock(format: Intl.DateTimeFormat, instant: number): WallClock {
  const parts = new Map(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.get(type));
  return {
    y: part('year'),
    m: part('month'),
    d: part('day'),
    h: part('hour'),
    mi: part('minute'),
    s: part('second'),
  };
}

function requireInstant(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time))
    throw new DomainError('input.invalid', 'Invalid instant', { field: 'instant' });
  return time;
}

// ---------------------------------------------------------------------------------------------
// The calendar

interface YearData {
  /** Every closed date of the year, weekends included, as LocalDate. */
  closed: ReadonlySet<LocalDate>;
  /** Closed dates that fall on Mon–Fri, as sorted day numbers. */
  closedWeekdays: readonly number[];
}

export class WorkingDayCalendar {
  readonly options: Readonly<CalendarOptions>;
  readonly #wallFormat: Intl.DateTimeFormat;
  readonly #years = new Map<number, YearData>();

  constructor(options: Partial<CalendarOptions> = {}) {
    this.options = Object.freeze(resolveOptions(options));
    this.#wallFormat = createWallFormat(this.options.timezone);
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.#isWorkingDayNumber(toDayNumber(date));
  }

  holidaysIn(year: number): LocalDate[] {
    requireYear(year);
    return [...this.#yearData(year).closed].sort();
  }

  /** The n-th working day strictly after `from`; n = 0 gives `from` or the next working day. */
  addWorkingDays(from: LocalDate, n: number): LocalDate {
    requireInteger(n, 'n');
    if (n < 0) throw new DomainError('input.invalid', 'n must not be negative', { field: 'n' });
    let day = toDayNumber(from);
    if (n === 0) {
      while (!this.#isWorkingDayNumber(day)) day++;
      return fromDayNumber(day);
    }
    for (let found = 0; found < n; ) {
      day++;
      if (this.#isWorkingDayNumber(day)) found++;
    }
    return fromDayNumber(day);
  }

  /** Working days d with from < d ≤ to; 0 when to ≤ from. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    return this.#workingDaysBetween(toDayNumber(from), toDayNumber(to));
  }

  countWorkingDays(year: number): number {
    requireYear(year);
    const lastDay = Date.UTC(year, 11, 31) / DAY_MS;
    return this.#workingDaysBetween(Date.UTC(year, 0, 1) / DAY_MS - 1, lastDay);
  }

  /** The calendar date of an instant in the calendar's time zone. */
  localDate(instant: Date): LocalDate {
    const { y, m, d } = readWallClock(this.#wallFormat, requireInstant(instant));
    return formatLocalDate(y, m, d);
  }

  /**
   * The instant a local date and wall-clock time show in the calendar's time zone. A time
   * skipped when summer time starts becomes the instant just after the gap; an hour that occurs
   * twice (autumn) takes the first.
   */
  instantAt(date: LocalDate, hours: number, minutes: number): Date {
    return new Date(
      this.#wallToInstant(toDayNumber(date) * DAY_MS + (hours * 60 + minutes) * 60_000),
    );
  }

  /** The last millisecond of a local date in the calendar's time zone (DST-aware). */
  endOfDay(date: LocalDate): Date {
    const nextMidnight = (toDayNumber(date) + 1) * DAY_MS;
    return new Date(this.#wallToInstant(nextMidnight) - 1);
  }

  #workingDaysBetween(a: number, b: number): number {
    if (b <= a) return 0;
    let closed = 0;
    for (let year = yearOf(a + 1); year <= yearOf(b); year++) {
      for (const day of this.#yearData(year).closedWeekdays) if (day > a && day <= b) closed++;
    }
    return weekdaysBetween(a, b) - closed;
  }

  #isWorkingDayNumber(day: number): boolean {
    return isWeekday(day) && !this.#yearData(yearOf(day)).closedWeekdays.includes(day);
  }

  #yearData(year: number): YearData {
    let data = this.#years.get(year);
    if (!data) {
      data = this.#buildYear(year);
      this.#years.set(year, data);
    }
    return data;
  }

  #buildYear(year: number): YearData {
    const closed = new Set(nationalPublicHolidays(year));
    if (this.options.goodFriday) closed.add(goodFridayOf(year));
    if (closesOnLiberationDay(this.options.liberationDay, year)) closed.add(liberationDayOf(year));
    for (const date of this.options.extraClosedDays) {
      if (parseLocalDate(date).y === year) closed.add(date);
    }
    const closedWeekdays = [...closed]
      .map(toDayNumber)
      .filter(isWeekday)
      .sort((x, y) => x - y);
    return { closed, closedWeekdays };
  }

  /** Wall-clock time (as UTC ms) minus the zone offset at that instant. */
  #offsetAt(instant: number): number {
    const wall = readWallClock(this.#wallFormat, instant);
    const wallMs = Date.UTC(wall.y, wall.m - 1, wall.d, wall.h, wall.mi, wall.s);
    return wallMs - Math.floor(instant / 1000) * 1000;
  }

  /**
   * The first instant showing the given wall-clock time. Tries the offsets of a day before and
   * after (DST changes at most once a day); in a DST gap, takes the instant just after the gap.
   */
  #wallToInstant(wall: number): number {
    const candidates = [wall - this.#offsetAt(wall - DAY_MS), wall - this.#offsetAt(wall + DAY_MS)];
    const exact = candidates.filter((t) => t + this.#offsetAt(t) === wall);
    return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
  }
}

function closesOnLiberationDay(rule: CalendarOptions['liberationDay'], year: number): boolean {
  return rule === 'always' || (rule === 'lustrum' && year % 5 === 0);
}

function resolveOptions(options: Partial<CalendarOptions>): CalendarOptions {
  const liberationDay = options.liberationDay ?? DEFAULT_CALENDAR_OPTIONS.liberationDay;
  if (!LIBERATION_DAY_RULES.includes(liberationDay)) {
    throw new DomainError(
      'config.invalid',
      `Unknown liberationDay rule: ${String(liberationDay)}`,
      {
        field: 'liberationDay',
      },
    );
  }
  const extraClosedDays = Object.freeze([...(options.extraClosedDays ?? [])]);
  for (const date of extraClosedDays) parseLocalDate(date);
  return {
    timezone: options.timezone ?? DEFAULT_CALENDAR_OPTIONS.timezone,
    goodFriday: options.goodFriday ?? DEFAULT_CALENDAR_OPTIONS.goodFriday,
    liberationDay,
    extraClosedDays,
  };
}
