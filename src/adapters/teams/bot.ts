import { Application, type TurnState } from '@microsoft/teams-ai';
import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  type TaskModuleTaskInfo,
  TurnContext,
} from 'botbuilder';
import {
  REVOKE_LINKS_TEXT,
  revokeLinksAnswer,
  revokeRequestIn,
} from '../../app/complainant-portal.js';
import { translator } from '../../app/messages/catalogue.js';
import { reportedNotice } from '../../app/report-complaint.js';
import type { Locale } from '../../domain/people.js';
import { executeCardAction } from './actions.js';
import { registerAttachmentMessages } from './attachments.js';
import { renderTextCard } from './cards/message-card.js';
import { REPORT_VERB } from './cards/report-form.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, identifyUser, replyLocale, type TeamsContext } from './context.js';
import { registerCorrespondence } from './correspondence.js';
import { answerInvoke } from './invoke.js';
import { registerLetterActions } from './letters.js';
import { registerListsAndOpen } from './lists.js';
import { registerMeasures } from './measures.js';
import { registerOutboxActions } from './outbox.js';
import { reportForm, submitReport } from './report.js';
import { registerPeopleSearch } from './search.js';

export const REPORT_MESSAGE_COMMAND = 'kb_report_message';

const card = (json: AdaptiveCardJson) => MessageFactory.attachment(CardFactory.adaptiveCard(json));

/** Stores where to reach the user (or channel) again: on every turn, install and update. */
async function rememberConversation(ctx: TeamsContext, turn: TurnContext): Promise<void> {
  const a = turn.activity;
  if (!a.serviceUrl || !a.conversation?.id) return;
  const personal = !a.conversation.isGroup && a.conversation.conversationType !== 'channel';
  const aadObjectId = a.from?.aadObjectId?.toLowerCase() ?? null;
  let personId: string | null = null;
  if (personal && aadObjectId) personId = (await identifyUser(ctx, turn)).id;
  const key = personal ? a.from.id : a.conversation.id.split(';')[0]!;
  await ctx.refs.save({
    key,
    personId,
    aadObjectId: personal ? aadObjectId : null,
    tenantId: a.conversation.tenantId ?? null,
    conversationId: a.conversation.id,
    serviceUrl: a.serviceUrl,
    reference: JSON.parse(JSON.stringify(TurnContext.getConversationReference(a))),
    updatedAt: ctx.deps.clock.now(),
  });
}

/** Strips the HTML Teams puts in a message body; the text stays data (bound, not templated). */
function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
    .slice(0, 3000);
}

export function createBot(ctx: TeamsContext): Application<TurnState> {
  const app = new Application<TurnState>({ startTypingTimer: false, removeRecipientMention: true });
  const locale = (turn: TurnContext) => replyLocale(ctx, turn);

  app.turn('beforeTurn', async (turn) => {
    try {
      await rememberConversation(ctx, turn);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'could not store the Teams conversation reference');
    }
    return true;
  });

  registerAttachmentMessages(app, ctx, locale);
  app.message(/^\s*klacht\s*$/i, async (turn) => {
    await turn.sendActivity(card(await reportForm(ctx, locale(turn), 'execute')));
  });
  registerListsAndOpen(app, ctx, locale, answerInvoke);
  registerMeasures(app, ctx, locale);
  registerCorrespondence(app, ctx, locale);
  app.message(REVOKE_LINKS_TEXT, async (turn) => {
    const loc = locale(turn);
    const reference = revokeRequestIn(turn.activity.text ?? '') ?? '';
    let text: string;
    try {
      text = await revokeLinksAnswer(ctx.deps, await identifyUser(ctx, turn), reference, loc);
    } catch (error) {
      text = errorText(ctx, loc, error);
    }
    await turn.sendActivity(text);
  });
  app.message(/^\s*help\s*$/i, async (turn) => {
    const t = translator(locale(turn));
    await turn.sendActivity(card(renderTextCard(t('home.title'), t('teams.help'))));
  });

  app.adaptiveCards.actionExecute<Record<string, unknown>>(/^kb_/, async (turn, _state, data) => {
    const loc = locale(turn);
    const verb = String(turn.activity.value?.action?.verb ?? '');
    let json: AdaptiveCardJson;
    try {
      if (verb === REPORT_VERB) {
        json = (await submitReport(ctx, turn, loc, data, 'execute')).card;
      } else {
        const person = await identifyUser(ctx, turn);
        json = await executeCardAction(ctx, turn, person, loc, verb, data);
      }
    } catch (error) {
      json = renderTextCard(translator(loc)('home.title'), '', errorText(ctx, loc, error));
    }
    await answerInvoke(turn, json);
    return '';
  });

  registerPeopleSearch(app, ctx);
  registerOutboxActions(app, ctx);
  registerLetterActions(app, ctx);

  app.messageExtensions.fetchTask(REPORT_MESSAGE_COMMAND, async (turn) => {
    const loc = locale(turn);
    const payload = turn.activity.value?.messagePayload as
      | { body?: { content?: string }; linkToMessage?: string }
      | undefined;
    const form = await reportForm(ctx, loc, 'submit', {
      description: plainText(payload?.body?.content ?? ''),
      sourceLink: payload?.linkToMessage ?? null,
    });
    return dialog(loc, form);
  });

  app.messageExtensions.submitAction<Record<string, unknown>>(
    REPORT_MESSAGE_COMMAND,
    async (turn, _state, data) => {
      const loc = locale(turn);
      try {
        const outcome = await submitReport(ctx, turn, loc, data ?? {}, 'submit');
        // The reference may still be pending (numbered within 30 s): say so, not "KL-…".
        if (outcome.ok) return reportedNotice(loc, outcome.reference);
        return dialog(loc, outcome.card);
      } catch (error) {
        return errorText(ctx, loc, error);
      }
    },
  );

  app.activity(ActivityTypes.InstallationUpdate, async (turn) => {
    if (turn.activity.action === 'add') {
      const t = translator(locale(turn));
      await turn.sendActivity(t('teams.welcome'));
    }
  });
  app.conversationUpdate('membersAdded', async () => {});
  app.activity(ActivityTypes.Message, async (turn) => {
    await turn.sendActivity(translator(locale(turn))('teams.unknown_message'));
  });
  return app;
}

function dialog(locale: Locale, form: AdaptiveCardJson): TaskModuleTaskInfo {
  return {
    title: translator(locale)('teams.report_message.title'),
    width: 'large',
    height: 'large',
    card: CardFactory.adaptiveCard(form),
  };
}
