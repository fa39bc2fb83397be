import type { types } from '@slack/bolt';
import type { ComplaintPage, ComplaintSummary, ListName } from '../../../app/list-complaints.js';
import { formatLocalDate, type MessageKey, translator } from '../../../app/messages/catalogue.js';
import type { OrgConfig } from '../../../config/org-file.js';
import type { Locale } from '../../../domain/people.js';
import { LIST_MORE_ACTION, OPEN_COMPLAINT_ACTION, OPEN_REPORT_ACTION } from '../ids.js';
import { LIMITS, mrkdwn, plain, truncate } from './text.js';

type Block = types.KnownBlock;

/** Items per page in Slack: one section each, so a Home tab with three lists stays far below 100 blocks. */
export const SLACK_PAGE_SIZE = 10;

/** Where a list is shown: in a message (`m`, via response_url) or on App Home (`h`). */
export type ListPlace = 'm' | 'h';

/** What the "more" button carries: list, offset, category and place. */
export interface ListButtonValue {
  l: ListName;
  o: number;
  k?: string;
  s: ListPlace;
}

/** One line per complaint: reference · status · category, next deadline, overdue marker. */
export function summaryLine(org: OrgConfig, locale: Locale, item: ComplaintSummary): string {
  const t = translator(locale);
  const category =
    org.categories.find((c) => c.key === item.categoryKey)?.label[locale] ?? item.categoryKey;
  let line = t('list.item', {
    reference: item.reference,
    status: t(`status.${item.status}` as MessageKey),
    category,
  });
  if (item.nextDeadline) {
    line += ` · ${t('list.next_deadline', {
      milestone: t(`milestone.${item.nextDeadline.milestone}` as MessageKey),
      due: formatLocalDate(locale, item.nextDeadline.due),
    })}`;
  }
  return line;
}

export function summaryLines(org: OrgConfig, locale: Locale, items: readonly ComplaintSummary[]) {
  return items.map((item) => summaryLine(org, locale, item));
}

const MESSAGE_TITLES: Record<ListName, MessageKey> = {
  mine: 'list.mine.title',
  assigned: 'list.assigned.title',
  open: 'list.open.title',
  overdue: 'list.overdue.title',
  category: 'list.category.title',
};
const HOME_TITLES: Partial<Record<ListName, MessageKey>> = {
  mine: 'home.my_reports',
  assigned: 'home.assigned',
  open: 'home.open',
  overdue: 'home.overdue',
};

function moreButton(text: string, value: ListButtonValue): types.Button {
  return {
    type: 'button',
    action_id: LIST_MORE_ACTION,
    text: plain(text, LIMITS.buttonText),
    value: JSON.stringify(value),
  };
}

/**
 * A list page: a header, one section per complaint with an Open button, and "more" (plus
 * "back to the start" after the first page). Text is escaped; nothing is cut mid-entity.
 */
export function listBlocks(
  org: OrgConfig,
  locale: Locale,
  page: ComplaintPage,
  place: ListPlace,
): Block[] {
  const t = translator(locale);
  const titleKey =
    (place === 'h' ? HOME_TITLES[page.list] : undefined) ?? MESSAGE_TITLES[page.list];
  const category = page.category?.label[locale] ?? page.category?.key ?? '';
  const blocks: Block[] = [
    { type: 'header', text: plain(t(titleKey, { category }), LIMITS.header) },
  ];
  if (page.restricted || page.items.length === 0) {
    const text = page.restricted ? t('list.restricted') : t('list.empty');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(text) } });
  }
  for (const item of page.items) {
    const overdue = item.overdue.length > 0 ? `:warning: ` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: overdue + mrkdwn(summaryLine(org, locale, item), 2900) },
      accessory: {
        type: 'button',
        action_id: OPEN_COMPLAINT_ACTION,
        text: plain(t('list.open_button'), LIMITS.buttonText),
        value: truncate(item.id, LIMITS.buttonValue),
      },
    });
  }
  const buttons: types.Button[] = [];
  const base = { l: page.list, s: place, ...(page.category ? { k: page.category.key } : {}) };
  if (page.nextOffset !== null)
    buttons.push(moreButton(t('list.more'), { ...base, o: page.nextOffset }));
  if (page.offset > 0) buttons.push(moreButton(t('list.first'), { ...base, o: 0 }));
  if (page.items.length > 0 && (page.offset > 0 || page.nextOffset !== null)) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: mrkdwn(
            t('list.range', { from: page.offset + 1, to: page.offset + page.items.length }),
          ),
        },
      ],
    });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return blocks;
}

/** `/klacht mijn` and the other lists: blocks and a plain fallback text. */
export function listMessage(org: OrgConfig, locale: Locale, page: ComplaintPage) {
  const blocks = listBlocks(org, locale, page, 'm');
  const header = blocks[0] as { text: { text: string } };
  return { text: header.text.text, blocks };
}

/** `/klacht mijn` (kept for callers that have only the items). */
export function myReportsBlocks(org: OrgConfig, locale: Locale, items: ComplaintSummary[]) {
  return listBlocks(
    org,
    locale,
    { list: 'mine', items, offset: 0, nextOffset: null, category: null, restricted: false },
    'm',
  );
}

export interface HomeLists {
  mine: ComplaintPage;
  assigned: ComplaintPage;
  open: ComplaintPage | null;
}

/** App Home: my reports, assigned to me (overdue first), and for overseers the open ones. */
export function homeView(org: OrgConfig, locale: Locale, lists: HomeLists): types.HomeView {
  const t = translator(locale);
  const blocks: Block[] = [
    { type: 'header', text: plain(t('home.title'), LIMITS.header) },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: OPEN_REPORT_ACTION,
          style: 'primary',
          text: plain(t('home.report_button'), 75),
        },
      ],
    },
    ...listBlocks(org, locale, lists.mine, 'h'),
    ...listBlocks(org, locale, lists.assigned, 'h'),
  ];
  if (lists.open) blocks.push(...listBlocks(org, locale, lists.open, 'h'));
  return { type: 'home', blocks };
}
