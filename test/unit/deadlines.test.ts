import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.js';
import {
  computeDeadlines,
  DEFAULT_DEADLINES,
  isOverdue,
  reactionDue,
  reminderDue,
  workingDaysElapsed,
} from '../../src/domain/deadlines.js';
import { DomainError } from '../../src/domain/errors.js';

const calendar = new WorkingDayCalendar();
const at = (iso: string) => new Date(iso);

describe('computeDeadlines', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_DEADLINES).toEqual({
      reminderAfter: 5,
      feedback: 5,
      decision: 10,
      resolution: 34,
      reaction: 10,
      objection: 20,
    });
  });

  it('skips Koningsdag (Mon 2026-04-20 + 5 = Tue 2026-04-28)', () => {
    expect(computeDeadlines(calendar, DEFAULT_DEADLINES, at('2026-04-20T09:00:00Z'))).toEqual({
      feedbackDue: '2026-04-28',
      // Apr 21–24, 28–30, May 1, 4, 5: Liberation Day 2026 is a working day by default.
      decisionDue: '2026-05-05',
      // ... May 6–8, 11–13, 15, 18–22, 26–29, Jun 1–5, 8–10 (skipping May 14 and 25).
      resolutionDue: '2026-06-10',
    });
  });

  it('moves the decision when Liberation Day is always a day off', () => {
    const always = new WorkingDayCalendar({ liberationDay: 'always' });
    const deadlines = computeDeadlines(always, DEFAULT_DEADLINES, at('2026-04-20T09:00:00Z'));
    expect(deadlines.decisionDue).toBe('2026-05-06');
    expect(deadlines.resolutionDue).toBe('2026-06-11');
  });

  it('skips Ascension Day (Mon 2026-05-11 + 5 = Tue 2026-05-19)', () => {
    const deadlines = computeDeadlines(calendar, DEFAULT_DEADLINES, at('2026-05-11T09:00:00Z'));
    expect(deadlines.feedbackDue).toBe('2026-05-19');
  });

  it('skips Whit Monday (Mon 2026-05-18 + 5 = Tue 2026-05-26)', () => {
    const deadlines = computeDeadlines(calendar, DEFAULT_DEADLINES, at('2026-05-18T09:00:00Z'));
    expect(deadlines.feedbackDue).toBe('2026-05-26');
  });

  it('skips Christmas and New Year (Mon 2026-12-21 + 10 = Wed 2027-01-06)', () => {
    const deadlines = computeDeadlines(calendar, DEFAULT_DEADLINES, at('2026-12-21T09:00:00Z'));
    expect(deadlines.feedbackDue).toBe('2026-12-29');
    expect(deadlines.decisionDue).toBe('2027-01-06');
  });

  it('counts a Saturday registration from Monday', () => {
    // Sat 2026-03-07: Mon 9 is day 1, so feedback is due Fri 13; resolution passes Easter Monday.
    expect(computeDeadlines(calendar, DEFAULT_DEADLINES, at('2026-03-07T10:00:00Z'))).toEqual({
      feedbackDue: '2026-03-13',
      decisionDue: '2026-03-20',
      resolutionDue: '2026-04-24',
    });
  });

  it('takes day 0 from the local date in Amsterdam, not from UTC', () => {
    // Sunday 23:30 local vs Monday 00:30 local (both Sunday evening in UTC).
    const sunday = computeDeadlines(calendar, DEFAULT_DEADLINES, at('2026-03-08T22:30:00Z'));
    const monday = computeDeadlines(calendar, DEFAULT_DEADLINES, at('2026-03-08T23:30:00Z'));
    expect(sunday.feedbackDue).toBe('2026-03-13');
    expect(monday.feedbackDue).toBe('2026-03-16');
  });

  it('supports a custom policy and rejects a negative one', () => {
    const policy = { ...DEFAULT_DEADLINES, feedback: 0, decision: 1 };
    const deadlines = computeDeadlines(calendar, policy, at('2026-04-25T10:00:00Z'));
    expect(deadlines.feedbackDue).toBe('2026-04-28');
    expect(deadlines.decisionDue).toBe('2026-04-28');
    const negative = { ...DEFAULT_DEADLINES, feedback: -1 };
    expect(() => computeDeadlines(calendar, negative, at('2026-04-25T10:00:00Z'))).toThrow(
      DomainError,
    );
  });
});

describe('reaction and reminder', () => {
  it('gives the reporter 10 working days to react', () => {
    expect(reactionDue(calendar, DEFAULT_DEADLINES, at('2026-12-21T15:00:00Z'))).toBe('2027-01-06');
  });

  it('gives 20 working days to decide an objection, from the local day it is made', () => {
    // Apr 21–24, 28–30 (Koningsdag 27), May 1, 4–8, 11–13, 15 (Ascension 14), 18–20.
    const objectedOn = calendar.localDate(at('2026-04-20T09:00:00Z'));
    expect(calendar.addWorkingDays(objectedOn, DEFAULT_DEADLINES.objection)).toBe('2026-05-20');
  });

  it('reminds the handler 5 working days after the last progress', () => {
    expect(reminderDue(calendar, DEFAULT_DEADLINES, at('2026-05-11T08:00:00Z'))).toBe('2026-05-19');
    // Friday 23:30 local is still Friday.
    expect(reminderDue(calendar, DEFAULT_DEADLINES, at('2026-04-24T21:30:00Z'))).toBe('2026-05-04');
  });
});

describe('isOverdue', () => {
  it('is overdue only from the local day after the due date', () => {
    expect(isOverdue(calendar, '2026-04-28', at('2026-04-28T21:59:59.999Z'))).toBe(false);
    expect(isOverdue(calendar, '2026-04-28', at('2026-04-28T22:00:00Z'))).toBe(true);
    expect(isOverdue(calendar, '2026-04-28', at('2026-04-20T09:00:00Z'))).toBe(false);
  });

  it('agrees with endOfDay', () => {
    for (const due of ['2026-03-29', '2026-10-25', '2026-07-01']) {
      const end = calendar.endOfDay(due);
      expect(isOverdue(calendar, due, end)).toBe(false);
      expect(isOverdue(calendar, due, new Date(end.getTime() + 1))).toBe(true);
    }
  });

  it('rejects a malformed due date', () => {
    expect(() => isOverdue(calendar, '2026-4-28', at('2026-04-28T12:00:00Z'))).toThrow(Error);
  });
});

describe('workingDaysElapsed', () => {
  it('measures lead time in working days between local dates', () => {
    expect(
      workingDaysElapsed(calendar, at('2026-04-20T09:00:00Z'), at('2026-04-28T15:00:00Z')),
    ).toBe(5);
    expect(
      workingDaysElapsed(calendar, at('2026-04-20T06:00:00Z'), at('2026-04-20T20:00:00Z')),
    ).toBe(0);
    // Saturday to Monday is one working day.
    expect(
      workingDaysElapsed(calendar, at('2026-03-07T10:00:00Z'), at('2026-03-09T10:00:00Z')),
    ).toBe(1);
    // Monday 00:30 local is already the next local date.
    expect(
      workingDaysElapsed(calendar, at('2026-03-06T12:00:00Z'), at('2026-03-08T23:30:00Z')),
    ).toBe(1);
    expect(
      workingDaysElapsed(calendar, at('2026-04-28T09:00:00Z'), at('2026-04-20T09:00:00Z')),
    ).toBe(0);
  });
});
