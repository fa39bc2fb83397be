import { isDomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/people.js';
import { translate } from '../messages/catalogue.js';
import { type FormModel, fieldNamed } from './model.js';

export interface FormErrors {
  /** The sentence to show next to each field, with the domain's reason. */
  fields: Record<string, string>;
  /** Whether the error also needs a general sentence (no field of this form shows it). */
  general: boolean;
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
    if (fieldNamed(model, name)) fields[name] = translate(locale, `problem.${problem}`);
    else general = true;
  }
  return { fields, general };
}
