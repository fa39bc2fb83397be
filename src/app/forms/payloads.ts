import { DomainError, type FieldProblem } from '../../domain/errors.js';
import type { Command } from '../../domain/lifecycle.js';
import type { ReportInput } from '../report-complaint.js';
import { commandForm, REPORT_FORM } from './definitions.js';
import { type FormModel, type FormValues, filled, type RequiredWhen } from './model.js';

/** Required and conditionally required fields left empty, as the domain names problems. */
export function missingFields(model: FormModel, values: FormValues): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const holds = (rule: RequiredWhen) =>
    rule.equals === undefined ? filled(values[rule.field]) : values[rule.field] === rule.equals;
  for (const field of model.fields) {
    const rules = field.requiredWhen === undefined ? [] : [field.requiredWhen].flat();
    const applies = field.required || rules.some(holds);
    if (applies && !filled(values[field.name])) problems[field.name] = 'required';
  }
  return problems;
}

/** Refuses a form with empty required fields before any use case runs; nothing is written. */
export function checkForm(model: FormModel, values: FormValues): void {
  const problems = missingFields(model, values);
  if (Object.keys(problems).length > 0) {
    throw new DomainError(
      'input.invalid',
      `Missing: ${Object.keys(problems).join(', ')}`,
      { form: model.id },
      problems,
    );
  }
}

const orNull = (value: string | undefined): string | null => (filled(value) ? value : null);
const orUndefined = (value: string | undefined) => (filled(value) ? value : undefined);

export interface ReportContext {
  reporterId: string;
  /** Stable per form (Slack view id, Teams form id): a resubmit registers one complaint. */
  intakeKey: string;
  sourceLink: string | null;
}

/** The report form's strings as the use case's input; empty choices take the domain default. */
export function reportInput(values: FormValues, context: ReportContext): ReportInput {
  checkForm(REPORT_FORM, values);
  const concerns = values.concernsEmployee === 'true';
  return {
    reporterId: context.reporterId,
    kind: orUndefined(values.kind) as ReportInput['kind'],
    formality: orUndefined(values.formality) as ReportInput['formality'],
    categoryKey: values.categoryKey ?? '',
    description: values.description ?? '',
    desiredOutcome: orNull(values.desiredOutcome),
    complainantType: orUndefined(values.complainantType) as ReportInput['complainantType'],
    complainantName: orNull(values.complainantName),
    complainantContact: orNull(values.complainantContact),
    complainantEmail: orNull(values.complainantEmail?.trim()),
    complainantPhone: orNull(values.complainantPhone?.trim()),
    complainantAddress: orNull(values.complainantAddress),
    preferredContact: orNull(values.preferredContact) as ReportInput['preferredContact'],
    complainantLocale: orNull(values.complainantLocale) as ReportInput['complainantLocale'],
    intakeChannel: orUndefined(values.intakeChannel) as ReportInput['intakeChannel'],
    receivedOn: orNull(values.receivedOn),
    receivedTime: orNull(values.receivedTime),
    occurredOn: orNull(values.occurredOn),
    relatedTo: orNull(values.relatedTo),
    sourceLink: context.sourceLink,
    concernsEmployee: concerns,
    subjectPersonId: concerns ? orNull(values.subjectPersonId) : null,
    intakeKey: context.intakeKey,
  };
}

/**
 * The Slack file ids uploaded with the report form (`attachments`, comma-joined by the Slack
 * renderer's reader); stored on the complaint once it is registered (ATTACHMENTS).
 */
export function attachmentFileIds(values: FormValues): string[] {
  const raw = values.attachments;
  if (!filled(raw)) return [];
  return [...new Set(raw.split(',').map((id) => id.trim()))].filter((id) => id !== '');
}

/** An outside party's fields (`<prefix>.name` …) as the domain's party; none without a name. */
function partyOf(values: FormValues, prefix: string) {
  const name = orNull(values[`${prefix}.name`]);
  if (!name) return null;
  return {
    name,
    organisation: orNull(values[`${prefix}.organisation`]),
    contact: orNull(values[`${prefix}.contact`]),
  };
}

/** An improvement recorded with a resolution is an organisation-wide preventive measure. */
const IMPROVEMENT = { scope: 'organisation', type: 'preventive' } as const;

/** A command form's strings as the command's payload (the domain validates it). */
export function commandPayload(command: Command, values: FormValues): Record<string, unknown> {
  const model = commandForm(command);
  if (!model) return {};
  checkForm(model, values);
  switch (command) {
    case 'record_resolution': {
      const improvement = orNull(values['improvement.description']);
      return {
        resolution: values.resolution ?? '',
        cause: values.cause ?? '',
        rootCause: orNull(values.rootCause),
        causeCategory: orNull(values.causeCategory),
        correctiveMeasure: values.correctiveMeasure ?? '',
        preventiveMeasure: orNull(values.preventiveMeasure),
        improvement: improvement
          ? {
              ...IMPROVEMENT,
              description: improvement,
              ownerId: orNull(values['improvement.ownerId']),
              dueOn: orNull(values['improvement.dueOn']),
            }
          : null,
      };
    }
    case 'add_measure':
      return {
        scope: values.scope ?? '',
        type: values.type ?? '',
        description: values.description ?? '',
        ownerId: orNull(values.ownerId),
        dueOn: orNull(values.dueOn),
        party: partyOf(values, 'party'),
      };
    case 'agree_solution':
      return {
        solution: values.solution ?? '',
        termOn: values.termOn ?? '',
        // 'true' / 'false' from the radio buttons; the domain's schema reads them as booleans.
        complainantAgreed: values.complainantAgreed ?? '',
        party: partyOf(values, 'party'),
      };
    case 'report_fix_done':
      return { note: orNull(values.note) };
    case 'record_committee_verdict':
      return {
        verdict: values.verdict ?? '',
        verdictOn: values.verdictOn ?? '',
        binding: values.binding ?? '',
        followUp: orNull(values.followUp),
      };
    default:
      return Object.fromEntries(
        model.fields.map((field) => [field.name, values[field.name] ?? '']),
      );
  }
}
