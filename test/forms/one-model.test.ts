import { describe, expect, it } from 'vitest';
import { readFields, type ViewState } from '../../src/adapters/slack/block-kit/fields.js';
import { commandView, reportView } from '../../src/adapters/slack/block-kit/forms.js';
import { INPUT_ACTION } from '../../src/adapters/slack/ids.js';
import { measureFormView } from '../../src/adapters/slack/listeners/measures.js';
import {
  readCommandValues,
  renderCommandForm,
} from '../../src/adapters/teams/cards/command-form.js';
import { readValues } from '../../src/adapters/teams/cards/form-fields.js';
import { renderReportForm } from '../../src/adapters/teams/cards/report-form.js';
import type { TeamsContext } from '../../src/adapters/teams/context.js';
import { renderMeasureForm } from '../../src/adapters/teams/measures.js';
import { formPeople } from '../../src/adapters/teams/search.js';
import {
  allForms,
  commandForm,
  MEASURE_FORM_IDS,
  type MeasureFormId,
  REPORT_FORM,
} from '../../src/app/forms/definitions.js';
import { type FormModel, type FormValues, initialValues } from '../../src/app/forms/model.js';
import { optionsOf } from '../../src/app/forms/options.js';
import { commandPayload } from '../../src/app/forms/payloads.js';
import { translate } from '../../src/app/messages/catalogue.js';
import { COMMANDS_WITH_FORM } from '../../src/app/messages/model.js';
import { DEMO_ORG_YAML } from '../../src/config/demo-org.js';
import { parseOrgConfig } from '../../src/config/org-file.js';
import { TEXT_LIMITS } from '../../src/domain/complaint.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Person } from '../../src/domain/people.js';

const org = parseOrgConfig(DEMO_ORG_YAML, 'demo');
const categories = org.categories.map((c) => ({ key: c.key, label: c.label, active: true }));

interface SlackInput {
  block_id: string;
  optional: boolean;
  hint?: { text: string };
  element: {
    type: string;
    max_length?: number;
    options?: { value: string }[];
    initial_option?: { value: string };
    initial_value?: string;
  };
}
interface TeamsInput {
  type: string;
  id: string;
  isRequired?: boolean;
  maxLength?: number;
  value?: string;
  style?: string;
  choices?: { value: string }[];
  'choices.data'?: { type: string; dataset: string };
}

function slackInputs(blocks: unknown[]): SlackInput[] {
  return (blocks as { type: string }[]).filter(
    (b) => b.type === 'input',
  ) as unknown as SlackInput[];
}

/** Every input of a card, in order (they sit in one Container per field). */
function teamsInputs(card: unknown): TeamsInput[] {
  const found: TeamsInput[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) found.push(o as never);
      for (const value of Object.values(o)) walk(value);
    }
  };
  walk((card as { body: unknown }).body);
  return found;
}

const people = [{ id: 'piet', name: 'Piet Projectleider' }];

/** The measures' forms (issue 13) render through their own views and cards. */
const measureFormOf = (model: FormModel): MeasureFormId | null =>
  (MEASURE_FORM_IDS as readonly string[]).includes(model.id) ? (model.id as MeasureFormId) : null;

function slackFor(model: FormModel) {
  const measure = measureFormOf(model);
  if (measure) return measureFormView(measure, 'nl', 'm1');
  return model.id === 'report'
    ? reportView(org, 'nl', {}, { locale: 'nl', sourceLink: null })
    : commandView({ c: 'c1', v: 1, cmd: model.id, locale: 'nl', ch: null }, 'KL-2026-0001');
}

function measureCard(id: MeasureFormId, extra: Partial<Parameters<typeof renderMeasureForm>[0]>) {
  return renderMeasureForm({
    id,
    locale: 'nl',
    subtitle: 'Maatregel',
    measureId: 'm1',
    people,
    ...extra,
  });
}

function teamsFor(model: FormModel, values?: FormValues) {
  const measure = measureFormOf(model);
  if (measure) return measureCard(measure, values ? { values } : {});
  return model.id === 'report'
    ? renderReportForm({
        locale: 'nl',
        categories,
        values: values ?? initialValues(REPORT_FORM),
        people,
        formId: 'f',
        mode: 'execute',
      })
    : renderCommandForm({
        command: model.id,
        locale: 'nl',
        reference: 'KL-2026-0001',
        people,
        data: { complaintId: 'c1', version: 1, kind: 'handler_card' },
        ...(values ? { values } : {}),
      });
}

describe('one form model, two surfaces', () => {
  it('defines a form for the report and for every command with a form', () => {
    expect(allForms().map((m) => m.id)).toEqual([
      'report',
      ...COMMANDS_WITH_FORM,
      ...MEASURE_FORM_IDS,
    ]);
    for (const model of allForms()) {
      for (const field of model.fields) {
        if (field.kind === 'text' || field.kind === 'longtext') {
          expect(Object.values(TEXT_LIMITS), `${model.id}.${field.name}`).toContain(
            field.maxLength,
          );
        }
      }
    }
  });

  it.each(allForms().map((m) => [m.id, m] as const))(
    '%s: Slack blocks and Teams inputs are the model’s fields, limits and rules',
    (_id, model) => {
      const blocks = slackInputs(slackFor(model).blocks as unknown[]);
      const inputs = teamsInputs(teamsFor(model));
      const names = model.fields.map((f) => f.name);
      expect(blocks.map((b) => b.block_id)).toEqual(names);
      // A card cannot upload files: Teams has no input for a files field (a note instead).
      expect(inputs.map((i) => i.id)).toEqual(
        model.fields.filter((f) => f.kind !== 'files').map((f) => f.name),
      );
      for (const [i, field] of model.fields.entries()) {
        const block = blocks[i] as SlackInput;
        if (field.kind === 'files') {
          expect(block.element.type).toBe('file_input');
          continue;
        }
        const input = inputs.find((candidate) => candidate.id === field.name) as TeamsInput;
        expect(block.optional, field.name).toBe(!field.required);
        expect(input.isRequired ?? false, field.name).toBe(
          field.kind === 'toggle' ? false : field.required,
        );
        if (field.maxLength) {
          expect(block.element.max_length, field.name).toBe(field.maxLength);
          expect(input.maxLength, field.name).toBe(field.maxLength);
        }
        if (field.hint) expect(block.hint?.text, field.name).toBeTruthy();
        if (field.options) {
          const values = optionsOf(field, 'nl', categories).map((o) => o.value);
          expect(block.element.options?.map((o) => o.value)).toEqual(values);
          expect(input.choices?.map((c) => c.value)).toEqual(values);
        }
        if (field.initial) {
          expect(block.element.initial_option?.value).toBe(field.initial);
          expect(input.value).toBe(field.initial);
        }
        if (field.kind === 'person') {
          expect(block.element.type).toBe('users_select');
          expect(input['choices.data']).toEqual({ type: 'Data.Query', dataset: 'people' });
        }
        if (field.kind === 'time') {
          expect(block.element.type).toBe('timepicker');
          expect(input.type).toBe('Input.Time');
        }
      }
    },
  );

  it.each(COMMANDS_WITH_FORM.map((c) => [c] as const))(
    '%s: both surfaces read the same values back into the same payload',
    (command: Command) => {
      const model = commandForm(command) as FormModel;
      const values: FormValues = {};
      const state: ViewState = {};
      for (const field of model.fields) {
        const value =
          field.kind === 'date'
            ? '2030-01-31'
            : field.kind === 'person'
              ? 'piet'
              : field.options
                ? (optionsOf(field, 'nl').at(-1)?.value ?? '')
                : `tekst ${field.name}`;
        values[field.name] = value;
        state[field.name] = {
          [INPUT_ACTION]:
            field.kind === 'date'
              ? { selected_date: value }
              : field.kind === 'person'
                ? { selected_user: value }
                : field.options
                  ? { selected_option: { value } }
                  : { value },
        };
      }
      const slack = readFields(model.fields, state);
      const teams = readCommandValues(command, { complaintId: 'c1', ...values });
      expect(slack).toEqual(values);
      expect(teams).toEqual(values);
      expect(commandPayload(command, slack)).toEqual(commandPayload(command, teams));
    },
  );

  it('a ticked "concerns an employee" reads back as true on both surfaces', () => {
    const slack = readFields(REPORT_FORM.fields, {
      concernsEmployee: { [INPUT_ACTION]: { selected_options: [{ value: 'true' }] } },
    });
    expect(slack.concernsEmployee).toBe('true');
    expect(readValues(REPORT_FORM, { concernsEmployee: 'true' }).concernsEmployee).toBe('true');
    expect(readValues(REPORT_FORM, { concernsEmployee: 'false' }).concernsEmployee).toBeUndefined();
  });

  it('a Teams form sent back after an error stays under 28 KB at every text limit', () => {
    // maxLength counts UTF-16 units; a unit is at most 3 bytes of UTF-8 (an emoji is two
    // units, four bytes), so '€' everywhere is the largest a user can make a form.
    const error = translate('nl', 'problem.too_long');
    for (const model of allForms()) {
      const values: FormValues = {};
      const errors: Record<string, string> = {};
      for (const field of model.fields) {
        errors[field.name] = error;
        if (field.maxLength) values[field.name] = '€'.repeat(field.maxLength);
        else if (field.kind === 'date') values[field.name] = '2030-01-31';
        else if (field.kind === 'time') values[field.name] = '23:59';
        else if (field.kind === 'person') values[field.name] = 'piet';
        else if (field.options)
          values[field.name] = optionsOf(field, 'nl', categories)[0]?.value ?? '';
      }
      const measure = measureFormOf(model);
      const card = measure
        ? measureCard(measure, { values, errors })
        : model.id === 'report'
          ? renderReportForm({
              locale: 'nl',
              categories,
              values,
              errors,
              people,
              formId: 'f',
              mode: 'execute',
            })
          : renderCommandForm({
              command: model.id,
              locale: 'nl',
              reference: 'KL-2026-0001',
              people,
              values,
              errors,
              data: { complaintId: 'c1', version: 1, kind: 'handler_card' },
            });
      expect(Buffer.byteLength(JSON.stringify(card)), model.id).toBeLessThan(28 * 1024);
    }
  });

  it('a Teams form stays under 28 KB for an organisation of 1,000 people', async () => {
    const many: Person[] = Array.from({ length: 1_000 }, (_, i) => ({
      id: `person-${String(i).padStart(4, '0')}`,
      name: `Medewerker Met Een Lange Achternaam ${i}`,
      email: `medewerker${i}@voorbeeld-organisatie.nl`,
      roles: ['handler'],
      slackUserId: null,
      teamsAadObjectId: null,
      locale: null,
      active: true,
    }));
    const ctx = {
      deps: {
        store: {
          repository: {
            listPeople: async () => many,
            findPerson: async (id: string) => many.find((p) => p.id === id) ?? null,
          },
        },
      },
    } as unknown as TeamsContext;
    for (const model of allForms()) {
      // A person chosen far down the list must still show by name.
      const values: FormValues = { ...initialValues(model) };
      for (const field of model.fields) {
        if (field.kind === 'person') values[field.name] = 'person-0999';
      }
      const chosen = await formPeople(ctx, model, values);
      const measure = measureFormOf(model);
      const card = measure
        ? measureCard(measure, { values, people: chosen })
        : model.id === 'report'
          ? renderReportForm({
              locale: 'nl',
              categories,
              values,
              people: chosen,
              formId: 'f',
              mode: 'execute',
            })
          : renderCommandForm({
              command: model.id,
              locale: 'nl',
              reference: 'KL-2026-0001',
              people: chosen,
              values,
              data: { complaintId: 'c1', version: 1, kind: 'handler_card' },
            });
      const bytes = Buffer.byteLength(JSON.stringify(card));
      expect(bytes, model.id).toBeLessThan(28 * 1024);
      if (model.fields.some((f) => f.kind === 'person')) {
        expect(JSON.stringify(card)).toContain('Medewerker Met Een Lange Achternaam 999');
      }
    }
  });
});
