import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../../src/domain/errors.js';
import {
  authoriseMeasure,
  implementMeasure,
  improvementRegisterScope,
  MEASURE_COMMANDS,
  MEASURE_STATUSES,
  type MeasureCommand,
  type MeasureFacts,
  type MeasureStatus,
  mayCreateMeasure,
  mayListImprovementRegister,
  maySeeMeasure,
  measureActionsFor,
  measureAllowedCommands,
  measureCommandSchemas,
  measureReviewDue,
  measureReviewers,
  newMeasureSchema,
  reviewMeasure,
} from '../../src/domain/measure.js';
import type { Person } from '../../src/domain/people.js';
import { parseOrThrow } from '../../src/domain/validation.js';
import { allPeople, makePerson, people } from '../fixtures/domain.js';

/** Hanna (a handler) owns the measure; nobody else in the organisation has a part in it. */
const facts = (overrides: Partial<MeasureFacts> = {}): MeasureFacts => ({
  status: 'open',
  ownerId: people.handler.id,
  reviewDueOn: null,
  ...overrides,
});

function outcome(person: Person, command: MeasureCommand, measure: MeasureFacts): string {
  try {
    authoriseMeasure(person, command, measure);
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

type Who = keyof typeof people;

describe('the measure lifecycle', () => {
  it('allows implementing while open and reviewing once implemented, nothing after', () => {
    const expected: Record<MeasureStatus, MeasureCommand[]> = {
      open: ['implement_measure'],
      implemented: ['review_measure'],
      effective: [],
      not_effective: [],
      cancelled: [],
    };
    for (const status of MEASURE_STATUSES) {
      expect(measureAllowedCommands(facts({ status }), '2026-05-04'), status).toEqual(
        expected[status],
      );
    }
  });

  it('is due for review from its review day on, and only while implemented', () => {
    const implemented = facts({ status: 'implemented', reviewDueOn: '2026-06-15' });
    expect(measureReviewDue(implemented, '2026-06-12')).toBe(false);
    expect(measureReviewDue(implemented, '2026-06-15')).toBe(true);
    expect(measureReviewDue(implemented, '2026-06-16')).toBe(true);
    expect(measureReviewDue({ ...implemented, status: 'effective' }, '2026-06-16')).toBe(false);
    expect(measureReviewDue(facts({ status: 'implemented' }), '2026-06-16')).toBe(false);
  });

  it('refuses a command its state does not allow before asking who acts', () => {
    // Even the owner may not implement twice, and nobody reviews an open measure.
    expect(outcome(people.handler, 'implement_measure', facts({ status: 'implemented' }))).toBe(
      'measure.invalid_transition',
    );
    expect(outcome(people.qualityAdviser, 'review_measure', facts())).toBe(
      'measure.invalid_transition',
    );
    expect(outcome(people.reporter, 'review_measure', facts({ status: 'effective' }))).toBe(
      'measure.invalid_transition',
    );
  });

  it('sets evidence, date and review day on implementing; the verdict and note on review', () => {
    const now = new Date('2026-05-04T08:00:00Z');
    expect(implementMeasure({ evidence: 'Checklist ingevoerd' }, now, '2026-06-29')).toEqual({
      status: 'implemented',
      evidence: 'Checklist ingevoerd',
      implementedAt: now,
      reviewDueOn: '2026-06-29',
    });
    expect(reviewMeasure({ effective: false, note: 'Klachten blijven' }, now, 'kim')).toEqual({
      status: 'not_effective',
      effective: false,
      reviewNote: 'Klachten blijven',
      reviewedAt: now,
      reviewedBy: 'kim',
    });
    expect(
      reviewMeasure({ effective: true, note: 'Geen klachten meer' }, now, 'kim'),
    ).toMatchObject({ status: 'effective', effective: true });
  });
});

describe('who may act on a measure', () => {
  const open = facts();
  const implemented = facts({ status: 'implemented', reviewDueOn: '2026-06-29' });
  const state: Record<MeasureCommand, MeasureFacts> = {
    implement_measure: open,
    review_measure: implemented,
  };
  /** Every person of the fixture organisation against every command (owner: the handler). */
  const expected: Record<MeasureCommand, Record<Who, string>> = {
    implement_measure: {
      reporter: 'measure.not_permitted',
      handler: 'ok',
      otherHandler: 'measure.not_permitted',
      director: 'ok',
      qualityAdviser: 'ok',
      secretariat: 'measure.not_permitted',
      mediator: 'measure.not_permitted',
      subject: 'measure.not_permitted',
      inactive: 'measure.not_permitted',
      inactiveDirector: 'measure.not_permitted',
    },
    review_measure: {
      reporter: 'measure.not_permitted',
      // The owner never judges their own measure.
      handler: 'measure.not_permitted',
      otherHandler: 'measure.not_permitted',
      director: 'ok',
      qualityAdviser: 'ok',
      secretariat: 'measure.not_permitted',
      mediator: 'measure.not_permitted',
      subject: 'measure.not_permitted',
      inactive: 'measure.not_permitted',
      inactiveDirector: 'measure.not_permitted',
    },
  };
  for (const command of MEASURE_COMMANDS) {
    for (const who of Object.keys(people) as Who[]) {
      it(`${command} by ${who}: ${expected[command][who]}`, () => {
        expect(outcome(people[who], command, state[command])).toBe(expected[command][who]);
      });
    }
  }

  it('never lets the owner review, even an owner who is the quality adviser or a director', () => {
    for (const owner of [people.qualityAdviser, people.director]) {
      const own = facts({ status: 'implemented', ownerId: owner.id });
      expect(outcome(owner, 'review_measure', own)).toBe('measure.not_permitted');
      expect(outcome(owner, 'implement_measure', { ...own, status: 'open' })).toBe('ok');
    }
  });

  it('leaves a measure of a complaint about an employee to its owner and a director', () => {
    const sensitive = { concernsEmployee: true };
    expect(outcome(people.handler, 'implement_measure', facts(sensitive))).toBe('ok');
    expect(outcome(people.director, 'implement_measure', facts(sensitive))).toBe('ok');
    expect(outcome(people.qualityAdviser, 'implement_measure', facts(sensitive))).toBe(
      'measure.not_permitted',
    );
    const implementedSensitive = facts({ ...sensitive, status: 'implemented' });
    expect(outcome(people.director, 'review_measure', implementedSensitive)).toBe('ok');
    expect(outcome(people.qualityAdviser, 'review_measure', implementedSensitive)).toBe(
      'measure.not_permitted',
    );
    expect(maySeeMeasure(people.qualityAdviser, facts(sensitive))).toBe(false);
    expect(maySeeMeasure(people.director, facts(sensitive))).toBe(true);
    expect(maySeeMeasure(people.handler, facts(sensitive))).toBe(true);
  });

  it('lists as actions exactly the commands that authorise', () => {
    for (const status of MEASURE_STATUSES) {
      for (const person of allPeople) {
        const measure = facts({ status });
        const actions = measureActionsFor(person, measure);
        for (const command of MEASURE_COMMANDS) {
          expect(actions.includes(command), `${person.id} ${status} ${command}`).toBe(
            outcome(person, command, measure) === 'ok',
          );
        }
      }
    }
  });
});

describe('the improvement register and new measures', () => {
  it('is listed by the quality adviser and a director (all) and by owners (their own)', () => {
    expect(improvementRegisterScope(people.qualityAdviser)).toBe('all');
    expect(improvementRegisterScope(people.director)).toBe('all');
    expect(improvementRegisterScope(people.handler)).toBe('own');
    expect(improvementRegisterScope(people.inactiveDirector)).toBe('none');
    expect(mayListImprovementRegister(people.qualityAdviser)).toBe(true);
    expect(mayListImprovementRegister(people.director)).toBe(true);
    expect(mayListImprovementRegister(people.handler)).toBe(false);
    expect(mayListImprovementRegister(people.handler, true)).toBe(true);
    expect(mayListImprovementRegister(people.secretariat)).toBe(false);
    expect(mayListImprovementRegister(people.inactive, true)).toBe(false);
  });

  it('lets only the quality adviser and a director create a measure without a complaint', () => {
    const creators = allPeople.filter(mayCreateMeasure).map((p) => p.id);
    expect(creators.sort()).toEqual([people.director.id, people.qualityAdviser.id].sort());
  });

  it('reminds the quality adviser of a review, a director when they may not or there is none', () => {
    const implemented = facts({ status: 'implemented', reviewDueOn: '2026-06-29' });
    expect(measureReviewers(allPeople, implemented).map((p) => p.id)).toEqual(['quinten']);
    expect(
      measureReviewers(allPeople, { ...implemented, concernsEmployee: true }).map((p) => p.id),
    ).toEqual(['diana']);
    // The quality adviser owns it: a director judges it.
    expect(
      measureReviewers(allPeople, { ...implemented, ownerId: 'quinten' }).map((p) => p.id),
    ).toEqual(['diana']);
    const noAdviser = allPeople.filter((p) => p.id !== 'quinten');
    expect(measureReviewers(noAdviser, implemented).map((p) => p.id)).toEqual(['diana']);
    const second = makePerson('kees', ['quality_adviser']);
    expect(measureReviewers([...allPeople, second], implemented).map((p) => p.id)).toEqual([
      'quinten',
      'kees',
    ]);
  });
});

describe('measure payloads', () => {
  const parse = (schema: Parameters<typeof parseOrThrow>[0], input: unknown) => {
    try {
      return { ok: parseOrThrow(schema, input) };
    } catch (error) {
      const e = error as DomainError;
      return { code: e.code as ErrorCode, fields: e.fields };
    }
  };

  it('needs evidence to implement, trimmed and bounded', () => {
    expect(parse(measureCommandSchemas.implement_measure, { evidence: '  Gedaan  ' })).toEqual({
      ok: { evidence: 'Gedaan' },
    });
    expect(parse(measureCommandSchemas.implement_measure, { evidence: '   ' })).toEqual({
      code: 'input.invalid',
      fields: { evidence: 'required' },
    });
    expect(parse(measureCommandSchemas.implement_measure, { evidence: 'x'.repeat(1001) })).toEqual({
      code: 'input.invalid',
      fields: { evidence: 'too_long' },
    });
  });

  it('takes yes/no as the surfaces send it and needs a note to review', () => {
    const review = measureCommandSchemas.review_measure;
    expect(parse(review, { effective: 'false', note: 'Niet opgelost' })).toEqual({
      ok: { effective: false, note: 'Niet opgelost' },
    });
    expect(parse(review, { effective: true, note: 'Werkt' })).toEqual({
      ok: { effective: true, note: 'Werkt' },
    });
    expect(parse(review, { effective: 'misschien', note: '' })).toEqual({
      code: 'input.invalid',
      fields: { effective: 'invalid', note: 'required' },
    });
    expect(parse(review, { note: 'Werkt' })).toEqual({
      code: 'input.invalid',
      fields: { effective: 'required' },
    });
  });

  it('needs an origin for a measure without a complaint, unless it follows one up', () => {
    const base = {
      scope: 'organisation',
      type: 'preventive',
      description: 'Planning wekelijks controleren',
      ownerId: 'hanna',
      dueOn: '2026-06-01',
    };
    expect(parse(newMeasureSchema, { ...base, origin: 'trend_review' })).toMatchObject({
      ok: { origin: 'trend_review', description: 'Planning wekelijks controleren' },
    });
    expect(parse(newMeasureSchema, base)).toEqual({
      code: 'input.invalid',
      fields: { origin: 'required' },
    });
    expect(parse(newMeasureSchema, { ...base, origin: 'complaint' })).toEqual({
      code: 'input.invalid',
      fields: { origin: 'invalid' },
    });
    const followUpOf = '6f1c1c9e-8a51-4f8e-9b8e-0d6c2f1a2b3c';
    expect(parse(newMeasureSchema, { ...base, followUpOf })).toMatchObject({
      ok: { followUpOf },
    });
    // The rules of add_measure still hold: organisation-wide needs an owner.
    expect(
      parse(newMeasureSchema, { ...base, ownerId: null, origin: 'management_review' }),
    ).toEqual({ code: 'input.invalid', fields: { ownerId: 'required' } });
  });
});
