import type { Correspondence } from '../../domain/correspondence.js';
import type { Locale } from '../../domain/people.js';
import { mayWrite, withReference } from '../correspondence.js';
import type { AppDeps } from '../deps.js';
import type { ClaimedMessage } from '../ports.js';
import { canView } from '../view-complaint.js';
import { formatLocalDate, type MessageKey, translator } from './catalogue.js';
import type { MessageModel } from './model.js';
import type { RenderedOutboxMessage } from './outbox-messages.js';

/**
 * The draft of a letter or e-mail to the complainant as a private message to its drafter
 * (issue 11): who it goes to and how, the subject and the text, and "Bekijken en versturen",
 * which opens the edit form on either surface.
 */

/** Slack `action_id` / Teams verb prefix of the button; the correspondence id follows it. */
export const CORRESPONDENCE_OPEN_PREFIX = 'kbc_open:';
/** Teams: the edit card's submit verb (data: `correspondenceId`). */
export const CORRESPONDENCE_SEND_VERB = 'kbc_send';

export function correspondenceActionId(correspondenceId: string): string {
  return `${CORRESPONDENCE_OPEN_PREFIX}${correspondenceId}`;
}

/** The correspondence a button stands for, else null. */
export function correspondenceIdOfAction(actionId: string): string | null {
  if (!actionId.startsWith(CORRESPONDENCE_OPEN_PREFIX)) return null;
  const id = actionId.slice(CORRESPONDENCE_OPEN_PREFIX.length);
  return id === '' ? null : id;
}

/** Composes the `correspondence_draft` outbox message; null when there is nothing to show. */
export async function composeCorrespondenceDraft(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedOutboxMessage | null> {
  if (!('personId' in message.recipient)) return null;
  const repo = deps.store.repository;
  const id = message.payload.correspondenceId;
  const [recipient, stored] = await Promise.all([
    repo.findPerson(message.recipient.personId),
    typeof id === 'string' ? repo.findCorrespondence(id) : null,
  ]);
  if (!recipient || !stored) return null;
  const complaint = await repo.findComplaint(stored.complaintId);
  if (!complaint || complaint.anonymisedAt !== null) return null;
  if (!(await canView(deps, recipient, complaint)) || !mayWrite(recipient, complaint, stored)) {
    return null;
  }
  const locale = recipient.locale ?? defaultLocale;
  const draft = withReference(stored, complaint.reference);
  const sentOn = draft.sentAt ? deps.calendar.localDate(draft.sentAt) : null;
  const model = composeDraftModel(draft, complaint, locale, sentOn);
  // A private 1:1 message to someone who may write the letter: shown whole on both surfaces.
  return { recipient, locale, model, liveCard: false, plain: true };
}

/** The draft as a message model (also what a surface shows when the button is clicked late). */
export function composeDraftModel(
  draft: Correspondence,
  complaint: {
    id: string;
    reference: string;
    version: number;
    complainant: { name: string | null; email: string | null; address: string | null };
  },
  locale: Locale,
  sentOn: string | null,
): MessageModel {
  const t = translator(locale);
  const kind = t(`corr.kind.${draft.kind}` as MessageKey);
  const name = complaint.complainant.name ?? t('corr.unnamed');
  const to =
    draft.channel === 'email'
      ? (complaint.complainant.email ?? '')
      : [complaint.complainant.name, complaint.complainant.address].filter(Boolean).join('\n');
  const isDraft = draft.status === 'draft';
  const intro = isDraft
    ? t(`corr.dm.intro.${draft.channel}`, { name })
    : t('corr.dm.already', { date: sentOn ? formatLocalDate(locale, sentOn) : '—' });
  return {
    summary: t('corr.dm.summary', { reference: complaint.reference }),
    title: t('corr.dm.title', { kind, reference: complaint.reference }),
    intro,
    facts: [
      { label: t('field.reference'), value: complaint.reference },
      { label: t('corr.fact.kind'), value: kind },
      { label: t('corr.fact.channel'), value: t(`corr.channel.${draft.channel}`) },
      { label: t('corr.fact.to'), value: to },
      { label: t('corr.fact.language'), value: t(`corr.locale.${draft.locale}`) },
      { label: t('corr.fact.status'), value: t(`corr.status.${draft.status}`) },
    ],
    sections: [
      { heading: t('corr.section.subject'), text: draft.subject },
      { heading: t('corr.section.body'), text: draft.body },
    ],
    actions: isDraft
      ? [
          {
            // ActionModel names a lifecycle command; this button is none (its id routes it).
            command: 'note_feedback',
            id: correspondenceActionId(draft.id),
            label: t('corr.action.review'),
            style: 'primary',
            opensForm: true,
          },
        ]
      : [],
    footer: null,
    complaint: { id: complaint.id, reference: complaint.reference, version: complaint.version },
  };
}
