import type { ExternalParty } from '../../domain/complaint.js';
import type { Command } from '../../domain/lifecycle.js';
import type { Locale } from '../../domain/people.js';
import type { ClaimedMessage } from '../ports.js';
import type { ComplaintView } from '../view-complaint.js';
import { formatLocalDate, translator } from './catalogue.js';
import { composeActions } from './compose.js';
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
