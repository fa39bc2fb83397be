import { REPORT_FORM } from '../../../app/forms/definitions.js';
import type { CategoryOption, FormValues } from '../../../app/forms/model.js';
import type { PersonMatch } from '../../../app/forms/people-search.js';
import { translator } from '../../../app/messages/catalogue.js';
import type { Locale } from '../../../domain/people.js';
import { formFields, readValues } from './form-fields.js';
import { expandCard } from './templates.js';
import type { AdaptiveCardJson } from './types.js';

export const REPORT_VERB = 'kb_report';

export interface ReportFormOptions {
  locale: Locale;
  categories: readonly CategoryOption[];
  /** `initialValues(REPORT_FORM, prefill)` the first time; the user's values after an error. */
  values: FormValues;
  errors?: Readonly<Record<string, string>>;
  /** Static choices of people fields (`formPeople`). */
  people?: readonly PersonMatch[];
  error?: string;
  /** Stable per form: a resubmit of the same form registers one complaint. */
  formId: string;
  sourceLink?: string | null;
  /** `submit` inside the message-extension dialog, `execute` in a chat card. */
  mode: 'execute' | 'submit';
}

export function renderReportForm(options: ReportFormOptions): AdaptiveCardJson {
  const t = translator(options.locale);
  return expandCard('form', {
    title: t(REPORT_FORM.title),
    subtitle: REPORT_FORM.intro ? t(REPORT_FORM.intro) : '',
    error: options.error ?? '',
    fields: formFields(options.locale, REPORT_FORM, {
      values: options.values,
      errors: options.errors ?? {},
      people: options.people ?? [],
      categories: options.categories,
    }),
    submitKind: options.mode,
    submitTitle: t('form.submit'),
    submitVerb: REPORT_VERB,
    submitData: {
      form: 'report',
      formId: options.formId,
      ...(options.sourceLink ? { sourceLink: options.sourceLink } : {}),
    },
    cancelTitle: '',
    cancelVerb: '',
    cancelData: {},
  });
}

export interface ReportSubmission {
  values: FormValues;
  formId: string | null;
  sourceLink: string | null;
}

export function readReportSubmission(data: Record<string, unknown>): ReportSubmission {
  return {
    values: readValues(REPORT_FORM, data),
    formId: typeof data.formId === 'string' ? data.formId : null,
    sourceLink: typeof data.sourceLink === 'string' ? data.sourceLink : null,
  };
}
