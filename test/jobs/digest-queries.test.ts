import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingDayOrdinals } from '../../src/adapters/postgres/digest-queries.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { addCalendarDays, type LocalDate, WorkingDayCalendar } from '../../src/domain/calendar.js';
import { percentile } from '../../src/domain/digest.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { random } from '../support/random.js';
import { type ComplaintRow, insertComplaint, jobDepsFor } from './support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('working-day ordinals', () => {
  const calendar = new WorkingDayCalendar();

  it('differ by the working days between any two dates, across holidays and year ends', () => {
    const from = '2024-12-01';
    const ordinals = workingDayOrdinals(calendar, from, '2027-01-31');
    expect(ordinals).toHaveLength(792);
    const rnd = random(3);
    for (let n = 0; n < 2000; n++) {
      const a = Math.floor(rnd() * ordinals.length);
      const b = a + Math.floor(rnd() * (ordinals.length - a));
      const expected = calendar.workingDaysBetween(
        addCalendarDays(from, a),
        addCalendarDays(from, b),
      );
      expect((ordinals[b] as number) - (ordinals[a] as number)).toBe(expected);
    }
    // Christmas, New Year and a weekend: Wed 24 Dec 2025 → Mon 5 Jan 2026 is 5 working days
    // (29, 30, 31 Dec, 2 and 5 Jan).
    const at = (date: LocalDate) => ordinals[(Date.parse(date) - Date.parse(from)) / DAY] as number;
    expect(at('2026-01-05') - at('2025-12-24')).toBe(5);
    // Liberation Day 2025 (a lustrum year) is closed, 2026 is not.
    expect(at('2025-05-06') - at('2025-05-02')).toBe(1);
    expect(at('2026-05-06') - at('2026-05-04')).toBe(2);
  });
});

describe.each(DATABASE_KINDS)('digest queries on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };
  const window = { year: 2025, asOf: '2026-01-15' };
  /** The calendar's range for this window: 1 January 2025 to 31 December 2027. */
  const lastDay = '2027-12-31';

  interface Case {
    reference: string;
    registeredAt: Date;
    stages: Record<'feedback' | 'decided' | 'resolved' | 'closed', Date | null>;
  }
  const cases: Case[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
    const rnd = random(11);
    const instants = [
      // Near local midnight (CET and CEST), on the DST changes and around holidays; the
      // first and the last are registered in 2024 and 2026 (local time).
      '2024-12-31T22:59:59Z',
      '2025-12-31T23:00:00Z',
      '2024-12-31T23:00:00Z',
      '2025-01-01T22:59:59Z',
      '2025-03-30T00:30:00Z',
      '2025-03-30T22:30:00Z',
      '2025-04-17T21:59:00Z',
      '2025-05-04T22:00:00Z',
      '2025-10-26T00:30:00Z',
      '2025-10-26T23:30:00Z',
      '2025-12-23T23:30:00Z',
      '2025-12-31T22:59:59Z',
    ].map((s) => new Date(s));
    for (let i = 0; i < 60; i++) {
      instants.push(
        new Date(Date.parse('2025-01-01T00:00:00Z') + Math.floor(rnd() * 364 * 24) * HOUR),
      );
    }
    for (const [i, registeredAt] of instants.entries()) {
      let at = registeredAt.getTime();
      const next = (chance: number, maxDays: number) => {
        if (rnd() > chance) return null;
        at += Math.floor(rnd() * maxDays * 24) * HOUR;
        return new Date(at);
      };
      const stages = {
        feedback: next(0.9, 12),
        decided: next(0.85, 40),
        resolved: next(0.7, 120),
        closed: next(0.8, 400),
      };
      // One case beyond the calendar's range: its lead time is null, as before.
      if (i === 7) stages.closed = new Date('2028-01-04T09:00:00Z');
      const c: Case = { reference: `KL-WD-${String(i).padStart(3, '0')}`, registeredAt, stages };
      cases.push(c);
      const row: Partial<ComplaintRow> = {
        reference: c.reference,
        registeredAt,
        lastProgressAt: registeredAt,
        firstFeedbackAt: stages.feedback,
        decidedAt: stages.decided,
        decision: stages.decided ? 'founded' : null,
        resolvedAt: stages.resolved,
        closedAt: stages.closed,
        status: stages.closed ? 'closed' : 'in_treatment',
      };
      await insertComplaint(database.handle, row);
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  const expectedLead = (c: Case, stage: Date | null) => {
    if (!stage) return null;
    const to = deps.calendar.localDate(stage);
    if (to > lastDay) return null;
    return deps.calendar.workingDaysBetween(deps.calendar.localDate(c.registeredAt), to);
  };

  it('computes local dates and working-day lead times in SQL as the domain calendar does', async () => {
    const rows = await deps.digest.register(window);
    const inYear = cases.filter((c) => deps.calendar.localDate(c.registeredAt).startsWith('2025'));
    expect(inYear.length).toBeLessThan(cases.length);
    expect(rows.map((r) => r.reference)).toEqual(
      [...inYear]
        .sort(
          (a, b) =>
            a.registeredAt.getTime() - b.registeredAt.getTime() ||
            (a.reference < b.reference ? -1 : 1),
        )
        .map((c) => c.reference),
    );
    const byReference = new Map(rows.map((r) => [r.reference, r]));
    for (const c of inYear) {
      const row = byReference.get(c.reference);
      const local = (d: Date | null) => (d ? deps.calendar.localDate(d) : null);
      expect(row).toMatchObject({
        registeredOn: local(c.registeredAt),
        firstFeedbackOn: local(c.stages.feedback),
        decidedOn: local(c.stages.decided),
        resolvedOn: local(c.stages.resolved),
        closedOn: local(c.stages.closed),
        leadFirstFeedback: expectedLead(c, c.stages.feedback),
        leadDecision: expectedLead(c, c.stages.decided),
        leadResolved: expectedLead(c, c.stages.resolved),
        leadClosed: expectedLead(c, c.stages.closed),
      });
    }
    expect(byReference.get('KL-WD-007')?.closedOn).toBe('2028-01-04');
    expect(byReference.get('KL-WD-007')?.leadClosed).toBeNull();

    const figures = await deps.digest.yearFigures(window);
    const stages = [
      ['first_feedback', 'feedback'],
      ['decision', 'decided'],
      ['resolved', 'resolved'],
      ['closed', 'closed'],
    ] as const;
    for (const [stage, key] of stages) {
      const values = inYear
        .map((c) => expectedLead(c, c.stages[key]))
        .filter((v): v is number => v !== null);
      // percentile() interpolates as percentile_cont does, in the same floating point steps.
      expect(figures.leadTimes.find((l) => l.stage === stage)).toEqual({
        stage,
        n: values.length,
        median: percentile(values, 0.5),
        p90: percentile(values, 0.9),
      });
    }
  });
});

describe.each(DATABASE_KINDS)('digest counts per month and objections on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };
  const rows: Partial<ComplaintRow>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
    const categories = ['dienstverlening', 'product', 'communicatie', 'facturatie', 'overig'];
    const rnd = random(5);
    // Month edges in local time: 00:00 and 23:59:59 local, in winter and summer time.
    const edges = [
      '2024-12-31T22:59:59Z',
      '2024-12-31T23:00:00Z',
      '2025-01-31T22:59:59Z',
      '2025-01-31T23:00:00Z',
      '2025-03-31T21:59:59Z',
      '2025-03-31T22:00:00Z',
      '2025-10-31T22:59:59Z',
      '2025-10-31T23:00:00Z',
      '2025-12-31T22:59:59Z',
      '2025-12-31T23:00:00Z',
    ].map((s) => new Date(s));
    const instants = [...edges];
    for (let i = 0; i < 80; i++) {
      instants.push(
        new Date(Date.parse('2025-01-01T00:00:00Z') + Math.floor(rnd() * 364 * 24 * 60) * 60_000),
      );
    }
    for (const [i, registeredAt] of instants.entries()) {
      const objected = rnd() < 0.3;
      const committee = objected && rnd() < 0.3;
      const verdicts = ['founded', 'partly_founded', 'unfounded', null] as const;
      const row: Partial<ComplaintRow> = {
        registeredAt,
        lastProgressAt: registeredAt,
        categoryKey: categories[Math.floor(rnd() * categories.length)] as string,
        kind: rnd() < 0.2 ? 'feedback' : 'complaint',
        decision: rnd() < 0.6 ? 'founded' : 'unfounded',
        objectedAt: objected ? new Date(registeredAt.getTime() + 20 * DAY) : null,
        mediatorId: objected && rnd() < 0.5 ? 'kim' : null,
        referredToCommittee: committee,
        committeeVerdict: committee ? verdicts[Math.floor(rnd() * verdicts.length)] : null,
        status: objected && rnd() < 0.5 ? 'objected' : 'closed',
        closeReason: i % 3 === 0 ? 'final_outcome' : 'accepted',
      };
      rows.push(row);
      await insertComplaint(database.handle, row);
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('counts complaints per local month and category, and the objections, as before', async () => {
    const figures = await deps.digest.yearFigures({ year: 2025, asOf: '2026-01-15' });
    const local = (r: Partial<ComplaintRow>) => deps.calendar.localDate(r.registeredAt as Date);
    const inYear = rows.filter((r) => local(r).startsWith('2025-'));
    expect(inYear.length).toBe(rows.length - 2);

    const perMonth = new Map<string, number>();
    for (const r of inYear.filter((r) => r.kind === 'complaint')) {
      const key = `${Number(local(r).slice(5, 7))}|${r.categoryKey}`;
      perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
    }
    const expected = [...perMonth]
      .map(([key, count]) => {
        const [month, categoryKey] = key.split('|') as [string, string];
        return { month: Number(month), categoryKey, count };
      })
      .sort((a, b) => a.month - b.month || (a.categoryKey < b.categoryKey ? -1 : 1));
    expect(figures.perMonth).toEqual(expected);
    expect(figures.perMonth.find((m) => m.month === 2)).toBeDefined();

    const keys = [...new Set(inYear.map((r) => r.categoryKey as string))].sort();
    expect(figures.categories.map((c) => c.categoryKey)).toEqual(keys);
    for (const c of figures.categories) {
      const mine = inYear.filter((r) => r.categoryKey === c.categoryKey);
      expect(c).toEqual({
        categoryKey: c.categoryKey,
        complaints: mine.filter((r) => r.kind === 'complaint').length,
        feedback: mine.filter((r) => r.kind === 'feedback').length,
        founded: mine.filter((r) => r.decision === 'founded').length,
        unfounded: mine.filter((r) => r.decision === 'unfounded').length,
        structural: 0,
        incidental: 0,
        objections: mine.filter((r) => r.objectedAt).length,
      });
    }
    const objected = inYear.filter((r) => r.objectedAt);
    expect(objected.length).toBeGreaterThan(5);
    expect(figures.objections).toEqual({
      total: objected.length,
      mediated: objected.filter((r) => r.mediatorId).length,
      committee: objected.filter((r) => r.referredToCommittee).length,
      finalOutcome: objected.filter((r) => r.closeReason === 'final_outcome').length,
      verdictFounded: objected.filter((r) => r.committeeVerdict === 'founded').length,
      verdictPartlyFounded: objected.filter((r) => r.committeeVerdict === 'partly_founded').length,
      verdictUnfounded: objected.filter((r) => r.committeeVerdict === 'unfounded').length,
      open: objected.filter((r) => r.status === 'objected').length,
    });
    expect(objected.filter((r) => r.committeeVerdict).length).toBeGreaterThan(0);
  });
});
