import { translator } from '../../../app/messages/catalogue.js';
import type { Category } from '../../../app/ports.js';
import type { ReportInput } from '../../../app/report-complaint.js';
import {
  COMPLAINANT_TYPES,
  INTAKE_CHANNELS,
  KINDS,
  TEXT_LIMITS,
} from '../../../domain/complaint.js';
import type { Locale, Person } from '../../../domain/people.js';
import {
  type FieldSpec,
  formFields,
  keyedChoices,
  orNull,
  orUndefined,
  type Problems,
  stringInputs,
  type Values,
} from './form-fields.js';
import { expandCard } from './templates.js';
import type { AdaptiveCardJson } from './types.js';

export const REPORT_VERB = 'kb_report';

function reportFields(locale: Locale, categories: Category[], people: Person[]): FieldSpec[] {
  const t = translator(locale);
  return [
    {
      kind: 'text',
      id: 'description',
      label: 'field.description',
      required: true,
      multiline: true,
      maxLength: TEXT_LIMITS.description,
    },
    { kind: 'choice', id: 'kind', label: 'field.kind', choices: keyedChoices(t, 'kind', KINDS) },
    {
      kind: 'choice',
      id: 'categoryKey',
      label: 'field.category',
      required: true,
      choices: categories
        .filter((c) => c.active)
        .map((c) => ({ title: c.label[locale], value: c.key })),
    },
    {
      kind: 'choice',
      id: 'complainantType',
      label: 'field.complainantType',
      choices: keyedChoices(t, 'complainant', COMPLAINANT_TYPES),
    },
    {
      kind: 'text',
      id: 'complainantName',
      label: 'field.complainantName',
      maxLength: TEXT_LIMITS.shortText,
    },
    {
      kind: 'text',
      id: 'complainantContact',
      label: 'field.complainantContact',
      maxLength: TEXT_LIMITS.shortText,
    },
    {
      kind: 'choice',
      id: 'intakeChannel',
      label: 'field.intakeChannel',
      choices: keyedChoices(t, 'channel', INTAKE_CHANNELS),
    },
    { kind: 'date', id: 'occurredOn', label: 'field.occurredOn' },
    { kind: 'text', id: 'relatedTo', label: 'field.relatedTo', maxLength: TEXT_LIMITS.shortText },
    {
      kind: 'toggle',
      id: 'concernsEmployee',
      label: 'form.concernsEmployee.option',
      hint: 'form.concernsEmployee.hint',
    },
    {
      kind: 'choice',
      id: 'subjectPersonId',
      label: 'field.subjectPersonId',
      choices: people.filter((p) => p.active).map((p) => ({ title: p.name, value: p.id })),
    },
    {
      kind: 'text',
      id: 'desiredOutcome',
      label: 'field.desiredOutcome',
      multiline: true,
      maxLength: TEXT_LIMITS.desiredOutcome,
    },
  ];
}

const REPORT_FIELD_IDS = [
  'description',
  'kind',
  'categoryKey',
  'complainantType',
  'complainantName',
  'complainantContact',
  'intakeChannel',
  'occurredOn',
  'relatedTo',
  'concernsEmployee',
  'subjectPersonId',
  'desiredOutcome',
] as const;

export interface ReportFormOptions {
  locale: Locale;
  categories: Category[];
  people: Person[];
  values: Values;
  problems?: Problems;
  error?: string;
  /** Stable per form: a resubmit of the same form registers one complaint. */
  formId: string;
  sourceLink?: string | null;
  /** `submit` inside the message-extension dialog, `execute` in a chat card. */
  mode: 'execute' | 'submit';
}

export function renderReportForm(options: ReportFormOptions): AdaptiveCardJson {
  const t = translator(options.locale);
  const specs = reportFields(options.locale, options.categories, options.people);
  const defaults: Values = { kind: 'complaint', complainantType: 'client', intakeChannel: 'chat' };
  return expandCard('form', {
    title: t('form.report.title'),
    subtitle: t('form.report.intro'),
    error: options.error ?? '',
    fields: formFields(
      options.locale,
      specs,
      { ...defaults, ...options.values },
      options.problems ?? {},
    ),
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
  values: Values;
  formId: string | null;
  sourceLink: string | null;
}

export function readReportSubmission(data: Record<string, unknown>): ReportSubmission {
  return {
    values: stringInputs(data, REPORT_FIELD_IDS),
    formId: typeof data.formId === 'string' ? data.formId : null,
    sourceLink: typeof data.sourceLink === 'string' ? data.sourceLink : null,
  };
}

/** The form's strings as the use case's input; empty choices fall back to the defaults. */
export function reportInput(
  submission: ReportSubmission,
  reporterId: string,
  intakeKey: string,
): ReportInput {
  const v = submission.values;
  return {
    reporterId,
    kind: orUndefined(v.kind) as ReportInput['kind'],
    categoryKey: v.categoryKey ?? '',
    description: v.description ?? '',
    desiredOutcome: orNull(v.desiredOutcome),
    complainantType: orUndefined(v.complainantType) as ReportInput['complainantType'],
    complainantName: orNull(v.complainantName),
    complainantContact: orNull(v.complainantContact),
    intakeChannel: orUndefined(v.intakeChannel) as ReportInput['intakeChannel'],
    occurredOn: orNull(v.occurredOn),
    relatedTo: orNull(v.relatedTo),
    sourceLink: submission.sourceLink,
    concernsEmployee: v.concernsEmployee === 'true',
    subjectPersonId: v.concernsEmployee === 'true' ? orNull(v.subjectPersonId) : null,
    intakeKey,
  };
}
