import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import {
  LETTER_POSTED_ACTION,
  type LetterMessageModel,
  letterDate,
  letterPosted,
  letterReference,
} from '../../../app/complainant-mail.js';
import { translate } from '../../../app/messages/catalogue.js';
import { isDomainError } from '../../../domain/errors.js';
import { LOCALES, type Locale } from '../../../domain/people.js';
import type { RenderedMessage } from '../block-kit/message.js';
import { mrkdwn, plain } from '../block-kit/text.js';
import { errorText, identify, quickLocale, type SlackRuntime } from '../runtime.js';
import { openView, tellPrivately } from './open-view.js';

/**
 * "Verstuurd per post" under a letter to post (issue 11): the button opens a small modal with
 * the day it was posted (today by default); submitting records it through markLetterPosted.
 */
export const LETTER_POSTED_VIEW = 'letter_posted_view';
const DATE_BLOCK = 'posted_on';
const DATE_ACTION = 'date';

/** The letter's message as Block Kit: the shared rendering plus the button (or the posted date). */
export function withLetterButton(
  rendered: RenderedMessage,
  model: LetterMessageModel,
  locale: Locale,
): RenderedMessage {
  if (model.letter.postedOn) return rendered;
  const button: types.Button = {
    type: 'button',
    action_id: LETTER_POSTED_ACTION,
    style: 'primary',
    text: plain(translate(locale, 'mail.post.button'), 75),
    value: model.letter.correspondenceId,
  };
  return {
    ...rendered,
    blocks: [
      ...rendered.blocks,
      { type: 'actions', block_id: 'letter_posted', elements: [button] },
    ],
  };
}

interface Meta {
  id: string;
  locale: Locale;
  ch: string | null;
}

function parseMeta(text: string): Meta | null {
  try {
    const m = JSON.parse(text) as Partial<Meta>;
    if (typeof m.id !== 'string' || !LOCALES.includes(m.locale as Locale)) return null;
    return { id: m.id, locale: m.locale as Locale, ch: typeof m.ch === 'string' ? m.ch : null };
  } catch {
    return null;
  }
}

function postedView(meta: Meta, reference: string, today: string): types.ModalView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(meta.locale, key, params);
  return {
    type: 'modal',
    callback_id: LETTER_POSTED_VIEW,
    private_metadata: JSON.stringify(meta),
    title: plain(t('mail.post.modal.title'), 24),
    submit: plain(t('mail.post.modal.submit'), 24),
    close: plain(t('mail.post.modal.cancel'), 24),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: mrkdwn(t('mail.post.modal.text', { reference })) },
      },
      {
        type: 'input',
        block_id: DATE_BLOCK,
        label: plain(t('mail.post.date'), 2000),
        element: { type: 'datepicker', action_id: DATE_ACTION, initial_date: today },
      },
    ],
  };
}

function doneView(locale: Locale, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(translate(locale, 'mail.post.modal.title'), 24),
    close: plain(translate(locale, 'mail.post.modal.cancel'), 24),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(text) } }],
  };
}

export function registerLetters(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    LETTER_POSTED_ACTION,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const locale = quickLocale(runtime, userId);
      const reach = {
        client,
        userId,
        channelId: body.channel?.id ?? null,
        ...(body.response_url ? { respond } : {}),
      };
      const found = await letterReference(runtime.deps, action.value ?? '').catch(() => null);
      if (!found) {
        await tellPrivately(runtime, reach, { text: translate(locale, 'mail.post.unknown') });
        return;
      }
      const today = runtime.deps.calendar.localDate(runtime.deps.clock.now());
      const meta: Meta = { id: action.value ?? '', locale, ch: body.channel?.id ?? null };
      await openView(runtime, reach, body.trigger_id, postedView(meta, found.reference, today));
    },
  );

  app.view(LETTER_POSTED_VIEW, async ({ ack, body, view, client }) => {
    const meta = parseMeta(view.private_metadata);
    if (!meta) {
      await ack();
      return;
    }
    // The datepicker's value, whatever its action id (one element in the block).
    const picked = Object.values(view.state.values[DATE_BLOCK] ?? {})[0];
    const postedOn = picked?.selected_date ?? '';
    try {
      const actor = await identify(runtime, body.user.id);
      const result = await letterPosted(runtime.deps, {
        actor: { kind: 'person', person: actor.person },
        correspondenceId: meta.id,
        postedOn,
        requestKey: `slack:view:${view.id}`,
      });
      const on = result.correspondence.postedOn ?? postedOn;
      const text = translate(
        actor.locale,
        result.duplicate ? 'mail.post.already' : 'mail.post.done',
        { reference: result.reference, date: letterDate(actor.locale, on) },
      );
      await ack({ response_action: 'update', view: doneView(actor.locale, text) });
      if (meta.ch) {
        await client.chat
          .postEphemeral({ channel: meta.ch, user: body.user.id, text: mrkdwn(text) })
          .catch(() => {});
      }
    } catch (error) {
      const text =
        isDomainError(error) && error.details.field === 'postedOn'
          ? translate(meta.locale, 'mail.post.bad_date')
          : errorText(runtime, meta.locale, error);
      await ack({ response_action: 'errors', errors: { [DATE_BLOCK]: text.slice(0, 150) } });
    }
  });
}
