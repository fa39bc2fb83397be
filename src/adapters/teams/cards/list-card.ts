import type { ComplaintPage, ListName } from '../../../app/list-complaints.js';
import { formatLocalDate, type MessageKey, translator } from '../../../app/messages/catalogue.js';
import type { ComplaintDetailModel } from '../../../app/messages/detail.js';
import type { Locale } from '../../../domain/people.js';
import { renderMessageCard } from './message-card.js';
import type { AdaptiveCardJson } from './types.js';

/** Verbs of the list buttons; routed in bot.ts before the generic `kb_` handler. */
export const OPEN_VERB = 'kb_open';
export const LIST_MORE_VERB = 'kb_list_more';

/** Hosts show at most five card actions (the SDK's default host config): four "Open" and "More". */
export const TEAMS_PAGE_SIZE = 4;

/** What "More" carries. */
export interface ListMoreData {
  list: ListName;
  offset: number;
  category: string;
}

const TITLES: Record<ListName, MessageKey> = {
  mine: 'list.mine.title',
  assigned: 'list.assigned.title',
  open: 'list.open.title',
  overdue: 'list.overdue.title',
  category: 'list.category.title',
};

function execute(title: string, verb: string, data: Record<string, unknown>) {
  return { type: 'Action.Execute', title, verb, data };
}

/**
 * A list page on the existing `message` template: one fact per complaint, an Open button per
 * complaint and "More" for the next page. The texts are bound as data by the template; the
 * buttons are plain card JSON whose data holds only ids and numbers.
 */
export function renderListCard(
  page: ComplaintPage,
  locale: Locale,
  categoryLabel: (key: string) => string,
): AdaptiveCardJson {
  const t = translator(locale);
  const title = t(TITLES[page.list], {
    category: page.category ? categoryLabel(page.category.key) : '',
  });
  const intro = page.restricted
    ? t('list.restricted')
    : page.items.length === 0
      ? t('list.empty')
      : page.offset > 0 || page.nextOffset !== null
        ? t('list.range', { from: page.offset + 1, to: page.offset + page.items.length })
        : null;
  const card = renderMessageCard(
    {
      summary: title,
      title,
      intro,
      facts: page.items.map((item) => ({
        label: item.overdue.length > 0 ? `⚠ ${item.reference}` : item.reference,
        value: [
          t(`status.${item.status}` as MessageKey),
          categoryLabel(item.categoryKey),
          item.nextDeadline
            ? t('list.next_deadline', {
                milestone: t(`milestone.${item.nextDeadline.milestone}` as MessageKey),
                due: formatLocalDate(locale, item.nextDeadline.due),
              })
            : '',
          item.overdue.length > 0 ? t('list.overdue_marker') : '',
        ]
          .filter(Boolean)
          .join(' · '),
      })),
      sections: [],
      actions: [],
      footer: null,
      complaint: null,
    },
    locale,
    { kind: 'list' },
  );
  const actions = page.items.map((item) =>
    execute(t('list.open_item', { reference: item.reference }), OPEN_VERB, {
      complaintId: item.id,
      version: 0,
      kind: 'handler_card',
    }),
  );
  if (page.nextOffset !== null) {
    const more: ListMoreData = {
      list: page.list,
      offset: page.nextOffset,
      category: page.category?.key ?? '',
    };
    actions.push(execute(t('list.more'), LIST_MORE_VERB, { ...more }));
  }
  return { ...card, actions };
}

/**
 * A complaint opened by reference: the full message card (texts whole, one TextBlock each),
 * the history as the last section, and the viewer's actions with the usual `kb_<command>`
 * verbs and card data, so the existing card handler runs them.
 */
export function renderDetailCard(model: ComplaintDetailModel, locale: Locale): AdaptiveCardJson {
  const { timeline, downloads, ...message } = model;
  const sections = [...message.sections];
  if (timeline.entries.length > 0) {
    sections.push({ heading: timeline.heading, text: timeline.entries.join('\n\n') });
  }
  const card = renderMessageCard({ ...message, sections }, locale, { kind: 'handler_card' });
  if (!downloads || downloads.links.length === 0) return card;
  // The private download links (signed for this viewer), added to the expanded card: the
  // file names are titles of Action.OpenUrl, shown as plain text, never templated.
  const body = (card.body as unknown[] | undefined) ?? [];
  return {
    ...card,
    body: [
      ...body,
      {
        type: 'ActionSet',
        actions: downloads.links.map((l) => ({
          type: 'Action.OpenUrl',
          title: l.label,
          url: l.url,
        })),
      },
      ...(downloads.hint
        ? [{ type: 'TextBlock', text: downloads.hint, wrap: true, isSubtle: true, size: 'Small' }]
        : []),
    ],
  };
}
