import type { LocalDate } from '../domain/calendar.js';
import type { ComplainantLocale, Complaint } from '../domain/complaint.js';
import {
  CORRESPONDENCE_LIMITS,
  type CorrespondenceChannel,
  type CorrespondenceKind,
} from '../domain/correspondence.js';
import type { CommitteeRoute } from '../domain/procedure.js';
import type { Letterhead } from './complainant-settings.js';
import { type MessageKey, type Params, translate } from './messages/catalogue.js';

/**
 * The texts of letters and e-mails to a complainant (issue 11), from the catalogue in the
 * complainant's language: a subject with the reference and a letter body from salutation to
 * signature. Pure: every date arrives as a local date of the organisation's calendar.
 */

export interface DraftFacts {
  complaint: Complaint;
  kind: CorrespondenceKind;
  locale: ComplainantLocale;
  channel: CorrespondenceChannel;
  /** The day the complaint reached the organisation (receivedAt in the organisation's zone). */
  receivedOn: LocalDate;
  /** Who handles the complaint, for the acknowledgement and the signature. */
  handlerName: string | null;
  letterhead: Letterhead | null;
  committee: CommitteeRoute | null;
  /** Working days to react to an outcome (deadlines.reaction). */
  reactionDays: number;
  /** The last day to react to an outcome (reactionDue, or today + reactionDays). */
  reactionDue: LocalDate;
  /** The open information request's question (info_request). */
  question?: string | null;
  /** The resolution deadline before an extension (extension). */
  previousDue?: LocalDate | null;
}

export interface DraftText {
  subject: string;
  body: string;
}

const DATE_TAGS: Record<ComplainantLocale, string> = { nl: 'nl-NL', en: 'en-GB' };
const WRITTEN_DATE: Record<ComplainantLocale, Intl.DateTimeFormat> = {
  nl: writtenDateFormat('nl'),
  en: writtenDateFormat('en'),
};

function writtenDateFormat(locale: ComplainantLocale): Intl.DateTimeFormat {
  // A local date is already the organisation's day: formatted at UTC noon it never shifts.
  return new Intl.DateTimeFormat(DATE_TAGS[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A local date as written in a letter: "15 december 2026" / "15 December 2026". */
export function writtenDate(locale: ComplainantLocale, date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return WRITTEN_DATE[locale].format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)));
}

/** The subject line of a letter of this kind (a tip's acknowledgement thanks instead). */
export function draftSubject(
  locale: ComplainantLocale,
  kind: CorrespondenceKind,
  complaint: Pick<Complaint, 'reference' | 'kind'>,
): string {
  const key =
    kind === 'acknowledgement' && complaint.kind === 'feedback'
      ? 'corr.subject.acknowledgement_tip'
      : (`corr.subject.${kind}` as MessageKey);
  return translate(locale, key, { reference: complaint.reference });
}

/** User texts quoted in a letter, by name; shortened (never dropped) when the body is too long. */
type Quotes = Record<string, string>;

/**
 * The subject and body of a letter. A body over the edit limit (long motivations quoted) is
 * fitted by shortening the longest quoted text, visibly with "…", so the whole draft can be
 * edited in a Slack modal.
 */
export function draftText(facts: DraftFacts): DraftText {
  const quotes: Quotes = quotesOf(facts);
  let body = assemble(facts, quotes);
  for (let round = 0; round < 8 && body.length > CORRESPONDENCE_LIMITS.body; round++) {
    const longest = Object.entries(quotes).sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest || longest[1].length < 2) break;
    const [name, text] = longest;
    const keep = Math.max(1, text.length - (body.length - CORRESPONDENCE_LIMITS.body) - 1);
    quotes[name] = `${text.slice(0, keep).trimEnd()}…`;
    body = assemble(facts, quotes);
  }
  return {
    subject: draftSubject(facts.locale, facts.kind, facts.complaint).slice(
      0,
      CORRESPONDENCE_LIMITS.subject,
    ),
    body: body.slice(0, CORRESPONDENCE_LIMITS.body),
  };
}

function quotesOf(facts: DraftFacts): Quotes {
  const c = facts.complaint;
  const all: Record<string, string | null | undefined> = {
    question: facts.question,
    reason: c.extensionReason,
    admissibility: c.admissibilityMotivation,
    motivation: c.motivation,
    resolution: c.resolution,
    finalOutcome: c.finalOutcome,
    followUp: c.committeeFollowUp,
  };
  const quotes: Quotes = {};
  for (const [name, text] of Object.entries(all)) {
    if (text && text.trim() !== '') quotes[name] = text.trim();
  }
  return quotes;
}

function assemble(facts: DraftFacts, quotes: Quotes): string {
  const t = (key: MessageKey, params?: Params) => translate(facts.locale, key, params);
  const name = facts.complaint.complainant.name?.trim();
  const salutation = name ? t('corr.salutation.named', { name }) : t('corr.salutation.anonymous');
  const paragraphs = [salutation, ...middle(facts, quotes, t), ...signature(facts, t)];
  return paragraphs.filter((p) => p.trim() !== '').join('\n\n');
}

type T = (key: MessageKey, params?: Params) => string;

function middle(facts: DraftFacts, quotes: Quotes, t: T): string[] {
  const c = facts.complaint;
  const reference = c.reference;
  const date = (d: LocalDate) => writtenDate(facts.locale, d);
  switch (facts.kind) {
    case 'acknowledgement': {
      const received = date(facts.receivedOn);
      if (c.kind === 'feedback') return [t('corr.ack.tip', { received, reference })];
      return [
        t('corr.ack.received', { received, reference }),
        [
          t('corr.ack.deadlines'),
          t('corr.ack.feedback', { date: date(c.feedbackDue) }),
          t('corr.ack.decision', { date: date(c.decisionDue) }),
          t('corr.ack.resolution', { date: date(c.resolutionDue) }),
        ].join('\n'),
        t('corr.ack.working_days'),
        [
          facts.handlerName ? t('corr.ack.handler', { handler: facts.handlerName }) : '',
          t('corr.ack.clarify'),
        ]
          .filter(Boolean)
          .join(' '),
        replyRoute(facts, t),
      ];
    }
    case 'info_request':
      return [
        t('corr.info.intro', { reference }),
        quotes.question ?? '',
        `${t('corr.info.answer')} ${replyRoute(facts, t)}`,
      ];
    case 'extension':
      return [
        t('corr.extension.intro', { reference }),
        quotes.reason ?? '',
        [
          t('corr.extension.date', { date: date(c.resolutionDue) }),
          facts.previousDue ? t('corr.extension.previous', { date: date(facts.previousDue) }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      ];
    case 'inadmissible':
      return [
        t('corr.inadmissible.intro', { reference }),
        quotes.admissibility ?? '',
        `${t('corr.inadmissible.questions')} ${replyRoute(facts, t)}`,
        committeeRoute(facts, 'after_final', t),
      ];
    case 'outcome':
      return [
        ...outcomeStatement(facts, quotes, t),
        t('corr.outcome.objection', {
          date: date(facts.reactionDue),
          days: facts.reactionDays,
        }),
        `${replyRoute(facts, t)} ${t('corr.outcome.agree')}`,
        committeeRoute(facts, 'after_objection', t),
      ];
    case 'final_outcome':
      return finalStatement(facts, quotes, t);
  }
}

function outcomeStatement(facts: DraftFacts, quotes: Quotes, t: T): string[] {
  const reference = facts.complaint.reference;
  if (facts.complaint.status === 'rejected' || quotes.resolution === undefined) {
    return [t('corr.outcome.unfounded', { reference }), quotes.motivation ?? ''];
  }
  return [
    t('corr.outcome.resolved', { reference }),
    quotes.resolution,
    quotes.motivation ? `${t('corr.outcome.motivation')}\n${quotes.motivation}` : '',
  ];
}

function finalStatement(facts: DraftFacts, quotes: Quotes, t: T): string[] {
  const c = facts.complaint;
  if (c.committeeVerdict !== null) {
    return [
      [
        t('corr.final.verdict', {
          committee: facts.committee?.name ?? '',
          date: writtenDate(facts.locale, c.committeeVerdictOn ?? facts.receivedOn),
          reference: c.reference,
          verdict: t(`corr.verdict.${c.committeeVerdict}` as MessageKey),
        }),
        c.committeeBinding === null ? '' : t(`corr.final.binding.${c.committeeBinding}`),
      ]
        .filter(Boolean)
        .join(' '),
      quotes.followUp ? `${t('corr.final.follow_up')}\n${quotes.followUp}` : '',
      t('corr.final.closed'),
    ];
  }
  return [
    t('corr.final.intro', { reference: c.reference }),
    quotes.finalOutcome ?? '',
    t('corr.final.closed'),
    committeeRoute(facts, 'after_final', t),
  ];
}

/** How the complainant answers: the link in the e-mail, or the organisation's contact. */
function replyRoute(facts: DraftFacts, t: T): string {
  if (facts.channel === 'email') return t('corr.reply.email');
  const head = facts.letterhead;
  const contact = [head?.address?.replace(/\s*\n\s*/g, ', '), head?.email, head?.phone]
    .filter((part): part is string => Boolean(part?.trim()))
    .join(', ');
  return contact ? t('corr.reply.letter', { contact }) : t('corr.reply.letter_plain');
}

/** The external route (klachtencommissie) from the organisation file, when there is one. */
function committeeRoute(facts: DraftFacts, when: 'after_objection' | 'after_final', t: T) {
  const committee = facts.committee;
  if (!committee) return '';
  const lines = [t(`corr.committee.${when}`, { name: committee.name })];
  if (committee.termMonths) lines.push(t('corr.committee.term', { months: committee.termMonths }));
  if (committee.address) {
    lines.push(
      t('corr.committee.address', { address: committee.address.replace(/\s*\n\s*/g, ', ') }),
    );
  }
  if (committee.url) lines.push(t('corr.committee.url', { url: committee.url }));
  return lines.join('\n');
}

function signature(facts: DraftFacts, t: T): string[] {
  const organisation = facts.letterhead?.name?.trim() ?? '';
  const name = facts.handlerName?.trim() ?? '';
  const sender = name && organisation ? t('corr.closing.sender', { name, organisation }) : '';
  return [t('corr.closing'), sender || name || organisation];
}
