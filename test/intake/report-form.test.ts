import { describe, expect, it } from 'vitest';
import { readFields, type ViewState } from '../../src/adapters/slack/block-kit/fields.js';
import { reportView } from '../../src/adapters/slack/block-kit/forms.js';
import { INPUT_ACTION } from '../../src/adapters/slack/ids.js';
import { readValues } from '../../src/adapters/teams/cards/form-fields.js';
import { renderReportForm } from '../../src/adapters/teams/cards/report-form.js';
import { REPORT_FORM } from '../../src/app/forms/definitions.js';
import { type FormValues, initialValues } from '../../src/app/forms/model.js';
import { checkForm, reportInput } from '../../src/app/forms/payloads.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { parseOrgConfig } from '../../src/config/org-file.js';
import { isDomainError } from '../../src/domain/errors.js';
import { textsOf } from '../teams/harness.js';

const org = parseOrgConfig(DEMO_ORG_YAML, 'demo');
const categories = org.categories.map((c) => ({ key: c.key, label: c.label, active: true }));

const teamsCard = (values: FormValues, errors: Record<string, string> = {}) =>
  renderReportForm({
    locale: 'nl',
    categories,
    values,
    errors,
    people: [],
    formId: 'f',
    mode: 'execute',
  });

/** What a secretariat member fills in for a letter, as each surface submits it. */
const LETTER: FormValues = {
  description: 'Brief van de familie Jansen over de lekkage.',
  categoryKey: 'dienstverlening',
  intakeChannel: 'letter',
  receivedOn: '2026-04-23',
  receivedTime: '14:30',
  complainantType: 'client',
  complainantName: 'Familie Jansen',
  complainantEmail: 'jansen@example.org',
  complainantPhone: '06 12345678',
  complainantAddress: 'Dorpsstraat 1\n1234 AB Ergens',
  preferredContact: 'letter',
  complainantLocale: 'en',
};

describe('the report form: receipt, complainant and files on both surfaces', () => {
  it('the Slack modal stays far below 100 blocks, with a header per group', () => {
    const view = reportView(org, 'nl', {}, { locale: 'nl', sourceLink: 'https://x.example/1' });
    expect(view.blocks.length).toBeLessThanOrEqual(40);
    const types = view.blocks.map((b) => b.type);
    expect(types.filter((t) => t === 'header')).toHaveLength(2);
    expect(types.filter((t) => t === 'input')).toHaveLength(REPORT_FORM.fields.length);
  });

  it('a time and files read back from Slack’s view state', () => {
    const state: ViewState = {
      receivedTime: { [INPUT_ACTION]: { type: 'timepicker', selected_time: '14:30' } },
      attachments: {
        [INPUT_ACTION]: { type: 'file_input', files: [{ id: 'F0A' }, { id: 'F0B' }] },
      },
      receivedOn: { [INPUT_ACTION]: { type: 'datepicker', selected_date: '2026-04-23' } },
    };
    expect(readFields(REPORT_FORM.fields, state)).toEqual({
      receivedTime: '14:30',
      attachments: 'F0A,F0B',
      receivedOn: '2026-04-23',
    });
    const none: ViewState = { attachments: { [INPUT_ACTION]: { type: 'file_input', files: [] } } };
    expect(readFields(REPORT_FORM.fields, none)).toEqual({});
  });

  it('both surfaces read the same values into the same input', () => {
    const state: ViewState = {};
    for (const [name, value] of Object.entries(LETTER)) {
      const field = REPORT_FORM.fields.find((f) => f.name === name);
      state[name] = {
        [INPUT_ACTION]:
          field?.kind === 'date'
            ? { selected_date: value }
            : field?.kind === 'time'
              ? { selected_time: value }
              : field?.options
                ? { selected_option: { value } }
                : { value },
      };
    }
    const slack = readFields(REPORT_FORM.fields, state);
    const teams = readValues(REPORT_FORM, { ...LETTER, formId: 'f' });
    expect(slack).toEqual(LETTER);
    expect(teams).toEqual(LETTER);
    const context = { reporterId: 'sara', intakeKey: 'k', sourceLink: null };
    expect(reportInput(slack, context)).toEqual(reportInput(teams, context));
  });

  it('Teams: Input.Time, headings, and a note that files go in the chat', () => {
    const card = teamsCard(initialValues(REPORT_FORM));
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Input.Time"');
    const texts = textsOf(card);
    expect(texts).toContain(translate('nl', 'intake.group.receipt'));
    expect(texts).toContain(translate('nl', 'intake.group.complainant'));
    expect(texts).toContain(translate('nl', 'intake.hint.attachments_chat'));
    // Slack's upload hint is not on the card.
    expect(texts).not.toContain(translate('nl', 'intake.hint.attachments'));
  });

  it('Teams: the full form with every error shown stays under 28 KB', () => {
    const values: FormValues = { ...LETTER };
    const errors: Record<string, string> = {};
    for (const field of REPORT_FORM.fields) {
      errors[field.name] = translate('nl', 'problem.receivedOn.in_future');
      if (field.maxLength) values[field.name] = '€'.repeat(field.maxLength);
    }
    expect(Buffer.byteLength(JSON.stringify(teamsCard(values, errors)))).toBeLessThan(28 * 1024);
  });

  it('a contact preference needs its contact detail before anything runs', () => {
    const check = (values: FormValues) => {
      try {
        checkForm(REPORT_FORM, values);
        return {};
      } catch (error) {
        return isDomainError(error) ? error.fields : { error: String(error) };
      }
    };
    const base = { description: 'x', categoryKey: 'dienstverlening' };
    expect(check({ ...base, preferredContact: 'email' })).toEqual({
      complainantEmail: 'required',
    });
    expect(check({ ...base, preferredContact: 'letter' })).toEqual({
      complainantAddress: 'required',
    });
    expect(check({ ...base, preferredContact: 'phone' })).toEqual({
      complainantPhone: 'required',
    });
    expect(check({ ...base, receivedTime: '10:00' })).toEqual({ receivedOn: 'required' });
    expect(check(base)).toEqual({});
  });
});
