import type { RespondFn, types, webApi } from '@slack/bolt';
import { translate } from '../../../app/messages/catalogue.js';
import { escapeMrkdwn } from '../block-kit/text.js';
import { quickLocale, type SlackRuntime, slackErrorCode } from '../runtime.js';

type WebClient = webApi.WebClient;
type View = types.View;

/** Where a listener can reach the person who clicked or typed, privately. */
export interface Reach {
  client: WebClient;
  userId: string;
  /** The conversation of the click or command, if any (an ephemeral note goes there). */
  channelId?: string | null | undefined;
  /** Bolt's `respond`, only when the request carried a response_url. */
  respond?: RespondFn | undefined;
}

export interface PrivateMessage {
  text: string;
  blocks?: types.KnownBlock[];
}

type Way = 'response_url' | 'ephemeral' | 'dm';

/**
 * Shows a message to one person, trying each way in turn until one works: the response_url
 * (it reaches them where the bot is no member, but can be used up or expired), an ephemeral
 * note in the conversation, and a direct message from the bot as the last resort.
 */
export async function tellPrivately(
  runtime: SlackRuntime,
  reach: Reach,
  message: PrivateMessage,
  order: readonly Way[] = ['response_url', 'ephemeral', 'dm'],
  replaceOriginal = false,
): Promise<boolean> {
  const { client, userId, channelId, respond } = reach;
  for (const way of order) {
    try {
      if (way === 'response_url' && respond) {
        await respond({
          response_type: 'ephemeral',
          replace_original: replaceOriginal,
          ...message,
        });
        return true;
      }
      if (way === 'ephemeral' && channelId) {
        await client.chat.postEphemeral({ channel: channelId, user: userId, ...message });
        return true;
      }
      if (way === 'dm') {
        const dm = (await client.conversations.open({ users: userId })).channel?.id;
        if (dm) {
          await client.chat.postMessage({ channel: dm, ...message });
          return true;
        }
      }
    } catch (error) {
      runtime.logger.warn({ way, code: errorCode(error) }, 'private message failed; next way');
    }
  }
  runtime.logger.warn({}, 'private message could not be delivered in any way');
  return false;
}

/** Bolt's RespondError has a status code, a Web API error a code. */
function errorCode(error: unknown): string {
  const status = (error as { statusCode?: number }).statusCode;
  return status ? `http_${status}` : slackErrorCode(error);
}

/**
 * views.open (or views.push inside a modal) for a trigger. A trigger lives 3 s and works once
 * (`expired_trigger_id`, `trigger_exchanged`); when the view does not open, the person is told
 * so privately and asked to try again, instead of seeing nothing happen.
 */
export async function openView(
  runtime: SlackRuntime,
  reach: Reach,
  triggerId: string,
  view: View,
  push = false,
): Promise<boolean> {
  try {
    const args = { trigger_id: triggerId, view };
    await (push ? reach.client.views.push(args) : reach.client.views.open(args));
    return true;
  } catch (error) {
    runtime.logger.warn({ code: slackErrorCode(error), push }, 'view could not be opened');
    const locale = quickLocale(runtime, reach.userId);
    await tellPrivately(runtime, reach, {
      text: escapeMrkdwn(translate(locale, 'error.view_not_opened')),
    });
    return false;
  }
}
