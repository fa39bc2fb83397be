import { translator } from '../../../app/messages/catalogue.js';
import type { ActionModel, MessageModel } from '../../../app/messages/model.js';
import type { Locale } from '../../../domain/people.js';
import { expandCard } from './templates.js';
import type { ActionData, AdaptiveCardJson, CardAction, MessageCardData } from './types.js';

export const REFRESH_VERB = 'kb_refresh';
/** Teams shows user-specific views to at most 60 users. */
const MAX_REFRESH_USERS = 60;
/**
 * Hosts show at most five actions on a card (the SDK's default host config; Teams drops the
 * rest), and a handler card of the second edition can offer nine. Beyond five, the first four
 * stay buttons and the rest sit behind a "Meer…" button (Action.ShowCard), so each is reachable.
 */
const MAX_ACTIONS = 5;
const SHOWN_WHEN_MORE = 4;

const STYLES: Record<ActionModel['style'], MessageCardData['actions'][number]['style']> = {
  primary: 'positive',
  danger: 'destructive',
  default: 'default',
};

export interface CardExtras {
  /** The outbox message kind (or `handler_card` for the live card). */
  kind: string;
  notice?: string;
  error?: string;
  /** People who get the user-specific (full) view through `refresh`. */
  refreshUserIds?: readonly string[];
  /** An image to show under the intro (data URI). */
  image?: string;
  /**
   * The outbox payload the card was sent with (event facts, ids): kept in the refresh data so
   * a refresh composes the same message, whatever happened since.
   */
  payload?: ActionData['payload'];
}

function actionData(model: MessageModel, extras: CardExtras): ActionData | null {
  const c = model.complaint;
  if (!c) return null;
  const data: ActionData = { complaintId: c.id, version: c.version, kind: extras.kind };
  if (extras.payload && Object.keys(extras.payload).length > 0) data.payload = extras.payload;
  return data;
}

function refreshPart(model: MessageModel, locale: Locale, extras: CardExtras) {
  const data = actionData(model, extras);
  const users = (extras.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  return {
    hasRefresh: data !== null && users.length > 0,
    refreshTitle: translator(locale)('teams.open'),
    refreshVerb: REFRESH_VERB,
    refreshData: data ?? {},
    refreshUserIds: users,
  };
}

function cardActions(actions: readonly ActionModel[], data: ActionData | null, locale: Locale) {
  const all: CardAction[] = data
    ? actions.map((a) => ({ title: a.label, verb: a.id, style: STYLES[a.style], data }))
    : [];
  const split = all.length > MAX_ACTIONS ? SHOWN_WHEN_MORE : all.length;
  return {
    actions: all.slice(0, split),
    moreActions: all.slice(split),
    moreTitle: translator(locale)('teams.more_actions'),
  };
}

/** The full card of a message model: facts, texts and the actions this viewer may take. */
export function renderMessageCard(
  model: MessageModel,
  locale: Locale,
  extras: CardExtras,
): AdaptiveCardJson {
  const data = actionData(model, extras);
  return expandCard('message', {
    summary: model.summary,
    title: model.title,
    notice: extras.notice ?? '',
    error: extras.error ?? '',
    intro: model.intro ?? '',
    // Values and texts may be user text: the template shows them as TextRuns, which do not
    // parse Markdown (a `[link](https://…)` stays text); an empty run would be invalid.
    facts: model.facts.map((f) => ({ label: f.label, value: f.value || '—' })),
    sections: model.sections.map((s) => ({ heading: s.heading, text: s.text || '—' })),
    footer: model.footer ?? '',
    image: extras.image ?? '',
    ...cardActions(model.actions, data, locale),
    ...refreshPart(model, locale, extras),
  });
}

export interface BaseCardInfo {
  title: string;
  reference: string;
  category: string;
  status: string;
}

/**
 * The card everyone in the conversation sees: reference, category and status only, with a
 * `refresh` that gives the allowed people their own full view, and an Open button for clients
 * that do not refresh automatically (the Agents Playground).
 */
export function renderBaseCard(
  model: MessageModel,
  info: BaseCardInfo,
  locale: Locale,
  extras: CardExtras,
): AdaptiveCardJson {
  const t = translator(locale);
  const data = actionData(model, extras);
  return expandCard('message', {
    summary: info.title,
    title: info.title,
    notice: extras.notice ?? '',
    error: extras.error ?? '',
    intro: data ? t('teams.base_hint') : '',
    facts: [
      { label: t('field.reference'), value: info.reference },
      { label: t('field.category'), value: info.category },
      { label: t('field.status'), value: info.status },
    ],
    sections: [],
    footer: '',
    image: '',
    actions: data
      ? [
          {
            title: t('teams.open'),
            verb: REFRESH_VERB,
            style: 'default' as const,
            data,
          },
        ]
      : [],
    moreActions: [],
    moreTitle: '',
    ...refreshPart(model, locale, extras),
  });
}

/** A plain text card (help, confirmations, errors) with no actions. */
export function renderTextCard(title: string, text: string, error = ''): AdaptiveCardJson {
  return expandCard('message', {
    summary: title,
    title,
    notice: '',
    error,
    intro: text,
    facts: [],
    sections: [],
    footer: '',
    image: '',
    actions: [],
    moreActions: [],
    moreTitle: '',
    hasRefresh: false,
    refreshTitle: '',
    refreshVerb: '',
    refreshData: {},
    refreshUserIds: [],
  });
}
