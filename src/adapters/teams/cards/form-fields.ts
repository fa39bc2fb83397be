import { type MessageKey, type Translate, translator } from '../../../app/messages/catalogue.js';
import type { FieldProblem } from '../../../domain/errors.js';
import type { Locale } from '../../../domain/people.js';
import type { FormField, FormFieldKind } from './types.js';

export type Values = Record<string, string>;
export type Problems = Readonly<Record<string, FieldProblem>>;

export interface FieldSpec {
  kind: FormFieldKind;
  id: string;
  label: MessageKey;
  required?: boolean;
  multiline?: boolean;
  maxLength?: number;
  hint?: MessageKey;
  choices?: { title: string; value: string }[];
}

/** Choices from catalogue keys (`prefix.value`). */
export function keyedChoices(t: Translate, prefix: string, values: readonly string[]) {
  return values.map((value) => ({ title: t(`${prefix}.${value}` as MessageKey), value }));
}

/** Turns field specs, the user's values and field problems into template data. */
export function formFields(
  locale: Locale,
  specs: readonly FieldSpec[],
  values: Values,
  problems: Problems,
): FormField[] {
  const t = translator(locale);
  return specs.map((spec) => {
    const problem = problems[spec.id];
    const optional = spec.required || spec.kind === 'toggle' ? '' : ` ${t('form.optional')}`;
    return {
      kind: spec.kind,
      id: spec.id,
      label: `${t(spec.label)}${optional}`,
      value: values[spec.id] ?? (spec.kind === 'toggle' ? 'false' : ''),
      hint: spec.hint ? t(spec.hint) : '',
      error: problem ? t(`problem.${problem}` as MessageKey) : '',
      required: spec.required ?? false,
      requiredMessage: t('problem.required'),
      multiline: spec.multiline ?? false,
      maxLength: spec.maxLength ?? 0,
      choices: spec.choices ?? [],
    };
  });
}

/** The string inputs of an Action.Execute / Action.Submit (inputs are merged into `data`). */
export function stringInputs(data: Record<string, unknown>, ids: readonly string[]): Values {
  const values: Values = {};
  for (const id of ids) {
    const value = data[id];
    if (typeof value === 'string') values[id] = value;
  }
  return values;
}

/** An empty string means "not filled in". */
export function orNull(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

export function orUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
