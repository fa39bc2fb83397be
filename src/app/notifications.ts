import type { Complaint } from '../domain/complaint.js';
import type { Command } from '../domain/lifecycle.js';
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
};

/**
 * The messages a transition implies. The handler's card is re-rendered after every change
 * (one live card per complaint); people who must act next get their own message.
 */
export function notificationsForCommand(command: Command, ctx: NotificationContext) {
  const { before, after } = ctx;
  // Every message of the transition carries its facts, so it is composed from what happened.
  const facts = { ...eventPayload(command, ctx.actorId ?? null, before, after), ...ctx.created };
  const to = (kind: MessageKind, recipient: Recipient) => message(after, kind, recipient, facts);
  const out: OutboxMessage[] = [to('handler_card', { personId: after.handlerId })];
  const reporterKind = REPORTER_MESSAGES[command];
  if (reporterKind) out.push(to(reporterKind, { personId: after.reporterId }));
  switch (command) {
    case 'provide_info':
      out.push(to('info_provided', { personId: after.handlerId }));
      break;
    case 'reassign':
      // Updates the previous handler's live card in place: no buttons, who took over.
      out.push(to('reassigned_away', { personId: before.handlerId }));
      break;
    case 'object':
      for (const personId of ctx.objectionDeciders) out.push(to('objection', { personId }));
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
