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
/** How the complaint reached the organisation; `committee`: forwarded by the external committee. */
export const INTAKE_CHANNELS = [
  'chat',
  'phone',
  'email',
  'letter',
  'in_person',
  'web_form',
  'committee',
] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const CAUSES = ['structural', 'incidental'] as const;
export type Cause = (typeof CAUSES)[number];
/** Where a root cause lies (seed 003; seed 004's "garantie leverancier" is `supplier`). */
export const CAUSE_CATEGORIES = [
  'supplier',
  'process',
  'communication',
  'product',
  'employee',
  'other',
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];
export const DECISIONS = ['founded', 'unfounded'] as const;
export type Decision = (typeof DECISIONS)[number];
export const CLOSE_REASONS = [
  'accepted',
  'no_reaction',
  'final_outcome',
  'inadmissible',
  'noted',
  'committee_verdict',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const ADMISSIBILITIES = ['admissible', 'inadmissible'] as const;
export type Admissibility = (typeof ADMISSIBILITIES)[number];
/** A committee's (or arbiter's, or court's) verdict on an objection. */
export const VERDICTS = ['founded', 'partly_founded', 'unfounded'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Someone outside the organisation who carries out a remediation or a measure (seed 003). */
export interface ExternalParty {
  name: string;
  organisation: string | null;
  contact: string | null;
}

/** How a complainant wants to hear from the organisation (issue 11). */
export const CONTACT_PREFERENCES = ['email', 'letter', 'phone'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

/** The languages letters and e-mails to a complainant are written in. */
export const COMPLAINANT_LOCALES = ['nl', 'en'] as const;
export type ComplainantLocale = (typeof COMPLAINANT_LOCALES)[number];

export interface Complainant {
  type: ComplainantType;
  name: string | null;
  /** Free-text contact as typed before issue 11 (kept for older complaints). */
  contact: string | null;
  email: string | null;
  phone: string | null;
  /** Postal address, lines separated by newlines. */
  address: string | null;
  preferredContact: ContactPreference | null;
  /** Null: Dutch. */
  locale: ComplainantLocale | null;
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
  /**
   * When the complaint reached the organisation (a letter's arrival, a phone call); deadlines
   * run from it. Equal to `registeredAt` when someone typed their own complaint into chat.
   */
  receivedAt: Date;
  /** When the complainant was acknowledged (at intake by phone or in person, or the letter/e-mail). */
  acknowledgedAt: Date | null;
  /** The last working day for the acknowledgement (per intake channel); null when none is due. */
  acknowledgementDue: LocalDate | null;
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
  /** Admissibility (seed 000): its own step before the assessment. */
  admissibility: Admissibility | null;
  admissibilityMotivation: string | null;
  admissibilityDecidedAt: Date | null;
  /** Who took the decision an objection is against (assessment or resolution). */
  decidedBy: string | null;
  /** Root cause (seed 003): a text and an optional cause category from the organisation file. */
  rootCause: string | null;
  causeCategory: CauseCategory | null;
  /** A solution agreed with the complainant, with its remediation term (seeds 001, 003). */
  agreedSolution: string | null;
  agreedTermOn: LocalDate | null;
  complainantAgreed: boolean | null;
  remediationParty: ExternalParty | null;
  fixDoneAt: Date | null;
  /** The resolution deadline before the first extension; null while never extended. */
  originalResolutionDue: LocalDate | null;
  extensionReason: string | null;
  extensionCount: number;
  /** Last day to decide on an objection (organisation file: deadlines.objection). */
  objectionDue: LocalDate | null;
  committeeVerdict: Verdict | null;
  committeeVerdictOn: LocalDate | null;
  committeeBinding: boolean | null;
  committeeFollowUp: string | null;
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

/** The second-edition fields of a complaint that nothing has set yet (a new registration). */
export const UNSET_PROCEDURE_FIELDS = {
  admissibility: null,
  admissibilityMotivation: null,
  admissibilityDecidedAt: null,
  decidedBy: null,
  rootCause: null,
  causeCategory: null,
  agreedSolution: null,
  agreedTermOn: null,
  complainantAgreed: null,
  remediationParty: null,
  fixDoneAt: null,
  originalResolutionDue: null,
  extensionReason: null,
  extensionCount: 0,
  objectionDue: null,
  committeeVerdict: null,
  committeeVerdictOn: null,
  committeeBinding: null,
  committeeFollowUp: null,
} as const satisfies Partial<Complaint>;

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
  note: 3000,
} as const;

/** Tips (kind `feedback`) take the light path: no assessment, no escalation, deadlines n/a. */
export function isTip(complaint: Pick<Complaint, 'kind'>): boolean {
  return complaint.kind === 'feedback';
}
