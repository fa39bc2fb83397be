import type { App } from '@slack/bolt';
import { translate } from '../../../app/messages/catalogue.js';
import { attachSlackFiles, slackText } from '../attachments.js';
import { identify, type SlackRuntime } from '../runtime.js';
import { publishHome } from './open-lists.js';

const REFERENCE = /\bKL-\d{4}-\d{1,9}\b/i;

/** The shape of a DM with files, as far as this listener reads it. */
interface FileShare {
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  files?: { id?: string }[];
}

/**
 * App Home: my reports, assigned to me (overdue first), and the open ones for overseers.
 * Files shared with the bot in its DM, with a reference in the text: stored on that complaint
 * when the person may see it; the answer goes back to the DM.
 */
export function registerEvents(app: App, runtime: SlackRuntime): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(runtime, client, event.user);
  });

  app.event('message', async ({ event, client }) => {
    const message = event as unknown as FileShare;
    const fileIds = (message.files ?? []).flatMap((f) => (f.id ? [f.id] : []));
    if (message.channel_type !== 'im' || message.bot_id || !message.user || fileIds.length === 0) {
      return;
    }
    if (message.subtype && message.subtype !== 'file_share') return;
    const actor = await identify(runtime, message.user);
    const reference = REFERENCE.exec(message.text ?? '')?.[0]?.toUpperCase() ?? null;
    const say = (text: string) =>
      client.chat.postMessage({ channel: message.channel, text: slackText(text) });
    if (!reference) {
      await say(translate(actor.locale, 'attachment.no_reference'));
      return;
    }
    const outcome = await attachSlackFiles(runtime, client, {
      person: actor.person,
      locale: actor.locale,
      complaintId: reference,
      reference,
      fileIds,
    });
    await say(outcome.text);
  });
}
