import type { LocalDate } from './calendar.js';

export const STATUSES = [
  'registered',
  'awaiting_info',
  'in_treatment',
  'resolved',
  'rejected',
  'objected',
  'closed',
  'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];

/** States in which the procedure still runs (deadlines and reminders apply). */
export const OPEN_STATUSES: readonly Status[] = [
  'registered',
  'awaiting_info',
  'in_treatment',
  'resolved',
  'rejected',
  'objected',
];
export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

export const KINDS = ['complaint', 'feedback'] as const;
export type Kind = (typeof KINDS)[number];
export const FORMALITIES = ['informal', 'formal'] as const;
export type Formality = (typeof FORMALITIES)[number];
export const COMPLAINANT_TYPES = ['client', 'employee', 'supplier', 'other'] as const;
export type ComplainantType = (typeof COMPLAINANT_TYPES)[number];
export const INTAKE_CHANNELS = ['chat', 'phone', 'email', 'letter', 'in_person'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const CAUSES = ['structural', 'incidental'] as const;
export type Cause = (typeof CAUSES)[number];
export const DECISIONS = ['founded', 'unfounded'] as const;
export type Decision = (typeof DECISIONS)[number];
export const CLOSE_REASONS = ['accepted', 'no_reaction', 'final_outcome'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface Complainant {
  type: ComplainantType;
  name: string | null;
  contact: string | null;
}

/** The register entry: one row per complaint, one timestamp per stage so lead times are exact. */
export interface Complaint {
  id: string;
  reference: string;
  kind: Kind;
  formality: Formality;
  categoryKey: string;
  description: string;
  desiredOutcome: string | null;
  complainant: Complainant;
  intakeChannel: IntakeChannel;
  occurredOn: LocalDate | null;
  relatedTo: string | null;
  sourceLink: string | null;
  concernsEmployee: boolean;
  subjectPersonId: string | null;
  reporterId: string;
  handlerId: string;
  mediatorId: string | null;
  referredToCommittee: boolean;
  status: Status;
  version: number;
  feedbackDue: LocalDate;
  decisionDue: LocalDate;
  resolutionDue: LocalDate;
  reactionDue: LocalDate | null;
  decision: Decision | null;
  motivation: string | null;
  resolution: string | null;
  cause: Cause | null;
  correctiveMeasure: string | null;
  preventiveMeasure: string | null;
  objectionReason: string | null;
  finalOutcome: string | null;
  closeReason: CloseReason | null;
  registeredAt: Date;
  /** First substantive feedback to the reporter: an information request or a decision. */
  firstFeedbackAt: Date | null;
  decidedAt: Date | null;
  resolvedAt: Date | null;
  objectedAt: Date | null;
  closedAt: Date | null;
  withdrawnAt: Date | null;
  lastProgressAt: Date;
  anonymisedAt: Date | null;
}

/** Limits on free text, checked at every edge (Slack's text objects stop at 3000 characters). */
export const TEXT_LIMITS = {
  description: 3000,
  desiredOutcome: 1000,
  motivation: 3000,
  resolution: 3000,
  measure: 1000,
  reason: 3000,
  question: 2000,
  answer: 3000,
  shortText: 200,
} as const;
