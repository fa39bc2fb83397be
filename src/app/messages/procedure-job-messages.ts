import type { ExternalParty } from '../../domain/complaint.js';
import { isDomainError } from '../../domain/errors.js';
import type { Command } from '../../domain/lifecycle.js';
import type { Locale, Person } from '../../domain/people.js';
import type { AppDeps } from '../deps.js';
import { type MeasureView, viewMeasure } from '../measures.js';
import type { ClaimedMessage } from '../ports.js';
import type { ComplaintView } from '../view-complaint.js';
import { formatLocalDate, type MessageKey, translate, translator } from './catalogue.js';
import { composeActions } from './compose.js';
import type { RenderedJobMessage } from './job-messages.js';
import { composeMeasureMessage } from './measure-messages.js';
import type { MessageModel } from './model.js';

/** What a job message of the second-edition procedure is composed from. */
export interface ProcedureJobContext {
  message: ClaimedMessage;
  view: ComplaintView;
  locale: Locale;
  /** The recipient's live complaint card, to add a title and intro to. */
  card: MessageModel;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The commands that decide an objection (or take it a step further). */
const OBJECTION_ACTIONS: readonly Command[] = [
  'appoint_mediator',
  'refer_to_committee',
  'record_final_outcome',
  'record_committee_verdict',
];

/** An outside party as people name it: "Jan Smit (Smit Installatie) · 06 1234 5678". */
export function partyName(party: ExternalParty): string {
  const name = party.organisation ? `${party.name} (${party.organisation})` : party.name;
  return party.contact ? `${name} · ${party.contact}` : name;
}

/**
 * The line a measure reminder (`measure_due`) adds when an outside party carries the measure
 * out: it names the party and tells the recipient they are the internal follower.
 */
export function measurePartyLine(locale: Locale, party: ExternalParty | null): string | null {
  return party ? translator(locale)('text.measure_due.party', { party: partyName(party) }) : null;
}

const joined = (...parts: (string | null)[]) => parts.filter(Boolean).join('\n\n');

/**
 * Job messages of the second edition of the procedure (agreed terms, objection deadlines):
 * null when the kind is not one of them or nothing is left to do.
 */
export function composeProcedureJobMessage(context: ProcedureJobContext): MessageModel | null {
  const { message, view, locale, card } = context;
  const t = translator(locale);
  const c = view.complaint;
  const p = message.payload;
  switch (message.kind) {
    case 'agreed_term_due': {
      // Reported done, or a new term agreed since the question was queued: nothing to ask.
      if (c.agreedTermOn === null || c.fixDoneAt !== null) return null;
      if (str(p.term) !== c.agreedTermOn) return null;
      // Only whoever can report the fix done (the handler, the internal follower) is asked.
      if (!view.actions.includes('report_fix_done')) return null;
      const title = t('title.agreed_term_due', { reference: c.reference });
      const number = num(p.number);
      const intro = joined(
        t('text.agreed_term_due', { term: formatLocalDate(locale, c.agreedTermOn) }),
        c.remediationParty
          ? t('text.agreed_term_due.party', { party: partyName(c.remediationParty) })
          : null,
        number > 1 ? t('text.agreed_term_due.again', { number }) : null,
        card.intro,
      );
      return {
        ...card,
        summary: title,
        title,
        intro,
        actions: composeActions(locale, ['report_fix_done']),
      };
    }
    case 'objection_reminder': {
      // Decided (or withdrawn) since: the deadline no longer runs.
      if (!isObjectionPending(view) || c.objectionDue === null) return null;
      const actions = view.actions.filter((a) => OBJECTION_ACTIONS.includes(a));
      if (actions.length === 0) return null;
      const title = t('title.objection_reminder', { reference: c.reference });
      const intro = joined(
        t('text.objection_reminder', {
          due: formatLocalDate(locale, c.objectionDue),
          days: num(p.idleWorkingDays),
          number: num(p.number),
        }),
        card.intro,
      );
      return { ...card, summary: title, title, intro, actions: composeActions(locale, actions) };
    }
    default:
      return null;
  }
}

function isObjectionPending(view: ComplaintView): boolean {
  const c = view.complaint;
  return (
    c.status === 'objected' &&
    c.objectionDue !== null &&
    c.finalOutcome === null &&
    c.committeeVerdict === null
  );
}

/** Messages about a measure (issue 13): composed from the measure, which may have no complaint. */
export const MEASURE_MESSAGE_KINDS: ReadonlySet<string> = new Set([
  'measure_review_due',
  'measure_follow_up_due',
  'measure_not_effective',
  'measure_created',
]);

export function isMeasureMessageKind(kind: string): boolean {
  return MEASURE_MESSAGE_KINDS.has(kind);
}

/**
 * A message about a measure, rendered from its current state as the recipient may see it: the
 * measure's card (with the buttons the recipient may use) under the message's title and intro.
 * Null when the recipient may no longer see it or nothing is left to do (reviewed since the
 * reminder was queued, followed up, implemented).
 */
export async function composeMeasureJobMessage(
  deps: AppDeps,
  message: ClaimedMessage,
  recipient: Person | null,
  defaultLocale: Locale,
): Promise<RenderedJobMessage | null> {
  if (!recipient?.active || !isMeasureMessageKind(message.kind)) return null;
  let view: MeasureView;
  try {
    view = await viewMeasure(deps, recipient, str(message.payload.measureId));
  } catch (error) {
    if (isDomainError(error) && error.code === 'measure.not_found') return null;
    throw error;
  }
  if (view.contentHidden) return null;
  const locale = recipient.locale ?? defaultLocale;
  const m = view.measure;
  const c = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const date = (at: Date) => formatLocalDate(locale, deps.calendar.localDate(at));
  const origin = view.complaintReference ?? c(`origin.${m.origin}`);
  let title: string;
  let intro: string;
  switch (message.kind) {
    case 'measure_review_due':
      if (m.status !== 'implemented' || !view.actions.includes('review_measure')) return null;
      title = c('title.measure_review_due', { origin });
      intro = c('text.measure_review_due', {
        implemented: m.implementedAt ? date(m.implementedAt) : '',
        due: formatLocalDate(locale, m.reviewDueOn ?? str(message.payload.due)),
      });
      break;
    case 'measure_follow_up_due':
      if (!view.mayFollowUp) return null;
      title = c('title.measure_follow_up_due', { origin });
      intro = c('text.measure_follow_up_due', { reviewed: m.reviewedAt ? date(m.reviewedAt) : '' });
      break;
    case 'measure_not_effective':
      if (m.status !== 'not_effective') return null;
      title = c('title.measure_not_effective', { origin });
      intro = c(
        view.mayFollowUp
          ? 'text.measure_not_effective.reviewer'
          : 'text.measure_not_effective.owner',
      );
      break;
    default:
      if (m.status !== 'open' || m.ownerId !== recipient.id) return null;
      title = c('title.measure_created', { origin });
      intro = m.dueOn
        ? c('text.measure_created.due', { due: formatLocalDate(locale, m.dueOn) })
        : c('text.measure_created');
  }
  const card = composeMeasureMessage(view, locale, {
    localDate: (at) => deps.calendar.localDate(at),
  });
  return {
    recipient,
    locale,
    model: { ...card, summary: title, title, intro },
    liveCard: false,
    attachments: [],
  };
}

/**
 * `composeMeasureJobMessage` for an outbox row of any measure kind (job or not): finds the
 * recipient first. One line at the top of composeOutboxMessage routes every measure kind here,
 * before the complaint is looked up (a measure may have none).
 */
export async function composeMeasureOutboxMessage(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedJobMessage | null> {
  if (!('personId' in message.recipient)) return null;
  const recipient = await deps.store.repository.findPerson(message.recipient.personId);
  return composeMeasureJobMessage(deps, message, recipient, defaultLocale);
}
