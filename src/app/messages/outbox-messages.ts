import type { Locale, Person } from '../../domain/people.js';
import { canSee } from '../../domain/permissions.js';
import type { AppDeps } from '../deps.js';
import type { MessageKind } from '../notifications.js';
import type { ClaimedMessage } from '../ports.js';
import { type ComplaintView, loadComplaintView } from '../view-complaint.js';
import { formatLocalDate, type MessageKey, translator } from './catalogue.js';
import {
  composeAcknowledgement,
  composeActions,
  composeComplaintCard,
  composeQualityNotice,
} from './compose.js';
import { composeJobMessage, JOB_MESSAGE_KINDS, type MessageAttachment } from './job-messages.js';
import type { MessageModel } from './model.js';

export interface RenderedOutboxMessage {
  /** The person it goes to; null for a channel message. */
  recipient: Person | null;
  locale: Locale;
  model: MessageModel;
  /** The complaint's live card: update the earlier message in place instead of posting. */
  liveCard: boolean;
  /** Files to send with the message (the yearly digest's chart PNG, register XLSX and CSV). */
  attachments?: MessageAttachment[];
}

/**
 * Turns an outbox row into the message a surface renders, from the complaint's current state
 * and as the recipient may see it. Returns null when there is nothing left to say (the
 * recipient may no longer see the complaint, or it was anonymised).
 */
export async function composeOutboxMessage(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedOutboxMessage | null> {
  if (JOB_MESSAGE_KINDS.has(message.kind)) {
    return composeJobMessage(deps, message, defaultLocale);
  }
  const repo = deps.store.repository;
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
  if (kind === 'reassigned_away') {
    const handler = await repo.findPerson(complaint.handlerId);
    const t = translator(locale);
    const title = t('title.reassigned_away', {
      reference: complaint.reference,
      handler: handler?.name ?? '',
    });
    return { recipient, locale, model: bare(title, complaint), liveCard: false };
  }
  if (!canSee(recipient, complaint)) return null;
  const view = await loadComplaintView(deps, recipient, complaint);
  const model = composeForRecipient(kind, view, locale);
  return { recipient, locale, model, liveCard: kind === 'handler_card' };
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

/** The message for one recipient: a title for its kind over the facts they may see. */
function composeForRecipient(kind: MessageKind, view: ComplaintView, locale: Locale): MessageModel {
  const t = translator(locale);
  const c = view.complaint;
  if (kind === 'acknowledgement') return composeAcknowledgement(view, locale);
  const card = composeComplaintCard(view, locale);
  if (kind === 'handler_card' || kind === 'objection' || kind === 'mediator_appointed') {
    if (kind === 'handler_card') return card;
    const title = t(`title.${kind}`, { reference: c.reference });
    return {
      ...card,
      summary: title,
      title,
      intro: kind === 'objection' ? t('text.objection') : card.intro,
    };
  }
  const handler = view.people[c.handlerId]?.name ?? '';
  const reporterActions = (commands: readonly string[]) =>
    composeActions(
      locale,
      view.actions.filter((a) => commands.includes(a)),
    );
  const titleKey = `title.${kind}` as MessageKey;
  const title = t(titleKey, { reference: c.reference, handler });
  const base: MessageModel = { ...bare(title, c), facts: card.facts };
  const latestQuestion = view.infoRequests.at(-1);
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
    case 'decision':
      return {
        ...base,
        intro: t('text.decision', { handler, due: formatLocalDate(locale, c.resolutionDue) }),
      };
    case 'outcome': {
      const resolved = c.status === 'resolved';
      const reaction = c.reactionDue
        ? ` ${t('text.outcome.reaction', { due: formatLocalDate(locale, c.reactionDue) })}`
        : '';
      return {
        ...base,
        intro: `${t(resolved ? 'text.outcome.resolved' : 'text.outcome.rejected')}${reaction}`,
        sections: card.sections.filter((s) => s.heading !== t('field.description')),
        actions: reporterActions(['accept', 'object']),
      };
    }
    case 'closed': {
      const reason = c.closeReason ?? 'accepted';
      return {
        ...base,
        intro: t(`text.closed.${reason}` as MessageKey),
        sections: c.finalOutcome ? [{ heading: t('field.outcome'), text: c.finalOutcome }] : [],
      };
    }
    default:
      return base;
  }
}
