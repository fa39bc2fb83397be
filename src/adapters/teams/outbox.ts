import type { Application, TurnState } from '@microsoft/teams-ai';
import { translator } from '../../app/messages/catalogue.js';
import { REDRIVE_ACTION_ID, redriveFromChat } from '../../app/redrive-outbox.js';
import type { Locale } from '../../domain/people.js';
import { renderTextCard } from './cards/message-card.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, identifyUser, replyLocale, type TeamsContext } from './context.js';
import { answerInvoke } from './invoke.js';

/**
 * The "send again" button (`Action.Execute`, verb `outbox_retry_failed`) on the quality
 * adviser's daily list of parked messages; only the quality adviser may re-drive (the use case
 * decides and audits). The answer replaces the card for the clicker.
 */
export function registerOutboxActions(app: Application<TurnState>, ctx: TeamsContext): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>(REDRIVE_ACTION_ID, async (turn) => {
    const locale = replyLocale(ctx, turn);
    const title = translator(locale)('parked.retry');
    let json: AdaptiveCardJson;
    try {
      const person = await identifyUser(ctx, turn);
      const result = await redriveFromChat(ctx.deps, person, locale);
      if (result.requeued) ctx.wakeOutbox();
      json = renderTextCard(title, result.text);
    } catch (error) {
      json = renderTextCard(title, '', errorText(ctx, locale, error));
    }
    await answerInvoke(turn, json);
    return '';
  });
}

/** The parked-messages card with its re-drive button (the shared card has complaint buttons only). */
export function withRedriveButton(card: AdaptiveCardJson, locale: Locale): AdaptiveCardJson {
  const actions = Array.isArray(card.actions) ? card.actions : [];
  return {
    ...card,
    actions: [
      ...actions,
      {
        type: 'Action.Execute',
        verb: REDRIVE_ACTION_ID,
        title: translator(locale)('parked.retry'),
        style: 'positive',
        data: {},
      },
    ],
  };
}
