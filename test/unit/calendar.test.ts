import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  DEFAULT_CALENDAR_OPTIONS,
  dayOfWeek,
  easterSunday,
  parseLocalDate,
  WorkingDayCalendar,
} from '../../src/domain/calendar.js';
import { DomainError } from '../../src/domain/errors.js';

const calendar = new WorkingDayCalendar();

describe('date helpers', () => {
  it('parses valid local dates', () => {
    expect(parseLocalDate('2026-02-28')).toEqual({ y: 2026, m: 2, d: 28 });
    expect(parseLocalDate('2028-02-29')).toEqual({ y: 2028, m: 2, d: 29 });
  });

  it.each([
    '',
    '2026-2-28',
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '0099-01-01',
    'yesterday',
  ])('rejects %j', (input) => {
    expect(() => parseLocalDate(input)).toThrow(DomainError);
    expect(() => calendar.isWorkingDay(input)).toThrow(Error);
    expect(() => calendar.addWorkingDays(input, 1)).toThrow(Error);
    expect(() => calendar.workingDaysBetween('2026-01-01', input)).toThrow(Error);
  });

  it('adds calendar days across month, year and leap day', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  it('gives the day of the week with 0 = Sunday', () => {
    expect(dayOfWeek('2026-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2026-03-29')).toBe(0);
    expect(dayOfWeek('2026-12-26')).toBe(6);
    expect(dayOfWeek('1969-12-31')).toBe(3); // before the epoch too
  });

  it('computes Easter Sunday', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible date
  });

  it('agrees with date-holidays on Good Friday (easter -2) for 1950–2150', () => {
    const reference = new Holidays('NL');
    for (let year = 1950; year <= 2150; year++) {
      const entry = reference.getHolidays(year).find((h) => h.rule === 'easter -2');
      expect(entry?.date.slice(0, 10)).toBe(addCalendarDays(easterSunday(year), -2));
    }
  });
});

describe('WorkingDayCalendar holidays', () => {
  it('has the documented defaults', () => {
    expect(calendar.options).toEqual(DEFAULT_CALENDAR_OPTIONS);
    expect(DEFAULT_CALENDAR_OPTIONS).toEqual({
      timezone: 'Europe/Amsterdam',
      goodFriday: false,
      liberationDay: 'lustrum',
      extraClosedDays: [],
    });
  });

  it('counts 255 working days in 2026 and 256 in 2027', () => {
    expect(calendar.countWorkingDays(2026)).toBe(255);
    expect(calendar.countWorkingDays(2027)).toBe(256);
  });

  it('lists the 2026 holidays that count, weekend ones included', () => {
    expect(calendar.holidaysIn(2026)).toEqual([
      '2026-01-01',
      '2026-04-05', // Easter Sunday
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-24', // Whit Sunday
      '2026-05-25',
      '2026-12-25',
      '2026-12-26', // Saturday
    ]);
  });

  it('treats Good Friday and (non-lustrum) Liberation Day as working days by default', () => {
    expect(calendar.isWorkingDay('2026-04-03')).toBe(true);
    expect(calendar.isWorkingDay('2026-05-05')).toBe(true);
    expect(calendar.isWorkingDay('2026-05-04')).toBe(true); // Dodenherdenking: observance
    expect(calendar.isWorkingDay('2026-12-31')).toBe(true); // Oudejaarsdag: bank
  });

  it('closes the weekday public holidays and weekends', () => {
    for (const day of ['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-14', '2026-05-25']) {
      expect(calendar.isWorkingDay(day)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-12-25')).toBe(false);
    expect(calendar.isWorkingDay('2026-12-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-29')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-05-15')).toBe(true); // Friday after Ascension
  });

  it('closes Good Friday when configured', () => {
    const withGoodFriday = new WorkingDayCalendar({ goodFriday: true });
    expect(withGoodFriday.isWorkingDay('2026-04-03')).toBe(false);
    expect(withGoodFriday.isWorkingDay('2027-03-26')).toBe(false);
    expect(withGoodFriday.countWorkingDays(2026)).toBe(254);
    expect(withGoodFriday.countWorkingDays(2027)).toBe(255);
  });

  it('closes Liberation Day in lustrum years by default (5 May 2025 is a Monday)', () => {
    expect(dayOfWeek('2025-05-05')).toBe(1);
    expect(calendar.isWorkingDay('2025-05-05')).toBe(false);
    expect(calendar.holidaysIn(2030)).toContain('2030-05-05'); // a Sunday, listed anyway
    // 2025: 261 weekdays − Jan 1, Apr 21, May 5, May 29, Jun 9, Dec 25, Dec 26 (Koningsdag is
    // moved to Saturday 26 April because 27 April is a Sunday).
    expect(calendar.countWorkingDays(2025)).toBe(254);
    expect(calendar.holidaysIn(2025)).toContain('2025-04-26');
  });

  it('honours liberationDay always and never', () => {
    const always = new WorkingDayCalendar({ liberationDay: 'always' });
    const never = new WorkingDayCalendar({ liberationDay: 'never' });
    expect(always.isWorkingDay('2026-05-05')).toBe(false);
    expect(always.countWorkingDays(2026)).toBe(254);
    expect(never.isWorkingDay('2025-05-05')).toBe(true);
    expect(never.countWorkingDays(2025)).toBe(255);
  });

  it('honours extra closed days', () => {
    const closed = new WorkingDayCalendar({ extraClosedDays: ['2026-12-31', '2027-01-02'] });
    expect(closed.isWorkingDay('2026-12-31')).toBe(false);
    expect(closed.countWorkingDays(2026)).toBe(254);
    expect(closed.countWorkingDays(2027)).toBe(256); // 2 January 2027 is a Saturday
    expect(closed.holidaysIn(2027)).toContain('2027-01-02');
    expect(closed.addWorkingDays('2026-12-30', 1)).toBe('2027-01-04');
    expect(closed.workingDaysBetween('2026-12-30', '2027-01-04')).toBe(1);
  });

  it('rejects invalid options', () => {
    expect(() => new WorkingDayCalendar({ timezone: 'Mars/Olympus' })).toThrow(DomainError);
    expect(() => new WorkingDayCalendar({ extraClosedDays: ['2026-02-30'] })).toThrow(DomainError);
    const bogus = { liberationDay: 'sometimes' } as unknown as { liberationDay: 'never' };
    expect(() => new WorkingDayCalendar(bogus)).toThrow(DomainError);
  });

  it('ignores explicitly undefined options', () => {
    const cal = new WorkingDayCalendar({ timezone: undefined, goodFriday: undefined });
    expect(cal.options.timezone).toBe('Europe/Amsterdam');
    expect(cal.options.goodFriday).toBe(false);
  });

  it('is not affected by a date-holidays instance switching language', () => {
    new Holidays('NL').getHolidays(2026, 'en');
    expect(new WorkingDayCalendar({ goodFriday: true }).countWorkingDays(2026)).toBe(254);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('returns the n-th working day strictly after the start', () => {
    expect(calendar.addWorkingDays('2026-04-20', 5)).toBe('2026-04-28'); // over Koningsdag
    expect(calendar.addWorkingDays('2026-04-24', 1)).toBe('2026-04-28');
    expect(calendar.addWorkingDays('2026-12-21', 10)).toBe('2027-01-06');
  });

  it('with n = 0 returns the start if it is a working day, else the next one', () => {
    expect(calendar.addWorkingDays('2026-04-20', 0)).toBe('2026-04-20');
    expect(calendar.addWorkingDays('2026-04-25', 0)).toBe('2026-04-28'); // Sat, Sun, Koningsdag
    expect(calendar.addWorkingDays('2026-12-25', 0)).toBe('2026-12-28');
  });

  it('rejects a negative or fractional n', () => {
    expect(() => calendar.addWorkingDays('2026-04-20', -1)).toThrow(DomainError);
    expect(() => calendar.addWorkingDays('2026-04-20', 1.5)).toThrow(DomainError);
    expect(() => calendar.addWorkingDays('2026-04-20', Number.NaN)).toThrow(DomainError);
  });

  it('counts working days in (from, to]', () => {
    expect(calendar.workingDaysBetween('2026-04-20', '2026-04-20')).toBe(0);
    expect(calendar.workingDaysBetween('2026-04-28', '2026-04-20')).toBe(0);
    expect(calendar.workingDaysBetween('2026-04-24', '2026-04-27')).toBe(0);
    expect(calendar.workingDaysBetween('2026-04-24', '2026-04-28')).toBe(1);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(255);
    expect(calendar.workingDaysBetween('2025-12-31', '2027-12-31')).toBe(511);
  });

  it('satisfies between(x, add(x, n)) === n over two years of start dates', () => {
    for (let offset = 0; offset < 730; offset++) {
      const start = addCalendarDays('2025-11-01', offset);
      for (const n of [1, 2, 5, 10, 34, 260]) {
        const due = calendar.addWorkingDays(start, n);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(calendar.workingDaysBetween(start, due)).toBe(n);
        expect(calendar.workingDaysBetween(start, addCalendarDays(due, -1))).toBe(n - 1);
      }
    }
  });

  it('matches a day-by-day count', () => {
    const from = '2025-12-15';
    let expected = 0;
    for (let offset = 1; offset <= 800; offset++) {
      const day = addCalendarDays(from, offset);
      if (calendar.isWorkingDay(day)) expected++;
      expect(calendar.workingDaysBetween(from, day)).toBe(expected);
    }
  });
});

describe('time zone', () => {
  it('gives the Amsterdam date of an instant near midnight UTC', () => {
    expect(calendar.localDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(calendar.localDate(new Date('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(calendar.localDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(calendar.localDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(
      new WorkingDayCalendar({ timezone: 'UTC' }).localDate(new Date('2026-06-30T22:30:00Z')),
    ).toBe('2026-06-30');
  });

  it('rejects an invalid instant', () => {
    expect(() => calendar.localDate(new Date('nonsense'))).toThrow(DomainError);
  });

  it('ends the day correctly on DST days', () => {
    expect(calendar.endOfDay('2026-03-28').toISOString()).toBe('2026-03-28T22:59:59.999Z');
    expect(calendar.endOfDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(calendar.endOfDay('2026-10-24').toISOString()).toBe('2026-10-24T21:59:59.999Z');
    expect(calendar.endOfDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z');
    const hours = (date: string) =>
      (calendar.endOfDay(date).getTime() - calendar.endOfDay(addCalendarDays(date, -1)).getTime()) /
      3_600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-15')).toBe(24);
  });

  it.each(['Europe/Amsterdam', 'America/Santiago', 'Asia/Tokyo', 'Pacific/Chatham'])(
    'puts endOfDay on the last millisecond of the local date in %s',
    (timezone) => {
      const cal = new WorkingDayCalendar({ timezone });
      for (let offset = 0; offset < 366; offset++) {
        const date = addCalendarDays('2026-01-01', offset);
        const end = cal.endOfDay(date);
        expect(cal.localDate(end)).toBe(date);
        expect(cal.localDate(new Date(end.getTime() + 1))).toBe(addCalendarDays(date, 1));
      }
    },
  );
});
