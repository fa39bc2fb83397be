import { type MessageKey, translator } from '../../../app/messages/catalogue.js';
import { actionId } from '../../../app/messages/model.js';
import { MEASURE_SCOPES, MEASURE_TYPES } from '../../../domain/commands.js';
import { CAUSES, TEXT_LIMITS } from '../../../domain/complaint.js';
import type { Command } from '../../../domain/lifecycle.js';
import type { Locale, Person } from '../../../domain/people.js';
import {
  type FieldSpec,
  formFields,
  keyedChoices,
  orNull,
  type Problems,
  stringInputs,
  type Values,
} from './form-fields.js';
import { REFRESH_VERB } from './message-card.js';
import { expandCard } from './templates.js';
import type { ActionData, AdaptiveCardJson } from './types.js';

function text(id: string, label: MessageKey, max: number, required = true): FieldSpec {
  return { kind: 'text', id, label, required, multiline: true, maxLength: max };
}

function specsFor(command: Command, locale: Locale, people: Person[]): FieldSpec[] {
  const t = translator(locale);
  const persons = people.filter((p) => p.active).map((p) => ({ title: p.name, value: p.id }));
  const person = (id: string, label: MessageKey, required = true): FieldSpec => ({
    kind: 'choice',
    id,
    label,
    required,
    choices: persons,
  });
  switch (command) {
    case 'request_info':
      return [text('question', 'field.question', TEXT_LIMITS.question)];
    case 'provide_info':
      return [text('answer', 'field.answer', TEXT_LIMITS.answer)];
    case 'declare_unfounded':
      return [text('motivation', 'field.motivation', TEXT_LIMITS.motivation)];
    case 'record_resolution':
      return [
        text('resolution', 'field.resolution', TEXT_LIMITS.resolution),
        {
          kind: 'choice',
          id: 'cause',
          label: 'field.cause',
          required: true,
          choices: keyedChoices(t, 'cause', CAUSES),
        },
        text('correctiveMeasure', 'field.correctiveMeasure', TEXT_LIMITS.measure),
        text('preventiveMeasure', 'field.preventiveMeasure', TEXT_LIMITS.measure, false),
        text('improvement', 'field.improvement', TEXT_LIMITS.measure, false),
        person('improvementOwner', 'field.improvementOwner', false),
        { kind: 'date', id: 'improvementDueOn', label: 'field.improvementDueOn' },
      ];
    case 'add_measure':
      return [
        {
          kind: 'choice',
          id: 'scope',
          label: 'field.measureScope',
          required: true,
          choices: keyedChoices(t, 'scope', MEASURE_SCOPES),
        },
        {
          kind: 'choice',
          id: 'type',
          label: 'field.measureType',
          required: true,
          choices: keyedChoices(t, 'type', MEASURE_TYPES),
        },
        text('description', 'field.measureDescription', TEXT_LIMITS.measure),
        person('ownerId', 'field.ownerId', false),
        { kind: 'date', id: 'dueOn', label: 'field.dueOn' },
      ];
    case 'object':
      return [text('reason', 'field.reason', TEXT_LIMITS.reason)];
    case 'appoint_mediator':
      return [person('mediatorId', 'field.mediatorId')];
    case 'record_final_outcome':
      return [text('outcome', 'field.outcome', TEXT_LIMITS.resolution)];
    case 'reassign':
      return [person('handlerId', 'field.handlerId')];
    default:
      return [];
  }
}

export interface CommandFormOptions {
  command: Command;
  locale: Locale;
  reference: string;
  people: Person[];
  data: ActionData;
  values?: Values;
  problems?: Problems;
  error?: string;
}

/** The inline input card a button with a form turns into (for the person who clicked). */
export function renderCommandForm(options: CommandFormOptions): AdaptiveCardJson {
  const t = translator(options.locale);
  const { command, data } = options;
  return expandCard('form', {
    title: t(`form.${command}.title` as MessageKey),
    subtitle: options.reference,
    error: options.error ?? '',
    fields: formFields(
      options.locale,
      specsFor(command, options.locale, options.people),
      options.values ?? {},
      options.problems ?? {},
    ),
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

/** The input ids of a command's form, to read them back from the submitted data. */
export function commandFieldIds(command: Command): string[] {
  return specsFor(command, 'nl', []).map((spec) => spec.id);
}

/** The form's strings as the command payload (the domain validates it). */
export function commandPayload(command: Command, v: Values): Record<string, unknown> {
  switch (command) {
    case 'record_resolution': {
      const improvement = orNull(v.improvement);
      return {
        resolution: v.resolution ?? '',
        cause: v.cause ?? '',
        correctiveMeasure: v.correctiveMeasure ?? '',
        preventiveMeasure: orNull(v.preventiveMeasure),
        improvement: improvement
          ? {
              scope: 'organisation',
              type: 'preventive',
              description: improvement,
              ownerId: orNull(v.improvementOwner),
              dueOn: orNull(v.improvementDueOn),
            }
          : null,
      };
    }
    case 'add_measure':
      return {
        scope: v.scope ?? '',
        type: v.type ?? '',
        description: v.description ?? '',
        ownerId: orNull(v.ownerId),
        dueOn: orNull(v.dueOn),
      };
    default: {
      const payload: Record<string, unknown> = {};
      for (const id of commandFieldIds(command)) payload[id] = v[id] ?? '';
      return payload;
    }
  }
}

/** Field problems of the payload, keyed by the form's input ids. */
export function formProblems(command: Command, problems: Problems): Problems {
  if (command !== 'record_resolution') return problems;
  const renamed: Record<string, Problems[string]> = {};
  const names: Record<string, string> = {
    'improvement.description': 'improvement',
    'improvement.ownerId': 'improvementOwner',
    'improvement.dueOn': 'improvementDueOn',
  };
  for (const [field, problem] of Object.entries(problems)) renamed[names[field] ?? field] = problem;
  return renamed;
}

export function readCommandValues(command: Command, data: Record<string, unknown>): Values {
  return stringInputs(data, commandFieldIds(command));
}
