import type { LocalDate } from '../../domain/calendar.js';
import type { ExternalParty } from '../../domain/complaint.js';
import { isDomainError } from '../../domain/errors.js';
import type { MeasureCommand, MeasureStatus } from '../../domain/measure.js';
import type { Locale } from '../../domain/people.js';
import { formatLocalDate, hasKey, type MessageKey, translate } from './catalogue.js';
import { partyLine } from './compose.js';
import type { Fact, MessageModel, Section } from './model.js';

/**
 * A measure as a message (issue 13), for both surfaces: its facts in one fixed order, its
 * texts (description, evidence, review note) as user text, and the buttons the viewer may use.
 * It is a MessageModel (no complaint, no complaint actions) plus the measure's own actions, so
 * any renderer of a MessageModel shows it; the measure renderers add the buttons.
 */

/** Slack `action_id` and Teams `Action.Execute` verb prefix of everything about a measure. */
export const MEASURE_ACTION_PREFIX = 'kb_m_';
/** Opens the follow-up form of a measure judged not effective. */
export const FOLLOW_UP_ACTION = 'kb_m_follow_up';
/** Opens one measure from the register list. */
export const OPEN_MEASURE_ACTION = 'kb_m_open';
/** "More" / "back to the start" under the register list. */
export const REGISTER_MORE_ACTION = 'kb_m_more';

export function measureActionId(command: MeasureCommand): string {
  return `${MEASURE_ACTION_PREFIX}${command}`;
}

export type MeasureButton = MeasureCommand | 'follow_up';

/** The measure command or follow-up a button or verb stands for, else null. */
export function measureButtonOf(id: string): MeasureButton | null {
  if (id === FOLLOW_UP_ACTION) return 'follow_up';
  if (id === measureActionId('implement_measure')) return 'implement_measure';
  if (id === measureActionId('review_measure')) return 'review_measure';
  return null;
}

export interface MeasureActionModel {
  button: MeasureButton;
  id: string;
  label: string;
  style: 'primary' | 'default';
}

/** What a measure's card shows; structurally what `viewMeasure` returns, plus a few names. */
export interface MeasureCardInput {
  measure: {
    id: string;
    complaintId: string | null;
    origin: string;
    scope: string;
    type: string;
    description: string;
    ownerId: string | null;
    dueOn: LocalDate | null;
    externalParty: ExternalParty | null;
    status: MeasureStatus;
    implementedAt?: Date | null;
    evidence?: string | null;
    reviewDueOn: LocalDate | null;
    effective: boolean | null;
    reviewedBy?: string | null;
    reviewNote?: string | null;
    followUpOf?: string | null;
  };
  complaintReference: string | null;
  ownerName: string | null;
  actions: readonly MeasureCommand[];
  /** The reviewer's name, when reviewed. */
  reviewerName?: string | null;
  /** Whether the viewer may record a follow-up now (not effective, none recorded yet). */
  mayFollowUp?: boolean;
  /** The viewer may not read the texts (a complaint about an employee): they are left out. */
  contentHidden?: boolean;
}

export interface MeasureMessageModel extends MessageModel {
  measure: { id: string; status: MeasureStatus };
  measureActions: MeasureActionModel[];
}

export interface MeasureComposeOptions {
  /** The organisation's local date of a moment (the calendar's `localDate`). */
  localDate: (at: Date) => LocalDate;
}

/** A catalogue text when the catalogue knows the key, else the key's last part, plainly. */
function label(locale: Locale, key: string): string {
  return hasKey(key) ? translate(locale, key as MessageKey) : (key.split('.').at(-1) ?? key);
}

export function measureStatusLabel(locale: Locale, status: string): string {
  return label(locale, `measureStatus.${status}`);
}

export function measureOriginLabel(locale: Locale, origin: string): string {
  return label(locale, `origin.${origin}`);
}

/** The actions a viewer may take on a measure, as buttons. */
export function measureActions(
  locale: Locale,
  commands: readonly MeasureCommand[],
  mayFollowUp = false,
): MeasureActionModel[] {
  const out: MeasureActionModel[] = commands.map((command) => ({
    button: command,
    id: measureActionId(command),
    label: label(locale, `action.${command}`),
    style: 'primary',
  }));
  if (mayFollowUp) {
    out.push({
      button: 'follow_up',
      id: FOLLOW_UP_ACTION,
      label: translate(locale, 'mchat.action.follow_up'),
      style: 'primary',
    });
  }
  return out;
}

/** The card of one measure for one viewer. */
export function composeMeasureMessage(
  input: MeasureCardInput,
  locale: Locale,
  options: MeasureComposeOptions,
): MeasureMessageModel {
  const m = input.measure;
  const c = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const date = (value: LocalDate) => formatLocalDate(locale, value);
  const status = measureStatusLabel(locale, m.status);
  const title = input.complaintReference
    ? c('mchat.title.complaint', { reference: input.complaintReference })
    : c('mchat.title.origin', { origin: measureOriginLabel(locale, m.origin).toLowerCase() });

  const facts: Fact[] = [{ label: c('mchat.fact.status'), value: status }];
  facts.push({
    label: c('mchat.fact.kind'),
    value: c('mchat.kind', {
      type: label(locale, `type.${m.type}`),
      scope: label(locale, `scope.${m.scope}`).toLowerCase(),
    }),
  });
  if (input.complaintReference) {
    facts.push({ label: c('mchat.fact.complaint'), value: input.complaintReference });
  } else {
    facts.push({ label: c('mchat.fact.origin'), value: measureOriginLabel(locale, m.origin) });
  }
  const owner = input.ownerName ?? (m.ownerId ? c('mchat.unknown_person') : '—');
  if (m.externalParty) {
    facts.push({ label: c('mchat.fact.party'), value: partyLine(m.externalParty) });
    facts.push({ label: c('mchat.fact.follower'), value: owner });
  } else {
    facts.push({ label: c('mchat.fact.owner'), value: owner });
  }
  if (m.dueOn) facts.push({ label: c('mchat.fact.due'), value: date(m.dueOn) });
  if (m.implementedAt) {
    facts.push({
      label: c('mchat.fact.implemented'),
      value: date(options.localDate(m.implementedAt)),
    });
  }
  if (m.reviewDueOn && m.status === 'implemented') {
    facts.push({ label: c('mchat.fact.review_due'), value: date(m.reviewDueOn) });
  }
  if (m.effective !== null) {
    facts.push({
      label: c('mchat.fact.effectiveness'),
      value: c(m.effective ? 'mchat.effective.yes' : 'mchat.effective.no'),
    });
    if (input.reviewerName) {
      facts.push({ label: c('mchat.fact.reviewed_by'), value: input.reviewerName });
    }
  }

  const sections: Section[] = [
    {
      heading: c('mchat.section.description'),
      text: input.contentHidden ? c('mchat.hidden') : m.description,
    },
  ];
  if (m.evidence) sections.push({ heading: c('mchat.section.evidence'), text: m.evidence });
  if (m.reviewNote) {
    sections.push({ heading: c('mchat.section.review_note'), text: m.reviewNote });
  }

  const actions = measureActions(locale, input.actions, input.mayFollowUp ?? false);
  return {
    summary: c('mchat.summary', { status }),
    title,
    intro: m.status === 'not_effective' && input.mayFollowUp ? c('mchat.follow_up.asked') : null,
    facts,
    sections,
    actions: [],
    footer: null,
    complaint: null,
    measure: { id: m.id, status: m.status },
    measureActions: actions,
  };
}

/** One measure in the register list (structurally an item of `listImprovementRegister`). */
export interface RegisterItem {
  measure: {
    id: string;
    status: MeasureStatus;
    description: string;
    dueOn: LocalDate | null;
    reviewDueOn: LocalDate | null;
  };
  complaintReference: string | null;
  ownerName: string | null;
  contentHidden?: boolean;
}

/** A page of the register as a list: a title, one line per measure and the paging. */
export interface RegisterListModel {
  title: string;
  intro: string | null;
  items: { id: string; label: string; line: string }[];
  offset: number;
  nextOffset: number | null;
  moreLabel: string;
  firstLabel: string;
  openLabel: string;
}

const LINE_DESCRIPTION = 120;

function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The register page (`own`: the viewer sees only the measures they own). */
export function composeRegisterList(
  page: {
    items: readonly RegisterItem[];
    offset: number;
    nextOffset: number | null;
    scope: 'all' | 'own';
  },
  locale: Locale,
): RegisterListModel {
  const c = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const { items, offset, nextOffset } = page;
  const intro =
    items.length === 0
      ? c('mchat.list.empty')
      : offset > 0 || nextOffset !== null
        ? c('mchat.list.range', { from: offset + 1, to: offset + items.length })
        : null;
  return {
    title: c(page.scope === 'own' ? 'mchat.list.title_own' : 'mchat.list.title'),
    intro,
    items: items.map((item, i) => {
      const m = item.measure;
      const description = item.contentHidden
        ? c('mchat.hidden')
        : shortened(m.description, LINE_DESCRIPTION);
      const parts = [
        c('mchat.list.item', { status: measureStatusLabel(locale, m.status), description }),
      ];
      if (item.ownerName) parts.push(item.ownerName);
      if (m.status === 'open' && m.dueOn) {
        parts.push(c('mchat.list.due', { due: formatLocalDate(locale, m.dueOn) }));
      }
      if (m.status === 'implemented' && m.reviewDueOn) {
        parts.push(c('mchat.list.review_due', { date: formatLocalDate(locale, m.reviewDueOn) }));
      }
      return {
        id: m.id,
        label: item.complaintReference ?? `#${offset + i + 1}`,
        line: parts.join(' · '),
      };
    }),
    offset,
    nextOffset,
    moreLabel: c('mchat.list.more'),
    firstLabel: c('mchat.list.first'),
    openLabel: c('mchat.action.open'),
  };
}

/**
 * A refused register or new measure in words (who may), or null for any other error: the
 * surfaces then say what the error's code says.
 */
export function measureRefusalText(locale: Locale, error: unknown): string | null {
  if (!isDomainError(error) || error.code !== 'measure.not_permitted') return null;
  const command = error.details.command;
  if (command === 'list_measures') return translate(locale, 'mchat.list.refused');
  if (command === 'create_measure') return translate(locale, 'mchat.new.refused');
  return null;
}

/** Whether a message model is a measure's card (its renderers add the measure's buttons). */
export function isMeasureMessageModel(model: MessageModel): model is MeasureMessageModel {
  const candidate = model as Partial<MeasureMessageModel>;
  return typeof candidate.measure?.id === 'string' && Array.isArray(candidate.measureActions);
}
