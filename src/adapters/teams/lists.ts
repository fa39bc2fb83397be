import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { LIST_NAMES, type ListRequest, listComplaintPage } from '../../app/list-complaints.js';
import { translator } from '../../app/messages/catalogue.js';
import { composeComplaintDetail } from '../../app/messages/detail.js';
import { viewComplaintDetail } from '../../app/view-complaint.js';
import type { Locale } from '../../domain/people.js';
import {
  LIST_MORE_VERB,
  OPEN_VERB,
  renderDetailCard,
  renderListCard,
  TEAMS_PAGE_SIZE,
} from './cards/list-card.js';
import { renderTextCard } from './cards/message-card.js';
import type { AdaptiveCardJson } from './cards/types.js';
import { errorText, identifyUser, isPersonalChat, type TeamsContext } from './context.js';
import { registerExport } from './export.js';

type AnswerInvoke = (turn: TurnContext, json: AdaptiveCardJson) => Promise<void>;

const OPEN_REFERENCE = /^\s*(?:open|klacht)\s+(KL-\d{4}-\d{1,9})\s*$/i;
const LIST_MESSAGES: [RegExp, ListRequest['list']][] = [
  [/^\s*(?:mijn\s+klachten|mijn\s+meldingen|my\s+complaints|my\s+reports)\s*$/i, 'mine'],
  [/^\s*(?:toegewezen|assigned)\s*$/i, 'assigned'],
  [/^\s*(?:open\s+klachten|open\s+meldingen|open\s+complaints|open)\s*$/i, 'open'],
  [/^\s*(?:te\s*laat|overdue)\s*$/i, 'overdue'],
];
const CATEGORY = /^\s*(?:rubriek|category)\s+(.+?)\s*$/i;

const card = (json: AdaptiveCardJson) => MessageFactory.attachment(CardFactory.adaptiveCard(json));

async function detailCard(ctx: TeamsContext, turn: TurnContext, locale: Locale, ref: string) {
  try {
    const person = await identifyUser(ctx, turn);
    const detail = await viewComplaintDetail(ctx.deps, person, ref);
    const model = composeComplaintDetail(detail, locale);
    // The download links are signed for this person: never into a channel or group chat.
    return renderDetailCard(
      isPersonalChat(turn) ? model : { ...model, downloads: undefined },
      locale,
    );
  } catch (error) {
    // A complaint the person may not see gets the same sentence as an unknown reference.
    return renderTextCard(translator(locale)('home.title'), '', errorText(ctx, locale, error));
  }
}

async function listCard(
  ctx: TeamsContext,
  turn: TurnContext,
  locale: Locale,
  request: ListRequest,
): Promise<AdaptiveCardJson> {
  try {
    const person = await identifyUser(ctx, turn);
    const [page, categories] = await Promise.all([
      listComplaintPage(ctx.deps, person, { limit: TEAMS_PAGE_SIZE, ...request }),
      ctx.deps.store.repository.listCategories(),
    ]);
    const label = (key: string) => categories.find((c) => c.key === key)?.label[locale] ?? key;
    return renderListCard(page, locale, label);
  } catch (error) {
    return renderTextCard(translator(locale)('home.title'), '', errorText(ctx, locale, error));
  }
}

const moreData = z.object({
  list: z.enum(LIST_NAMES),
  offset: z.coerce.number().int().min(0),
  category: z.string().default(''),
});

/**
 * `open KL-…` / `klacht KL-…`, the lists (`mijn klachten`, `toegewezen`, `open klachten`,
 * `te laat`, `rubriek <naam>`) and their Open / More buttons, and `export <period>` (the
 * register, see ./export.ts). Registered before the generic `kb_` card handler and the
 * catch-all message route, so these win.
 */
export function registerListsAndOpen(
  app: Application<TurnState>,
  ctx: TeamsContext,
  locale: (turn: TurnContext) => Locale,
  answerInvoke: AnswerInvoke,
): void {
  registerExport(app, ctx, locale);
  app.message(OPEN_REFERENCE, async (turn) => {
    const reference = OPEN_REFERENCE.exec(turn.activity.text ?? '')?.[1] ?? '';
    await turn.sendActivity(card(await detailCard(ctx, turn, locale(turn), reference)));
  });
  for (const [pattern, list] of LIST_MESSAGES) {
    app.message(pattern, async (turn) => {
      await turn.sendActivity(card(await listCard(ctx, turn, locale(turn), { list })));
    });
  }
  app.message(CATEGORY, async (turn) => {
    const category = CATEGORY.exec(turn.activity.text ?? '')?.[1] ?? '';
    const json = await listCard(ctx, turn, locale(turn), { list: 'category', category });
    await turn.sendActivity(card(json));
  });

  app.adaptiveCards.actionExecute<Record<string, unknown>>(OPEN_VERB, async (turn, _s, data) => {
    const id = typeof data.complaintId === 'string' ? data.complaintId : '';
    await answerInvoke(turn, await detailCard(ctx, turn, locale(turn), id));
    return '';
  });
  app.adaptiveCards.actionExecute<Record<string, unknown>>(
    LIST_MORE_VERB,
    async (turn, _s, data) => {
      const parsed = moreData.safeParse(data);
      const loc = locale(turn);
      const json = parsed.success
        ? await listCard(ctx, turn, loc, {
            list: parsed.data.list,
            offset: parsed.data.offset,
            ...(parsed.data.category ? { category: parsed.data.category } : {}),
          })
        : renderTextCard(
            translator(loc)('home.title'),
            '',
            translator(loc)('error.unknown_action'),
          );
      await answerInvoke(turn, json);
      return '';
    },
  );
}
