import type { Complaint } from '../../domain/complaint.js';
import type { Locale, Person } from '../../domain/people.js';
import type { AppDeps } from '../deps.js';
import type { ClaimedMessage } from '../ports.js';
import { canView, loadComplaintView } from '../view-complaint.js';
import { translator } from './catalogue.js';
import { composeComplaintCard } from './compose.js';
import { readEventFacts } from './event-facts.js';
import type { Section } from './model.js';
import type { RenderedOutboxMessage } from './outbox-messages.js';

/** The handler's message when the complainant acted on their own page (issue 11). */
export const COMPLAINANT_REACTED_KIND = 'complainant_reacted';

/**
 * Tells the handler that the complainant accepted, objected (with the reason) or answered the
 * question (with the question and the answer) on their page; over the complaint's facts, with
 * what the handler may do next after an answer. Null when the handler may no longer see it.
 */
export async function composeComplainantReacted(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedOutboxMessage | null> {
  const found = await recipientWhoMaySee(deps, message);
  if (!found) return null;
  const { recipient, complaint } = found;
  const locale = recipient.locale ?? defaultLocale;
  const t = translator(locale);
  const view = await loadComplaintView(deps, recipient, complaint);
  const card = composeComplaintCard(view, locale);
  const event = readEventFacts(message.payload)?.event ?? null;
  const title = t('page.notice.title', { reference: complaint.reference });
  const sections: Section[] = [];
  let intro: string;
  if (event === 'accept') {
    intro = t('page.notice.accept');
  } else if (event === 'object') {
    intro = t('page.notice.object');
    if (complaint.objectionReason) {
      sections.push({ heading: t('page.notice.reason'), text: complaint.objectionReason });
    }
  } else if (event === 'provide_info') {
    intro = t('page.notice.answer');
    // The question this message is about, not a later one.
    const answered =
      view.infoRequests.find((r) => r.id === message.payload.infoRequestId) ??
      view.infoRequests.filter((r) => r.answer !== null).at(-1);
    if (answered?.answer) {
      sections.push(
        { heading: t('page.notice.question'), text: answered.question },
        { heading: t('page.notice.answer.heading'), text: answered.answer },
      );
    }
  } else {
    intro = t('page.notice.other');
  }
  return {
    recipient,
    locale,
    model: {
      ...card,
      summary: title,
      title,
      intro,
      sections,
      // After an answer the handler decides next: the buttons they may use now.
      actions: event === 'provide_info' ? card.actions : [],
    },
    liveCard: false,
  };
}

/**
 * The person a message about a complaint is for and the complaint, when that person may
 * still see it and it is not anonymised; null otherwise (nothing to tell).
 */
export async function recipientWhoMaySee(
  deps: AppDeps,
  message: ClaimedMessage,
): Promise<{ recipient: Person; complaint: Complaint } | null> {
  const repo = deps.store.repository;
  if (!('personId' in message.recipient) || !message.complaintId) return null;
  const [recipient, complaint] = await Promise.all([
    repo.findPerson(message.recipient.personId),
    repo.findComplaint(message.complaintId),
  ]);
  if (!recipient || !complaint || complaint.anonymisedAt !== null) return null;
  if (!(await canView(deps, recipient, complaint))) return null;
  return { recipient, complaint };
}
