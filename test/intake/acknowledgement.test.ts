import { describe, expect, it } from 'vitest';
import { DEFAULT_ACKNOWLEDGEMENT } from '../../src/app/complainant-settings.js';
import {
  acknowledgementAtIntake,
  earliestReceipt,
  instantAt,
  isTimeOfDay,
  receiptProblem,
} from '../../src/domain/acknowledgement.js';
import { WorkingDayCalendar } from '../../src/domain/calendar.js';

const AMSTERDAM = new WorkingDayCalendar({ timezone: 'Europe/Amsterdam' });

const calendar = new WorkingDayCalendar();
const at = (date: string, time: string) => instantAt(AMSTERDAM, date, time);
const registeredAt = new Date('2026-05-20T08:00:00Z');

describe('acknowledgement per intake channel', () => {
  const ack = (channel: Parameters<typeof acknowledgementAtIntake>[2], received: Date) =>
    acknowledgementAtIntake(calendar, DEFAULT_ACKNOWLEDGEMENT, channel, received, registeredAt);

  it('phone and in person: acknowledged at receipt, nothing due (seed 004)', () => {
    const received = at('2026-04-24', '15:30');
    for (const channel of ['phone', 'in_person'] as const) {
      expect(ack(channel, received)).toEqual({
        acknowledgedAt: received,
        acknowledgementDue: null,
      });
    }
  });

  it('chat: the reporter typed it; the bot acknowledges at registration', () => {
    expect(ack('chat', at('2026-05-19', '10:00'))).toEqual({
      acknowledgedAt: registeredAt,
      acknowledgementDue: null,
    });
  });

  it('a letter received the Thursday before King’s Day: five working days skip 27 April', () => {
    // Fri 24 (1), Mon 27 King's Day, Tue 28 (2), Wed 29 (3), Thu 30 (4), Fri 1 May (5).
    expect(ack('letter', at('2026-04-23', '11:00'))).toEqual({
      acknowledgedAt: null,
      acknowledgementDue: '2026-05-01',
    });
    // Forwarded by the committee: like a letter.
    expect(ack('committee', at('2026-04-23', '11:00')).acknowledgementDue).toBe('2026-05-01');
  });

  it('an e-mail on the Friday before King’s Day is due on Tuesday', () => {
    expect(ack('email', at('2026-04-24', '16:00')).acknowledgementDue).toBe('2026-04-28');
  });

  it('across Ascension Day (Thursday 14 May 2026)', () => {
    // Tue 12 (1), Wed 13 (2), Thu 14 Ascension, Fri 15 (3), Mon 18 (4), Tue 19 (5).
    expect(ack('letter', at('2026-05-11', '09:00')).acknowledgementDue).toBe('2026-05-19');
    expect(ack('email', at('2026-05-13', '17:59')).acknowledgementDue).toBe('2026-05-15');
    expect(ack('web_form', at('2026-05-13', '23:30')).acknowledgementDue).toBe('2026-05-15');
  });

  it('the day of receipt is local: 23:30 on Wednesday is still Wednesday', () => {
    const lateEvening = at('2026-05-13', '23:30');
    expect(lateEvening.toISOString()).toBe('2026-05-13T21:30:00.000Z');
    expect(calendar.localDate(lateEvening)).toBe('2026-05-13');
  });

  it('received on a Saturday: the first working day after it counts as day 1', () => {
    expect(ack('email', at('2026-05-16', '12:00')).acknowledgementDue).toBe('2026-05-18');
  });

  it('follows the organisation’s own terms', () => {
    const rules = { letter: 3, email: 2, webForm: 0 };
    const due = (channel: 'letter' | 'email' | 'web_form') =>
      acknowledgementAtIntake(calendar, rules, channel, at('2026-04-24', '10:00'), registeredAt)
        .acknowledgementDue;
    expect(due('letter')).toBe('2026-04-30');
    expect(due('email')).toBe('2026-04-29');
    // 0: the same working day.
    expect(due('web_form')).toBe('2026-04-24');
  });
});

describe('the moment of receipt', () => {
  it('is the local day and time in the organisation’s zone, summer and winter', () => {
    expect(at('2026-04-23', '14:30').toISOString()).toBe('2026-04-23T12:30:00.000Z');
    expect(at('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(
      instantAt(new WorkingDayCalendar({ timezone: 'UTC' }), '2026-01-15', '09:00').toISOString(),
    ).toBe('2026-01-15T09:00:00.000Z');
  });

  it('handles the nights the clocks change', () => {
    // 02:30 does not exist on 29 March 2026: the clock reads 03:30 an hour later.
    expect(at('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first (summer time).
    expect(at('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('accepts HH:MM (and Teams’ HH:MM:SS), nothing else', () => {
    expect(isTimeOfDay('09:00')).toBe(true);
    expect(isTimeOfDay('23:59:00')).toBe(true);
    for (const bad of ['9:00', '24:00', '12:60', '12.30', '', 'noon']) {
      expect(isTimeOfDay(bad), bad).toBe(false);
    }
    expect(() => at('2026-01-15', '25:00')).toThrow();
  });

  it('is never after registration, and at most a year before it', () => {
    const now = at('2026-04-23', '12:00');
    const check = (date: string, time: string) =>
      receiptProblem(calendar, date, at(date, time), now);
    expect(check('2026-04-23', '11:59')).toBeNull();
    expect(check('2026-04-23', '12:00')).toBeNull();
    expect(check('2026-04-23', '12:01')).toBe('time_in_future');
    expect(check('2026-04-24', '00:00')).toBe('date_in_future');
    expect(check('2025-04-23', '09:00')).toBeNull();
    expect(check('2025-04-22', '23:59')).toBe('too_old');
  });

  it('a year before 29 February is 28 February', () => {
    expect(earliestReceipt('2028-02-29')).toBe('2027-02-28');
    expect(earliestReceipt('2026-04-23')).toBe('2025-04-23');
  });
});
