import type { LocalDate } from '../../domain/calendar.js';
import type { Complaint, ExternalParty, Status } from '../../domain/complaint.js';
import type { ComplianceMilestone, DeadlineState, YearFigures } from '../../domain/digest.js';
import type { AppDeps } from '../deps.js';
import type { ParkedOutbox } from '../outbox-ports.js';
import type { Measure, MessageRef, Repository } from '../ports.js';

/** One row of the reminder ledger: what was sent to whom, for which day. */
export interface LedgerEntry {
  kind: string;
  complaintId: string | null;
  measureId: string | null;
  recipientPersonId: string;
  forDate: LocalDate;
  /** Unique: a second run that builds the same key sends nothing. */
  onceKey: string;
  sentAt: Date;
}

export interface LedgerHistory {
  count: number;
  lastForDate: LocalDate | null;
}

export interface ReminderLedger {
  /**
   * Inserts the row; false when its once-key was already there (sent before). Calls made
   * together (in the same tick, e.g. `entries.map(record)`) are written by one multi-row INSERT.
   */
  record(entry: LedgerEntry): Promise<boolean>;
  history(
    subject: { complaintId: string } | { measureId: string },
    kind: string,
  ): Promise<LedgerHistory>;
}

/** A complaint that has had no progress for a while, with its reminder history. */
export interface IdleComplaint {
  complaintId: string;
  reference: string;
  handlerId: string;
  lastProgressAt: Date;
  history: LedgerHistory;
}

/** The days a reminder series went out on: one round may go to several people. */
export interface LedgerRounds {
  /** Distinct `forDate`s with a row. */
  rounds: number;
  lastForDate: LocalDate | null;
}

/** The reminder scan's read: SQL selects the candidates from cut-offs the app computes. */
export interface ReminderQueries {
  /**
   * Complaints with a status in `statuses` whose last progress is before `progressBefore`,
   * each with its ledger history of `kind` (as `ReminderLedger.history`); ordered by id.
   * Never tips (kind `feedback`): they take the light path, without reminders.
   */
  idleComplaints(
    statuses: readonly Status[],
    progressBefore: Date,
    kind: string,
  ): Promise<IdleComplaint[]>;
  /**
   * The rounds of a reminder series of one complaint: ledger rows of `kind` whose once-key
   * starts with `keyPrefix` (a series per agreed term, or per objection).
   */
  rounds(complaintId: string, kind: string, keyPrefix: string): Promise<LedgerRounds>;
}

/** A repository and a ledger bound to one transaction. */
export interface JobTransaction {
  repo: Repository;
  ledger: ReminderLedger;
  /**
   * Clears the personal data of one complaint closed before `cutoff`; false when it no
   * longer qualifies (already anonymised, reopened, under objection).
   */
  anonymise(complaintId: string, cutoff: Date, now: Date): Promise<boolean>;
}

export interface DueMeasure extends Measure {
  reason: 'overdue' | 'review';
}

/** Row reads and writes of the daily and nightly jobs. */
export interface JobStore {
  /** Complaints still in the procedure (partial index on open statuses). */
  openComplaints(): Promise<Complaint[]>;
  /** Open measures with an owner past their due date, and implemented ones due for review. */
  dueMeasures(today: LocalDate): Promise<DueMeasure[]>;
  /**
   * Open complaints (not tips) whose complainant is still to be acknowledged in writing by
   * `today` or earlier: `acknowledged_at` unset, `acknowledgement_due` ≤ today. Only those the
   * organisation writes to (not about an employee, no employee complainant, not anonymised);
   * ordered by due day and reference.
   */
  unacknowledgedComplaints(today: LocalDate): Promise<Complaint[]>;
  /** Closed or withdrawn before `cutoff`, not yet anonymised, never under objection. */
  retentionCandidates(cutoff: Date): Promise<string[]>;
  /** Forgets incoming request and event keys seen before `before` (the dedupe ledger). */
  forgetProcessedRequests(before: Date): Promise<number>;
  transaction<T>(work: (tx: JobTransaction) => Promise<T>): Promise<T>;
  /**
   * Messages the bot posted about complaints that are anonymised by now and still recorded
   * (not yet retracted), oldest complaint first, at most `limit`.
   */
  retractableMessages(limit: number): Promise<MessageRef[]>;
  /** Forgets one recorded message: it was retracted, or it no longer exists. */
  forgetMessage(
    ref: Pick<MessageRef, 'complaintId' | 'personId' | 'surface' | 'kind'>,
  ): Promise<void>;
  /**
   * Purges the register files (XLSX, CSV) of stored reports that may hold personal data past
   * retention: made before `cutoff`, or covering the registration of a complaint anonymised
   * after the report was made. Summary and chart stay. Returns how many reports lost files.
   */
  purgeRegisterFiles(cutoff: Date): Promise<number>;
  /** Empties the payload of outbox messages delivered before `before`; returns how many. */
  blankDeliveredPayloads(before: Date): Promise<number>;
}

/**
 * The `message_refs` kind of a posted message that is not a live card (a receipt, an outcome,
 * a reminder): one per outbox message, so retention can find and retract every one.
 */
export const postedMessageKind = (outboxId: number): string => `posted:${outboxId}`;

/**
 * Retracts a message the bot posted about a complaint (issue 13): replaces it with `text`, a
 * notice without content or buttons. One per surface (Slack, Teams).
 */
export interface MessageRetractor {
  readonly surface: string;
  /**
   * 'retracted', or 'gone' when the message or its conversation no longer exists (nothing
   * left to retract). Throws when a later run may succeed (rate limit, outage).
   */
  retract(message: MessageRef, text: string): Promise<'retracted' | 'gone'>;
}

/** Counts for the monthly overview; all computed by SQL aggregates. */
/**
 * The monthly counts of the second edition of the procedure (issue 12).
 */
export interface ProcedureMonthlyCounts {
  /** Tips registered in the month: counted apart, never in the complaint counts. */
  newTipsInMonth: number;
  /** Objections past the deadline for deciding on them. */
  overdueObjection: number;
  /** Agreed solutions past their term and not reported done. */
  overdueAgreedTerm: number;
}

export interface MonthlyCounts extends ProcedureMonthlyCounts {
  newInMonth: number;
  closedInMonth: number;
  open: number;
  overdue: { feedback: number; decision: number; resolution: number; reaction: number };
  /** New complaints per category, not counting those about an employee (never broken down). */
  newByCategory: { categoryKey: string; count: number }[];
  /** New complaints about an employee in the month: one total, masked below three. */
  newConcerningEmployee: number;
}

/** One line of the register of a year ("overzicht klachten"). */
/**
 * The register's columns of the second edition of the procedure (issue 12).
 */
export interface ProcedureRegisterFields {
  acknowledgedOn: LocalDate | null;
  /** Issue 11: when the complaint reached the organisation (local date and `HH:MM`). */
  receivedOn: LocalDate;
  receivedTime: string;
  /** The last working day for a written acknowledgement; null when none was due. */
  acknowledgementDue: LocalDate | null;
  /** Letters to the complainant handed to the secretariat (sent or posted). */
  lettersSent: number;
  /** E-mails to the complainant handed to the mail server. */
  emailsSent: number;
  /** The last day a letter to the complainant was put in the post. */
  lettersPostedOn: LocalDate | null;
  /** Files on the complaint. */
  attachments: number;
  admissibility: string | null;
  admissibilityOn: LocalDate | null;
  admissibilityMotivation: string | null;
  motivation: string | null;
  rootCause: string | null;
  causeCategory: string | null;
  mediatorName: string | null;
  agreedSolution: string | null;
  agreedTermOn: LocalDate | null;
  complainantAgreed: boolean | null;
  remediationParty: ExternalParty | null;
  fixDoneOn: LocalDate | null;
  /** The resolution deadline before the first extension; null while never extended. */
  originalResolutionDue: LocalDate | null;
  extensionReason: string | null;
  extensionCount: number;
  objectedOn: LocalDate | null;
  objectionReason: string | null;
  objectionDue: LocalDate | null;
  /** The final outcome's day, or the committee's verdict date. */
  objectionDecidedOn: LocalDate | null;
  referredToCommittee: boolean;
  committeeVerdict: string | null;
  committeeVerdictOn: LocalDate | null;
  committeeBinding: boolean | null;
  committeeFollowUp: string | null;
  finalOutcome: string | null;
  withdrawnOn: LocalDate | null;
  /** Per deadline: met, missed, not applicable, or null while it runs (one rule with the digest). */
  met: Record<ComplianceMilestone, DeadlineState | null>;
}

export interface RegisterRow extends ProcedureRegisterFields {
  reference: string;
  kind: string;
  formality: string;
  categoryKey: string;
  categoryLabel: string;
  status: string;
  decision: string | null;
  cause: string | null;
  closeReason: string | null;
  concernsEmployee: boolean;
  /**
   * Of a complaint about an employee: the ids of its subject and its reporter (empty, or
   * absent, otherwise). A director among them gets the row's texts left out, as the quality
   * version has them.
   */
  involvedIds?: readonly string[];
  complainantType: string;
  intakeChannel: string;
  handlerName: string;
  registeredOn: LocalDate;
  firstFeedbackOn: LocalDate | null;
  decidedOn: LocalDate | null;
  resolvedOn: LocalDate | null;
  closedOn: LocalDate | null;
  feedbackDue: LocalDate;
  decisionDue: LocalDate;
  resolutionDue: LocalDate;
  feedbackMet: boolean | null;
  decisionMet: boolean | null;
  resolutionMet: boolean | null;
  leadFirstFeedback: number | null;
  leadDecision: number | null;
  leadResolved: number | null;
  leadClosed: number | null;
  objected: boolean;
  description: string;
  resolution: string | null;
  correctiveMeasure: string | null;
  preventiveMeasure: string | null;
  /** The reporter's reaction to the outcome and its day: accepted, objected or no_reaction. */
  reaction: 'accepted' | 'objected' | 'no_reaction' | null;
  reactionOn: LocalDate | null;
  anonymised: boolean;
}

/** The question every digest query needs: which year, until when, in which calendar. */
export interface DigestWindow {
  year: number;
  /** Local date the figures are taken on (deadlines after it are not yet due). */
  asOf: LocalDate;
}

export interface DigestQueries {
  yearFigures(window: DigestWindow): Promise<YearFigures>;
  register(window: DigestWindow): Promise<RegisterRow[]>;
  monthlyCounts(month: string, today: LocalDate): Promise<MonthlyCounts>;
}

export interface ReportFiles {
  chartPng: Uint8Array | null;
  registerXlsx: Uint8Array | null;
  registerCsv: Uint8Array | null;
}

export interface StoredReport extends ReportFiles {
  id: string;
  kind: string;
  period: string;
  summary: Record<string, unknown>;
  createdAt: Date;
}

/** Reports the jobs write; surfaces read them to attach the files. */
export interface ReportStore {
  saveReport(report: Omit<StoredReport, 'id'>): Promise<string>;
  findReport(id: string): Promise<StoredReport | null>;
}

/** Renders the digest's files (adapter: echarts + resvg, exceljs, csv-stringify). */
export interface ReportRenderer {
  chartPng(chart: DigestChart): Promise<Uint8Array>;
  registerXlsx(sheets: RegisterSheets): Promise<Uint8Array>;
  registerCsv(sheets: RegisterSheets): Promise<Uint8Array>;
}

export interface DigestChart {
  title: string;
  months: string[];
  series: { name: string; values: (number | null)[] }[];
  compliance: { name: string; percent: number | null }[];
  complianceTitle: string;
  note: string;
}

export interface RegisterSheets {
  headers: string[];
  rows: (string | number | null)[][];
  analysisHeaders: string[];
  analysis: (string | number | null)[][];
}

/** What the jobs need beyond the use-case deps. */
export interface JobDeps extends AppDeps {
  jobs: JobStore;
  reminders: ReminderQueries;
  digest: DigestQueries;
  reports: ReportStore;
  renderer: ReportRenderer;
  retentionYears: number;
  locale: 'nl' | 'en';
  /** Parked outbox messages, for the quality adviser's daily list. */
  parkedOutbox: ParkedOutbox;
  /** Retract the bot's messages about anonymised complaints, per surface (retention). */
  retractors?: readonly MessageRetractor[];
}

/** Outcome of one job run, stored as the run's summary. */
export type JobSummary = Record<string, string | number | boolean | null>;
