import { type FieldProblem, isDomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/people.js';
import { hasKey, translate } from '../messages/catalogue.js';
import { type FormModel, fieldNamed } from './model.js';

export interface FormErrors {
  /** The sentence to show next to each field, with the domain's reason. */
  fields: Record<string, string>;
  /** Whether the error also needs a general sentence (no field of this form shows it). */
  general: boolean;
}

/**
 * The sentence for a field's problem: the field's own (`problem.<field>.<reason>`, e.g. a
 * receipt date more than a year ago) when the catalogue has one, else the reason's.
 */
export function problemText(locale: Locale, field: string, problem: FieldProblem): string {
  const own = `problem.${field}.${problem}`;
  return translate(locale, hasKey(own) ? own : `problem.${problem}`);
}

/** A failed submission as texts next to the form's fields (`problem.<reason>`). */
export function formErrors(model: FormModel, locale: Locale, error: unknown): FormErrors {
  if (
    !isDomainError(error) ||
    error.code === 'database.unavailable' ||
    error.code === 'database.busy'
  ) {
    return { fields: {}, general: true };
  }
  const fields: Record<string, string> = {};
  let general = Object.keys(error.fields).length === 0;
  for (const [name, problem] of Object.entries(error.fields)) {
    if (fieldNamed(model, name)) fields[name] = problemText(locale, name, problem);
    else general = true;
  }
  return { fields, general };
}
