import type {
  CategoryOption,
  FormModel,
  FormValues,
  FormField as ModelField,
} from '../../../app/forms/model.js';
import { optionsOf } from '../../../app/forms/options.js';
import type { PersonMatch } from '../../../app/forms/people-search.js';
import { translator } from '../../../app/messages/catalogue.js';
import type { Locale } from '../../../domain/people.js';
import type { FormField } from './types.js';

/** The `Data.Query` dataset of people fields; `registerPeopleSearch` answers it. */
export const PEOPLE_DATASET = 'people';

export interface FieldState {
  /** What the form shows: `initialValues` the first time, the user's values after an error. */
  values: FormValues;
  /** The domain's reason per field (`formErrors`). */
  errors?: Readonly<Record<string, string>>;
  /**
   * The static choices of people fields: whoever is chosen (so the name shows) and a few
   * suggestions; the rest of the organisation comes through the type-ahead.
   */
  people?: readonly PersonMatch[];
  categories?: readonly CategoryOption[];
}

/**
 * Turns a form model's fields, the values and the errors into `form.json` data: a `heading`
 * before each field that starts a group, and a `note` (text, no input) for a files field,
 * which a card cannot upload: its files go in the 1:1 chat.
 */
export function formFields(locale: Locale, model: FormModel, state: FieldState): FormField[] {
  const t = translator(locale);
  return model.fields.flatMap((field) => {
    const heading = field.group
      ? [textField('heading', `group-${field.name}`, t(field.group))]
      : [];
    if (field.kind === 'files') {
      const note = t(field.chatHint ?? field.hint ?? field.label);
      return [...heading, { ...textField('note', field.name, ''), hint: note }];
    }
    return [...heading, templateField(locale, field, state)];
  });
}

/** A field without an input: a group's heading (its label) or a note (its hint). */
function textField(kind: 'heading' | 'note', id: string, label: string): FormField {
  return {
    kind,
    id,
    label,
    value: '',
    hint: '',
    error: '',
    required: false,
    requiredMessage: '',
    multiline: false,
    maxLength: 0,
    style: 'compact',
    choices: [],
    dataset: '',
    placeholder: '',
    optionTitle: '',
  };
}

function templateField(locale: Locale, field: ModelField, state: FieldState): FormField {
  const t = translator(locale);
  const value = state.values[field.name] ?? (field.kind === 'toggle' ? 'false' : '');
  const optional = field.required || field.kind === 'toggle' ? '' : ` ${t('form.optional')}`;
  return {
    kind: kindOf(field),
    id: field.name,
    label: `${t(field.label)}${optional}`,
    value,
    hint: field.hint ? t(field.hint) : '',
    error: state.errors?.[field.name] ?? '',
    required: field.required,
    requiredMessage: t('problem.required'),
    multiline: field.kind === 'longtext',
    maxLength: field.maxLength ?? 0,
    style: field.kind === 'radio' ? 'expanded' : 'compact',
    choices:
      field.kind === 'person'
        ? (state.people ?? []).map((p) => ({ title: p.name, value: p.id }))
        : optionsOf(field, locale, state.categories).map((o) => ({
            title: o.label,
            value: o.value,
          })),
    dataset: field.kind === 'person' ? PEOPLE_DATASET : '',
    placeholder: field.kind === 'person' ? t('form.person.placeholder') : '',
    optionTitle: field.optionLabel ? t(field.optionLabel) : '',
  };
}

function kindOf(field: ModelField): FormField['kind'] {
  switch (field.kind) {
    case 'text':
    case 'longtext':
      return 'text';
    case 'choice':
    case 'radio':
      return 'choice';
    case 'files':
      return 'note';
    default:
      return field.kind;
  }
}

/**
 * The string inputs of an Action.Execute / Action.Submit (inputs are merged into `data`), by
 * the model's field names; an unticked toggle (`'false'`) counts as not filled in.
 */
export function readValues(model: FormModel, data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of model.fields) {
    const value = data[field.name];
    if (typeof value !== 'string') continue;
    if (field.kind === 'toggle' && value !== 'true') continue;
    values[field.name] = value;
  }
  return values;
}
