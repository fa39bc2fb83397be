import type { App } from '@slack/bolt';
import { revokeLinksAnswer, revokeRequestIn } from '../../../app/complainant-portal.js';
import { exportRequestIn } from '../../../app/export-register.js';
import { translate } from '../../../app/messages/catalogue.js';
import { reportView } from '../block-kit/forms.js';
import { listMessage } from '../block-kit/lists.js';
import { renderDetail } from '../block-kit/message.js';
import { escapeMrkdwn } from '../block-kit/text.js';
import { confirmTexts } from '../delivery.js';
import { SLASH_COMMAND } from '../ids.js';
import { errorText, identify, modalLocale, quickLocale, type SlackRuntime } from '../runtime.js';
import { exportOnSlack } from './export.js';
import { measureRequestIn, measuresOnSlack } from './measures.js';
import { detailBlocks, listPage, listRequestIn, referenceIn } from './open-lists.js';
import { openView, tellPrivately } from './open-view.js';

const HELP = new Set(['help', 'hulp', '?']);
/** How long the duplicate check may take before the modal opens anyway (3 s trigger). */
const CLAIM_BUDGET_MS = 1_000;

/**
 * False when this exact request (its trigger id) was handled before: a replayed request. The
 * check fails open (database slow or down): the report modal must still open in time.
 */
async function firstTime(runtime: SlackRuntime, key: string): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const claim = runtime.deps.store.repository.claimRequestKey(key, runtime.deps.clock.now());
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), CLAIM_BUDGET_MS);
  });
  try {
    return await Promise.race([claim, late]);
  } catch {
    return true;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/klacht [text | KL-… | mijn | toegewezen | open | te-laat | rubriek <x> | export <period> |
 * help]`. The report modal opens before any other database work (3 s trigger).
 */
export function registerCommands(app: App, runtime: SlackRuntime): void {
  app.command(SLASH_COMMAND, async ({ command, ack, client, respond }) => {
    const text = command.text.trim();
    const quick = quickLocale(runtime, command.user_id);
    if (HELP.has(text.toLowerCase())) {
      // The help names placeholders like `<tekst>`: escaped, so Slack shows them as typed.
      await ack({ response_type: 'ephemeral', text: escapeMrkdwn(translate(quick, 'help.text')) });
      return;
    }
    await ack();
    if (!(await firstTime(runtime, `slack:command:${command.trigger_id}`))) return;
    const reach = { client, userId: command.user_id, channelId: command.channel_id, respond };
    const revoke = revokeRequestIn(text);
    if (revoke !== null) {
      let locale = quick;
      try {
        const actor = await identify(runtime, command.user_id);
        locale = actor.locale;
        const answer = await revokeLinksAnswer(runtime.deps, actor.person, revoke, locale);
        await tellPrivately(runtime, reach, { text: escapeMrkdwn(answer) });
      } catch (error) {
        await tellPrivately(runtime, reach, { text: errorText(runtime, locale, error) });
      }
      return;
    }
    const exportPeriod = exportRequestIn(text);
    if (exportPeriod !== null) {
      await exportOnSlack(runtime, reach, exportPeriod);
      return;
    }
    const measureRequest = measureRequestIn(text);
    if (measureRequest) {
      await measuresOnSlack(runtime, reach, command.trigger_id, measureRequest);
      return;
    }
    const reference = referenceIn(text);
    const list = reference ? null : listRequestIn(text);
    if (reference || list) {
      let locale = quick;
      try {
        const actor = await identify(runtime, command.user_id);
        locale = actor.locale;
        if (reference) {
          const rendered = renderDetail(
            await detailBlocks(runtime, actor, reference),
            confirmTexts(locale),
          );
          await tellPrivately(runtime, reach, rendered);
        } else if (list) {
          const page = await listPage(runtime, actor, list);
          await tellPrivately(runtime, reach, listMessage(runtime.org, locale, page));
        }
      } catch (error) {
        await tellPrivately(runtime, reach, { text: errorText(runtime, locale, error) });
      }
      return;
    }
    const locale = await modalLocale(runtime, command.user_id);
    const view = reportView(runtime.org, locale, text ? { description: text } : {}, {
      locale,
      sourceLink: null,
    });
    await openView(runtime, reach, command.trigger_id, view);
    void runtime.users.info(command.user_id); // warm the locale cache for the submission
  });
}
