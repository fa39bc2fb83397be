import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from './cards/types.js';

/**
 * Answers an Action.Execute ourselves: teams-ai would broadcast a returned card that has a
 * `refresh` to everyone (updateActivity), which defeats user-specific views (STACK-NOTES).
 */
export async function answerInvoke(turn: TurnContext, json: AdaptiveCardJson): Promise<void> {
  await turn.sendActivity({
    type: 'invokeResponse',
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: json },
    },
  });
}
