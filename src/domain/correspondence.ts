import type { LocalDate } from './calendar.js';
import type { Complainant } from './complaint.js';

/**
 * Letters and e-mails to the complainant (issue 11): each is drafted from the catalogue in the
 * complainant's language, may be edited by the handler or secretariat, and is sent once.
 */
export const CORRESPONDENCE_KINDS = [
  'acknowledgement',
  'info_request',
  'extension',
  'inadmissible',
  'outcome',
  'final_outcome',
] as const;
export type CorrespondenceKind = (typeof CORRESPONDENCE_KINDS)[number];

export const CORRESPONDENCE_CHANNELS = ['email', 'letter'] as const;
export type CorrespondenceChannel = (typeof CORRESPONDENCE_CHANNELS)[number];

/** draft → sent (to SMTP, or the PDF to the secretariat) → posted (letters); or cancelled. */
export const CORRESPONDENCE_STATUSES = ['draft', 'sent', 'posted', 'cancelled'] as const;
export type CorrespondenceStatus = (typeof CORRESPONDENCE_STATUSES)[number];

export interface Correspondence {
  id: string;
  complaintId: string;
  kind: CorrespondenceKind;
  channel: CorrespondenceChannel;
  locale: 'nl' | 'en';
  subject: string;
  body: string;
  status: CorrespondenceStatus;
  draftedBy: string | null;
  sentBy: string | null;
  createdAt: Date;
  sentAt: Date | null;
  postedOn: LocalDate | null;
  postedBy: string | null;
  anonymisedAt: Date | null;
}

/** Limits of an edited draft (the PDF letter holds about two pages of this). */
export const CORRESPONDENCE_LIMITS = { subject: 200, body: 6000 } as const;

/**
 * How to write to a complainant: e-mail when they have an address and did not ask for letters
 * (and e-mail can go out), a letter when there is a postal address; null when neither.
 */
export function correspondenceChannel(
  complainant: Pick<Complainant, 'email' | 'address' | 'preferredContact'>,
  emailAvailable: boolean,
): CorrespondenceChannel | null {
  const canMail = emailAvailable && complainant.email !== null;
  const canPost = complainant.address !== null;
  if (complainant.preferredContact === 'letter' && canPost) return 'letter';
  if (canMail) return 'email';
  return canPost ? 'letter' : null;
}
