import type { LocalDate } from './calendar.js';
import type { Complainant, Complaint, IntakeChannel } from './complaint.js';

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

/**
 * Limits of an edited draft. The body is edited in a Slack modal, whose text inputs stop at
 * 3000 characters; a drafted letter is fitted within it (see the drafting).
 */
export const CORRESPONDENCE_LIMITS = { subject: 200, body: 3000 } as const;

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

/**
 * Intake channels after which the complainant is acknowledged in writing. By phone or in
 * person the conversation itself is the acknowledgement (seed 004); chat is a colleague's own
 * report, acknowledged by the bot.
 */
export const WRITTEN_ACKNOWLEDGEMENT_CHANNELS: readonly IntakeChannel[] = [
  'letter',
  'email',
  'web_form',
  'committee',
];

/**
 * Whether the procedure writes to this complaint's complainant at all: someone outside the
 * organisation (client, supplier, other). Never about an employee's behaviour: there the
 * reporter hears only "in behandeling" and "afgesloten", and nothing goes outside.
 */
export function writesToComplainant(
  complaint: Pick<Complaint, 'complainant' | 'concernsEmployee' | 'anonymisedAt'>,
): boolean {
  return (
    !complaint.concernsEmployee &&
    complaint.anonymisedAt === null &&
    complaint.complainant.type !== 'employee'
  );
}
