import type { Complaint } from '../../domain/complaint.js';
import type { Locale, Person } from '../../domain/people.js';
import { DEFAULT_PROCEDURE, type ProcedureRules } from '../../domain/procedure.js';
import { COMPLAINANT_LETTER_KIND, composeLetterMessage } from '../complainant-mail.js';
import type { AppDeps } from '../deps.js';
import type { MessageKind } from '../notifications.js';
import type { ClaimedMessage } from '../ports.js';
import { type ComplaintView, canView, loadComplaintView } from '../view-complaint.js';
import { formatLocalDate, type MessageKey, translator } from './catalogue.js';
import {
  COMPLAINANT_REACTED_KIND,
  composeComplainantReacted,
} from './complainant-page-messages.js';
import {
  composeAcknowledgement,
  composeActions,
  composeComplaintCard,
  composeQualityNotice,
  confidentialForReporter,
  isConfidentialReporter,
  partyLine,
} from './compose.js';
import { composeCorrespondenceDraft } from './correspondence-messages.js';
import { type EventFacts, eventFromAudit, readEventFacts } from './event-facts.js';
import { composeJobMessage, JOB_MESSAGE_KINDS, type MessageAttachment } from './job-messages.js';
import type { MessageModel } from './model.js';
import { composeMeasureOutboxMessage, isMeasureMessageKind } from './procedure-job-messages.js';
import { composeReactionRecorded, REACTION_RECORDED_KIND } from './reaction-messages.js';

export interface RenderedOutboxMessage {
  /** The person it goes to; null for a channel message. */
  recipient: Person | null;
  locale: Locale;
  model: MessageModel;
  /** The complaint's live card: update the earlier message in place instead of posting. */
  liveCard: boolean;
  /**
   * Files to send with the message (the yearly digest's chart PNG; a channel gets no other;
   * a letter to post: its PDF).
   */
  attachments?: (Omit<MessageAttachment, 'mediaType'> & {
    mediaType: MessageAttachment['mediaType'] | 'application/pdf';
  })[];
  /**
   * The event behind a live card in words ("Gegrond verklaard door Piet Projectleider"), for
   * the card everyone in the conversation sees: a click leaves its trace there too.
   */
  event?: string | null;
  /** References and names only: a surface may show the whole model to anyone in the chat. */
  plain?: boolean;
}

/**
 * Turns an outbox row into the message a surface renders: the texts from the facts of the
 * event that caused it (its payload), the details and actions as the recipient may see and
 * take them now. Returns null when there is nothing left to say (the recipient may no longer
 * see the complaint, or it was anonymised).
 */
export async function composeOutboxMessage(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedOutboxMessage | null> {
  const repo = deps.store.repository;
  // A measure may have no complaint (trend or management review): its own composer.
  if (isMeasureMessageKind(message.kind)) {
    return composeMeasureOutboxMessage(deps, message, defaultLocale);
  }
  // A letter to post (issue 11): the PDF privately to the secretariat.
  if (message.kind === COMPLAINANT_LETTER_KIND) {
    return composeLetterMessage(deps, message, defaultLocale);
  }
  // A draft to the complainant (issue 11), shown to its drafter with "Bekijken en versturen".
  if (message.kind === 'correspondence_draft') {
    return composeCorrespondenceDraft(deps, message, defaultLocale);
  }
  if (message.kind === COMPLAINANT_REACTED_KIND)
    return composeComplainantReacted(deps, message, defaultLocale);
  // Staff recorded the complainant's reaction (issue 11): the reporter hears how and when.
  if (message.kind === REACTION_RECORDED_KIND) {
    return composeReactionRecorded(deps, message, defaultLocale);
  }
  if (JOB_MESSAGE_KINDS.has(message.kind)) {
    const rendered = await composeJobMessage(deps, message, defaultLocale);
    return rendered && (await keepConfidential(deps, message, rendered));
  }
  const complaint = message.complaintId ? await repo.findComplaint(message.complaintId) : null;
  if (!complaint) return null;
  if ('channel' in message.recipient) {
    const category = await repo.findCategory(complaint.categoryKey);
    return {
      recipient: null,
      locale: defaultLocale,
      model: composeQualityNotice(
        complaint.reference,
        category?.label[defaultLocale] ?? complaint.categoryKey,
        defaultLocale,
      ),
      liveCard: false,
    };
  }
  const recipient = await repo.findPerson(message.recipient.personId);
  if (!recipient) return null;
  const locale = recipient.locale ?? defaultLocale;
  const kind = message.kind as MessageKind;
  if (kind === 'measure_assigned') {
    return {
      recipient,
      locale,
      model: composeMeasureAssigned(complaint.reference, message, locale),
      liveCard: false,
    };
  }
  const facts = await eventOf(deps, kind, message.payload, complaint);
  if (kind === 'reassigned_away') {
    const handler = await repo.findPerson(facts?.handlerId ?? complaint.handlerId);
    const t = translator(locale);
    const params = { reference: complaint.reference, handler: handler?.name ?? '' };
    const model = bare(t('title.reassigned_away', params), complaint);
    model.intro = t('event.reassigned_away', params);
    // Replaces the previous handler's live card: its buttons are gone.
    return { recipient, locale, model, liveCard: true, plain: true };
  }
  if (!(await canView(deps, recipient, complaint))) return null;
  const view = await loadComplaintView(deps, recipient, complaint);
  const rules = deps.procedure ?? DEFAULT_PROCEDURE;
  const composed = composeForRecipient(kind, view, locale, facts, message.payload, {
    confidential: isConfidentialReporter(complaint, recipient.id),
    reporter: recipient.id === complaint.reporterId,
    rules,
  });
  // About an employee's behaviour the reporter hears only that it is handled and closed.
  const model = isConfidentialReporter(complaint, recipient.id)
    ? confidentialForReporter(composed, complaint, locale)
    : composed;
  const live = kind === 'handler_card';
  const event = live && facts && facts.event !== 'report' ? eventLine(view, facts, locale) : null;
  if (event) model.intro = [model.intro, event].filter(Boolean).join('\n\n');
  return { recipient, locale, model, liveCard: live, event };
}

/**
 * A job message to the reporter of a complaint about an employee (a reaction reminder) keeps
 * to what that reporter may read, like every other message to them.
 */
async function keepConfidential(
  deps: AppDeps,
  message: ClaimedMessage,
  rendered: RenderedOutboxMessage,
): Promise<RenderedOutboxMessage> {
  if (!rendered.recipient || !message.complaintId) return rendered;
  const complaint = await deps.store.repository.findComplaint(message.complaintId);
  if (!complaint || !isConfidentialReporter(complaint, rendered.recipient.id)) return rendered;
  return {
    ...rendered,
    model: confidentialForReporter(rendered.model, complaint, rendered.locale),
  };
}

/**
 * The facts of the event behind a message: from its payload, else from the audit trail. The
 * live card always shows the latest event: a payload older than the complaint gives way.
 */
async function eventOf(
  deps: AppDeps,
  kind: MessageKind,
  payload: ClaimedMessage['payload'],
  complaint: Complaint,
): Promise<EventFacts | null> {
  const facts = readEventFacts(payload);
  const current = kind !== 'handler_card' || payload.version === complaint.version;
  if (facts && current) return facts;
  return eventFromAudit(kind, await deps.store.repository.listAudit(complaint.id), complaint);
}

/** The event in words: "Gegrond verklaard door Piet Projectleider". */
function eventLine(view: ComplaintView, facts: EventFacts, locale: Locale): string {
  const t = translator(locale);
  const name = (id: string | null) => (id ? (view.people[id]?.name ?? id) : t('event.system'));
  return t(`event.line.${facts.event}` as MessageKey, {
    actor: name(facts.actorId),
    handler: name(facts.handlerId ?? view.complaint.handlerId),
  });
}

function bare(
  title: string,
  complaint: { id: string; reference: string; version: number },
): MessageModel {
  return {
    summary: title,
    title,
    intro: null,
    facts: [],
    sections: [],
    actions: [],
    footer: null,
    complaint: { id: complaint.id, reference: complaint.reference, version: complaint.version },
  };
}

function composeMeasureAssigned(reference: string, message: ClaimedMessage, locale: Locale) {
  const t = translator(locale);
  const due = typeof message.payload.dueOn === 'string' ? message.payload.dueOn : null;
  const title = t('title.measure_assigned', { reference });
  const model = bare(title, { id: message.complaintId ?? '', reference, version: 0 });
  model.intro = due ? t('text.measure_assigned', { due: formatLocalDate(locale, due) }) : null;
  return model;
}

interface RecipientContext {
  /** The reporter of a complaint about an employee: no content, only handled and closed. */
  confidential: boolean;
  /** The complaint's reporter: what was decided and done for them, not the internal measures. */
  reporter: boolean;
  rules: ProcedureRules;
}

/**
 * What the reporter reads of a complaint's texts (issue 13): their own texts and the questions
 * put to them, and what was decided and done for them (the decision's motivation, the
 * extension's reason, the agreed solution, the resolution, the final outcome, the committee's
 * follow-up). Not the organisation's own analysis and measures: cause, root cause, corrective
 * and preventive measures. A list of what may go, so a text added later stays in until named.
 */
const REPORTER_SECTIONS = [
  'field.desiredOutcome',
  'field.question',
  'field.answer',
  'field.admissibilityMotivation',
  'field.motivation',
  'field.extensionReason',
  'field.solution',
  'field.resolution',
  'field.reason',
  'field.outcome',
  'field.followUp',
] as const satisfies readonly MessageKey[];

/** Facts of the card that are the organisation's analysis, not the reporter's business. */
const INTERNAL_FACTS = ['field.causeCategory'] as const satisfies readonly MessageKey[];

/**
 * The message for one recipient: a title and text for its kind from the event's facts, over
 * the details they may see now. Without facts (never for a row enqueued by this version) the
 * complaint's stored dates stand in.
 */
function composeForRecipient(
  kind: MessageKind,
  view: ComplaintView,
  locale: Locale,
  facts: EventFacts | null,
  payload: ClaimedMessage['payload'],
  { confidential, reporter, rules }: RecipientContext,
): MessageModel {
  const t = translator(locale);
  const c = view.complaint;
  const date = (value: string) => formatLocalDate(locale, value);
  if (kind === 'acknowledgement') return composeAcknowledgement(view, locale);
  const card = composeComplaintCard(view, locale);
  if (kind === 'handler_card' || kind === 'objection' || kind === 'mediator_appointed') {
    if (kind === 'handler_card') return card;
    const title = t(`title.${kind}`, { reference: c.reference });
    const objectionDue = facts?.objectionDue ?? c.objectionDue;
    const intro =
      kind === 'objection'
        ? [
            t('text.objection'),
            objectionDue ? t('text.objection.due', { due: date(objectionDue) }) : '',
          ]
            .filter(Boolean)
            .join(' ')
        : card.intro;
    return { ...card, summary: title, title, intro };
  }
  const handlerId = facts?.handlerId ?? c.handlerId;
  const handler = view.people[handlerId]?.name ?? '';
  const reporterActions = (commands: readonly string[]) =>
    composeActions(
      locale,
      view.actions.filter((a) => commands.includes(a)),
    );
  const internalFacts = new Set<string>(INTERNAL_FACTS.map((key) => t(key)));
  const cardFacts = reporter ? card.facts.filter((f) => !internalFacts.has(f.label)) : card.facts;
  const titled = (key: MessageKey) => {
    const title = t(key, { reference: c.reference, handler });
    return { ...bare(title, c), facts: cardFacts };
  };
  const base = titled(`title.${kind}` as MessageKey);
  const lines = (...parts: (string | false | null | undefined)[]) =>
    parts.filter(Boolean).join(' ');
  // What was decided and done for the reporter (not their description: they wrote it).
  const reporterHeadings = new Set<string>(REPORTER_SECTIONS.map((key) => t(key)));
  const outcomeSections = card.sections.filter((s) => reporterHeadings.has(s.heading));
  const only = (key: MessageKey, text: string | null) => (text ? [{ heading: t(key), text }] : []);
  const closedConfidentially = () => ({
    ...titled('title.closed'),
    intro: t('text.confidential.closed'),
  });
  // The question this message is about, not a later one.
  const latestQuestion =
    view.infoRequests.find((r) => r.id === payload.infoRequestId) ?? view.infoRequests.at(-1);
  switch (kind) {
    case 'info_request':
      return {
        ...base,
        intro: t('text.info_request', { handler }),
        sections: latestQuestion
          ? [{ heading: t('field.question'), text: latestQuestion.question }]
          : [],
        actions: reporterActions(['provide_info']),
      };
    case 'info_provided':
      return {
        ...base,
        sections: latestQuestion?.answer
          ? [
              { heading: t('field.question'), text: latestQuestion.question },
              { heading: t('field.answer'), text: latestQuestion.answer },
            ]
          : [],
      };
    case 'decision': {
      if (confidential) {
        return {
          ...titled('title.confidential.in_treatment'),
          intro: t('text.confidential.in_treatment', { handler }),
        };
      }
      const due = facts?.resolutionDue ?? c.resolutionDue;
      return { ...base, intro: t('text.decision', { handler, due: date(due) }) };
    }
    case 'outcome': {
      const outcome = facts?.outcome ?? (c.decision === 'unfounded' ? 'rejected' : 'resolved');
      // Resolved while the agreed fix is pending: the satisfaction question comes after it.
      const deferred = facts
        ? facts.questionDeferred === true
        : outcome === 'resolved' && c.reactionDue === null && c.agreedTermOn !== null;
      const actions = deferred ? [] : reporterActions(['accept', 'object']);
      const due = facts?.reactionDue ?? c.reactionDue;
      const term = facts?.termOn ?? c.agreedTermOn;
      // The question and its deadline only while the reporter can still answer.
      const open = actions.length > 0;
      const intro = lines(
        confidential ? t('text.confidential.handled') : t(`event.outcome.${outcome}`),
        open &&
          (confidential ? t('text.confidential.question') : t(`event.outcome.${outcome}.question`)),
        open && due && t('text.outcome.reaction', { due: date(due) }),
        deferred &&
          (term
            ? t('text.outcome.deferred', { term: date(term) })
            : t('text.outcome.deferred.plain')),
      );
      const model = confidential ? titled('title.confidential.handled') : base;
      return { ...model, intro, sections: confidential ? [] : outcomeSections, actions };
    }
    case 'satisfaction_question': {
      const actions = reporterActions(['accept', 'object']);
      const due = facts?.reactionDue ?? c.reactionDue;
      const open = actions.length > 0;
      const intro = lines(
        confidential ? t('text.confidential.handled') : t('text.satisfaction_question'),
        open &&
          (confidential
            ? t('text.confidential.question')
            : t('text.satisfaction_question.question')),
        open && due && t('text.outcome.reaction', { due: date(due) }),
      );
      const model = confidential ? titled('title.confidential.handled') : base;
      return { ...model, intro, sections: confidential ? [] : outcomeSections, actions };
    }
    case 'closed': {
      if (confidential) return closedConfidentially();
      const reason = facts?.closeReason ?? c.closeReason ?? 'accepted';
      return {
        ...base,
        intro: t(`text.closed.${reason}` as MessageKey),
        sections: only('field.outcome', c.finalOutcome),
      };
    }
    case 'inadmissible':
      if (confidential) return closedConfidentially();
      return {
        ...base,
        intro: t('text.inadmissible', { handler }),
        sections: only('field.admissibilityMotivation', c.admissibilityMotivation),
      };
    case 'tip_noted':
      return { ...base, intro: t('text.tip_noted', { handler }) };
    case 'deadline_extended': {
      const due = facts?.resolutionDue ?? c.resolutionDue;
      const previous = facts?.previousResolutionDue ?? c.originalResolutionDue;
      return {
        ...base,
        intro: previous
          ? t('text.deadline_extended', { handler, due: date(due), previous: date(previous) })
          : t('text.deadline_extended.plain', { handler, due: date(due) }),
        // Why is content: not for the reporter of a complaint about an employee.
        sections: confidential ? [] : only('field.extensionReason', c.extensionReason),
      };
    }
    case 'solution_agreed': {
      if (confidential) {
        return {
          ...titled('title.confidential.in_treatment'),
          intro: t('text.confidential.in_treatment', { handler }),
        };
      }
      const term = facts?.termOn ?? c.agreedTermOn;
      return {
        ...base,
        intro: lines(
          term && t('text.solution_agreed', { handler, term: date(term) }),
          c.remediationParty &&
            t('text.solution_agreed.party', { party: partyLine(c.remediationParty) }),
          c.complainantAgreed !== null && t(`text.solution_agreed.agreed.${c.complainantAgreed}`),
        ),
        sections: only('field.solution', c.agreedSolution),
      };
    }
    case 'committee_verdict': {
      if (confidential) return closedConfidentially();
      const verdict = facts?.verdict ?? c.committeeVerdict;
      const on = facts?.verdictOn ?? c.committeeVerdictOn;
      const binding = facts?.binding ?? c.committeeBinding;
      const committee = rules.committee?.name ?? t('committeeType.committee');
      return {
        ...base,
        intro: lines(
          verdict &&
            on &&
            t('text.committee_verdict', {
              committee,
              date: date(on),
              verdict: t(`verdict.${verdict}`).toLowerCase(),
            }),
          binding !== null && t(`text.committee_verdict.binding.${binding}`),
          t('text.committee_verdict.closed'),
        ),
        sections: only('field.followUp', c.committeeFollowUp),
      };
    }
    case 'committee_referral': {
      const committee = rules.committee;
      return {
        ...base,
        intro: committee
          ? lines(
              t('text.committee_referral', { committee: committee.name }),
              committee.url && t('text.committee_referral.url', { url: committee.url }),
            )
          : null,
      };
    }
    default:
      return base;
  }
}
