import type { LocalDate } from '../domain/calendar.js';
import type {
  CloseReason,
  ComplainantLocale,
  Complaint,
  Decision,
  Kind,
  Status,
  Verdict,
} from '../domain/complaint.js';
import { writesToComplainant } from '../domain/correspondence.js';
import { DomainError } from '../domain/errors.js';
import { allowedCommands } from '../domain/lifecycle.js';
import {
  type Actor,
  actorIdOf,
  COMPLAINANT_ACTOR,
  hasRole,
  type Locale,
  type Person,
} from '../domain/people.js';
import { DEFAULT_PROCEDURE } from '../domain/procedure.js';
import { parsePayload } from '../domain/transition.js';
import { addAttachments, type IncomingFile } from './attachments.js';
import type { ComplainantLink } from './complainant-link-port.js';
import type { AppDeps } from './deps.js';
import { translate } from './messages/catalogue.js';
import type { InfoRequest, Repository } from './ports.js';
import { runCommand } from './run-command.js';
import { withDatabaseErrors } from './store-errors.js';
import { canView } from './view-complaint.js';

/**
 * The complainant's own page (issue 11): reached through a personal, signed link that names a
 * `complainant_links` row. The page shows the complaint in plain language and lets the
 * complainant accept or object to the outcome and answer an information request; those run
 * through the lifecycle as the complainant (audit actor `complainant`).
 *
 * What the complainant reads is what the organisation decided and did for them, never its
 * own analysis: no causes, root causes, measures, private notes or handler notes.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Used when the composition root gave no complainant settings (tests, chat-only setups). */
const DEFAULT_LINK_VALID_DAYS = 60;

/**
 * A new personal link for the complainant of `complaintId`, valid for
 * `deps.complainant.linkValidDays`; the mail adapter signs its id into the URL.
 */
export async function issueComplainantLink(
  repo: Repository,
  deps: AppDeps,
  complaintId: string,
): Promise<ComplainantLink> {
  const now = deps.clock.now();
  const days = deps.complainant?.linkValidDays ?? DEFAULT_LINK_VALID_DAYS;
  return repo.insertComplainantLink({
    complaintId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + days * DAY_MS),
  });
}

/**
 * Revokes every valid link of a complaint (a link sent to the wrong address, a complainant
 * who asks for it). Staff only: the complaint's handler or a member of the secretariat.
 * Audited as `complainant_link_revoked`; returns how many links were revoked.
 */
export async function revokeComplainantLinks(
  deps: AppDeps,
  actor: Actor,
  complaintId: string,
): Promise<number> {
  const now = deps.clock.now();
  return withDatabaseErrors(() =>
    deps.store.transaction(async (repo) => {
      const complaint = await repo.findComplaint(complaintId);
      if (!complaint) throw new DomainError('complaint.not_found', 'No such complaint');
      const person = actor.kind === 'person' ? actor.person : null;
      const allowed =
        person?.active === true &&
        (person.id === complaint.handlerId || hasRole(person, 'secretariat'));
      if (!allowed) {
        throw new DomainError('complaint.not_permitted', 'Only staff may revoke links', {
          command: 'revoke_complainant_links',
        });
      }
      const revoked = await repo.revokeComplainantLinks(complaint.id, now);
      await repo.appendAudit({
        complaintId: complaint.id,
        actorId: actorIdOf(actor),
        action: 'complainant_link_revoked',
        outcome: 'done',
        fromStatus: complaint.status,
        toStatus: complaint.status,
        metadata: { links: revoked },
        at: now,
      });
      return revoked;
    }),
  );
}

/** Why a link does not open the page: the adapter answers 404 (unknown) or 410 (the others). */
export type LinkRefusal = 'unknown' | 'expired' | 'revoked' | 'gone';

export type LinkState =
  | { ok: true; link: ComplainantLink; complaint: Complaint }
  | { ok: false; reason: LinkRefusal };

/**
 * The link and its complaint when the link may still be used: it exists, has not expired
 * and was not revoked, and the complaint is one the organisation writes to its complainant
 * about (not anonymised, not about an employee's behaviour, not from an employee).
 */
export async function resolveComplainantLink(
  repo: Repository,
  deps: AppDeps,
  linkId: string,
): Promise<LinkState> {
  const link = await repo.findComplainantLink(linkId);
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.revokedAt !== null) return { ok: false, reason: 'revoked' };
  if (link.expiresAt.getTime() <= deps.clock.now().getTime()) {
    return { ok: false, reason: 'expired' };
  }
  const complaint = await repo.findComplaint(link.complaintId);
  if (!complaint || !writesToComplainant(complaint)) return { ok: false, reason: 'gone' };
  return { ok: true, link, complaint };
}

/** A date the complainant should know, in the order the page shows them. */
export interface PageDate {
  key: 'received' | 'decision' | 'resolution' | 'agreedTerm' | 'reaction' | 'objection' | 'closed';
  on: LocalDate;
}

/** A text the organisation wrote for the complainant, headed by what it is. */
export interface PageText {
  key:
    | 'inadmissible'
    | 'motivation'
    | 'extension'
    | 'solution'
    | 'resolution'
    | 'objection'
    | 'finalOutcome'
    | 'committee';
  text: string;
}

/** The complainant's page as data; the HTTP adapter renders it in `locale`. */
export interface ComplainantPageView {
  linkId: string;
  complaintId: string;
  reference: string;
  /** The version the page shows: a reaction to an older page is refused as stale. */
  version: number;
  locale: ComplainantLocale;
  complainantName: string | null;
  kind: Kind;
  status: Status;
  closeReason: CloseReason | null;
  decision: Decision | null;
  /** Resolved, but the question waits for the agreed fix (no reaction yet). */
  reactionDeferred: boolean;
  verdict: { verdict: Verdict; on: LocalDate | null; binding: boolean | null } | null;
  dates: PageDate[];
  texts: PageText[];
  /** The open question put to the complainant, if any. */
  question: { text: string; askedOn: LocalDate } | null;
  /** Accept or object is possible now. */
  canReact: boolean;
  /** The open question can be answered now. */
  canAnswer: boolean;
  linkExpiresAt: Date;
}

/**
 * The complainant's page for a link; null when the link is unknown, expired or revoked, or
 * the complaint is anonymised (or not one the organisation writes to its complainant about).
 */
export async function openComplainantPage(
  deps: AppDeps,
  linkId: string,
): Promise<ComplainantPageView | null> {
  const page = await loadComplainantPage(deps, linkId);
  return page.ok ? page.view : null;
}

/** The page, or why the link does not open it (the HTTP adapter answers 404 or 410). */
export async function loadComplainantPage(
  deps: AppDeps,
  linkId: string,
): Promise<{ ok: true; view: ComplainantPageView } | { ok: false; reason: LinkRefusal }> {
  const repo = deps.store.repository;
  const state = await resolveComplainantLink(repo, deps, linkId);
  if (!state.ok) return state;
  const requests = await repo.listInfoRequests(state.complaint.id);
  return { ok: true, view: pageView(deps, state.link, state.complaint, requests) };
}

function pageView(
  deps: AppDeps,
  link: ComplainantLink,
  c: Complaint,
  requests: readonly InfoRequest[],
): ComplainantPageView {
  const day = (at: Date) => deps.calendar.localDate(at);
  const open = openQuestion(requests);
  const allowed = allowedCommands(c, deps.procedure ?? DEFAULT_PROCEDURE);
  const canReact = reactionOpen(c, allowed);
  const canAnswer = c.status === 'awaiting_info' && allowed.includes('provide_info') && !!open;
  const undecided = c.decision === null && c.admissibility !== 'inadmissible';
  const unresolved = ['registered', 'awaiting_info', 'in_treatment'].includes(c.status);
  const dates: PageDate[] = [{ key: 'received', on: day(c.receivedAt) }];
  if (c.kind === 'complaint' && unresolved) {
    if (undecided) dates.push({ key: 'decision', on: c.decisionDue });
    dates.push({ key: 'resolution', on: c.resolutionDue });
  }
  const fixPending = c.agreedTermOn !== null && c.fixDoneAt === null;
  if (fixPending && ['in_treatment', 'resolved'].includes(c.status) && c.agreedTermOn) {
    dates.push({ key: 'agreedTerm', on: c.agreedTermOn });
  }
  if (canReact && c.reactionDue) dates.push({ key: 'reaction', on: c.reactionDue });
  if (c.status === 'objected' && c.objectionDue) {
    dates.push({ key: 'objection', on: c.objectionDue });
  }
  if (c.status === 'closed' && c.closedAt) dates.push({ key: 'closed', on: day(c.closedAt) });
  return {
    linkId: link.id,
    complaintId: c.id,
    reference: c.reference,
    version: c.version,
    locale: c.complainant.locale ?? 'nl',
    complainantName: c.complainant.name,
    kind: c.kind,
    status: c.status,
    closeReason: c.closeReason,
    decision: c.decision,
    reactionDeferred: c.status === 'resolved' && c.reactionDue === null,
    verdict: c.committeeVerdict
      ? { verdict: c.committeeVerdict, on: c.committeeVerdictOn, binding: c.committeeBinding }
      : null,
    dates,
    texts: pageTexts(c),
    question: open ? { text: open.question, askedOn: day(open.askedAt) } : null,
    canReact,
    canAnswer,
    linkExpiresAt: link.expiresAt,
  };
}

/**
 * What was decided and done for the complainant, in the order it happened. Never the
 * organisation's analysis (cause, root cause, corrective and preventive measures).
 */
function pageTexts(c: Complaint): PageText[] {
  const texts: (PageText | null)[] = [
    c.admissibility === 'inadmissible' && c.admissibilityMotivation
      ? { key: 'inadmissible', text: c.admissibilityMotivation }
      : null,
    c.motivation ? { key: 'motivation', text: c.motivation } : null,
    c.extensionReason ? { key: 'extension', text: c.extensionReason } : null,
    c.agreedSolution ? { key: 'solution', text: c.agreedSolution } : null,
    c.resolution ? { key: 'resolution', text: c.resolution } : null,
    c.objectionReason ? { key: 'objection', text: c.objectionReason } : null,
    c.finalOutcome ? { key: 'finalOutcome', text: c.finalOutcome } : null,
    c.committeeFollowUp ? { key: 'committee', text: c.committeeFollowUp } : null,
  ];
  return texts.filter((t): t is PageText => t !== null);
}

function openQuestion(requests: readonly InfoRequest[]): InfoRequest | null {
  return [...requests].reverse().find((r) => r.answeredAt === null) ?? null;
}

/**
 * The complaint awaits the complainant's reaction: accept and object are allowed and the
 * question was put (a resolution waiting for the agreed fix asks it only after the fix).
 */
function reactionOpen(c: Complaint, allowed: readonly string[]): boolean {
  return allowed.includes('accept') && allowed.includes('object') && c.reactionDue !== null;
}

/** Optional guards a form on the page passes along. */
export interface PageSubmission {
  /** The version the page showed: a reaction to an outdated page is refused as stale. */
  expectedVersion?: number;
}

async function usableLink(deps: AppDeps, linkId: string) {
  const state = await resolveComplainantLink(deps.store.repository, deps, linkId);
  if (!state.ok)
    throw new DomainError('complaint.not_found', 'No such link', { link: state.reason });
  return state;
}

function checkVersion(complaint: Complaint, expected: number | undefined): void {
  if (expected !== undefined && expected !== complaint.version) {
    throw new DomainError('complaint.stale', 'The page is out of date', {
      expected,
      current: complaint.version,
    });
  }
}

function notNow(complaint: Complaint, command: string): never {
  throw new DomainError(
    'complaint.invalid_transition',
    `Command ${command} is not open to the complainant in status ${complaint.status}`,
    { status: complaint.status, command },
  );
}

/**
 * The complainant accepts the outcome (the complaint closes) or objects with a reason (the
 * objection deciders and the handler are told). Runs as the complainant through the lifecycle.
 */
export async function complainantReacts(
  deps: AppDeps,
  linkId: string,
  input: { reaction: 'accept' | 'object'; reason?: string | null } & PageSubmission,
): Promise<Complaint> {
  const { complaint } = await usableLink(deps, linkId);
  const command = input.reaction;
  const payload = command === 'object' ? { reason: input.reason ?? '' } : {};
  // Bad input is refused first: the complainant sees the field's problem, not a state error.
  parsePayload(command, payload);
  checkVersion(complaint, input.expectedVersion);
  const allowed = allowedCommands(complaint, deps.procedure ?? DEFAULT_PROCEDURE);
  if (!reactionOpen(complaint, allowed)) notNow(complaint, command);
  const result = await runCommand(deps, {
    complaint: complaint.id,
    actor: COMPLAINANT_ACTOR,
    command,
    payload,
    expectedVersion: complaint.version,
  });
  return result.complaint;
}

/**
 * The complainant answers the open information request, optionally with files.
 *
 * Order, since the files and the answer are two transactions (addAttachments owns its own):
 * everything that can be refused without writing is checked first (the link, the answer's
 * text, the page's version, that a question is open); then the files are stored, all or
 * nothing — a refused file refuses the whole answer before anything is written; then the
 * answer runs through the lifecycle. Only if the complaint changes between the two steps
 * (someone records an answer by phone at that moment) do the files stay on the complaint
 * without the page's answer: they are the complainant's files on their own complaint.
 */
export async function complainantAnswers(
  deps: AppDeps,
  linkId: string,
  input: { answer: string; files: readonly IncomingFile[] } & PageSubmission,
): Promise<Complaint> {
  const { complaint } = await usableLink(deps, linkId);
  const payload = { answer: input.answer };
  parsePayload('provide_info', payload);
  checkVersion(complaint, input.expectedVersion);
  const allowed = allowedCommands(complaint, deps.procedure ?? DEFAULT_PROCEDURE);
  const requests = await deps.store.repository.listInfoRequests(complaint.id);
  const open = openQuestion(requests);
  if (complaint.status !== 'awaiting_info' || !allowed.includes('provide_info') || !open) {
    notNow(complaint, 'provide_info');
  }
  if (input.files.length > 0) {
    await addAttachments(deps, {
      complaintId: complaint.id,
      addedBy: actorIdOf(COMPLAINANT_ACTOR) ?? 'complainant',
      source: 'page',
      files: input.files,
    });
  }
  const result = await runCommand(deps, {
    complaint: complaint.id,
    actor: COMPLAINANT_ACTOR,
    command: 'provide_info',
    payload,
    expectedVersion: complaint.version,
  });
  return result.complaint;
}

/** `link intrekken KL-…` (or `revoke link KL-…`), as typed after `/klacht` or in the Teams chat. */
export const REVOKE_LINKS_TEXT =
  /^\s*(?:link\s+intrekken|links\s+intrekken|revoke\s+links?)\s+(\S+)\s*$/i;

/** The complaint named by a revoke request, or null when the text is something else. */
export function revokeRequestIn(text: string): string | null {
  return REVOKE_LINKS_TEXT.exec(text)?.[1] ?? null;
}

/** Revokes the complainant's links of the complaint `idOrReference`; the sentence to answer. */
export async function revokeLinksAnswer(
  deps: AppDeps,
  person: Person,
  idOrReference: string,
  locale: Locale,
): Promise<string> {
  const complaint = await deps.store.repository.findComplaint(idOrReference);
  // One the person may not see is "not found", exactly like an unknown reference.
  if (!complaint || !(await canView(deps, person, complaint))) {
    throw new DomainError('complaint.not_found', 'No such complaint');
  }
  const count = await revokeComplainantLinks(deps, { kind: 'person', person }, complaint.id);
  return translate(locale, 'page.revoked', {
    reference: complaint.reference,
    count: String(count),
  });
}
