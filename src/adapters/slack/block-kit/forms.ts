import type { types } from '@slack/bolt';
import { type MessageKey, translator } from '../../../app/messages/catalogue.js';
import type { OrgConfig } from '../../../config/org-file.js';
import { CAUSES, COMPLAINANT_TYPES, INTAKE_CHANNELS, KINDS } from '../../../domain/complaint.js';
import type { Command } from '../../../domain/lifecycle.js';
import type { Locale } from '../../../domain/people.js';
import { COMMAND_VIEW, REPORT_VIEW } from '../ids.js';
import { type FieldInitial, type FieldSpec, inputBlocks } from './fields.js';
import { LIMITS, plain, truncate } from './text.js';

const MODAL_TITLE = 24;

function options(locale: Locale, prefix: string, values: readonly string[]) {
  const t = translator(locale);
  return values.map((value) => ({ value, text: t(`${prefix}.${value}` as MessageKey) }));
}

/** The report form: every field of DESIGN.md §3 a reporter can know. */
export function reportFields(org: OrgConfig, locale: Locale): FieldSpec[] {
  const t = translator(locale);
  return [
    { name: 'description', label: 'field.description', type: 'longtext', max: 3000 },
    {
      name: 'categoryKey',
      label: 'field.category',
      type: 'select',
      options: org.categories.map((c) => ({ value: c.key, text: c.label[locale] })),
    },
    {
      name: 'kind',
      label: 'field.kind',
      type: 'radio',
      options: options(locale, 'kind', KINDS),
      initial: 'complaint',
    },
    {
      name: 'complainantType',
      label: 'field.complainantType',
      type: 'select',
      options: options(locale, 'complainant', COMPLAINANT_TYPES),
      initial: 'client',
    },
    {
      name: 'complainantName',
      label: 'field.complainantName',
      type: 'text',
      max: 200,
      optional: true,
    },
    {
      name: 'complainantContact',
      label: 'field.complainantContact',
      type: 'text',
      max: 200,
      optional: true,
    },
    {
      name: 'intakeChannel',
      label: 'field.intakeChannel',
      type: 'select',
      options: options(locale, 'channel', INTAKE_CHANNELS),
      initial: 'chat',
    },
    { name: 'occurredOn', label: 'field.occurredOn', type: 'date', optional: true },
    { name: 'relatedTo', label: 'field.relatedTo', type: 'text', max: 200, optional: true },
    {
      name: 'concernsEmployee',
      label: 'field.concernsEmployee',
      type: 'checkbox',
      option: t('form.concernsEmployee.option'),
      hint: t('form.concernsEmployee.hint'),
    },
    { name: 'subjectPersonId', label: 'field.subjectPersonId', type: 'user', optional: true },
    {
      name: 'desiredOutcome',
      label: 'field.desiredOutcome',
      type: 'longtext',
      max: 1000,
      optional: true,
    },
  ];
}

export interface ReportMetadata {
  locale: Locale;
  sourceLink: string | null;
}

export function reportView(
  org: OrgConfig,
  locale: Locale,
  initial: FieldInitial,
  metadata: ReportMetadata,
): types.ModalView {
  const t = translator(locale);
  const blocks: types.KnownBlock[] = [
    {
      type: 'context',
      elements: [{ type: 'plain_text', text: truncate(t('form.report.intro'), 2000) }],
    },
    ...inputBlocks(t, reportFields(org, locale), initial),
  ];
  if (metadata.sourceLink) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'plain_text',
          text: truncate(`${t('shortcut.source')}: ${metadata.sourceLink}`, 2000),
        },
      ],
    });
  }
  return {
    type: 'modal',
    callback_id: REPORT_VIEW,
    title: plain(t('form.report.title'), MODAL_TITLE),
    submit: plain(t('form.submit'), MODAL_TITLE),
    close: plain(t('form.cancel'), MODAL_TITLE),
    private_metadata: truncate(JSON.stringify(metadata), LIMITS.privateMetadata),
    blocks,
  };
}

/** The inputs each command with a form asks for; names are the command payload's fields. */
export function commandFields(command: Command, locale: Locale): FieldSpec[] {
  const long = (name: string, label: MessageKey, max: number, optional = false): FieldSpec => ({
    name,
    label,
    type: 'longtext',
    max,
    optional,
  });
  switch (command) {
    case 'request_info':
      return [long('question', 'field.question', 2000)];
    case 'provide_info':
      return [long('answer', 'field.answer', 3000)];
    case 'declare_unfounded':
      return [long('motivation', 'field.motivation', 3000)];
    case 'object':
      return [long('reason', 'field.reason', 3000)];
    case 'record_final_outcome':
      return [long('outcome', 'field.outcome', 3000)];
    case 'appoint_mediator':
      return [{ name: 'mediatorId', label: 'field.mediatorId', type: 'user' }];
    case 'reassign':
      return [{ name: 'handlerId', label: 'field.handlerId', type: 'user' }];
    case 'record_resolution':
      return [
        long('resolution', 'field.resolution', 3000),
        {
          name: 'cause',
          label: 'field.cause',
          type: 'radio',
          options: options(locale, 'cause', CAUSES),
        },
        long('correctiveMeasure', 'field.correctiveMeasure', 1000),
        long('preventiveMeasure', 'field.preventiveMeasure', 1000, true),
        long('improvement.description', 'field.improvement', 1000, true),
        {
          name: 'improvement.ownerId',
          label: 'field.improvementOwner',
          type: 'user',
          optional: true,
        },
        {
          name: 'improvement.dueOn',
          label: 'field.improvementDueOn',
          type: 'date',
          optional: true,
        },
      ];
    case 'add_measure':
      return [
        {
          name: 'scope',
          label: 'field.measureScope',
          type: 'radio',
          options: options(locale, 'scope', ['client', 'organisation']),
          initial: 'client',
        },
        {
          name: 'type',
          label: 'field.measureType',
          type: 'radio',
          options: options(locale, 'type', ['corrective', 'preventive']),
          initial: 'corrective',
        },
        long('description', 'field.measureDescription', 1000),
        { name: 'ownerId', label: 'field.ownerId', type: 'user', optional: true },
        { name: 'dueOn', label: 'field.dueOn', type: 'date', optional: true },
      ];
    default:
      return [];
  }
}

export interface CommandMetadata {
  c: string;
  v: number;
  cmd: Command;
  locale: Locale;
  /** Where the button was clicked, for the confirmation. */
  ch: string | null;
}

export function commandView(metadata: CommandMetadata, reference: string | null): types.ModalView {
  const t = translator(metadata.locale);
  const blocks: types.KnownBlock[] = [];
  if (reference) {
    blocks.push({ type: 'context', elements: [{ type: 'plain_text', text: reference }] });
  }
  blocks.push(...inputBlocks(t, commandFields(metadata.cmd, metadata.locale)));
  return {
    type: 'modal',
    callback_id: COMMAND_VIEW,
    title: plain(t(`form.${metadata.cmd}.title` as MessageKey), MODAL_TITLE),
    submit: plain(t('form.submit'), MODAL_TITLE),
    close: plain(t('form.cancel'), MODAL_TITLE),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
