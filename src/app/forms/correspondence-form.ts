import { CORRESPONDENCE_LIMITS } from '../../domain/correspondence.js';
import type { FormId, FormModel, FormValues } from './model.js';

/**
 * The edit form of a letter or e-mail to the complainant (issue 11): subject and text,
 * prefilled with the draft; both surfaces render it from this one definition. The field names
 * are the ones `sendCorrespondence` reports problems on.
 */
export const SEND_CORRESPONDENCE_FORM: FormModel = {
  // FormId names the report and the complaint commands; this form sits beside them.
  id: 'send_correspondence' as unknown as FormId,
  title: 'form.send_correspondence.title',
  intro: 'form.send_correspondence.intro',
  fields: [
    {
      name: 'subject',
      kind: 'text',
      label: 'field.correspondenceSubject',
      required: true,
      maxLength: CORRESPONDENCE_LIMITS.subject,
    },
    {
      name: 'body',
      kind: 'longtext',
      label: 'field.correspondenceBody',
      required: true,
      maxLength: CORRESPONDENCE_LIMITS.body,
    },
  ],
};

/** The form's values for a draft. */
export function correspondenceValues(draft: { subject: string; body: string }): FormValues {
  return { subject: draft.subject, body: draft.body };
}

/** The submitted values as `sendCorrespondence`'s subject and body ('' when left empty). */
export function correspondenceLetter(values: Readonly<FormValues>): {
  subject: string;
  body: string;
} {
  return { subject: values.subject ?? '', body: values.body ?? '' };
}
