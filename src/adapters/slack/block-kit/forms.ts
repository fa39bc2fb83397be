import type { types } from '@slack/bolt';
import { commandForm, REPORT_FORM } from '../../../app/forms/definitions.js';
import {
  type CategoryOption,
  type FormModel,
  type FormValues,
  initialValues,
  type OptionChoice,
} from '../../../app/forms/model.js';
import { optionsOf } from '../../../app/forms/options.js';
import { translator } from '../../../app/messages/catalogue.js';
import type { OrgConfig } from '../../../config/org-file.js';
import type { Command } from '../../../domain/lifecycle.js';
import type { Locale } from '../../../domain/people.js';
import { COMMAND_VIEW, REPORT_VIEW } from '../ids.js';
import { formBlocks, inputBlocks } from './fields.js';
import { LIMITS, plain, truncate } from './text.js';

const MODAL_TITLE = 24;

/** The options of every choice field of a form, labelled in the reader's language. */
function formOptions(
  model: FormModel,
  locale: Locale,
  categories: readonly CategoryOption[] = [],
): Record<string, OptionChoice[]> {
  const options: Record<string, OptionChoice[]> = {};
  for (const field of model.fields) {
    if (field.options) options[field.name] = optionsOf(field, locale, categories);
  }
  return options;
}

export interface ReportMetadata {
  locale: Locale;
  sourceLink: string | null;
}

/** The report modal; `prefill` is what the form opens with besides its defaults. */
export function reportView(
  org: OrgConfig,
  locale: Locale,
  prefill: FormValues,
  metadata: ReportMetadata,
): types.ModalView {
  const t = translator(locale);
  const blocks: types.KnownBlock[] = [];
  if (REPORT_FORM.intro) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'plain_text', text: truncate(t(REPORT_FORM.intro), 2000) }],
    });
  }
  blocks.push(
    ...formBlocks(
      t,
      REPORT_FORM.fields,
      formOptions(REPORT_FORM, locale, org.categories),
      initialValues(REPORT_FORM, prefill),
    ),
  );
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
    title: plain(t(REPORT_FORM.title), MODAL_TITLE),
    submit: plain(t('form.submit'), MODAL_TITLE),
    close: plain(t('form.cancel'), MODAL_TITLE),
    private_metadata: truncate(JSON.stringify(metadata), LIMITS.privateMetadata),
    blocks,
  };
}

export interface CommandMetadata {
  c: string;
  v: number;
  cmd: Command;
  locale: Locale;
  /** Where the button was clicked, for the confirmation. */
  ch: string | null;
}

/** The modal of a command with a form (COMMANDS_WITH_FORM). */
export function commandView(metadata: CommandMetadata, reference: string | null): types.ModalView {
  const t = translator(metadata.locale);
  const model = commandForm(metadata.cmd);
  const blocks: types.KnownBlock[] = [];
  if (reference) {
    blocks.push({ type: 'context', elements: [{ type: 'plain_text', text: reference }] });
  }
  if (model) {
    blocks.push(
      ...inputBlocks(t, model.fields, formOptions(model, metadata.locale), initialValues(model)),
    );
  }
  return {
    type: 'modal',
    callback_id: COMMAND_VIEW,
    title: plain(t(model?.title ?? `action.${metadata.cmd}`), MODAL_TITLE),
    submit: plain(t('form.submit'), MODAL_TITLE),
    close: plain(t('form.cancel'), MODAL_TITLE),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
