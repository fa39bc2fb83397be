import { commandForm } from '../../../app/forms/definitions.js';
import { type FormValues, initialValues } from '../../../app/forms/model.js';
import type { PersonMatch } from '../../../app/forms/people-search.js';
import { translator } from '../../../app/messages/catalogue.js';
import { actionId } from '../../../app/messages/model.js';
import type { Command } from '../../../domain/lifecycle.js';
import type { Locale } from '../../../domain/people.js';
import { formFields, readValues } from './form-fields.js';
import { REFRESH_VERB } from './message-card.js';
import { expandCard } from './templates.js';
import type { ActionData, AdaptiveCardJson } from './types.js';

export interface CommandFormOptions {
  command: Command;
  locale: Locale;
  reference: string;
  data: ActionData;
  /** The user's values after an error; absent the first time (the form's defaults). */
  values?: FormValues;
  errors?: Readonly<Record<string, string>>;
  /** Static choices of people fields (`formPeople`). */
  people?: readonly PersonMatch[];
  error?: string;
}

/** The inline input card a button with a form turns into (for the person who clicked). */
export function renderCommandForm(options: CommandFormOptions): AdaptiveCardJson {
  const t = translator(options.locale);
  const { command, data } = options;
  const model = commandForm(command);
  if (!model) throw new Error(`${command} has no form`);
  return expandCard('form', {
    title: t(model.title),
    subtitle: options.reference,
    error: options.error ?? '',
    fields: formFields(options.locale, model, {
      values: options.values ?? initialValues(model),
      errors: options.errors ?? {},
      people: options.people ?? [],
    }),
    submitKind: 'execute',
    submitTitle: t('form.submit'),
    submitVerb: actionId(command),
    submitData: {
      complaintId: data.complaintId,
      version: data.version,
      kind: data.kind,
      submit: true,
    },
    cancelTitle: t('form.cancel'),
    cancelVerb: REFRESH_VERB,
    cancelData: { complaintId: data.complaintId, version: data.version, kind: data.kind },
  });
}

/** Input ids of forms sent before the one form model; a card still in a chat keeps working. */
const EARLIER_IDS: Readonly<Record<string, string>> = {
  improvement: 'improvement.description',
  improvementOwner: 'improvement.ownerId',
  improvementDueOn: 'improvement.dueOn',
};

/** The submitted values of a command's form, by the model's field names. */
export function readCommandValues(command: Command, data: Record<string, unknown>): FormValues {
  const model = commandForm(command);
  if (!model) return {};
  const renamed: Record<string, unknown> = { ...data };
  for (const [earlier, name] of Object.entries(EARLIER_IDS)) {
    if (renamed[name] === undefined && data[earlier] !== undefined) renamed[name] = data[earlier];
  }
  return readValues(model, renamed);
}
