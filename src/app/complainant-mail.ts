import type { LocalDate } from '../domain/calendar.js';
import type { Complaint } from '../domain/complaint.js';
import type { Correspondence } from '../domain/correspondence.js';
import { type Actor, hasRole, type Locale, type Person } from '../domain/people.js';
import type { ComplainantLink } from './complainant-link-port.js';
import { issueComplainantLink } from './complainant-portal.js';
import type { Letterhead } from './complainant-settings.js';
import {
  acknowledge,
  COMPLAINANT_EMAIL_KIND,
  COMPLAINANT_LETTER_KIND,
  type MarkLetterPostedResult,
  markLetterPosted,
} from './correspondence.js';
import type { AppDeps } from './deps.js';
import type { LetterModel } from './letters-port.js';
import { type MessageKey, translate } from './messages/catalogue.js';
import type { Fact, MessageModel } from './messages/model.js';
import type { ClaimedMessage } from './ports.js';
import { canView } from './view-complaint.js';

/**
 * Delivering letters and e-mails to the complainant (issue 11): the drafts are written and sent
 * from chat (correspondence.ts); the outbox then carries them out. An e-mailed message goes to
 * the complainant with the letter attached as PDF and a personal link; a letter goes as PDF to
 * the secretariat privately, with a "sent by post" button.
 */

/**
 * The outbox kinds (enqueued by correspondence.ts): an e-mail to the complainant (recipient
 * `{ channel: 'complainant' }`), and a letter to post, one per active secretariat member.
 */
export { COMPLAINANT_EMAIL_KIND, COMPLAINANT_LETTER_KIND };
/** Slack `action_id` and Teams `Action.Execute` verb of "Verstuurd per post" (value: the id). */
export const LETTER_POSTED_ACTION = 'letter_posted';
/** The audit action recorded once the e-mail was handed to the mail server (or written). */
export const EMAIL_SENT_ACTION = 'complainant_email_sent';

/** A letter with its date as a calendar date too: the PDF's creation date (same letter, same bytes). */
export interface DatedLetterModel extends LetterModel {
  date: LocalDate;
}

const LETTER_DATE: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/** "28 november 2026" / "28 November 2026": a date as a letter writes it. */
export function letterDate(locale: Locale, date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return LETTER_DATE[locale].format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

const FALLBACK_LETTERHEAD: Letterhead = {
  name: 'Klachtenbot',
  address: null,
  email: null,
  phone: null,
  url: null,
};

/** The day a letter is dated: when it was sent, else today (a preview), in the organisation's time zone. */
function letterDay(deps: AppDeps, correspondence: Correspondence): LocalDate {
  return deps.calendar.localDate(correspondence.sentAt ?? deps.clock.now());
}

/**
 * The letter as the PDF shows it, in the correspondence's language: the organisation's
 * letterhead, the complainant's name and postal address, the date, the reference, the subject
 * and the text as sent, signed by whoever sent it on behalf of the organisation.
 */
export async function letterFor(
  deps: AppDeps,
  correspondence: Correspondence,
  complaint: Complaint,
): Promise<DatedLetterModel> {
  const locale = correspondence.locale;
  const letterhead = deps.complainant?.letterhead ?? FALLBACK_LETTERHEAD;
  const signerId = correspondence.sentBy ?? complaint.handlerId;
  const signer = signerId ? await deps.store.repository.findPerson(signerId) : null;
  const date = letterDay(deps, correspondence);
  const closing = translate(locale, 'mail.letter.closing');
  return {
    letterhead,
    recipientName: complaint.complainant.name,
    recipientAddress: addressLines(complaint.complainant.address),
    date,
    dateText: translate(locale, 'mail.letter.date', { date: letterDate(locale, date) }),
    referenceText: translate(locale, 'mail.letter.reference', { reference: complaint.reference }),
    subject: correspondence.subject,
    body: correspondence.body,
    // A text that ends with its own closing and signature (the drafts do) gets no second one.
    ...(splitClosing(correspondence.body, closing).closing
      ? { closing: '', signature: '' }
      : { closing, signature: [signer?.name, letterhead.name].filter(Boolean).join('\n') }),
  };
}

/**
 * A text split before its closing line ("Met vriendelijke groet,"), when it has one (the
 * drafts end with closing and signature): the closing part null when there is none.
 */
export function splitClosing(
  body: string,
  closingLine: string,
): {
  text: string;
  closing: string | null;
} {
  const trimmed = body.replace(/\r\n/g, '\n').trim();
  if (!closingLine.trim()) return { text: trimmed, closing: null };
  const at = trimmed.lastIndexOf(closingLine.trim());
  if (at < 0 || (at > 0 && trimmed[at - 1] !== '\n')) return { text: trimmed, closing: null };
  return { text: trimmed.slice(0, at).trim(), closing: trimmed.slice(at).trim() };
}

function addressLines(address: string | null): string[] {
  return (address ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The file name of a letter's PDF: `brief-KL-2026-0012.pdf`. */
export function letterFileName(locale: Locale, reference: string): string {
  return translate(locale, 'mail.letter.file', { reference }).replace(/[^\w.-]+/g, '_');
}

/** The correspondence an outbox message is about (payload `correspondenceId`), with its complaint. */
async function loadLetter(
  deps: AppDeps,
  message: Pick<ClaimedMessage, 'payload' | 'complaintId'>,
): Promise<{ correspondence: Correspondence; complaint: Complaint } | null> {
  const id = message.payload.correspondenceId;
  if (typeof id !== 'string') return null;
  const repo = deps.store.repository;
  const correspondence = await repo.findCorrespondence(id);
  if (!correspondence || correspondence.anonymisedAt) return null;
  // A draft not sent, or one withdrawn: nothing goes out.
  if (correspondence.status !== 'sent' && correspondence.status !== 'posted') return null;
  const complaint = await repo.findComplaint(correspondence.complaintId);
  if (!complaint || complaint.anonymisedAt) return null;
  if (message.complaintId && message.complaintId !== complaint.id) return null;
  return { correspondence, complaint };
}

export interface ComplainantEmail {
  to: string;
  toName: string | null;
  subject: string;
  text: string;
  html: string;
  /** The letter as PDF; null when no renderer is configured. */
  letterPdf: Uint8Array | null;
  letterFileName: string;
  /** The personal link made for this e-mail. */
  linkId: string;
  correspondenceId: string;
  complaintId: string;
  locale: Locale;
}

export type ComposedEmail =
  | { kind: 'send'; email: ComplainantEmail }
  /** Nothing (left) to send: the draft was withdrawn, anonymised, or already e-mailed. */
  | { kind: 'skip'; reason: string }
  /** Can never go out (no e-mail address): parked, visible to the quality adviser. */
  | { kind: 'fail'; reason: string };

/** Was this correspondence already handed to the mail server (a repeat after a crash)? */
export async function alreadyEmailed(
  deps: AppDeps,
  complaintId: string,
  correspondenceId: string,
): Promise<boolean> {
  const audit = await deps.store.repository.listAudit(complaintId);
  return audit.some(
    (entry) =>
      entry.action === EMAIL_SENT_ACTION && entry.metadata.correspondenceId === correspondenceId,
  );
}

/**
 * The e-mail of an outbox message of kind `complainant_email`: the text as sent, the personal
 * link (a new link row; `urlFor` signs it into a URL: the app holds no keys) and the letter as
 * PDF. A retry makes a new link; only the e-mail that goes out carries one.
 */
export async function composeComplainantEmail(
  deps: AppDeps,
  message: Pick<ClaimedMessage, 'payload' | 'complaintId'>,
  urlFor: (link: ComplainantLink) => string,
): Promise<ComposedEmail> {
  const found = await loadLetter(deps, message);
  if (!found) return { kind: 'skip', reason: 'correspondence not to be sent' };
  const { correspondence, complaint } = found;
  if (correspondence.channel !== 'email') return { kind: 'skip', reason: 'not an e-mail' };
  if (await alreadyEmailed(deps, complaint.id, correspondence.id)) {
    return { kind: 'skip', reason: 'already e-mailed' };
  }
  const to = complaint.complainant.email;
  if (!to) return { kind: 'fail', reason: 'the complainant has no e-mail address' };
  const locale = correspondence.locale;
  const link = await issueComplainantLink(deps.store.repository, deps, complaint.id);
  const url = urlFor(link);
  const until = letterDate(locale, deps.calendar.localDate(new Date(link.expiresAt.getTime() - 1)));
  const letter = await letterFor(deps, correspondence, complaint);
  const letterPdf = deps.letters ? await deps.letters.render(letter) : null;
  const linkText = translate(locale, 'mail.email.link', { url, until });
  // The link and the PDF note go above the closing, whether the text carries one or not.
  const closingLine = translate(locale, 'mail.letter.closing');
  const { text, closing } = splitClosing(correspondence.body, closingLine);
  const paragraphs = [
    text,
    linkText,
    ...(letterPdf ? [translate(locale, 'mail.email.attachment')] : []),
    closing ?? `${closingLine}\n${letter.signature}`,
    contactLines(locale, letter.letterhead).join('\n'),
  ].filter(Boolean);
  return {
    kind: 'send',
    email: {
      to,
      toName: complaint.complainant.name,
      subject: `${correspondence.subject} (${complaint.reference})`,
      text: `${paragraphs.join('\n\n')}\n`,
      html: emailHtml(locale, paragraphs, linkText, url),
      letterPdf,
      letterFileName: letterFileName(locale, complaint.reference),
      linkId: link.id,
      correspondenceId: correspondence.id,
      complaintId: complaint.id,
      locale,
    },
  };
}

/** The organisation's address and contact lines under a letter or e-mail. */
export function contactLines(locale: Locale, letterhead: Letterhead): string[] {
  return [
    ...addressLines(letterhead.address),
    letterhead.phone && translate(locale, 'mail.letter.contact.phone', { phone: letterhead.phone }),
    letterhead.email && translate(locale, 'mail.letter.contact.email', { email: letterhead.email }),
    letterhead.url && translate(locale, 'mail.letter.contact.url', { url: letterhead.url }),
  ].filter((line): line is string => Boolean(line));
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The same e-mail as simple HTML: paragraphs, the link as a link; every text escaped. */
function emailHtml(locale: Locale, paragraphs: string[], linkText: string, url: string): string {
  const body = paragraphs
    .map((p) => {
      const html = escapeHtml(p).replace(/\n/g, '<br>');
      if (p !== linkText) return `<p>${html}</p>`;
      const anchor = `<a href="${escapeHtml(url)}">${escapeHtml(translate(locale, 'mail.email.link_label'))}</a>`;
      return `<p>${html.replace(escapeHtml(url), anchor)}</p>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>\n`;
}

/** Records that the e-mail went out, so a repeat of the outbox message sends nothing. */
export async function recordEmailSent(
  deps: AppDeps,
  email: Pick<ComplainantEmail, 'complaintId' | 'correspondenceId' | 'linkId'>,
  messageId: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (repo) => {
    await repo.appendAudit({
      complaintId: email.complaintId,
      actorId: null,
      action: EMAIL_SENT_ACTION,
      outcome: 'done',
      fromStatus: null,
      toStatus: null,
      metadata: {
        correspondenceId: email.correspondenceId,
        linkId: email.linkId,
        messageId,
      },
      at: now,
    });
    // The acknowledgement is given when it left, not when it was queued (a parked e-mail
    // never reached the complainant).
    const sent = await repo.findCorrespondence(email.correspondenceId);
    if (sent?.kind === 'acknowledgement') await acknowledge(repo, email.complaintId, now);
  });
}

/** The private message with a letter to post: the model plus what its button needs. */
export interface LetterMessageModel extends MessageModel {
  letter: {
    correspondenceId: string;
    /** Set once someone recorded it as posted: the button gives way to the date. */
    postedOn: LocalDate | null;
  };
}

export function isLetterMessageModel(model: MessageModel): model is LetterMessageModel {
  return 'letter' in model && typeof (model as LetterMessageModel).letter === 'object';
}

export interface RenderedLetterMessage {
  recipient: Person;
  locale: Locale;
  model: LetterMessageModel;
  liveCard: false;
  attachments: { fileName: string; mediaType: 'application/pdf'; data: Uint8Array }[];
}

/** May this person receive a letter to post, or download it: secretariat, or who may see it. */
export async function mayHandleLetter(
  deps: AppDeps,
  person: Person,
  complaint: Complaint,
): Promise<boolean> {
  if (!person.active) return false;
  return hasRole(person, 'secretariat') || (await canView(deps, person, complaint));
}

/**
 * The private message of kind `complainant_letter`: which complaint, to whom and where the
 * letter must go, the PDF attached, and "Verstuurd per post". Null when nothing is left to
 * post (withdrawn, anonymised) or the recipient may no longer handle it.
 */
export async function composeLetterMessage(
  deps: AppDeps,
  message: ClaimedMessage,
  defaultLocale: Locale,
): Promise<RenderedLetterMessage | null> {
  if (!('personId' in message.recipient)) return null;
  const recipient = await deps.store.repository.findPerson(message.recipient.personId);
  if (!recipient) return null;
  const found = await loadLetter(deps, message);
  if (!found) return null;
  const { correspondence, complaint } = found;
  if (correspondence.channel !== 'letter') return null;
  if (!(await mayHandleLetter(deps, recipient, complaint))) return null;
  const locale = recipient.locale ?? defaultLocale;
  const t = (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params);
  const letter = await letterFor(deps, correspondence, complaint);
  const title = t('mail.post.title', { reference: complaint.reference });
  const address = letter.recipientAddress.join('\n');
  const facts: Fact[] = [
    { label: t('mail.post.kind'), value: t(`mail.kind.${correspondence.kind}` as MessageKey) },
    { label: t('mail.post.subject'), value: correspondence.subject },
    { label: t('mail.post.to'), value: letter.recipientName ?? '—' },
  ];
  if (correspondence.postedOn) {
    facts.push({
      label: t('mail.post.date'),
      value: letterDate(locale, correspondence.postedOn),
    });
  }
  const model: LetterMessageModel = {
    summary: title,
    title,
    intro: correspondence.postedOn ? null : t('mail.post.intro'),
    facts,
    sections: [{ heading: t('mail.post.address'), text: address || t('mail.post.no_address') }],
    actions: [],
    footer: null,
    complaint: { id: complaint.id, reference: complaint.reference, version: complaint.version },
    letter: { correspondenceId: correspondence.id, postedOn: correspondence.postedOn },
  };
  const pdf = deps.letters ? await deps.letters.render(letter) : null;
  return {
    recipient,
    locale,
    model,
    liveCard: false,
    attachments: pdf
      ? [
          {
            fileName: letterFileName(correspondence.locale, complaint.reference),
            mediaType: 'application/pdf',
            data: pdf,
          },
        ]
      : [],
  };
}

/**
 * The letter's PDF for a private download (Teams: a 1:1 chat takes no file without a consent
 * card): only for an active person who may handle it; null otherwise.
 */
export async function letterDownload(
  deps: AppDeps,
  personId: string,
  correspondenceId: string,
): Promise<{ fileName: string; data: Uint8Array } | null> {
  const repo = deps.store.repository;
  const person = await repo.findPerson(personId);
  if (!person || !deps.letters) return null;
  const found = await loadLetter(deps, { payload: { correspondenceId }, complaintId: null });
  if (!found || !(await mayHandleLetter(deps, person, found.complaint))) return null;
  const { correspondence, complaint } = found;
  const letter = await letterFor(deps, correspondence, complaint);
  return {
    fileName: letterFileName(correspondence.locale, complaint.reference),
    data: await deps.letters.render(letter),
  };
}

/** What "Verstuurd per post" records: who, which letter, on which day; the request's key. */
export interface LetterPostedInput {
  actor: Actor;
  correspondenceId: string;
  postedOn: LocalDate;
  requestKey?: string;
}

/** "Verstuurd per post" from either surface: correspondence.ts decides and records. */
export function letterPosted(
  deps: AppDeps,
  input: LetterPostedInput,
): Promise<MarkLetterPostedResult> {
  return markLetterPosted(deps, input);
}

/** The reference of the complaint a letter belongs to (for the confirmation); null if gone. */
export async function letterReference(
  deps: AppDeps,
  correspondenceId: string,
): Promise<{ reference: string; postedOn: LocalDate | null } | null> {
  const repo = deps.store.repository;
  const correspondence = await repo.findCorrespondence(correspondenceId);
  if (!correspondence) return null;
  const complaint = await repo.findComplaint(correspondence.complaintId);
  return complaint ? { reference: complaint.reference, postedOn: correspondence.postedOn } : null;
}
