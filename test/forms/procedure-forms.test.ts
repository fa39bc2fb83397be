import { describe, expect, it } from 'vitest';
import { allForms, commandForm, REPORT_FORM } from '../../src/app/forms/definitions.js';
import {
  type FormModel,
  type FormValues,
  fieldNamed,
  initialValues,
} from '../../src/app/forms/model.js';
import { optionsOf } from '../../src/app/forms/options.js';
import { commandPayload, missingFields, reportInput } from '../../src/app/forms/payloads.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { COMMANDS_WITH_FORM } from '../../src/app/messages/model.js';
import { reportInputSchema } from '../../src/app/report-complaint.js';
import {
  CAUSE_CATEGORIES,
  FORMALITIES,
  INTAKE_CHANNELS,
  KINDS,
  TEXT_LIMITS,
  VERDICTS,
} from '../../src/domain/complaint.js';
import { type DomainError, isDomainError } from '../../src/domain/errors.js';
import type { Command } from '../../src/domain/lifecycle.js';
import { parsePayload } from '../../src/domain/transition.js';

const form = (command: Command) => commandForm(command) as FormModel;
const shape = (model: FormModel) =>
  model.fields.map((f) => `${f.name}:${f.kind}${f.required ? '!' : ''}`);

function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A value the domain accepts for a field, as a surface would send it. */
function validValue(model: FormModel, name: string): string {
  const field = fieldNamed(model, name);
  if (!field) throw new Error(name);
  if (field.kind === 'date') return '2030-01-31';
  if (field.kind === 'person') return 'piet';
  if (field.options) return optionsOf(field, 'nl')[0]?.value ?? '';
  return `Tekst voor ${name}`;
}

describe('the second edition forms', () => {
  it('classify, declare_inadmissible, agree_solution, report_fix_done, extend_deadline, the verdict and the private note open a form', () => {
    for (const command of [
      'classify',
      'declare_inadmissible',
      'agree_solution',
      'report_fix_done',
      'extend_deadline',
      'record_committee_verdict',
      'record_private_note',
    ] as const) {
      expect(COMMANDS_WITH_FORM).toContain(command);
      expect(commandForm(command)?.title).toBe(`form.${command}.title`);
    }
  });

  it('declare_admissible and note_feedback run at once, without a form', () => {
    for (const command of ['declare_admissible', 'note_feedback'] as const) {
      expect(COMMANDS_WITH_FORM).not.toContain(command);
      expect(commandForm(command)).toBeNull();
      expect(commandPayload(command, { anything: 'x' })).toEqual({});
      expect(parsePayload(command, commandPayload(command, {}))).toEqual({});
    }
  });

  it('each form has the fields of its command', () => {
    expect(shape(form('classify'))).toEqual(['kind:radio!', 'formality:radio!']);
    expect(shape(form('declare_inadmissible'))).toEqual(['motivation:longtext!']);
    expect(shape(form('agree_solution'))).toEqual([
      'solution:longtext!',
      'termOn:date!',
      'complainantAgreed:radio!',
      'party.name:text',
      'party.organisation:text',
      'party.contact:text',
    ]);
    expect(shape(form('report_fix_done'))).toEqual(['note:longtext']);
    expect(shape(form('extend_deadline'))).toEqual(['newDueOn:date!', 'reason:longtext!']);
    expect(shape(form('record_committee_verdict'))).toEqual([
      'verdict:radio!',
      'verdictOn:date!',
      'binding:radio!',
      'followUp:longtext',
    ]);
    expect(shape(form('record_private_note'))).toEqual(['note:longtext!']);
    expect(fieldNamed(form('record_private_note'), 'note')?.hint).toBe('form.privateNote.hint');
    expect(fieldNamed(form('agree_solution'), 'party.name')?.hint).toBe('form.party.hint');
  });

  it('the choices are the domain enums, labelled in both languages', () => {
    const values = (model: FormModel, name: string) =>
      optionsOf(fieldNamed(model, name)!, 'nl').map((o) => o.value);
    expect(values(form('classify'), 'kind')).toEqual([...KINDS]);
    expect(values(form('classify'), 'formality')).toEqual([...FORMALITIES]);
    expect(values(form('record_committee_verdict'), 'verdict')).toEqual([...VERDICTS]);
    expect(values(form('record_committee_verdict'), 'binding')).toEqual(['true', 'false']);
    expect(values(form('agree_solution'), 'complainantAgreed')).toEqual(['true', 'false']);
    expect(values(form('record_resolution'), 'causeCategory')).toEqual([...CAUSE_CATEGORIES]);
    expect(values(REPORT_FORM, 'formality')).toEqual([...FORMALITIES]);
    expect(values(REPORT_FORM, 'intakeChannel')).toEqual([...INTAKE_CHANNELS]);
    expect(values(REPORT_FORM, 'intakeChannel')).toEqual(
      expect.arrayContaining(['web_form', 'committee']),
    );
    expect(
      optionsOf(fieldNamed(form('record_committee_verdict'), 'verdict')!, 'en'),
    ).toContainEqual({ value: 'partly_founded', label: 'Partly founded' });
  });

  it('every label, hint and option has a sentence in nl and en (never the bare key)', () => {
    for (const model of allForms()) {
      for (const field of model.fields) {
        for (const locale of ['nl', 'en'] as const) {
          for (const key of [field.label, field.hint, field.optionLabel]) {
            if (key) expect(translate(locale, key), `${model.id}.${field.name}`).not.toBe(key);
          }
          for (const option of optionsOf(field, locale)) {
            expect(option.label, `${model.id}.${field.name}.${option.value}`).not.toContain('.');
          }
        }
      }
      expect(translate('en', model.title)).not.toBe(model.title);
    }
  });

  it('the form limits are the domain limits: a root cause of 1000 passes, 1001 is too long', () => {
    expect(fieldNamed(form('record_resolution'), 'rootCause')?.maxLength).toBe(TEXT_LIMITS.measure);
    const base = { resolution: 'r', cause: 'structural', correctiveMeasure: 'c' };
    expect(
      parsePayload('record_resolution', { ...base, rootCause: 'x'.repeat(TEXT_LIMITS.measure) })
        .rootCause,
    ).toHaveLength(TEXT_LIMITS.measure);
    const error = refusal(() =>
      parsePayload('record_resolution', {
        ...base,
        rootCause: 'x'.repeat(TEXT_LIMITS.measure + 1),
      }),
    );
    expect(error.fields).toEqual({ rootCause: 'too_long' });
    for (const command of COMMANDS_WITH_FORM) {
      for (const field of form(command).fields) {
        if (!field.maxLength) continue;
        const payload = commandPayload(command, {
          ...Object.fromEntries(
            form(command).fields.map((f) => [f.name, validValue(form(command), f.name)]),
          ),
          [field.name]: 'x'.repeat(field.maxLength + 1),
        });
        const tooLong = refusal(() => parsePayload(command, payload));
        expect(Object.values(tooLong.fields), `${command}.${field.name}`).toContain('too_long');
      }
    }
  });
});

describe('payloads built from forms are what the domain accepts', () => {
  it.each(COMMANDS_WITH_FORM.map((c) => [c] as const))('%s: every field filled in', (command) => {
    const model = form(command);
    const values = Object.fromEntries(model.fields.map((f) => [f.name, validValue(model, f.name)]));
    expect(() => parsePayload(command, commandPayload(command, values))).not.toThrow();
  });

  it.each(COMMANDS_WITH_FORM.map((c) => [c] as const))(
    '%s: only the required fields filled in',
    (command) => {
      const model = form(command);
      const values: FormValues = { ...initialValues(model) };
      for (const field of model.fields) {
        if (field.required) values[field.name] = validValue(model, field.name);
      }
      expect(missingFields(model, values)).toEqual({});
      expect(() => parsePayload(command, commandPayload(command, values))).not.toThrow();
    },
  );

  it('classify', () => {
    const values = { kind: 'feedback', formality: 'formal' };
    expect(parsePayload('classify', commandPayload('classify', values))).toEqual(values);
    expect(missingFields(form('classify'), {})).toEqual({
      kind: 'required',
      formality: 'required',
    });
  });

  it('declare_inadmissible: the motivation is required on the form and by the domain', () => {
    expect(missingFields(form('declare_inadmissible'), {})).toEqual({ motivation: 'required' });
    expect(
      parsePayload(
        'declare_inadmissible',
        commandPayload('declare_inadmissible', { motivation: 'Geen klacht over ons.' }),
      ),
    ).toEqual({ motivation: 'Geen klacht over ons.' });
  });

  it('agree_solution: yes/no as booleans; an empty outside party is none', () => {
    const base = { solution: 'Nieuwe zool.', termOn: '2030-01-31' };
    const agreed = parsePayload(
      'agree_solution',
      commandPayload('agree_solution', { ...base, complainantAgreed: 'true' }),
    );
    expect(agreed).toEqual({ ...base, complainantAgreed: true, party: null });
    const declined = parsePayload(
      'agree_solution',
      commandPayload('agree_solution', { ...base, complainantAgreed: 'false', 'party.name': ' ' }),
    );
    expect(declined).toEqual({ ...base, complainantAgreed: false, party: null });
  });

  it('agree_solution: an outside party with only a name; the name is needed once more is given', () => {
    const base = { solution: 'Nieuwe zool.', termOn: '2030-01-31', complainantAgreed: 'true' };
    expect(
      parsePayload(
        'agree_solution',
        commandPayload('agree_solution', { ...base, 'party.name': 'Schoenmakerij Bos' }),
      ).party,
    ).toEqual({ name: 'Schoenmakerij Bos', organisation: null, contact: null });
    for (const other of ['party.organisation', 'party.contact']) {
      const error = refusal(() => commandPayload('agree_solution', { ...base, [other]: 'Bos BV' }));
      expect(error.fields).toEqual({ 'party.name': 'required' });
    }
    expect(missingFields(form('agree_solution'), { solution: 'x' })).toEqual({
      termOn: 'required',
      complainantAgreed: 'required',
    });
  });

  it('report_fix_done: the note is optional', () => {
    expect(parsePayload('report_fix_done', commandPayload('report_fix_done', {}))).toEqual({
      note: null,
    });
    expect(
      parsePayload('report_fix_done', commandPayload('report_fix_done', { note: 'Vervangen.' })),
    ).toEqual({ note: 'Vervangen.' });
  });

  it('extend_deadline: a date and a reason', () => {
    const values = { newDueOn: '2030-01-31', reason: 'Wachten op de leverancier.' };
    expect(parsePayload('extend_deadline', commandPayload('extend_deadline', values))).toEqual(
      values,
    );
    expect(missingFields(form('extend_deadline'), {})).toEqual({
      newDueOn: 'required',
      reason: 'required',
    });
  });

  it('record_committee_verdict: binding as a boolean, follow-up optional', () => {
    const values = { verdict: 'partly_founded', verdictOn: '2026-03-09', binding: 'false' };
    expect(
      parsePayload('record_committee_verdict', commandPayload('record_committee_verdict', values)),
    ).toEqual({
      verdict: 'partly_founded',
      verdictOn: '2026-03-09',
      binding: false,
      followUp: null,
    });
  });

  it('record_private_note: the note is required', () => {
    expect(missingFields(form('record_private_note'), { note: '  ' })).toEqual({
      note: 'required',
    });
  });

  it('record_resolution: root cause and cause category, both optional', () => {
    const base = { resolution: 'r', cause: 'incidental', correctiveMeasure: 'c' };
    expect(
      parsePayload('record_resolution', commandPayload('record_resolution', base)),
    ).toMatchObject({ rootCause: null, causeCategory: null });
    expect(
      parsePayload(
        'record_resolution',
        commandPayload('record_resolution', {
          ...base,
          rootCause: 'Garantie leverancier.',
          causeCategory: 'supplier',
        }),
      ),
    ).toMatchObject({ rootCause: 'Garantie leverancier.', causeCategory: 'supplier' });
  });

  it('add_measure: an outside party needs an internal follower (owner), also for the client', () => {
    const base = { scope: 'client', type: 'corrective', description: 'Zool vervangen.' };
    const withParty = {
      ...base,
      'party.name': 'Schoenmakerij Bos',
      'party.contact': '010-1234567',
    };
    expect(missingFields(form('add_measure'), base)).toEqual({});
    expect(missingFields(form('add_measure'), withParty)).toEqual({ ownerId: 'required' });
    const parsed = parsePayload(
      'add_measure',
      commandPayload('add_measure', { ...withParty, ownerId: 'piet' }),
    );
    expect(parsed).toMatchObject({
      ownerId: 'piet',
      party: { name: 'Schoenmakerij Bos', organisation: null, contact: '010-1234567' },
    });
    expect(parsePayload('add_measure', commandPayload('add_measure', base)).party).toBeNull();
    // The domain says the same when a caller skips the form.
    const error = refusal(() =>
      parsePayload('add_measure', { ...base, party: { name: 'Schoenmakerij Bos' } }),
    );
    expect(error.fields).toEqual({ ownerId: 'required' });
  });
});

describe('the report form: formality and the new intake channels', () => {
  const context = { reporterId: 'mo', intakeKey: 'k', sourceLink: null };
  const base = { description: 'Te laat geleverd.', categoryKey: 'product' };

  it('opens as informal; a formal choice reaches the use case', () => {
    expect(initialValues(REPORT_FORM).formality).toBe('informal');
    expect(reportInput({ ...initialValues(REPORT_FORM), ...base }, context).formality).toBe(
      'informal',
    );
    const formal = reportInput({ ...base, formality: 'formal' }, context);
    expect(reportInputSchema.parse(formal).formality).toBe('formal');
  });

  it('without a choice the domain default (informal) applies', () => {
    const input = reportInput(base, context);
    expect(input.formality).toBeUndefined();
    expect(reportInputSchema.parse(input).formality).toBe('informal');
  });

  it('a complaint forwarded by the committee or from the web form is registered as such', () => {
    for (const intakeChannel of ['committee', 'web_form']) {
      const input = reportInput({ ...base, intakeChannel }, context);
      expect(reportInputSchema.parse(input).intakeChannel).toBe(intakeChannel);
    }
  });
});
