import { MEASURE_SCOPES, MEASURE_TYPES, REACTION_CHANNELS } from '../../domain/commands.js';
import {
  CAUSE_CATEGORIES,
  CAUSES,
  COMPLAINANT_LOCALES,
  COMPLAINANT_TYPES,
  CONTACT_PREFERENCES,
  FORMALITIES,
  INTAKE_CHANNELS,
  KINDS,
  TEXT_LIMITS,
  VERDICTS,
} from '../../domain/complaint.js';
import type { Command } from '../../domain/lifecycle.js';
import { type MeasureCommand, STANDALONE_MEASURE_ORIGINS } from '../../domain/measure.js';
import type { MessageKey } from '../messages/catalogue.js';
import { COMMANDS_WITH_FORM } from '../messages/model.js';
import type { FormField, FormId, FormModel } from './model.js';

const text = (name: string, label: MessageKey, maxLength: number, required = true): FormField => ({
  name,
  kind: 'longtext',
  label,
  maxLength,
  required,
});

const keys = (prefix: string, values: readonly string[]) =>
  ({ from: 'keys', prefix, values }) as const;

/** A required yes/no as two radio buttons: the answer is a conscious choice, not a default. */
const yesNo = (name: string, label: MessageKey): FormField => ({
  name,
  kind: 'radio',
  label,
  required: true,
  options: keys('yesno', ['true', 'false']),
});

const date = (name: string, label: MessageKey, required = true): FormField => ({
  name,
  kind: 'date',
  label,
  required,
});

const line = (name: string, label: MessageKey, required = false): FormField => ({
  name,
  kind: 'text',
  label,
  required,
  maxLength: TEXT_LIMITS.shortText,
});

/**
 * An outside party that carries out a remediation or a measure (seed 003): `<prefix>.name`,
 * `.organisation`, `.contact`, all optional; the name is needed as soon as either other is
 * filled in (the payload leaves the party out when the name is empty).
 */
function partyFields(prefix: string, hint: MessageKey): FormField[] {
  const name = `${prefix}.name`;
  return [
    {
      ...line(name, 'field.partyName'),
      hint,
      requiredWhen: [{ field: `${prefix}.organisation` }, { field: `${prefix}.contact` }],
    },
    line(`${prefix}.organisation`, 'field.partyOrganisation'),
    line(`${prefix}.contact`, 'field.partyContact'),
  ];
}

/** What Slack's `file_input` accepts on the report form (ATTACHMENTS checks each file again). */
export const REPORT_FILE_TYPES = ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'eml', 'msg'] as const;
export const REPORT_MAX_FILES = 5;

/**
 * The report form: every field of DESIGN.md §3 a reporter can know, then when and how the
 * complaint came in and who the complainant is, for intake on someone's behalf (issue 11):
 * the secretariat registering a letter or a call, or any employee a client complained to.
 */
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
      name: 'formality',
      kind: 'radio',
      label: 'field.formality',
      required: false,
      options: keys('formality', FORMALITIES),
      initial: 'informal',
    },
    { name: 'occurredOn', kind: 'date', label: 'field.occurredOn', required: false },
    line('relatedTo', 'field.relatedTo'),
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
    {
      name: 'intakeChannel',
      kind: 'choice',
      label: 'field.intakeChannel',
      hint: 'intake.hint.intakeChannel',
      group: 'intake.group.receipt',
      required: false,
      options: keys('channel', INTAKE_CHANNELS),
      initial: 'chat',
    },
    {
      ...date('receivedOn', 'intake.field.receivedOn', false),
      hint: 'intake.hint.receivedOn',
      requiredWhen: { field: 'receivedTime' },
    },
    {
      name: 'receivedTime',
      kind: 'time',
      label: 'intake.field.receivedTime',
      hint: 'intake.hint.receivedTime',
      required: false,
    },
    {
      name: 'complainantType',
      kind: 'choice',
      label: 'field.complainantType',
      group: 'intake.group.complainant',
      required: false,
      options: keys('complainant', COMPLAINANT_TYPES),
      initial: 'client',
    },
    line('complainantName', 'field.complainantName'),
    {
      ...line('complainantEmail', 'intake.field.complainantEmail'),
      requiredWhen: { field: 'preferredContact', equals: 'email' },
    },
    {
      ...line('complainantPhone', 'intake.field.complainantPhone'),
      requiredWhen: { field: 'preferredContact', equals: 'phone' },
    },
    {
      ...text(
        'complainantAddress',
        'intake.field.complainantAddress',
        TEXT_LIMITS.shortText,
        false,
      ),
      hint: 'intake.hint.complainantAddress',
      requiredWhen: { field: 'preferredContact', equals: 'letter' },
    },
    {
      name: 'preferredContact',
      kind: 'radio',
      label: 'intake.field.preferredContact',
      required: false,
      options: keys('intake.contact', CONTACT_PREFERENCES),
    },
    {
      name: 'complainantLocale',
      kind: 'radio',
      label: 'intake.field.complainantLocale',
      required: false,
      options: keys('intake.language', COMPLAINANT_LOCALES),
    },
    {
      ...line('complainantContact', 'intake.field.complainantContact'),
      hint: 'intake.hint.complainantContact',
    },
    {
      name: 'attachments',
      kind: 'files',
      label: 'intake.field.attachments',
      hint: 'intake.hint.attachments',
      chatHint: 'intake.hint.attachments_chat',
      required: false,
      files: { types: REPORT_FILE_TYPES, max: REPORT_MAX_FILES },
    },
  ],
};

/** How and when the complainant's reaction came in (texts/reaction.ts). */
function reactionFields(): FormField[] {
  return [
    {
      name: 'channel',
      kind: 'radio',
      label: 'field.reactionChannel',
      required: true,
      options: keys('channel', REACTION_CHANNELS),
    },
    { ...date('reactedOn', 'field.reactedOn'), hint: 'form.reaction.reactedOn_hint' },
  ];
}

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
    // Issue 11: the complainant's reaction by phone, letter, e-mail or in person, recorded.
    case 'record_acceptance':
      return reactionFields();
    case 'record_objection':
      return [...reactionFields(), text('reason', 'field.reactionReason', TEXT_LIMITS.reason)];
    case 'record_final_outcome':
      return [text('outcome', 'field.outcome', TEXT_LIMITS.resolution)];
    case 'appoint_mediator':
      return [{ name: 'mediatorId', kind: 'person', label: 'field.mediatorId', required: true }];
    case 'reassign':
      return [{ name: 'handlerId', kind: 'person', label: 'field.handlerId', required: true }];
    case 'classify':
      return [
        {
          name: 'kind',
          kind: 'radio',
          label: 'field.kind',
          required: true,
          options: keys('kind', KINDS),
        },
        {
          name: 'formality',
          kind: 'radio',
          label: 'field.formality',
          hint: 'form.classify.formality_hint',
          required: true,
          options: keys('formality', FORMALITIES),
        },
      ];
    case 'declare_inadmissible':
      return [text('motivation', 'field.admissibilityMotivation', TEXT_LIMITS.motivation)];
    case 'agree_solution':
      return [
        text('solution', 'field.solution', TEXT_LIMITS.resolution),
        date('termOn', 'field.termOn'),
        yesNo('complainantAgreed', 'field.complainantAgreed'),
        ...partyFields('party', 'form.party.hint'),
      ];
    case 'report_fix_done':
      return [text('note', 'field.fixNote', TEXT_LIMITS.measure, false)];
    case 'extend_deadline':
      return [
        { ...date('newDueOn', 'field.newDueOn'), hint: 'form.extend.hint' },
        text('reason', 'field.extensionReason', TEXT_LIMITS.reason),
      ];
    case 'record_committee_verdict':
      return [
        {
          name: 'verdict',
          kind: 'radio',
          label: 'field.verdict',
          required: true,
          options: keys('verdict', VERDICTS),
        },
        date('verdictOn', 'field.verdictOn'),
        yesNo('binding', 'field.binding'),
        text('followUp', 'field.followUp', TEXT_LIMITS.measure, false),
      ];
    case 'record_private_note':
      return [
        { ...text('note', 'field.privateNote', TEXT_LIMITS.note), hint: 'form.privateNote.hint' },
      ];
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
        text('rootCause', 'field.rootCause', TEXT_LIMITS.measure, false),
        {
          name: 'causeCategory',
          kind: 'choice',
          label: 'field.causeCategory',
          required: false,
          options: keys('causeCategory', CAUSE_CATEGORIES),
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
          hint: 'form.measure.owner_hint',
          required: false,
          // With an outside party the owner is the internal follower who gets the reminders.
          requiredWhen: [organisationWide, { field: 'party.name' }],
        },
        {
          name: 'dueOn',
          kind: 'date',
          label: 'field.dueOn',
          hint: 'form.measure.required_hint',
          required: false,
          requiredWhen: organisationWide,
        },
        ...partyFields('party', 'form.measure.party_hint'),
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

/**
 * The measures' own forms (issue 13): marking a measure implemented (the owner, with evidence),
 * judging its effectiveness (the quality adviser), and a measure without a complaint (from the
 * trend or management review, or the follow-up of one judged not effective).
 */
export type MeasureFormId = MeasureCommand | 'new_measure' | 'follow_up_measure';
export const MEASURE_FORM_IDS: readonly MeasureFormId[] = [
  'implement_measure',
  'review_measure',
  'new_measure',
  'follow_up_measure',
];

function measureFields(id: MeasureFormId): FormField[] {
  switch (id) {
    case 'implement_measure':
      return [text('evidence', 'field.evidence', TEXT_LIMITS.measure)];
    case 'review_measure':
      return [
        yesNo('effective', 'field.effective'),
        text('note', 'field.reviewNote', TEXT_LIMITS.measure),
      ];
    case 'new_measure':
      return [
        {
          name: 'origin',
          kind: 'radio',
          label: 'field.origin',
          required: true,
          options: keys('origin', STANDALONE_MEASURE_ORIGINS),
        },
        ...measureFields('follow_up_measure'),
      ];
    // A follow-up takes the origin (and complaint) of the measure it follows up.
    case 'follow_up_measure':
      return [
        {
          name: 'scope',
          kind: 'radio',
          label: 'field.measureScope',
          required: true,
          options: keys('scope', MEASURE_SCOPES),
          initial: 'organisation',
        },
        {
          name: 'type',
          kind: 'radio',
          label: 'field.measureType',
          required: true,
          options: keys('type', MEASURE_TYPES),
          initial: 'preventive',
        },
        text('description', 'field.measureDescription', TEXT_LIMITS.measure),
        // Without a complaint there is no handler to fall back on: an owner and a due date always.
        {
          name: 'ownerId',
          kind: 'person',
          label: 'field.ownerId',
          hint: 'form.measure.owner_hint',
          required: true,
        },
        date('dueOn', 'field.dueOn'),
        ...partyFields('party', 'form.measure.party_hint'),
      ];
  }
}

const MEASURE_FORMS = new Map<MeasureFormId, FormModel>(
  MEASURE_FORM_IDS.map((id) => [
    id,
    {
      // FormId names the report and the complaint commands; the measures' forms sit beside them.
      id: id as unknown as FormId,
      title: `form.${id}.title` as MessageKey,
      fields: measureFields(id),
    },
  ]),
);

/** The form of a measure command or of a new measure. */
export function measureForm(id: MeasureFormId): FormModel {
  const model = MEASURE_FORMS.get(id);
  if (!model) throw new Error(`no form ${id}`);
  return model;
}

/** The form of `/klacht maatregel` (a measure without a complaint). */
export const NEW_MEASURE_FORM = measureForm('new_measure');

const orNull = (value: string | undefined): string | null =>
  value !== undefined && value.trim() !== '' ? value : null;

/**
 * A measure form's strings as its use case's payload (the domain validates it); the caller
 * checks the form first (`checkForm`). `followUpOf`: the measure a new one follows up.
 */
export function measurePayload(
  id: MeasureFormId,
  values: Readonly<Record<string, string>>,
  followUpOf: string | null = null,
): Record<string, unknown> {
  switch (id) {
    case 'implement_measure':
      return { evidence: values.evidence ?? '' };
    case 'review_measure':
      // 'true' / 'false' from the radio buttons; the domain's schema reads them as booleans.
      return { effective: values.effective ?? '', note: values.note ?? '' };
    case 'new_measure':
    case 'follow_up_measure': {
      const partyName = orNull(values['party.name']);
      return {
        ...(id === 'new_measure' ? { origin: values.origin ?? '' } : {}),
        scope: values.scope ?? '',
        type: values.type ?? '',
        description: values.description ?? '',
        ownerId: orNull(values.ownerId),
        dueOn: orNull(values.dueOn),
        party: partyName
          ? {
              name: partyName,
              organisation: orNull(values['party.organisation']),
              contact: orNull(values['party.contact']),
            }
          : null,
        followUpOf,
      };
    }
  }
}

/** Every form there is (the report form first), for renderers' tests and checks. */
export function allForms(): FormModel[] {
  return [REPORT_FORM, ...COMMAND_FORMS.values(), ...MEASURE_FORMS.values()];
}
