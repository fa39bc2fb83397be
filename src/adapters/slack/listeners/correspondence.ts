import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import { z } from 'zod';
import { correspondenceForEditing, sendCorrespondence } from '../../../app/correspondence.js';
import {
  correspondenceLetter,
  correspondenceValues,
  SEND_CORRESPONDENCE_FORM,
} from '../../../app/forms/correspondence-form.js';
import { formErrors } from '../../../app/forms/errors.js';
import { checkForm } from '../../../app/forms/payloads.js';
import { translate, translator } from '../../../app/messages/catalogue.js';
import {
  CORRESPONDENCE_OPEN_PREFIX,
  correspondenceIdOfAction,
} from '../../../app/messages/correspondence-messages.js';
import type { Locale } from '../../../domain/people.js';
import { inputBlocks, readFields, type ViewState } from '../block-kit/fields.js';
import { LIMITS, mrkdwn, plain, truncate } from '../block-kit/text.js';
import { errorText, identify, quickLocale, type SlackRuntime } from '../runtime.js';
import { openView, type Reach, tellPrivately } from './open-view.js';

/**
 * A letter or e-mail to the complainant in Slack (issue 11): "Bekijken en versturen" on the
 * draft's message opens the edit modal (the shared form, prefilled with the draft); its
 * submission sends it through `sendCorrespondence`, which re-authorises and sends it once.
 */

/** Modal callback id of the edit form. */
export const CORRESPONDENCE_VIEW = 'kb_correspondence_form';

const MODAL_TITLE = 24;
const meta = z.object({ id: z.string().min(1), locale: z.enum(['nl', 'en']) });
type Meta = z.infer<typeof meta>;

function parseMeta(text: string | undefined): Meta | null {
  try {
    const parsed = meta.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The edit modal of one draft, opened with `values` (the draft's subject and text). */
export function correspondenceView(
  metadata: Meta,
  reference: string,
  values: Record<string, string>,
): types.ModalView {
  const t = translator(metadata.locale);
  const form = SEND_CORRESPONDENCE_FORM;
  const context = [reference, form.intro ? t(form.intro) : ''].filter(Boolean).join(' · ');
  return {
    type: 'modal',
    callback_id: CORRESPONDENCE_VIEW,
    title: plain(t(form.title), MODAL_TITLE),
    submit: plain(t('form.submit'), MODAL_TITLE),
    close: plain(t('form.cancel'), MODAL_TITLE),
    private_metadata: truncate(JSON.stringify(metadata), LIMITS.privateMetadata),
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: truncate(context, 2000) }] },
      ...inputBlocks(t, form.fields, {}, values),
    ],
  };
}

function doneView(locale: Locale, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(translate(locale, SEND_CORRESPONDENCE_FORM.title), MODAL_TITLE),
    close: plain('OK', MODAL_TITLE),
    blocks: [{ type: 'section', text: plain(text, 3000) }],
  };
}

/** A failed submission: the reason next to each field, else on the text field. */
function viewErrors(runtime: SlackRuntime, locale: Locale, error: unknown) {
  const { fields, general } = formErrors(SEND_CORRESPONDENCE_FORM, locale, error);
  if (general && !fields.body) fields.body = errorText(runtime, locale, error);
  return fields;
}

export function registerCorrespondence(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${CORRESPONDENCE_OPEN_PREFIX}`),
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const reach: Reach = {
        client,
        userId,
        channelId: body.channel?.id ?? null,
        ...(body.response_url ? { respond } : {}),
      };
      let locale = quickLocale(runtime, userId);
      const tell = (text: string) => tellPrivately(runtime, reach, { text: mrkdwn(text) });
      const id = correspondenceIdOfAction(action.action_id);
      if (!id) {
        await tell(translate(locale, 'error.unknown_action'));
        return;
      }
      try {
        const actor = await identify(runtime, userId);
        locale = actor.locale;
        const view = await correspondenceForEditing(runtime.deps, actor.person, id);
        if (view.correspondence.status !== 'draft') {
          await tell(translate(locale, 'corr.refused.not_draft'));
          return;
        }
        await openView(
          runtime,
          reach,
          body.trigger_id,
          correspondenceView(
            { id, locale },
            view.reference,
            correspondenceValues(view.correspondence),
          ),
          body.view?.type === 'modal',
        );
      } catch (error) {
        await tell(errorText(runtime, locale, error));
      }
    },
  );

  app.view(CORRESPONDENCE_VIEW, async ({ ack, body, view }) => {
    const m = parseMeta(view.private_metadata);
    if (!m) {
      await ack();
      return;
    }
    const values = readFields(SEND_CORRESPONDENCE_FORM.fields, view.state.values as ViewState);
    try {
      checkForm(SEND_CORRESPONDENCE_FORM, values); // before any database work
      const actor = await identify(runtime, body.user.id);
      const result = await sendCorrespondence(runtime.deps, {
        actor: actor.person,
        correspondenceId: m.id,
        ...correspondenceLetter(values),
        // The same modal submitted again (a double click, a retry) sends nothing more.
        requestKey: `slack:view:${view.id}`,
      });
      if (!result.duplicate) runtime.wakeOutbox();
      const reference = result.reference;
      const text = result.duplicate
        ? translate(actor.locale, 'corr.done.already', { reference })
        : translate(actor.locale, `corr.done.${result.correspondence.channel}`, { reference });
      await ack({ response_action: 'update', view: doneView(actor.locale, text) });
    } catch (error) {
      await ack({ response_action: 'errors', errors: viewErrors(runtime, m.locale, error) });
    }
  });
}
