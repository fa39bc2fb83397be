import type { Application, TurnState } from '@microsoft/teams-ai';
import {
  COMPLAINANT_LETTER_KIND,
  LETTER_POSTED_ACTION,
  type LetterMessageModel,
  letterDate,
  letterPosted,
} from '../../app/complainant-mail.js';
import { translate, translator } from '../../app/messages/catalogue.js';
import { isDomainError } from '../../domain/errors.js';
import type { Locale } from '../../domain/people.js';
import { signToken } from '../http/signed-token.js';
import { renderMessageCard, renderTextCard } from './cards/message-card.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, identifyUser, replyLocale, type TeamsContext } from './context.js';
import { answerInvoke } from './invoke.js';

/**
 * A letter to post in Teams (issue 11). A 1:1 chat takes no file without a consent card, so
 * the card links to a private download (GET /brief?t=…, the route in adapters/letters: a
 * token for this person and letter, valid 7 days), asks the day it was posted (today by
 * default) and records it with "Verstuurd per post" (`Action.Execute`, verb `letter_posted`).
 */
const DOWNLOAD_PATH = '/brief';
const DOWNLOAD_DAYS = 7;
const DAY_MS = 86_400_000;

/** The private download URL of a letter for one person; null without complainant settings. */
export function letterDownloadUrl(
  ctx: Pick<TeamsContext, 'deps'>,
  correspondenceId: string,
  personId: string,
): string | null {
  const settings = ctx.deps.complainant;
  if (!settings) return null;
  const token = signToken(settings.linkSecret, {
    purpose: 'download',
    sub: `letter:${correspondenceId}`,
    pid: personId,
    exp: Math.floor((ctx.deps.clock.now().getTime() + DOWNLOAD_DAYS * DAY_MS) / 1000),
  });
  const base = settings.publicBaseUrl.replace(/\/+$/, '');
  return `${base}${DOWNLOAD_PATH}?t=${encodeURIComponent(token)}`;
}

/** The letter's card: the shared message card, the download link, the date and the button. */
export function letterCard(
  ctx: Pick<TeamsContext, 'deps'>,
  model: LetterMessageModel,
  locale: Locale,
  personId: string,
): AdaptiveCardJson {
  const t = translator(locale);
  const posted = model.letter.postedOn !== null;
  const card = renderMessageCard(
    { ...model, intro: posted ? model.intro : t('mail.post.intro.teams') },
    locale,
    { kind: COMPLAINANT_LETTER_KIND },
  );
  const body = Array.isArray(card.body) ? [...card.body] : [];
  const actions: Record<string, unknown>[] = Array.isArray(card.actions) ? [...card.actions] : [];
  const url = letterDownloadUrl(ctx, model.letter.correspondenceId, personId);
  if (url) actions.push({ type: 'Action.OpenUrl', title: t('mail.post.download'), url });
  if (!posted) {
    body.push({
      type: 'Input.Date',
      id: 'postedOn',
      label: t('mail.post.date'),
      isRequired: true,
      errorMessage: t('mail.post.bad_date'),
      value: ctx.deps.calendar.localDate(ctx.deps.clock.now()),
    });
    actions.push({
      type: 'Action.Execute',
      verb: LETTER_POSTED_ACTION,
      title: t('mail.post.button'),
      style: 'positive',
      data: { correspondenceId: model.letter.correspondenceId },
    });
  }
  return { ...card, body, actions };
}

export function registerLetterActions(app: Application<TurnState>, ctx: TeamsContext): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>(
    LETTER_POSTED_ACTION,
    async (turn, _state, data) => {
      const locale = replyLocale(ctx, turn);
      const title = translate(locale, 'mail.post.modal.title');
      const correspondenceId =
        typeof data?.correspondenceId === 'string' ? data.correspondenceId : '';
      const postedOn = typeof data?.postedOn === 'string' ? data.postedOn : '';
      let json: AdaptiveCardJson;
      try {
        const person = await identifyUser(ctx, turn);
        const result = await letterPosted(ctx.deps, {
          actor: { kind: 'person', person },
          correspondenceId,
          postedOn,
          ...(turn.activity.id ? { requestKey: `teams:${turn.activity.id}` } : {}),
        });
        const on = result.correspondence.postedOn ?? postedOn;
        json = renderTextCard(
          title,
          translate(locale, result.duplicate ? 'mail.post.already' : 'mail.post.done', {
            reference: result.reference,
            date: letterDate(locale, on),
          }),
        );
      } catch (error) {
        const text =
          isDomainError(error) && error.details.field === 'postedOn'
            ? translate(locale, 'mail.post.bad_date')
            : errorText(ctx, locale, error);
        json = renderTextCard(title, '', text);
      }
      await answerInvoke(turn, json);
      return '';
    },
  );
}
