import type { types } from '@slack/bolt';
import type { ComplaintSummary } from '../../../app/list-complaints.js';
import { formatLocalDate, type MessageKey, translator } from '../../../app/messages/catalogue.js';
import type { OrgConfig } from '../../../config/org-file.js';
import type { Locale } from '../../../domain/people.js';
import { OPEN_REPORT_ACTION } from '../ids.js';
import { LIMITS, mrkdwn, plain } from './text.js';

type Block = types.KnownBlock;
const MAX_ITEMS = 30;

/** One line per complaint: reference · status · category, next deadline, overdue marker. */
export function summaryLines(org: OrgConfig, locale: Locale, items: readonly ComplaintSummary[]) {
  const t = translator(locale);
  return items.slice(0, MAX_ITEMS).map((item) => {
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
    if (item.overdue.length > 0) line = `:warning: ${line}`;
    return line;
  });
}

function listSection(title: string, lines: string[], empty: string): Block[] {
  const body = lines.length > 0 ? lines.map((l) => `• ${mrkdwn(l, 300)}`).join('\n') : empty;
  return [
    { type: 'header', text: plain(title, LIMITS.header) },
    { type: 'section', text: { type: 'mrkdwn', text: body.slice(0, LIMITS.sectionText) } },
  ];
}

/** `/klacht mijn`: an ephemeral list of my reports. */
export function myReportsBlocks(org: OrgConfig, locale: Locale, items: ComplaintSummary[]) {
  const t = translator(locale);
  return listSection(
    t('list.my_reports.title'),
    summaryLines(org, locale, items),
    t('text.no_complaints'),
  );
}

export interface HomeLists {
  mine: ComplaintSummary[];
  assigned: ComplaintSummary[];
  open: ComplaintSummary[] | null;
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
    ...listSection(t('home.my_reports'), summaryLines(org, locale, lists.mine), t('home.empty')),
    ...listSection(t('home.assigned'), summaryLines(org, locale, lists.assigned), t('home.empty')),
  ];
  if (lists.open) {
    blocks.push(
      ...listSection(t('home.open'), summaryLines(org, locale, lists.open), t('home.empty')),
    );
  }
  return { type: 'home', blocks };
}
