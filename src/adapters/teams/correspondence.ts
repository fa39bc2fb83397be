import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { correspondenceForEditing, sendCorrespondence } from '../../app/correspondence.js';
import {
  correspondenceLetter,
  correspondenceValues,
  SEND_CORRESPONDENCE_FORM,
} from '../../app/forms/correspondence-form.js';
import { formErrors } from '../../app/forms/errors.js';
import type { FormValues } from '../../app/forms/model.js';
import { checkForm } from '../../app/forms/payloads.js';
import { translate, translator } from '../../app/messages/catalogue.js';
import {
  CORRESPONDENCE_SEND_VERB,
  correspondenceIdOfAction,
} from '../../app/messages/correspondence-messages.js';
import { isDomainError } from '../../domain/errors.js';
import type { Locale, Person } from '../../domain/people.js';
import { formFields, readValues } from './cards/form-fields.js';
import { renderTextCard } from './cards/message-card.js';
import { expandCard } from './cards/templates.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, identifyUser, type TeamsContext } from './context.js';
import { answerInvoke } from './invoke.js';

/**
 * A letter or e-mail to the complainant in Teams (issue 11): "Bekijken en versturen" on the
 * draft's card (`kbc_open:<id>`) turns it into the edit form, prefilled with the draft; its
 * submit (`kbc_send`) sends it through `sendCorrespondence`, which re-authorises and sends it
 * once. Field problems come back next to the fields, with the text as typed.
 */

const VERBS = /^kbc_/;

interface EditCard {
  locale: Locale;
  correspondenceId: string;
  reference: string;
  values: FormValues;
  errors?: Readonly<Record<string, string>>;
  error?: string;
}

/** The edit form as an inline card; its submit carries the correspondence id. */
export function renderCorrespondenceForm(options: EditCard): AdaptiveCardJson {
  const t = translator(options.locale);
  const form = SEND_CORRESPONDENCE_FORM;
  return expandCard('form', {
    title: t(form.title),
    subtitle: [options.reference, form.intro ? t(form.intro) : ''].filter(Boolean).join('\n\n'),
    error: options.error ?? '',
    fields: formFields(options.locale, form, {
      values: options.values,
      errors: options.errors ?? {},
    }),
    submitKind: 'execute',
    submitTitle: t('form.submit'),
    submitVerb: CORRESPONDENCE_SEND_VERB,
    submitData: { correspondenceId: options.correspondenceId, submit: true },
    cancelTitle: t('form.cancel'),
    cancelVerb: '',
    cancelData: {},
  });
}

function text(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  return typeof value === 'string' ? value : '';
}

/** One `kbc_…` Action.Execute: open the edit form, or send what was submitted. */
export async function executeCorrespondenceAction(
  ctx: TeamsContext,
  turn: TurnContext,
  person: Person,
  locale: Locale,
  verb: string,
  data: Record<string, unknown>,
): Promise<AdaptiveCardJson> {
  const title = translate(locale, SEND_CORRESPONDENCE_FORM.title);
  const openId = correspondenceIdOfAction(verb);
  if (openId) {
    const view = await correspondenceForEditing(ctx.deps, person, openId);
    if (view.correspondence.status !== 'draft') {
      return renderTextCard(title, translate(locale, 'corr.refused.not_draft'));
    }
    return renderCorrespondenceForm({
      locale,
      correspondenceId: openId,
      reference: view.reference,
      values: correspondenceValues(view.correspondence),
    });
  }
  if (verb !== CORRESPONDENCE_SEND_VERB) {
    return renderTextCard(title, '', translate(locale, 'error.unknown_action'));
  }
  const correspondenceId = text(data, 'correspondenceId');
  const values = readValues(SEND_CORRESPONDENCE_FORM, data);
  try {
    checkForm(SEND_CORRESPONDENCE_FORM, values); // before any database work
    const result = await sendCorrespondence(ctx.deps, {
      actor: person,
      correspondenceId,
      ...correspondenceLetter(values),
      ...(turn.activity.id ? { requestKey: `teams:${turn.activity.id}` } : {}),
    });
    if (!result.duplicate) ctx.wakeOutbox();
    const reference = result.reference;
    const done = result.duplicate
      ? translate(locale, 'corr.done.already', { reference })
      : translate(locale, `corr.done.${result.correspondence.channel}`, { reference });
    return renderTextCard(title, done);
  } catch (error) {
    const refused =
      isDomainError(error) &&
      (error.code === 'complaint.not_found' || error.code === 'complaint.not_permitted');
    if (refused) throw error;
    // Bad input or a database hiccup: the form again, with the text as typed.
    const { fields, general } = formErrors(SEND_CORRESPONDENCE_FORM, locale, error);
    return renderCorrespondenceForm({
      locale,
      correspondenceId,
      reference: '',
      values,
      errors: fields,
      ...(general ? { error: errorText(ctx, locale, error) } : {}),
    });
  }
}

/** The `kbc_…` verbs; they do not start with `kb_`, so the complaint card handler leaves them. */
export function registerCorrespondence(
  app: Application<TurnState>,
  ctx: TeamsContext,
  locale: (turn: TurnContext) => Locale,
): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS, async (turn, _state, data) => {
    const loc = locale(turn);
    const verb = String(turn.activity.value?.action?.verb ?? '');
    let json: AdaptiveCardJson;
    try {
      const person = await identifyUser(ctx, turn);
      json = await executeCorrespondenceAction(ctx, turn, person, loc, verb, data ?? {});
    } catch (error) {
      json = renderTextCard(
        translate(loc, SEND_CORRESPONDENCE_FORM.title),
        '',
        errorText(ctx, loc, error),
      );
    }
    await answerInvoke(turn, json);
    return '';
  });
}
