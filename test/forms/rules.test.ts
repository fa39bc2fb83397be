import { describe, expect, it } from 'vitest';
import { commandForm, REPORT_FORM } from '../../src/app/forms/definitions.js';
import { formErrors } from '../../src/app/forms/errors.js';
import type { FormModel } from '../../src/app/forms/model.js';
import { commandPayload, missingFields, reportInput } from '../../src/app/forms/payloads.js';
import { searchPeople } from '../../src/app/forms/people-search.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { DomainError, isDomainError } from '../../src/domain/errors.js';
import type { Person } from '../../src/domain/people.js';
import { parsePayload } from '../../src/domain/transition.js';

const resolution = commandForm('record_resolution') as FormModel;
const measure = commandForm('add_measure') as FormModel;
const mediator = commandForm('appoint_mediator') as FormModel;

function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('form rules: required and conditionally required', () => {
  it('"concerns an employee" makes the subject required', () => {
    const base = { description: 'x', categoryKey: 'product' };
    expect(missingFields(REPORT_FORM, base)).toEqual({});
    expect(missingFields(REPORT_FORM, { ...base, concernsEmployee: 'true' })).toEqual({
      subjectPersonId: 'required',
    });
    const error = refusal(() =>
      reportInput(
        { ...base, concernsEmployee: 'true' },
        { reporterId: 'mo', intakeKey: 'k', sourceLink: null },
      ),
    );
    expect(error.fields).toEqual({ subjectPersonId: 'required' });
  });

  it('an organisation-wide improvement needs an owner and a due date', () => {
    const filled = { resolution: 'r', cause: 'structural', correctiveMeasure: 'c' };
    expect(missingFields(resolution, filled)).toEqual({});
    const error = refusal(() =>
      commandPayload('record_resolution', { ...filled, 'improvement.description': 'beter' }),
    );
    expect(error.fields).toEqual({
      'improvement.ownerId': 'required',
      'improvement.dueOn': 'required',
    });
    expect(
      commandPayload('record_resolution', {
        ...filled,
        'improvement.description': 'beter',
        'improvement.ownerId': 'kim',
        'improvement.dueOn': '2030-01-01',
      }).improvement,
    ).toEqual({
      scope: 'organisation',
      type: 'preventive',
      description: 'beter',
      ownerId: 'kim',
      dueOn: '2030-01-01',
    });
  });

  it('a measure for the whole organisation needs an owner and a due date; one for the client not', () => {
    const base = { type: 'corrective', description: 'd' };
    expect(missingFields(measure, { ...base, scope: 'client' })).toEqual({});
    expect(missingFields(measure, { ...base, scope: 'organisation' })).toEqual({
      ownerId: 'required',
      dueOn: 'required',
    });
  });

  it('the domain says "required" too when a caller skips the form (zod refine)', () => {
    const error = refusal(() =>
      parsePayload('record_resolution', {
        resolution: 'r',
        cause: 'structural',
        correctiveMeasure: 'c',
        improvement: { scope: 'organisation', type: 'preventive', description: 'beter' },
      }),
    );
    expect(error.fields).toEqual({
      'improvement.ownerId': 'required',
      'improvement.dueOn': 'required',
    });
  });
});

describe('form errors carry the domain reason', () => {
  it('a conflict of interest is said next to the person field, in both languages', () => {
    const error = new DomainError(
      'complaint.conflict_of_interest',
      'x',
      {},
      { mediatorId: 'conflict_of_interest' },
    );
    for (const locale of ['nl', 'en'] as const) {
      const { fields, general } = formErrors(mediator, locale, error);
      expect(fields.mediatorId).toBe(translate(locale, 'problem.conflict_of_interest'));
      expect(fields.mediatorId).not.toBe(translate(locale, 'problem.invalid'));
      expect(general).toBe(false);
    }
    expect(formErrors(mediator, 'nl', error).fields.mediatorId).toContain('belangenverstrengeling');
  });

  it('a problem on a field the form does not have, or no field at all, needs a general sentence', () => {
    const elsewhere = new DomainError('input.invalid', 'x', {}, { reporterId: 'unknown' });
    expect(formErrors(REPORT_FORM, 'nl', elsewhere)).toEqual({ fields: {}, general: true });
    const down = new DomainError('database.unavailable', 'x');
    expect(formErrors(REPORT_FORM, 'nl', down)).toEqual({ fields: {}, general: true });
    expect(formErrors(REPORT_FORM, 'nl', new Error('boom'))).toEqual({
      fields: {},
      general: true,
    });
  });
});

describe('people search', () => {
  const person = (id: string, name: string, active = true): Person => ({
    id,
    name,
    email: null,
    roles: ['reporter'],
    slackUserId: null,
    teamsAadObjectId: null,
    locale: null,
    active,
  });
  const list = [
    person('jose', 'José Jansen'),
    person('hanna', 'Hanna Hoofd Service'),
    person('johan', 'Johan de Hoofdman'),
    person('oud', 'Hans Oud', false),
  ];
  const deps = { store: { repository: { listPeople: async () => list } } } as never;

  it('finds active people by any part of the name, accents ignored, names starting with it first', async () => {
    expect(await searchPeople(deps, 'hoofd')).toEqual([
      { id: 'hanna', name: 'Hanna Hoofd Service' },
      { id: 'johan', name: 'Johan de Hoofdman' },
    ]);
    expect((await searchPeople(deps, 'jose')).map((p) => p.id)).toEqual(['jose']);
    expect((await searchPeople(deps, 'jo')).map((p) => p.id)).toEqual(['johan', 'jose']);
    expect((await searchPeople(deps, 'hans')).map((p) => p.id)).toEqual([]);
    expect(await searchPeople(deps, '', { count: 2, skip: 1 })).toEqual([
      { id: 'johan', name: 'Johan de Hoofdman' },
      { id: 'jose', name: 'José Jansen' },
    ]);
  });
});
