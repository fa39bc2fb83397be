import type { App, MessageShortcut } from '@slack/bolt';
import { reportView } from '../block-kit/forms.js';
import { REPORT_SHORTCUT } from '../ids.js';
import { modalLocale, type SlackRuntime } from '../runtime.js';
import { openView } from './open-view.js';

/** A permalink built from the payload, so no API call stands between the trigger and the modal. */
export function permalink(shortcut: MessageShortcut): string | null {
  const domain = shortcut.team?.domain;
  const ts = shortcut.message_ts ?? shortcut.message?.ts;
  if (!domain || !ts || !/^[a-z0-9-]+$/i.test(domain)) return null;
  return `https://${domain}.slack.com/archives/${shortcut.channel.id}/p${ts.replace('.', '')}`;
}

/** "Meld als klacht" on a message: the report modal, prefilled with its text and link. */
export function registerShortcuts(app: App, runtime: SlackRuntime): void {
  app.shortcut<MessageShortcut>(
    { callback_id: REPORT_SHORTCUT, type: 'message_action' },
    async ({ shortcut, ack, client, respond }) => {
      await ack();
      const locale = await modalLocale(runtime, shortcut.user.id);
      const text = shortcut.message?.text ?? '';
      const view = reportView(runtime.org, locale, text ? { description: text } : {}, {
        locale,
        sourceLink: permalink(shortcut),
      });
      const reach = {
        client,
        userId: shortcut.user.id,
        channelId: shortcut.channel.id,
        ...(shortcut.response_url ? { respond } : {}),
      };
      await openView(runtime, reach, shortcut.trigger_id, view);
    },
  );
}
