import type { Complaint } from '../domain/complaint.js';
import type { Command } from '../domain/lifecycle.js';
import { COMPLAINANT_ACTOR_ID } from '../domain/people.js';
import { eventPayload } from './messages/event-facts.js';
import type { OutboxMessage } from './ports.js';

/** Kinds the jobs (src/app/jobs) send: payloads carry ids and counts only. */
export const JOB_MESSAGE_KINDS = [
  'reminder',
  'escalation',
  'reaction_reminder',
  'measure_due',
  'monthly_overview',
  'yearly_digest',
  'parked_messages',
  /** The agreed remediation term passed: the handler is asked whether the fix was done. */
  'agreed_term_due',
  /** The objection deciders are reminded while an objection waits for a decision. */
  'objection_reminder',
  /** The year's register (XLSX, CSV), privately to the quality adviser and the director. */
  'register_files',
  /** A measure's effectiveness review is due: to the quality adviser (issue 13). */
  'measure_review_due',
  /** A measure judged not effective has no follow-up yet: to whoever records one. */
  'measure_follow_up_due',
  /** Issue 11: the complainant's written acknowledgement is due today (handler, secretariat). */
  'acknowledgement_due',
] as const;

/** Message kinds the delivery adapters render. Payloads carry ids, never complaint text. */
export const MESSAGE_KINDS = [
  'acknowledgement',
  'handler_card',
  'quality_notice',
  'info_request',
  'info_provided',
  'decision',
  'outcome',
  'objection',
  'mediator_appointed',
  'committee_referral',
  'closed',
  'withdrawn',
  'measure_assigned',
  'reassigned_away',
  'inadmissible',
  'tip_noted',
  'deadline_extended',
  'solution_agreed',
  'satisfaction_question',
  'committee_verdict',
  /** A measure without a complaint (or a follow-up) for its owner. */
  'measure_created',
  /** A measure judged not effective: to its owner, and a follow-up asked of the reviewer. */
  'measure_not_effective',
  /** The complainant answered, accepted or objected on their page (issue 11): to the handler. */
  'complainant_reacted',
  /** Staff recorded the complainant's reaction (phone, letter, …; issue 11): to the reporter. */
  'reaction_recorded',
  ...JOB_MESSAGE_KINDS,
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

type Recipient = OutboxMessage['recipient'];
type Extra = OutboxMessage['payload'];

function message(
  complaint: Complaint,
  kind: MessageKind,
  recipient: Recipient,
  extra: Extra = {},
): OutboxMessage {
  const to =
    'personId' in recipient ? `person:${recipient.personId}` : `channel:${recipient.channel}`;
  return {
    idempotencyKey: `${complaint.id}:v${complaint.version}:${kind}:${to}`,
    kind,
    recipient,
    complaintId: complaint.id,
    payload: { version: complaint.version, ...extra },
  };
}

/** The messages a new complaint implies: receipt, the handler's live card, the channel notice. */
export function notificationsForReport(complaint: Complaint): OutboxMessage[] {
  const event = eventPayload('report', complaint.reporterId, null, complaint);
  return [
    message(complaint, 'acknowledgement', { personId: complaint.reporterId }, event),
    message(complaint, 'handler_card', { personId: complaint.handlerId }, event),
    message(complaint, 'quality_notice', { channel: 'quality' }, { event: 'report' }),
  ];
}

export interface NotificationContext {
  before: Complaint;
  after: Complaint;
  /** People who decide objections (directors not involved, or the quality adviser). */
  objectionDeciders: readonly string[];
  /** Ids of rows the command created (info request, measure), passed to the renderer. */
  created: Extra;
  /** Who gave the command; null for the system (auto-close). */
  actorId?: string | null;
}

const REPORTER_MESSAGES: Partial<Record<Command, MessageKind>> = {
  request_info: 'info_request',
  declare_founded: 'decision',
  declare_unfounded: 'outcome',
  record_resolution: 'outcome',
  record_final_outcome: 'closed',
  auto_close: 'closed',
  refer_to_committee: 'committee_referral',
  declare_inadmissible: 'inadmissible',
  note_feedback: 'tip_noted',
  extend_deadline: 'deadline_extended',
  agree_solution: 'solution_agreed',
  record_committee_verdict: 'committee_verdict',
  record_acceptance: 'reaction_recorded',
  record_objection: 'reaction_recorded',
};

/**
 * The reporter's message for a command, if any. About an employee's behaviour the reporter
 * hears only that the complaint is handled and when it is closed: no agreed solution.
 */
function reporterMessage(command: Command, before: Complaint, after: Complaint) {
  if (command === 'report_fix_done') {
    // The fix was reported done after the resolution: now the satisfaction question goes out.
    const asked = before.reactionDue === null && after.reactionDue !== null;
    return asked ? 'satisfaction_question' : null;
  }
  if (command === 'agree_solution' && after.concernsEmployee) return null;
  return REPORTER_MESSAGES[command] ?? null;
}

/**
 * The messages a transition implies. The handler's card is re-rendered after every change
 * (one live card per complaint); people who must act next get their own message.
 */
export function notificationsForCommand(command: Command, ctx: NotificationContext) {
  const { before, after } = ctx;
  // Every message of the transition carries its facts, so it is composed from what happened.
  // Created rows are passed on by id; a private note's id is left out (nothing to render).
  const { privateNoteId: _note, ...created } = ctx.created;
  const facts = { ...eventPayload(command, ctx.actorId ?? null, before, after), ...created };
  const to = (kind: MessageKind, recipient: Recipient) => message(after, kind, recipient, facts);
  const out: OutboxMessage[] = [to('handler_card', { personId: after.handlerId })];
  const reporterKind = reporterMessage(command, before, after);
  if (reporterKind) out.push(to(reporterKind, { personId: after.reporterId }));
  // The complainant acted on their page (issue 11): the handler hears it in one message,
  // which for an answer also carries the question and the answer (instead of info_provided).
  const byComplainant = ctx.actorId === COMPLAINANT_ACTOR_ID;
  if (byComplainant) out.push(to('complainant_reacted', { personId: after.handlerId }));
  switch (command) {
    case 'provide_info':
      if (!byComplainant) out.push(to('info_provided', { personId: after.handlerId }));
      break;
    case 'reassign':
    case 'classify':
      // Updates the previous handler's live card in place: no buttons, who took over. A
      // formal complaint classified to the director moves like a reassignment (seed 002).
      if (before.handlerId !== after.handlerId) {
        out.push(to('reassigned_away', { personId: before.handlerId }));
      }
      break;
    case 'object':
    case 'record_objection':
      for (const personId of ctx.objectionDeciders) out.push(to('objection', { personId }));
      break;
    case 'refer_to_committee':
      // Whoever took it to the committee records its verdict: their objection card, renewed,
      // carries that button (the reporter hears of the referral above).
      if (ctx.actorId && ctx.actorId !== after.reporterId) {
        out.push(to('objection', { personId: ctx.actorId }));
      }
      break;
    case 'appoint_mediator':
      if (after.mediatorId) out.push(to('mediator_appointed', { personId: after.mediatorId }));
      break;
    case 'add_measure':
    case 'record_resolution': {
      const ownerId = ctx.created.measureOwnerId;
      if (typeof ownerId === 'string' && ownerId !== after.handlerId) {
        out.push(to('measure_assigned', { personId: ownerId }));
      }
      break;
    }
    case 'withdraw':
      out.push(to('withdrawn', { personId: after.reporterId }));
      break;
    default:
      break;
  }
  return dedupe(out);
}

function dedupe(messages: OutboxMessage[]): OutboxMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => !seen.has(m.idempotencyKey) && seen.add(m.idempotencyKey));
}
