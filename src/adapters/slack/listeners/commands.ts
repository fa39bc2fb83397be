import type { App } from '@slack/bolt';
import { listMyReports } from '../../../app/list-complaints.js';
import { translate } from '../../../app/messages/catalogue.js';
import { reportView } from '../block-kit/forms.js';
import { myReportsBlocks } from '../block-kit/lists.js';
import { SLASH_COMMAND } from '../ids.js';
import { errorText, identify, quickLocale, type SlackRuntime } from '../runtime.js';

const HELP = new Set(['help', 'hulp', '?']);
const MINE = new Set(['mijn', 'mine', 'my']);

/** `/klacht [text | mijn | help]`. The modal opens before any database work (3 s trigger). */
export function registerCommands(app: App, runtime: SlackRuntime): void {
  app.command(SLASH_COMMAND, async ({ command, ack, client, respond }) => {
    const text = command.text.trim();
    const word = text.toLowerCase();
    const quick = quickLocale(runtime, command.user_id);
    if (HELP.has(word)) {
      await ack({ response_type: 'ephemeral', text: translate(quick, 'help.text') });
      return;
    }
    await ack();
    if (MINE.has(word)) {
      let locale = quick;
      try {
        const actor = await identify(runtime, command.user_id);
        locale = actor.locale;
        const items = await listMyReports(runtime.deps, actor.person);
        const blocks = myReportsBlocks(runtime.org, locale, items);
        await respond({
          response_type: 'ephemeral',
          text: translate(locale, 'list.my_reports.title'),
          blocks,
        });
      } catch (error) {
        await respond({ response_type: 'ephemeral', text: errorText(runtime, locale, error) });
      }
      return;
    }
    const view = reportView(runtime.org, quick, text ? { description: text } : {}, {
      locale: quick,
      sourceLink: null,
    });
    await client.views.open({ trigger_id: command.trigger_id, view });
    void runtime.users.info(command.user_id); // warm the locale cache for the submission
  });
}
