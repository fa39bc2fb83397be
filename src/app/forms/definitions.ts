import { MEASURE_SCOPES, MEASURE_TYPES } from '../../domain/commands.js';
import {
  CAUSES,
  COMPLAINANT_TYPES,
  INTAKE_CHANNELS,
  KINDS,
  TEXT_LIMITS,
} from '../../domain/complaint.js';
import type { Command } from '../../domain/lifecycle.js';
import type { MessageKey } from '../messages/catalogue.js';
import { COMMANDS_WITH_FORM } from '../messages/model.js';
import type { FormField, FormModel } from './model.js';

const text = (name: string, label: MessageKey, maxLength: number, required = true): FormField => ({
  name,
  kind: 'longtext',
  label,
  maxLength,
  required,
});

const keys = (prefix: string, values: readonly string[]) =>
  ({ from: 'keys', prefix, values }) as const;

/** The report form: every field of DESIGN.md §3 a reporter can know. */
export const REPORT_FORM: FormModel = {
  id: 'report',
  title: 'form.report.title',
  intro: 'form.report.intro',
  fields: [
    text('description', 'field.description', TEXT_LIMITS.description),
    {
      name: 'categoryKey',
      kind: 'choice',
      label: 'field.category',
      required: true,
      options: { from: 'categories' },
    },
    {
      name: 'kind',
      kind: 'radio',
      label: 'field.kind',
      required: false,
      options: keys('kind', KINDS),
      initial: 'complaint',
    },
    {
      name: 'complainantType',
      kind: 'choice',
      label: 'field.complainantType',
      required: false,
      options: keys('complainant', COMPLAINANT_TYPES),
      initial: 'client',
    },
    {
      name: 'complainantName',
      kind: 'text',
      label: 'field.complainantName',
      required: false,
      maxLength: TEXT_LIMITS.shortText,
    },
    {
      name: 'complainantContact',
      kind: 'text',
      label: 'field.complainantContact',
      required: false,
      maxLength: TEXT_LIMITS.shortText,
    },
    {
      name: 'intakeChannel',
      kind: 'choice',
      label: 'field.intakeChannel',
      required: false,
      options: keys('channel', INTAKE_CHANNELS),
      initial: 'chat',
    },
    { name: 'occurredOn', kind: 'date', label: 'field.occurredOn', required: false },
    {
      name: 'relatedTo',
      kind: 'text',
      label: 'field.relatedTo',
      required: false,
      maxLength: TEXT_LIMITS.shortText,
    },
    {
      name: 'concernsEmployee',
      kind: 'toggle',
      label: 'field.concernsEmployee',
      optionLabel: 'form.concernsEmployee.option',
      hint: 'form.concernsEmployee.hint',
      required: false,
    },
    {
      name: 'subjectPersonId',
      kind: 'person',
      label: 'field.subjectPersonId',
      hint: 'form.subjectPersonId.hint',
      required: false,
      requiredWhen: { field: 'concernsEmployee', equals: 'true' },
    },
    text('desiredOutcome', 'field.desiredOutcome', TEXT_LIMITS.desiredOutcome, false),
  ],
};

/** The fields of each command's form; names are the command payload's fields (dotted paths). */
function commandFields(command: Command): FormField[] {
  switch (command) {
    case 'request_info':
      return [text('question', 'field.question', TEXT_LIMITS.question)];
    case 'provide_info':
      return [text('answer', 'field.answer', TEXT_LIMITS.answer)];
    case 'declare_unfounded':
      return [text('motivation', 'field.motivation', TEXT_LIMITS.motivation)];
    case 'object':
      return [text('reason', 'field.reason', TEXT_LIMITS.reason)];
    case 'record_final_outcome':
      return [text('outcome', 'field.outcome', TEXT_LIMITS.resolution)];
    case 'appoint_mediator':
      return [{ name: 'mediatorId', kind: 'person', label: 'field.mediatorId', required: true }];
    case 'reassign':
      return [{ name: 'handlerId', kind: 'person', label: 'field.handlerId', required: true }];
    case 'record_resolution': {
      const withImprovement = { field: 'improvement.description' };
      return [
        text('resolution', 'field.resolution', TEXT_LIMITS.resolution),
        {
          name: 'cause',
          kind: 'radio',
          label: 'field.cause',
          required: true,
          options: keys('cause', CAUSES),
        },
        text('correctiveMeasure', 'field.correctiveMeasure', TEXT_LIMITS.measure),
        text('preventiveMeasure', 'field.preventiveMeasure', TEXT_LIMITS.measure, false),
        text('improvement.description', 'field.improvement', TEXT_LIMITS.measure, false),
        {
          name: 'improvement.ownerId',
          kind: 'person',
          label: 'field.improvementOwner',
          hint: 'form.improvement.required_hint',
          required: false,
          requiredWhen: withImprovement,
        },
        {
          name: 'improvement.dueOn',
          kind: 'date',
          label: 'field.improvementDueOn',
          hint: 'form.improvement.required_hint',
          required: false,
          requiredWhen: withImprovement,
        },
      ];
    }
    case 'add_measure': {
      const organisationWide = { field: 'scope', equals: 'organisation' };
      return [
        {
          name: 'scope',
          kind: 'radio',
          label: 'field.measureScope',
          required: true,
          options: keys('scope', MEASURE_SCOPES),
          initial: 'client',
        },
        {
          name: 'type',
          kind: 'radio',
          label: 'field.measureType',
          required: true,
          options: keys('type', MEASURE_TYPES),
          initial: 'corrective',
        },
        text('description', 'field.measureDescription', TEXT_LIMITS.measure),
        {
          name: 'ownerId',
          kind: 'person',
          label: 'field.ownerId',
          hint: 'form.measure.required_hint',
          required: false,
          requiredWhen: organisationWide,
        },
        {
          name: 'dueOn',
          kind: 'date',
          label: 'field.dueOn',
          hint: 'form.measure.required_hint',
          required: false,
          requiredWhen: organisationWide,
        },
      ];
    }
    default:
      return [];
  }
}

const COMMAND_FORMS = new Map<Command, FormModel>(
  COMMANDS_WITH_FORM.map((command) => [
    command,
    { id: command, title: `form.${command}.title` as MessageKey, fields: commandFields(command) },
  ]),
);

/** The form a command's button opens, or null when the command runs at once. */
export function commandForm(command: Command): FormModel | null {
  return COMMAND_FORMS.get(command) ?? null;
}

/** Every form there is (the report form first), for renderers' tests and checks. */
export function allForms(): FormModel[] {
  return [REPORT_FORM, ...COMMAND_FORMS.values()];
}
