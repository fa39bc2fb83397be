import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { translate } from '../../../app/messages/catalogue.js';
import { COMMANDS_WITH_FORM, commandOfAction } from '../../../app/messages/model.js';
import { runCommand } from '../../../app/run-command.js';
import { COMMANDS } from '../../../domain/lifecycle.js';
import { commandView, reportView } from '../block-kit/forms.js';
import { OPEN_REPORT_ACTION } from '../ids.js';
import { errorText, identify, modalLocale, quickLocale, type SlackRuntime } from '../runtime.js';
import { registerOpenAndLists } from './open-lists.js';
import { openView, tellPrivately } from './open-view.js';

const buttonValue = z.object({ c: z.string().min(1), v: z.number().int(), r: z.string() });

function parseValue(text: string | undefined) {
  try {
    const parsed = buttonValue.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Every `kb_` button but "open" and "more" (registered on their own in open-lists.ts) and the
 * measures' `kb_m_…` (listeners/measures.ts).
 */
const COMMAND_BUTTON = /^kb_(?!open$|list_more$|m_)/;

/**
 * Buttons `kb_<command>`. Anyone who sees a button can click it, so every click is
 * re-authorised by the use case; refusals are an ephemeral note and change nothing.
 */
export function registerActions(app: App, runtime: SlackRuntime): void {
  registerOpenAndLists(app, runtime);
  app.action<BlockAction<ButtonAction>>(
    COMMAND_BUTTON,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const userId = body.user.id;
      const channel = body.channel?.id ?? null;
      const quick = quickLocale(runtime, userId);
      const reach = {
        client,
        userId,
        channelId: channel,
        ...(body.response_url ? { respond } : {}),
      };
      /**
       * A private note to the clicker: ephemeral first; where the bot is not a member (a card
       * forwarded into another channel) the click's response_url, and else a direct message.
       */
      const tell = (text: string) =>
        tellPrivately(runtime, reach, { text }, ['ephemeral', 'response_url', 'dm']);
      // Inside a modal (a complaint opened from App Home) a form is pushed on the modal's stack.
      const openForm = (view: Parameters<typeof client.views.open>[0]['view']) =>
        openView(runtime, reach, body.trigger_id, view, body.view?.type === 'modal');

      if (action.action_id === OPEN_REPORT_ACTION) {
        const locale = await modalLocale(runtime, userId);
        const view = reportView(runtime.org, locale, {}, { locale, sourceLink: null });
        await openView(runtime, reach, body.trigger_id, view);
        return;
      }
      const command = commandOfAction(action.action_id);
      const value = parseValue(action.value);
      if (!command || !COMMANDS.includes(command) || command === 'auto_close' || !value) {
        await tell(translate(quick, 'error.unknown_action'));
        return;
      }
      if (COMMANDS_WITH_FORM.includes(command)) {
        const view = commandView(
          { c: value.c, v: value.v, cmd: command, locale: quick, ch: channel },
          value.r,
        );
        await openForm(view);
        void runtime.users.info(userId);
        return;
      }
      let locale = quick;
      try {
        const actor = await identify(runtime, userId);
        locale = actor.locale;
        const result = await runCommand(runtime.deps, {
          complaint: value.c,
          actor: { kind: 'person', person: actor.person },
          command,
          payload: {},
          expectedVersion: value.v,
          // The same button on the same card version, by the same person: a double click.
          requestKey: `slack:click:${value.c}:v${value.v}:${command}:${userId}`,
        });
        if (result.duplicate) return;
        runtime.wakeOutbox();
        await tell(
          translate(locale, 'done.command', {
            action: translate(locale, `action.${command}`).replace(/…$/, ''),
            reference: result.complaint.reference,
          }),
        );
      } catch (error) {
        await tell(errorText(runtime, locale, error));
      }
    },
  );
}
