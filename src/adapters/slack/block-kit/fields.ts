import type { types } from '@slack/bolt';
import type { MessageKey, Translate } from '../../../app/messages/catalogue.js';
import { INPUT_ACTION } from '../ids.js';
import { LIMITS, plain, truncate } from './text.js';

/** One input of a modal; its name is the block id and the use case's field name. */
export type FieldSpec =
  | { name: string; label: MessageKey; type: 'text' | 'longtext'; max: number; optional?: boolean }
  | { name: string; label: MessageKey; type: 'user' | 'date'; optional?: boolean }
  | {
      name: string;
      label: MessageKey;
      type: 'select' | 'radio';
      options: { value: string; text: string }[];
      initial?: string;
      optional?: boolean;
    }
  | { name: string; label: MessageKey; type: 'checkbox'; option: string; hint?: string };

export interface FieldInitial {
  [name: string]: string | undefined;
}

/** Renders input blocks; initial values (prefill, or what the user typed) are plain text. */
export function inputBlocks(
  t: Translate,
  fields: readonly FieldSpec[],
  initial: FieldInitial = {},
): types.InputBlock[] {
  return fields.map((spec) => {
    const block: types.InputBlock = {
      type: 'input',
      block_id: spec.name,
      label: plain(t(spec.label), 2000),
      optional: spec.type === 'checkbox' ? true : (spec.optional ?? false),
      element: element(spec, initial[spec.name]),
    };
    if (spec.type === 'checkbox' && spec.hint) block.hint = plain(spec.hint, 2000);
    return block;
  });
}

function element(spec: FieldSpec, initial: string | undefined): types.InputBlockElement {
  switch (spec.type) {
    case 'text':
    case 'longtext':
      return {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: spec.type === 'longtext',
        max_length: spec.max,
        ...(initial ? { initial_value: truncate(initial, Math.min(spec.max, 3000)) } : {}),
      };
    case 'user':
      return {
        type: 'users_select',
        action_id: INPUT_ACTION,
        ...(initial ? { initial_user: initial } : {}),
      };
    case 'date':
      return {
        type: 'datepicker',
        action_id: INPUT_ACTION,
        ...(initial ? { initial_date: initial } : {}),
      };
    case 'select':
    case 'radio': {
      const options = spec.options.slice(0, 100).map((o) => ({
        text: plain(o.text, LIMITS.optionText),
        value: o.value,
      }));
      const chosen = options.find((o) => o.value === (initial ?? spec.initial));
      const base = {
        action_id: INPUT_ACTION,
        options,
        ...(chosen ? { initial_option: chosen } : {}),
      };
      return spec.type === 'radio'
        ? { type: 'radio_buttons', ...base }
        : { type: 'static_select', ...base };
    }
    case 'checkbox': {
      const option = { text: plain(spec.option, LIMITS.optionText), value: 'yes' };
      return {
        type: 'checkboxes',
        action_id: INPUT_ACTION,
        options: [option],
        ...(initial === 'yes' ? { initial_options: [option] } : {}),
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
  selected_user?: string | null;
}
export type ViewState = Record<string, Record<string, StateValue>>;

/** The submitted value of each field as a string (checkbox: 'yes' or undefined). */
export function readFields(fields: readonly FieldSpec[], state: ViewState): FieldInitial {
  const out: FieldInitial = {};
  for (const spec of fields) {
    const v = state[spec.name]?.[INPUT_ACTION];
    if (!v) continue;
    const value =
      v.value ??
      v.selected_option?.value ??
      v.selected_date ??
      v.selected_user ??
      (v.selected_options && v.selected_options.length > 0 ? 'yes' : undefined);
    if (value !== null && value !== undefined && value !== '') out[spec.name] = value;
  }
  return out;
}
