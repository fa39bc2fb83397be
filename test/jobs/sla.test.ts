import { describe, expect, it } from 'vitest';
import {
  MILESTONES,
  nextDeadline,
  overdueDeadlines,
  pendingDeadlines,
} from '../../src/domain/sla.js';
import { makeComplaint } from '../fixtures/domain.js';

const objected = makeComplaint({
  status: 'objected',
  decision: 'founded',
  firstFeedbackAt: new Date('2026-03-02T09:00:00Z'),
  decidedAt: new Date('2026-03-02T09:00:00Z'),
  resolvedAt: new Date('2026-03-10T09:00:00Z'),
  reactionDue: '2026-03-24',
  objectedAt: new Date('2026-03-12T09:00:00Z'),
  objectionDue: '2026-04-10',
});

describe('pending deadlines of the second edition', () => {
  it('has the objection among its milestones', () => {
    expect(MILESTONES).toContain('objection');
  });

  it('runs the objection deadline while the objection is undecided, and only then', () => {
    expect(pendingDeadlines(objected)).toEqual([{ milestone: 'objection', due: '2026-04-10' }]);
    expect(overdueDeadlines(objected, '2026-04-10')).toEqual([]);
    expect(overdueDeadlines(objected, '2026-04-13')).toEqual([
      { milestone: 'objection', due: '2026-04-10' },
    ]);
    expect(pendingDeadlines({ ...objected, finalOutcome: 'Afgewezen' })).toEqual([]);
    expect(pendingDeadlines({ ...objected, committeeVerdict: 'unfounded' })).toEqual([]);
    expect(pendingDeadlines({ ...objected, status: 'closed' })).toEqual([]);
    // An objection made before the deadline existed (no objectionDue) has none to miss.
    expect(pendingDeadlines({ ...objected, objectionDue: null })).toEqual([]);
  });

  it('gives a tip no deadline at all, whatever its state', () => {
    const tip = makeComplaint({ kind: 'feedback' });
    expect(pendingDeadlines(tip)).toEqual([]);
    expect(nextDeadline(tip)).toBeNull();
    expect(overdueDeadlines({ ...tip, status: 'awaiting_info' }, '2027-01-01')).toEqual([]);
    // The same complaint as a complaint has its feedback and decision deadlines.
    expect(pendingDeadlines({ ...tip, kind: 'complaint' }).map((d) => d.milestone)).toEqual([
      'feedback',
      'decision',
    ]);
  });

  it('runs the resolution deadline in force: the extended one', () => {
    const extended = makeComplaint({
      status: 'in_treatment',
      decision: 'founded',
      firstFeedbackAt: new Date('2026-03-02T09:00:00Z'),
      decidedAt: new Date('2026-03-02T09:00:00Z'),
      resolutionDue: '2026-05-12',
      originalResolutionDue: '2026-04-21',
      extensionCount: 1,
    });
    expect(pendingDeadlines(extended)).toEqual([{ milestone: 'resolution', due: '2026-05-12' }]);
    expect(overdueDeadlines(extended, '2026-04-22')).toEqual([]);
  });
});
