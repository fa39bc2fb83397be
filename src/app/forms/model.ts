import type { Command } from '../../domain/lifecycle.js';
import type { Locale } from '../../domain/people.js';
import type { MessageKey } from '../messages/catalogue.js';

/**
 * One form, defined once: both surfaces render it (Block Kit modal, Adaptive Card) and read
 * its values back as strings keyed by field name; the form's payload builder turns those
 * strings into the use case's input. Adapters hold no field lists, limits or rules.
 */
export type FieldKind =
  /** One line of text. */
  | 'text'
  /** Several lines of text. */
  | 'longtext'
  /** A dropdown of options. */
  | 'choice'
  /** Options shown side by side (radio buttons). */
  | 'radio'
  /** A day, `YYYY-MM-DD`. */
  | 'date'
  /** A time of day, `HH:MM` (Slack `timepicker`, Teams `Input.Time`). */
  | 'time'
  /**
   * Files uploaded with the form (Slack `file_input`; the value is the comma-joined Slack
   * file ids). Teams cards cannot upload: they show `chatHint` instead (files go in the chat).
   */
  | 'files'
  /** A person of the organisation; the value is the person id (Slack maps its user ids). */
  | 'person'
  /** A yes/no box; the value is `'true'` when ticked. */
  | 'toggle';

/** Where a choice's options come from. */
export type OptionSource =
  /** Domain enum keys, labelled by the catalogue as `<prefix>.<value>`. */
  | { from: 'keys'; prefix: string; values: readonly string[] }
  /** The organisation's active categories. */
  | { from: 'categories' };

/** Required only while another field is filled in (or has one value). */
export interface RequiredWhen {
  field: string;
  /** Without it: whenever `field` has any value. */
  equals?: string;
}

export interface FormField {
  /** Input id on both surfaces and the field name in the domain's field problems. */
  name: string;
  kind: FieldKind;
  label: MessageKey;
  hint?: MessageKey;
  /** Text fields: the domain's limit (TEXT_LIMITS). */
  maxLength?: number;
  /** Required on the surface (the client refuses an empty value). */
  required: boolean;
  /** Conditionally required (any of the conditions): checked before the use case runs. */
  requiredWhen?: RequiredWhen | readonly RequiredWhen[];
  options?: OptionSource;
  /** Initial value the first time the form is shown. */
  initial?: string;
  /** A toggle's own text beside the box. */
  optionLabel?: MessageKey;
  /** A heading shown above this field: it starts a group of fields. */
  group?: MessageKey;
  /** `files`: the accepted file extensions and how many files at most. */
  files?: { types: readonly string[]; max: number };
  /** `files`: what a surface that cannot upload shows instead of the field. */
  chatHint?: MessageKey;
}

export type FormId = 'report' | Command;

export interface FormModel {
  id: FormId;
  title: MessageKey;
  /** A line under the title. */
  intro?: MessageKey;
  fields: readonly FormField[];
}

/** The submitted (or prefilled) values, by field name; absent or '' means "not filled in". */
export type FormValues = Record<string, string>;

export interface OptionChoice {
  value: string;
  label: string;
}

/** A category as the report form lists it (from the organisation file or the register). */
export interface CategoryOption {
  key: string;
  label: Record<Locale, string>;
  active?: boolean;
}

export function fieldNamed(model: FormModel, name: string): FormField | undefined {
  return model.fields.find((field) => field.name === name);
}

/** An empty or blank value is "not filled in". */
export function filled(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** The values a form opens with: its defaults, then any prefill (a message's text). */
export function initialValues(model: FormModel, prefill: FormValues = {}): FormValues {
  const values: FormValues = {};
  for (const field of model.fields) {
    if (field.initial !== undefined) values[field.name] = field.initial;
  }
  return { ...values, ...prefill };
}
