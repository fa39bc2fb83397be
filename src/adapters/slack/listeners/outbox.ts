import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { REDRIVE_ACTION_ID, redriveFromChat } from '../../../app/redrive-outbox.js';
import { errorText, identify, type SlackRuntime, slackErrorCode } from '../runtime.js';

/**
 * The "send again" button under the quality adviser's daily list of parked messages. Anyone
 * who sees it may click; the use case lets only the quality adviser re-drive (and audits).
 */
export function registerOutboxActions(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    REDRIVE_ACTION_ID,
    async ({ ack, body, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const { person, locale } = await identify(runtime, userId);
      let text: string;
      try {
        const result = await redriveFromChat(runtime.deps, person, locale);
        if (result.requeued) runtime.wakeOutbox();
        text = result.text;
      } catch (error) {
        text = errorText(runtime, locale, error);
      }
      try {
        const channel = body.channel?.id;
        if (!channel) throw new Error('no channel');
        await client.chat.postEphemeral({ channel, user: userId, text });
      } catch (error) {
        runtime.logger.warn({ code: slackErrorCode(error) }, 'postEphemeral failed; response_url');
        if (body.response_url) {
          await respond({ response_type: 'ephemeral', replace_original: false, text });
        }
      }
    },
  );
}
