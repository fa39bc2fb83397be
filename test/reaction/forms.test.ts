import { describe, expect, it } from 'vitest';
import { commandForm } from '../../src/app/forms/definitions.js';
import type { FormModel } from '../../src/app/forms/model.js';
import { commandPayload } from '../../src/app/forms/payloads.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { composeActions } from '../../src/app/messages/compose.js';
import { parsePayload } from '../../src/domain/transition.js';

/** Issue 11, part 6: the two forms staff fill in to record the complainant's reaction. */
const form = (command: 'record_acceptance' | 'record_objection') =>
  commandForm(command) as FormModel;
const shape = (model: FormModel) =>
  model.fields.map((f) => `${f.name}:${f.kind}${f.required ? '!' : ''}`);

describe('the reaction forms', () => {
  it('ask how and when it came in; the objection also why', () => {
    expect(shape(form('record_acceptance'))).toEqual(['channel:radio!', 'reactedOn:date!']);
    expect(shape(form('record_objection'))).toEqual([
      'channel:radio!',
      'reactedOn:date!',
      'reason:longtext!',
    ]);
    expect(form('record_objection').title).toBe('form.record_objection.title');
  });

  it('read back into the payload the domain accepts', () => {
    const values = { channel: 'in_person', reactedOn: '2026-03-09', reason: 'Niet eens' };
    expect(parsePayload('record_objection', commandPayload('record_objection', values))).toEqual(
      values,
    );
  });

  it('have buttons that open them, labelled in both languages', () => {
    for (const locale of ['nl', 'en'] as const) {
      const actions = composeActions(locale, ['record_acceptance', 'record_objection']);
      expect(actions.map((a) => a.opensForm)).toEqual([true, true]);
      for (const action of actions) expect(action.label).not.toContain('action.');
      expect(translate(locale, 'problem.reactedOn.in_past')).not.toContain('problem.');
    }
  });
});
