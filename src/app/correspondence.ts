import { addCalendarDays, type LocalDate } from '../domain/calendar.js';
import type { Complaint } from '../domain/complaint.js';
import {
  CORRESPONDENCE_LIMITS,
  type Correspondence,
  type CorrespondenceKind,
  correspondenceChannel,
  WRITTEN_ACKNOWLEDGEMENT_CHANNELS,
  writesToComplainant,
} from '../domain/correspondence.js';
import { DomainError, type FieldProblem, isDomainError } from '../domain/errors.js';
import type { Command } from '../domain/lifecycle.js';
import {
  type Actor,
  actorIdOf,
  COMPLAINANT_ACTOR_ID,
  hasRole,
  type Person,
} from '../domain/people.js';
import { DEFAULT_PROCEDURE } from '../domain/procedure.js';
import { draftText } from './correspondence-drafts.js';
import type { AppDeps } from './deps.js';
import type { OutboxMessage, Repository } from './ports.js';
import { withDatabaseErrors } from './store-errors.js';
import { canView } from './view-complaint.js';

/**
 * Letters and e-mails to the complainant (issue 11): drafted from the catalogue in the
 * complainant's language when the procedure reaches a step the complainant must hear of,
 * reviewed and sent from chat, delivered once through the outbox (helper MAIL delivers:
 * `complainant_email` by e-mail, `complainant_letter` as a PDF to the secretariat).
 *
 * Never for a complaint about an employee's behaviour: its reporter hears only "in
 * behandeling" and "afgesloten", and nothing about it leaves the organisation in writing.
 */

/** The outbox kind of the draft shown to its drafter with "Bekijken en versturen". */
export const CORRESPONDENCE_DRAFT_KIND = 'correspondence_draft';
export const COMPLAINANT_EMAIL_KIND = 'complainant_email';
export const COMPLAINANT_LETTER_KIND = 'complainant_letter';

/** What a command makes the complainant hear (record_committee_verdict: the verdict's letter). */
const KIND_OF_COMMAND: Partial<Record<Command, CorrespondenceKind>> = {
  request_info: 'info_request',
  extend_deadline: 'extension',
  declare_inadmissible: 'inadmissible',
  declare_unfounded: 'outcome',
  record_resolution: 'outcome',
  record_final_outcome: 'final_outcome',
  record_committee_verdict: 'final_outcome',
};

/** Whether e-mail to complainants can go out at all (SMTP or, locally, `.eml` files). */
function emailAvailable(deps: AppDeps): boolean {
  return deps.complainant !== undefined && deps.complainant.mail !== 'off';
}

/**
 * Called inside the registration's transaction: drafts the acknowledgement when the
 * complainant must get one in writing (letter, e-mail, web form, committee) and tells the
 * drafter. By phone or in person the call was the acknowledgement; chat is a colleague's own.
 */
export async function correspondenceOnReport(
  repo: Repository,
  deps: AppDeps,
  complaint: Complaint,
  actorId: string,
  now: Date,
): Promise<void> {
  if (!WRITTEN_ACKNOWLEDGEMENT_CHANNELS.includes(complaint.intakeChannel)) return;
  if (complaint.acknowledgedAt !== null) return;
  await draftCorrespondence(repo, deps, complaint, 'acknowledgement', actorId, now);
}

/**
 * Called inside a command's transaction: drafts the letter a step implies (information
 * request, extension, non-admissible, outcome, final outcome) and tells the actor, or the
 * handler when the system or the complainant acted.
 */
export async function correspondenceOnCommand(
  repo: Repository,
  deps: AppDeps,
  command: Command,
  before: Complaint,
  after: Complaint,
  actorId: string | null,
  now: Date,
): Promise<void> {
  const kind = KIND_OF_COMMAND[command];
  if (!kind) return;
  const drafter = actorId === null || actorId === COMPLAINANT_ACTOR_ID ? after.handlerId : actorId;
  await draftCorrespondence(repo, deps, after, kind, drafter, now, {
    previousDue: command === 'extend_deadline' ? before.resolutionDue : null,
  });
}

/**
 * Drafts one letter or e-mail and puts it before `drafterId` in chat. Nothing when the
 * complaint is not one the organisation writes about (an employee's behaviour, an employee
 * complainant) or the complainant has neither a usable e-mail address nor a postal address.
 * An older unsent draft of the same kind is superseded (an information request never is: each
 * asks its own question). Returns the draft, or null.
 */
export async function draftCorrespondence(
  repo: Repository,
  deps: AppDeps,
  complaint: Complaint,
  kind: CorrespondenceKind,
  drafterId: string,
  now: Date,
  extra: { previousDue?: LocalDate | null } = {},
): Promise<Correspondence | null> {
  if (!writesToComplainant(complaint)) return null;
  const channel = correspondenceChannel(complaint.complainant, emailAvailable(deps));
  if (channel === null) return null;
  const question = kind === 'info_request' ? await openQuestion(repo, complaint.id) : null;
  if (kind === 'info_request' && question === null) return null;
  const locale = complaint.complainant.locale ?? 'nl';
  const handler = await repo.findPerson(complaint.handlerId);
  const today = deps.calendar.localDate(now);
  const text = draftText({
    complaint,
    kind,
    locale,
    channel,
    receivedOn: deps.calendar.localDate(complaint.receivedAt),
    handlerName: handler?.name ?? null,
    letterhead: deps.complainant?.letterhead ?? null,
    committee: (deps.procedure ?? DEFAULT_PROCEDURE).committee,
    reactionDays: deps.deadlines.reaction,
    reactionDue:
      complaint.reactionDue ?? deps.calendar.addWorkingDays(today, deps.deadlines.reaction),
    question,
    previousDue: extra.previousDue ?? null,
  });
  if (kind !== 'info_request') await supersedeDrafts(repo, complaint.id, kind);
  const draft = await repo.insertCorrespondence({
    complaintId: complaint.id,
    kind,
    channel,
    locale,
    subject: text.subject,
    body: text.body,
    status: 'draft',
    draftedBy: drafterId,
    createdAt: now,
  });
  await repo.enqueue(
    [
      {
        idempotencyKey: `correspondence:${draft.id}:draft`,
        kind: CORRESPONDENCE_DRAFT_KIND,
        recipient: { personId: drafterId },
        complaintId: complaint.id,
        payload: { correspondenceId: draft.id },
      },
    ],
    now,
  );
  return draft;
}

async function openQuestion(repo: Repository, complaintId: string): Promise<string | null> {
  const requests = await repo.listInfoRequests(complaintId);
  const open = requests.filter((request) => request.answer === null);
  return open.at(-1)?.question ?? null;
}

async function supersedeDrafts(repo: Repository, complaintId: string, kind: CorrespondenceKind) {
  const earlier = await repo.listCorrespondence(complaintId);
  for (const draft of earlier) {
    if (draft.kind === kind && draft.status === 'draft') {
      await repo.updateCorrespondence({ ...draft, status: 'cancelled' }, 'draft');
    }
  }
}

const PENDING_REFERENCE = /pending-\d{4}-[0-9a-f-]{36}/gi;

/**
 * A draft made at registration carries the placeholder reference (the number is drawn right
 * after the commit): shown and sent with the complaint's number.
 */
export function withReference<T extends Pick<Correspondence, 'subject' | 'body'>>(
  item: T,
  reference: string,
): T {
  return {
    ...item,
    subject: item.subject.replace(PENDING_REFERENCE, reference),
    body: item.body.replace(PENDING_REFERENCE, reference),
  };
}

/**
 * Who may edit and send a complaint's letters: someone who may see the complaint and is its
 * handler, the secretariat, the draft's drafter, a director or a quality adviser.
 */
export function mayWrite(
  person: Person,
  complaint: Pick<Complaint, 'handlerId'>,
  draft: Pick<Correspondence, 'draftedBy'>,
): boolean {
  return (
    person.active &&
    (person.id === complaint.handlerId ||
      person.id === draft.draftedBy ||
      hasRole(person, 'secretariat') ||
      hasRole(person, 'director') ||
      hasRole(person, 'quality_adviser'))
  );
}

export interface CorrespondenceView {
  correspondence: Correspondence;
  reference: string;
  /** The complainant's name as the letter addresses them (may be null). */
  complainantName: string | null;
}

/**
 * A draft (or sent letter) for the edit form: only for someone who may write it. Someone who
 * may not see the complaint learns nothing (`complaint.not_found`).
 */
export async function correspondenceForEditing(
  deps: AppDeps,
  person: Person,
  correspondenceId: string,
): Promise<CorrespondenceView> {
  return withDatabaseErrors(async () => {
    const { correspondence, complaint } = await loadVisible(
      deps,
      deps.store.repository,
      person,
      correspondenceId,
    );
    if (!mayWrite(person, complaint, correspondence)) {
      throw new DomainError('complaint.not_permitted', 'Not permitted: send_correspondence', {
        command: 'send_correspondence',
      });
    }
    return {
      correspondence: withReference(correspondence, complaint.reference),
      reference: complaint.reference,
      complainantName: complaint.complainant.name,
    };
  });
}

/** A complaint's letters and e-mails, oldest first, for whoever may see the complaint. */
export async function listCorrespondence(
  deps: AppDeps,
  viewer: Person,
  complaintId: string,
): Promise<Correspondence[]> {
  return withDatabaseErrors(async () => {
    const repo = deps.store.repository;
    const complaint = await repo.findComplaint(complaintId);
    if (!complaint || !(await canView(deps, viewer, complaint))) {
      throw new DomainError('complaint.not_found', 'No such complaint');
    }
    const items = await repo.listCorrespondence(complaint.id);
    return items.map((item) => withReference(item, complaint.reference));
  });
}

async function loadVisible(
  deps: AppDeps,
  repo: Repository,
  person: Person,
  correspondenceId: string,
): Promise<{ correspondence: Correspondence; complaint: Complaint }> {
  const correspondence = await repo.findCorrespondence(correspondenceId);
  const complaint = correspondence ? await repo.findComplaint(correspondence.complaintId) : null;
  if (
    !correspondence ||
    !complaint ||
    complaint.anonymisedAt !== null ||
    !(await canView(deps, person, complaint))
  ) {
    throw new DomainError('complaint.not_found', 'No such correspondence');
  }
  return { correspondence, complaint };
}

export interface SendCorrespondenceInput {
  actor: Actor | Person;
  correspondenceId: string;
  subject: string;
  body: string;
  /** Platform request id (Slack view id, Teams activity id): a repeat sends nothing. */
  requestKey?: string;
}

export interface SendCorrespondenceResult {
  correspondence: Correspondence;
  reference: string;
  /** Sent before (a double click, a replay, or someone else first): nothing went out now. */
  duplicate: boolean;
}

/** The edited subject and body, or the field problems (nothing is written then). */
export function checkLetter(subject: string, body: string): { subject: string; body: string } {
  const clean = {
    subject: subject.replace(/\s+/g, ' ').trim(),
    body: body.replace(/\r\n?/g, '\n').trim(),
  };
  const fields: Record<string, FieldProblem> = {};
  if (clean.subject === '') fields.subject = 'required';
  else if (clean.subject.length > CORRESPONDENCE_LIMITS.subject) fields.subject = 'too_long';
  if (clean.body === '') fields.body = 'required';
  else if (clean.body.length > CORRESPONDENCE_LIMITS.body) fields.body = 'too_long';
  if (Object.keys(fields).length > 0) {
    throw new DomainError(
      'input.invalid',
      'Invalid letter',
      { form: 'send_correspondence' },
      fields,
    );
  }
  return clean;
}

/**
 * Sends a draft as edited: one transaction sets it `sent` (compare-and-set on the status, so
 * it goes out once), audits `correspondence_sent` (ids, kind and channel; never the text),
 * and enqueues its delivery: the e-mail (`complainant_email`, delivered by the mail adapter),
 * or the letter's PDF to each active secretariat member (to the sender when there is no
 * secretariat). An acknowledgement by e-mail acknowledges the complaint when the mail server
 * took it (recordEmailSent), a letter when it is posted (markLetterPosted): not when queued.
 */
export async function sendCorrespondence(
  deps: AppDeps,
  input: SendCorrespondenceInput,
): Promise<SendCorrespondenceResult> {
  const actor = asActor(input.actor);
  const letter = checkLetter(input.subject, input.body);
  const now = deps.clock.now();
  try {
    return await withDatabaseErrors(() =>
      deps.store.transaction(async (repo) => {
        const person = requirePerson(actor);
        const repeated =
          input.requestKey !== undefined && !(await repo.claimRequestKey(input.requestKey, now));
        const { correspondence, complaint } = await loadVisible(
          deps,
          repo,
          person,
          input.correspondenceId,
        );
        if (!mayWrite(person, complaint, correspondence)) {
          throw new DomainError('complaint.not_permitted', 'Not permitted: send_correspondence', {
            command: 'send_correspondence',
          });
        }
        const reference = complaint.reference;
        const already = { correspondence, reference, duplicate: true };
        if (repeated || correspondence.status === 'sent' || correspondence.status === 'posted') {
          return already;
        }
        if (correspondence.status !== 'draft') throw notDraft();
        const sent: Correspondence = {
          ...correspondence,
          subject: letter.subject.replace(PENDING_REFERENCE, reference),
          body: letter.body.replace(PENDING_REFERENCE, reference),
          status: 'sent',
          sentBy: person.id,
          sentAt: now,
        };
        if (!(await repo.updateCorrespondence(sent, 'draft'))) {
          // Someone sent it a moment earlier: theirs went out, this one does not.
          const current = await repo.findCorrespondence(correspondence.id);
          if (current && current.status !== 'cancelled') {
            return { correspondence: current, reference, duplicate: true };
          }
          throw notDraft();
        }
        await repo.appendAudit({
          complaintId: complaint.id,
          actorId: person.id,
          action: 'correspondence_sent',
          outcome: 'done',
          fromStatus: null,
          toStatus: null,
          metadata: { correspondenceId: sent.id, kind: sent.kind, channel: sent.channel },
          at: now,
        });
        await repo.enqueue(await deliveries(repo, sent, person.id), now);
        return { correspondence: sent, reference, duplicate: false };
      }),
    );
  } catch (error) {
    await recordRefusal(deps, actor, 'correspondence_sent', input.correspondenceId, error);
    throw error;
  }
}

function notDraft(): DomainError {
  return new DomainError('complaint.concurrent_change', 'The draft is no longer a draft', {
    field: 'status',
  });
}

/** The outbox messages that deliver a sent letter or e-mail (keys per the contract). */
async function deliveries(
  repo: Repository,
  sent: Correspondence,
  senderId: string,
): Promise<OutboxMessage[]> {
  const payload = { correspondenceId: sent.id };
  if (sent.channel === 'email') {
    return [
      {
        idempotencyKey: `correspondence:${sent.id}:email`,
        kind: COMPLAINANT_EMAIL_KIND,
        recipient: { channel: 'complainant' },
        complaintId: sent.complaintId,
        payload,
      },
    ];
  }
  const people = await repo.listPeople();
  const secretariat = people
    .filter((person) => person.active && hasRole(person, 'secretariat'))
    .map((person) => person.id);
  const recipients = secretariat.length > 0 ? secretariat : [senderId];
  return recipients.map((personId) => ({
    idempotencyKey: `correspondence:${sent.id}:letter:${personId}`,
    kind: COMPLAINANT_LETTER_KIND,
    recipient: { personId },
    complaintId: sent.complaintId,
    payload,
  }));
}

/** Records the first acknowledgement of a complaint (compare-and-set on its version). */
export async function acknowledge(repo: Repository, complaintId: string, at: Date): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const complaint = await repo.findComplaint(complaintId);
    if (!complaint || complaint.acknowledgedAt !== null) return;
    const next = { ...complaint, acknowledgedAt: at, version: complaint.version + 1 };
    if (await repo.updateComplaint(next, complaint.version)) return;
  }
  throw new DomainError('complaint.concurrent_change', 'Someone else acted first');
}

export interface MarkLetterPostedInput {
  actor: Actor | Person;
  correspondenceId: string;
  /** The day it went into the post (`YYYY-MM-DD`, the organisation's calendar). */
  postedOn: string;
  requestKey?: string;
}

export interface MarkLetterPostedResult {
  correspondence: Correspondence;
  reference: string;
  duplicate: boolean;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Verstuurd per post": a secretariat member (or whoever sent the letter) records the day the
 * letter went into the post, not in the future and not before the day it was sent. A posted
 * acknowledgement acknowledges the complaint (that day's start, or now when posted today).
 */
export async function markLetterPosted(
  deps: AppDeps,
  input: MarkLetterPostedInput,
): Promise<MarkLetterPostedResult> {
  const actor = asActor(input.actor);
  const now = deps.clock.now();
  const today = deps.calendar.localDate(now);
  const postedOn = input.postedOn.trim();
  if (!LOCAL_DATE.test(postedOn) || Number.isNaN(Date.parse(`${postedOn}T00:00:00Z`))) {
    throw postedOnProblem('invalid');
  }
  if (postedOn > today) throw postedOnProblem('in_future');
  try {
    return await withDatabaseErrors(() =>
      deps.store.transaction(async (repo) => {
        const person = requirePerson(actor);
        const repeated =
          input.requestKey !== undefined && !(await repo.claimRequestKey(input.requestKey, now));
        const { correspondence, complaint } = await loadVisible(
          deps,
          repo,
          person,
          input.correspondenceId,
        );
        const allowed =
          person.active && (hasRole(person, 'secretariat') || person.id === correspondence.sentBy);
        if (!allowed || correspondence.channel !== 'letter') {
          throw new DomainError('complaint.not_permitted', 'Not permitted: letter_posted', {
            command: 'letter_posted',
          });
        }
        const reference = complaint.reference;
        if (repeated || correspondence.status === 'posted') {
          return { correspondence, reference, duplicate: true };
        }
        if (correspondence.status !== 'sent' || correspondence.sentAt === null) throw notDraft();
        if (postedOn < deps.calendar.localDate(correspondence.sentAt)) {
          throw postedOnProblem('in_past');
        }
        const posted: Correspondence = {
          ...correspondence,
          status: 'posted',
          postedOn,
          postedBy: person.id,
        };
        if (!(await repo.updateCorrespondence(posted, 'sent'))) {
          const current = await repo.findCorrespondence(correspondence.id);
          if (current?.status === 'posted') {
            return { correspondence: current, reference, duplicate: true };
          }
          throw notDraft();
        }
        await repo.appendAudit({
          complaintId: complaint.id,
          actorId: person.id,
          action: 'letter_posted',
          outcome: 'done',
          fromStatus: null,
          toStatus: null,
          metadata: { correspondenceId: posted.id, kind: posted.kind, postedOn },
          at: now,
        });
        if (posted.kind === 'acknowledgement') {
          await acknowledge(
            repo,
            complaint.id,
            postedOn === today ? now : startOfDay(deps, postedOn),
          );
        }
        return { correspondence: posted, reference, duplicate: false };
      }),
    );
  } catch (error) {
    await recordRefusal(deps, actor, 'letter_posted', input.correspondenceId, error);
    throw error;
  }
}

function postedOnProblem(problem: FieldProblem): DomainError {
  return new DomainError(
    'input.invalid',
    'Invalid postedOn',
    { field: 'postedOn' },
    {
      postedOn: problem,
    },
  );
}

/** The first moment of a local date in the organisation's zone (DST-aware). */
function startOfDay(deps: AppDeps, date: LocalDate): Date {
  return new Date(deps.calendar.endOfDay(addCalendarDays(date, -1)).getTime() + 1);
}

function asActor(actor: Actor | Person): Actor {
  return 'kind' in actor ? actor : { kind: 'person', person: actor };
}

function requirePerson(actor: Actor): Person {
  if (actor.kind === 'person') return actor.person;
  throw new DomainError('complaint.not_permitted', 'Only a person sends letters', {
    command: 'send_correspondence',
  });
}

/** A refused send or post is an audit entry of its own (DESIGN.md §5), after the rollback. */
async function recordRefusal(
  deps: AppDeps,
  actor: Actor,
  action: string,
  correspondenceId: string,
  error: unknown,
): Promise<void> {
  if (!isDomainError(error)) return;
  if (error.code !== 'complaint.not_permitted' && error.code !== 'complaint.not_found') return;
  try {
    const found = await deps.store.repository.findCorrespondence(correspondenceId);
    await deps.store.repository.appendAudit({
      complaintId: found?.complaintId ?? null,
      actorId: actorIdOf(actor),
      action,
      outcome: 'refused',
      fromStatus: null,
      toStatus: null,
      metadata: { code: error.code, correspondenceId: found ? found.id : null },
      at: deps.clock.now(),
    });
  } catch (auditError) {
    deps.logger.warn({ err: auditError, action }, 'could not audit a refusal');
  }
}
