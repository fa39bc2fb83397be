import type { types } from '@slack/bolt';
import type { FormField, FormValues, OptionChoice } from '../../../app/forms/model.js';
import type { Translate } from '../../../app/messages/catalogue.js';
import { INPUT_ACTION } from '../ids.js';
import { LIMITS, plain, truncate } from './text.js';

/** Slack's caps on option lists: static_select 100, radio_buttons 10. */
const MAX_OPTIONS = { choice: 100, radio: 10 } as const;

/**
 * One input block per model field; the block id is the field name. Initial values (the form's
 * defaults and prefill, `initialValues`) are plain text; `options` holds each choice's options.
 */
export function inputBlocks(
  t: Translate,
  fields: readonly FormField[],
  options: Readonly<Record<string, OptionChoice[]>>,
  initial: FormValues = {},
): types.InputBlock[] {
  return fields.map((field) => {
    const block: types.InputBlock = {
      type: 'input',
      block_id: field.name,
      label: plain(t(field.label), 2000),
      optional: !field.required,
      element: element(t, field, options[field.name] ?? [], initial[field.name]),
    };
    if (field.hint) block.hint = plain(t(field.hint), 2000);
    return block;
  });
}

function element(
  t: Translate,
  field: FormField,
  choices: OptionChoice[],
  initial: string | undefined,
): types.InputBlockElement {
  switch (field.kind) {
    case 'text':
    case 'longtext': {
      const max = Math.min(field.maxLength ?? 3000, 3000);
      return {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: field.kind === 'longtext',
        max_length: max,
        ...(initial ? { initial_value: truncate(initial, max) } : {}),
      };
    }
    case 'person':
      // A Slack user id; the listener maps it to a person id (identify).
      return { type: 'users_select', action_id: INPUT_ACTION };
    case 'date':
      return {
        type: 'datepicker',
        action_id: INPUT_ACTION,
        ...(initial ? { initial_date: initial } : {}),
      };
    case 'time':
      return {
        type: 'timepicker',
        action_id: INPUT_ACTION,
        ...(initial ? { initial_time: initial } : {}),
      };
    case 'files':
      // Slack checks the types for convenience only; ATTACHMENTS checks every file again.
      return {
        type: 'file_input',
        action_id: INPUT_ACTION,
        ...(field.files
          ? { filetypes: [...field.files.types], max_files: field.files.max }
          : { max_files: 1 }),
      };
    case 'choice':
    case 'radio': {
      const options = choices.slice(0, MAX_OPTIONS[field.kind]).map((o) => ({
        text: plain(o.label, LIMITS.optionText),
        value: o.value,
      }));
      const chosen = options.find((o) => o.value === initial);
      const base = {
        action_id: INPUT_ACTION,
        options,
        ...(chosen ? { initial_option: chosen } : {}),
      };
      return field.kind === 'radio'
        ? { type: 'radio_buttons', ...base }
        : { type: 'static_select', ...base };
    }
    case 'toggle': {
      const text = t(field.optionLabel ?? field.label);
      const option = { text: plain(text, LIMITS.optionText), value: 'true' };
      return {
        type: 'checkboxes',
        action_id: INPUT_ACTION,
        options: [option],
        ...(initial === 'true' ? { initial_options: [option] } : {}),
      };
    }
  }
}

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_time?: string | null;
  selected_user?: string | null;
  /** `file_input`: the uploaded files (Slack file objects; only the id is read). */
  files?: { id?: string }[];
}

/**
 * The form's blocks: a header before each field that starts a group (`group`), then its input
 * block. Slack allows 100 blocks in a modal; the report form has fewer than 30.
 */
export function formBlocks(
  t: Translate,
  fields: readonly FormField[],
  options: Readonly<Record<string, OptionChoice[]>>,
  initial: FormValues = {},
): types.KnownBlock[] {
  const inputs = inputBlocks(t, fields, options, initial);
  return fields.flatMap((field, i): types.KnownBlock[] => {
    const input = inputs[i] as types.InputBlock;
    if (!field.group) return [input];
    return [{ type: 'header', text: plain(t(field.group), 150) }, input];
  });
}
export type ViewState = Record<string, Record<string, StateValue>>;

/**
 * The submitted value of each field as a string, as the model reads it: a ticked toggle is
 * `'true'`, a person field holds the Slack user id (mapped to a person id by the listener),
 * a files field the comma-joined Slack file ids.
 */
export function readFields(fields: readonly FormField[], state: ViewState): FormValues {
  const out: FormValues = {};
  for (const field of fields) {
    const v = state[field.name]?.[INPUT_ACTION];
    if (!v) continue;
    const value =
      field.kind === 'toggle'
        ? v.selected_options && v.selected_options.length > 0
          ? 'true'
          : undefined
        : field.kind === 'files'
          ? fileIds(v.files)
          : (v.value ??
            v.selected_option?.value ??
            v.selected_date ??
            v.selected_time ??
            v.selected_user);
    if (value !== null && value !== undefined && value !== '') out[field.name] = value;
  }
  return out;
}

function fileIds(files: StateValue['files']): string | undefined {
  const ids = (files ?? []).map((file) => file.id).filter((id): id is string => !!id);
  return ids.length > 0 ? ids.join(',') : undefined;
}
