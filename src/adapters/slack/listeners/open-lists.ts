import type { App, BlockAction, ButtonAction, types, webApi } from '@slack/bolt';
import { z } from 'zod';
import {
  type ComplaintPage,
  LIST_NAMES,
  type ListRequest,
  listComplaintPage,
  oversees,
} from '../../../app/list-complaints.js';
import { translate } from '../../../app/messages/catalogue.js';
import { composeComplaintDetail } from '../../../app/messages/detail.js';
import { viewComplaintDetail } from '../../../app/view-complaint.js';
import type { Locale } from '../../../domain/people.js';
import {
  homeView,
  type ListButtonValue,
  listMessage,
  SLACK_PAGE_SIZE,
} from '../block-kit/lists.js';
import { detailModal, renderDetail } from '../block-kit/message.js';
import { plain } from '../block-kit/text.js';
import { confirmTexts } from '../delivery.js';
import { LIST_MORE_ACTION, OPEN_COMPLAINT_ACTION } from '../ids.js';
import {
  errorText,
  identify,
  quickLocale,
  type SlackActor,
  type SlackRuntime,
} from '../runtime.js';
import { openView, tellPrivately } from './open-view.js';

type WebClient = webApi.WebClient;

const REFERENCE = /^(?:open\s+)?(KL-\d{4}-\d{1,9})$/i;
const LIST_WORDS: [RegExp, ListRequest['list']][] = [
  [/^(?:mijn|mine|my)$/i, 'mine'],
  [/^(?:toegewezen|assigned)$/i, 'assigned'],
  [/^open$/i, 'open'],
  [/^(?:te[-\s]?laat|overdue|late)$/i, 'overdue'],
];
const CATEGORY = /^(?:rubriek|category|categorie)\s+(.+)$/i;

/** `/klacht` text that names a complaint: its reference, else null. */
export function referenceIn(text: string): string | null {
  return REFERENCE.exec(text.trim())?.[1]?.toUpperCase() ?? null;
}

/** `/klacht` text that asks for a list (Dutch or English words), else null. */
export function listRequestIn(text: string): ListRequest | null {
  const word = text.trim();
  for (const [pattern, list] of LIST_WORDS) if (pattern.test(word)) return { list };
  const category = CATEGORY.exec(word)?.[1];
  return category ? { list: 'category', category } : null;
}

/** The complaint as this Slack user may see it, as Block Kit (or the not-found sentence). */
export async function detailBlocks(runtime: SlackRuntime, actor: SlackActor, reference: string) {
  const detail = await viewComplaintDetail(runtime.deps, actor.person, reference);
  return composeComplaintDetail(detail, actor.locale);
}

export async function listPage(
  runtime: SlackRuntime,
  actor: SlackActor,
  request: ListRequest,
): Promise<ComplaintPage> {
  return listComplaintPage(runtime.deps, actor.person, { limit: SLACK_PAGE_SIZE, ...request });
}

/** Publishes App Home; `shown` pages one list on (the others start at the top). */
export async function publishHome(
  runtime: SlackRuntime,
  client: WebClient,
  slackUserId: string,
  shown?: { list: ListRequest['list']; offset: number },
): Promise<void> {
  const actor = await identify(runtime, slackUserId);
  const offset = (list: ListRequest['list']) => (shown?.list === list ? shown.offset : 0);
  const [mine, assigned, open] = await Promise.all([
    listPage(runtime, actor, { list: 'mine', offset: offset('mine') }),
    listPage(runtime, actor, { list: 'assigned', offset: offset('assigned') }),
    oversees(actor.person)
      ? listPage(runtime, actor, { list: 'open', offset: offset('open') })
      : Promise.resolve(null),
  ]);
  await client.views.publish({
    user_id: slackUserId,
    view: homeView(runtime.org, actor.locale, { mine, assigned, open }),
  });
}

const moreValue = z.object({
  l: z.enum(LIST_NAMES),
  o: z.number().int().min(0),
  k: z.string().optional(),
  s: z.enum(['m', 'h']),
});

function parseMore(text: string | undefined): ListButtonValue | null {
  try {
    const parsed = moreValue.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? (parsed.data as ListButtonValue) : null;
  } catch {
    return null;
  }
}

function textModal(title: string, text: string, close: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain(close, 24),
    blocks: [{ type: 'section', text: plain(text, 3000) }],
  };
}

/**
 * "Open" on a list item and "more" under a list. From a message the answer goes through its
 * response_url (works where the bot is not a member); from App Home or a modal it is a modal.
 */
export function registerOpenAndLists(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    OPEN_COMPLAINT_ACTION,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const userId = body.user.id;
      let locale: Locale = quickLocale(runtime, userId);
      let modal: types.ModalView;
      let message: { text: string; blocks?: types.KnownBlock[] };
      try {
        const actor = await identify(runtime, userId);
        locale = actor.locale;
        const model = await detailBlocks(runtime, actor, action.value ?? '');
        const confirm = confirmTexts(locale);
        modal = detailModal(model, translate(locale, 'teams.back'), confirm);
        message = renderDetail(model, confirm);
      } catch (error) {
        const text = errorText(runtime, locale, error);
        modal = textModal(translate(locale, 'home.title'), text, 'OK');
        message = { text };
      }
      const reach = {
        client,
        userId,
        channelId: body.channel?.id ?? null,
        ...(body.response_url ? { respond } : {}),
      };
      if (body.view) {
        // Inside a modal a new view is pushed on its stack; App Home opens a modal.
        await openView(runtime, reach, body.trigger_id, modal, body.view.type === 'modal');
      } else {
        await tellPrivately(runtime, reach, message);
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    LIST_MORE_ACTION,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const value = parseMore(action.value);
      if (!value) return;
      const userId = body.user.id;
      const reach = {
        client,
        userId,
        channelId: body.channel?.id ?? null,
        ...(body.response_url ? { respond } : {}),
      };
      let locale: Locale = quickLocale(runtime, userId);
      try {
        if (value.s === 'h') {
          await publishHome(runtime, client, userId, { list: value.l, offset: value.o });
          return;
        }
        const actor = await identify(runtime, userId);
        locale = actor.locale;
        const page = await listPage(runtime, actor, {
          list: value.l,
          offset: value.o,
          ...(value.k ? { category: value.k } : {}),
        });
        // The next page replaces the list it was asked from.
        await tellPrivately(
          runtime,
          reach,
          listMessage(runtime.org, locale, page),
          undefined,
          true,
        );
      } catch (error) {
        await tellPrivately(runtime, reach, { text: errorText(runtime, locale, error) });
      }
    },
  );
}
