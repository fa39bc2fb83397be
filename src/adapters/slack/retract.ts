import type { webApi } from '@slack/bolt';
import { type MessageRetractor, postedMessageKind } from '../../app/jobs/ports.js';
import type { Repository } from '../../app/ports.js';
import { escapeMrkdwn } from './block-kit/text.js';
import { slackErrorCode } from './runtime.js';

type WebClient = webApi.WebClient;

/** delivery.ts's SURFACE (not imported: delivery.ts imports this file). */
const SURFACE = 'slack';

/** The message, or the conversation it was in, no longer exists: nothing left to retract. */
const GONE = new Set([
  'message_not_found',
  'channel_not_found',
  'is_archived',
  'account_inactive',
  'user_disabled',
]);

/**
 * Retention's Slack side (issue 13): a message the bot posted about a complaint is replaced
 * by the retention notice (chat.update: text and one section, no buttons). One the bot may not
 * edit is deleted instead (chat.delete). Errors a later run may get past (rate limits, an
 * outage, a revoked token) are thrown: the message stays recorded.
 */
export function createSlackRetractor(client: WebClient): MessageRetractor {
  return {
    surface: SURFACE,
    async retract(message, text) {
      const at = { channel: message.channelId, ts: message.messageId };
      try {
        await client.chat.update({
          ...at,
          text,
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }],
        });
        return 'retracted';
      } catch (error) {
        const code = slackErrorCode(error);
        if (GONE.has(code)) return 'gone';
        if (code !== 'cant_update_message') throw error;
      }
      try {
        await client.chat.delete(at);
        return 'retracted';
      } catch (error) {
        if (GONE.has(slackErrorCode(error))) return 'gone';
        throw error;
      }
    },
  };
}

/**
 * Records a direct message the bot posted about a complaint that is not its live card (the
 * receipt, an outcome, a reminder), so retention can retract it later. Called by the Slack
 * delivery adapter once a post (or an earlier post of the same outbox message) is known.
 */
export async function recordPostedMessage(
  repo: Pick<Repository, 'saveMessageRef'>,
  posted: {
    outboxId: number;
    complaintId: string;
    personId: string;
    channel: string;
    ts: string;
    at: Date;
  },
): Promise<void> {
  if (!posted.ts) return;
  await repo.saveMessageRef({
    complaintId: posted.complaintId,
    personId: posted.personId,
    surface: SURFACE,
    kind: postedMessageKind(posted.outboxId),
    channelId: posted.channel,
    messageId: posted.ts,
    updatedAt: posted.at,
  });
}
