import type { LocalDate } from '../../domain/calendar.js';
import type { ExternalParty } from '../../domain/complaint.js';
import {
  type ComplianceMilestone,
  type Digest,
  type Masked,
  ratioPercent,
} from '../../domain/digest.js';
import type { Locale } from '../../domain/people.js';
import { type RegisterAudience, registerTextWithheld } from '../../domain/register-access.js';
import {
  hasKey,
  type MessageKey,
  type Translate,
  translate,
  translator,
} from '../messages/catalogue.js';
import { nl as exportTexts } from '../messages/texts/export.js';
import type { RegisterRow, RegisterSheets } from './ports.js';

/** Who the register is for: the director sees the content of complaints about an employee. */
export type { RegisterAudience } from '../../domain/register-access.js';

type Cell = string | number | null;
type Column = [key: MessageKey, value: (row: RegisterRow) => Cell];

/** A deadline's name in the register and the digest. */
export function complianceLabel(t: Translate, milestone: ComplianceMilestone): string {
  return t(`compliance.${milestone}`);
}

/**
 * The register's columns, one row per complaint. Free text (descriptions, motivations,
 * reasons, solutions) is left out of complaints about an employee unless the register is the
 * director's (and, in the director's version for `withheldFrom`, of those that director is
 * the subject or the reporter of), and reads "(geanonimiseerd)" after retention. The
 * director's private notes are never read for the register: no column says anything about them.
 */
const REGISTER_COLUMNS = (
  t: Translate,
  audience: RegisterAudience,
  labels: ReadonlyMap<string, string>,
  withheldFrom?: string | null,
) => {
  // A register has a few distinct labels and many rows: each label is translated once.
  const translations = new Map<string, string>();
  const translated = (key: string) => {
    let text = translations.get(key);
    if (text === undefined) {
      text = t(key as MessageKey);
      translations.set(key, text);
    }
    return text;
  };
  const yesNo = (v: boolean | null) =>
    v === null ? null : translated(v ? 'answer.yes' : 'answer.no');
  const met = (m: ComplianceMilestone) => (r: RegisterRow) => {
    const state = r.met[m] ?? null;
    if (state === null) return null;
    return translated(
      state === 'na' ? 'digest.not_applicable' : state === 'yes' ? 'answer.yes' : 'answer.no',
    );
  };
  const label = (prefix: string, v: string | null) =>
    v === null ? null : translated(`${prefix}.${v}`);
  const text = (row: RegisterRow, value: string | null) => {
    if (value === null) return null;
    if (row.anonymised) return translated('register.anonymised');
    if (registerTextWithheld(row, audience, withheldFrom)) return translated('register.omitted');
    return value;
  };
  const party = (p: ExternalParty | null) =>
    p === null ? null : [p.name, p.organisation].filter(Boolean).join(', ');
  const columns: Column[] = [
    ['register.reference', (r) => r.reference],
    ['register.registeredOn', (r) => r.registeredOn],
    ['register.receivedOn', (r) => r.receivedOn],
    ['register.receivedTime', (r) => r.receivedTime],
    ['register.intakeChannel', (r) => label('channel', r.intakeChannel)],
    ['register.acknowledgementDue', (r) => r.acknowledgementDue],
    ['register.acknowledgedOn', (r) => r.acknowledgedOn],
    ['register.acknowledgedMet', met('acknowledged')],
    // Issue 11: counts and dates of the letters and e-mails to the complainant, never their text.
    ['register.lettersSent', (r) => r.lettersSent],
    ['register.emailsSent', (r) => r.emailsSent],
    ['register.lettersPostedOn', (r) => r.lettersPostedOn],
    ['register.attachments', (r) => r.attachments],
    ['register.kind', (r) => label('kind', r.kind)],
    ['register.formality', (r) => label('formality', r.formality)],
    ['register.admissibility', (r) => label('admissibility', r.admissibility)],
    ['register.admissibilityOn', (r) => r.admissibilityOn],
    ['register.admissibilityMotivation', (r) => text(r, r.admissibilityMotivation)],
    ['register.category', (r) => labels.get(r.categoryKey) ?? r.categoryLabel],
    ['register.complainantType', (r) => label('complainant', r.complainantType)],
    ['register.handler', (r) => r.handlerName],
    ['register.mediator', (r) => r.mediatorName],
    ['register.status', (r) => label('status', r.status)],
    ['register.concernsEmployee', (r) => yesNo(r.concernsEmployee)],
    ['register.description', (r) => text(r, r.description)],
    ['register.feedbackDue', (r) => r.feedbackDue],
    ['register.firstFeedbackOn', (r) => r.firstFeedbackOn],
    ['register.feedbackMet', met('feedback')],
    ['register.decisionDue', (r) => r.decisionDue],
    ['register.decision', (r) => label('decision', r.decision)],
    ['register.decidedOn', (r) => r.decidedOn],
    ['register.decisionMet', met('decision')],
    ['register.motivation', (r) => text(r, r.motivation)],
    ['register.cause', (r) => label('cause', r.cause)],
    ['register.causeCategory', (r) => label('causeCategory', r.causeCategory)],
    ['register.rootCause', (r) => text(r, r.rootCause)],
    ['register.agreedSolution', (r) => text(r, r.agreedSolution)],
    ['register.agreedTermOn', (r) => r.agreedTermOn],
    ['register.complainantAgreed', (r) => yesNo(r.complainantAgreed)],
    ['register.remediationParty', (r) => text(r, party(r.remediationParty))],
    ['register.fixDoneOn', (r) => r.fixDoneOn],
    ['register.agreedTermMet', met('agreed_term')],
    ['register.originalResolutionDue', (r) => r.originalResolutionDue ?? r.resolutionDue],
    ['register.extendedResolutionDue', (r) => (r.extensionCount > 0 ? r.resolutionDue : null)],
    ['register.extensionReason', (r) => text(r, r.extensionReason)],
    ['register.resolution', (r) => text(r, r.resolution)],
    ['register.correctiveMeasure', (r) => text(r, r.correctiveMeasure)],
    ['register.preventiveMeasure', (r) => text(r, r.preventiveMeasure)],
    ['register.resolvedOn', (r) => r.resolvedOn],
    ['register.resolutionMet', met('resolution')],
    ['register.resolutionOriginalMet', met('resolution_original')],
    ['register.reaction', (r) => label('reaction', r.reaction)],
    ['register.reactionOn', (r) => r.reactionOn],
    ['register.objectedOn', (r) => r.objectedOn],
    ['register.objectionReason', (r) => text(r, r.objectionReason)],
    ['register.objectionDue', (r) => r.objectionDue],
    ['register.objectionDecidedOn', (r) => r.objectionDecidedOn],
    ['register.objectionMet', met('objection')],
    ['register.referredToCommittee', (r) => (r.objected ? yesNo(r.referredToCommittee) : null)],
    ['register.committeeVerdict', (r) => label('verdict', r.committeeVerdict)],
    ['register.committeeVerdictOn', (r) => r.committeeVerdictOn],
    ['register.committeeBinding', (r) => yesNo(r.committeeBinding)],
    ['register.committeeFollowUp', (r) => text(r, r.committeeFollowUp)],
    ['register.finalOutcome', (r) => text(r, r.finalOutcome)],
    ['register.withdrawnOn', (r) => r.withdrawnOn],
    ['register.closedOn', (r) => r.closedOn],
    ['register.closeReason', (r) => label('closeReason', r.closeReason)],
    ['register.leadFirstFeedback', (r) => r.leadFirstFeedback],
    ['register.leadDecision', (r) => r.leadDecision],
    ['register.leadResolved', (r) => r.leadResolved],
    ['register.leadClosed', (r) => r.leadClosed],
  ];
  return columns;
};

export type DigestGroupKey =
  | 'totals'
  | 'compliance'
  | 'acknowledgement_channels'
  | 'lead_times'
  | 'admissibility'
  | 'extensions'
  | 'objections'
  | 'solutions'
  | 'measures'
  | 'categories'
  | 'rising';

/** How a figure reads: a count, a percentage, working days, a change, or a text. */
export type FigureUnit = 'count' | 'percent' | 'days' | 'change' | 'text';

export interface DigestFigure {
  label: string;
  /** Null: not applicable (nothing to measure). */
  value: Masked | string | null;
  unit: FigureUnit;
  /** The category a figure of the per-category group is about. */
  category?: string;
}

export interface DigestGroup {
  key: DigestGroupKey;
  /** Null for the totals (the chat shows them as facts). */
  heading: string | null;
  figures: DigestFigure[];
}

/**
 * The digest's figures in groups: the chat message and the register's analysis sheet are both
 * rendered from these, so they show the same numbers (percentages and working days rounded to
 * one decimal). Tips are counted apart and are in no compliance figure or lead time. Complaints
 * about an employee are one figure of the totals, the year's total (masked as the digest has
 * it); every other figure leaves them out.
 */
export function digestGroups(
  t: Translate,
  d: Digest,
  label: (categoryKey: string) => string,
): DigestGroup[] {
  const count = (text: string, value: Masked): DigestFigure => ({
    label: text,
    value,
    unit: 'count',
  });
  const percent = (text: string, ratio: Masked | null): DigestFigure => ({
    label: text,
    value: ratioPercent(ratio),
    unit: 'percent',
  });
  const days = (text: string, value: Masked | null): DigestFigure => ({
    label: text,
    value,
    unit: 'days',
  });
  const change = (text: string, value: number | null): DigestFigure => ({
    label: text,
    value,
    unit: 'change',
  });
  // Reports stored before the second edition lack these groups: read as zero.
  const group =
    <K extends string>(values: Record<K, Masked> | undefined) =>
    (key: K) =>
      values?.[key] ?? 0;
  const compliance = (m: ComplianceMilestone) => d.compliance.find((c) => c.milestone === m);
  const objections = group(d.objections);
  const solutions = group(d.solutions);
  const measures = group(d.measures);
  return [
    {
      key: 'totals',
      heading: null,
      figures: [
        count(t('digest.complaints'), d.totals.complaints),
        count(t('digest.tips'), d.totals.feedback),
        count(t('digest.previous', { year: d.year - 1 }), d.totals.previousComplaints),
        change(t('digest.change'), d.totals.change),
        percent(t('digest.founded_ratio'), d.totals.foundedRatio),
        count(t('cause.structural'), d.totals.structural),
        count(t('cause.incidental'), d.totals.incidental),
        // Complaints about an employee: in no other figure, only as the year's total, "<3"
        // below three (as the digest holds it). Reports stored before issue 13 lack it: their
        // figures held those complaints.
        ...(d.totals.concerningEmployee === undefined
          ? []
          : [count(t('channel.digest.concerning_employee'), d.totals.concerningEmployee)]),
      ],
    },
    {
      key: 'compliance',
      heading: t('digest.compliance'),
      figures: d.compliance.map((c) => percent(complianceLabel(t, c.milestone), c.ratio)),
    },
    // Issue 11: the acknowledgement per intake channel (reports stored before it lack it).
    ...(d.acknowledgementByChannel?.length
      ? [
          {
            key: 'acknowledgement_channels' as const,
            heading: t('digest.acknowledgement_by_channel'),
            figures: d.acknowledgementByChannel.map((c) =>
              percent(
                t('digest.acknowledgement.channel', {
                  channel: catalogued(t, `channel.${c.channel}`, c.channel),
                }),
                c.ratio,
              ),
            ),
          },
        ]
      : []),
    {
      key: 'lead_times',
      heading: t('digest.lead_times'),
      figures: d.leadTimes.flatMap((l) => [
        days(t('digest.lead.median', { stage: t(`lead.${l.stage}`) }), l.median),
        days(t('digest.lead.p90', { stage: t(`lead.${l.stage}`) }), l.p90),
      ]),
    },
    {
      key: 'admissibility',
      heading: t('digest.admissibility'),
      figures: [
        count(t('digest.admissibility.admissible'), group(d.admissibility)('admissible')),
        count(t('digest.admissibility.inadmissible'), group(d.admissibility)('inadmissible')),
      ],
    },
    {
      key: 'extensions',
      heading: t('digest.extensions'),
      figures: [
        // Compliance against the original and the extended deadline: in the compliance group.
        count(t('digest.extensions.extended'), group(d.extensions)('extended')),
      ],
    },
    {
      key: 'objections',
      heading: t('digest.objections'),
      figures: [
        count(t('digest.objections.total'), objections('total')),
        count(t('digest.objections.in_time'), compliance('objection')?.met ?? 0),
        count(t('digest.objections.mediated'), objections('mediated')),
        count(t('digest.objections.committee'), objections('committee')),
        count(t('digest.objections.verdict_founded'), objections('verdictFounded')),
        count(t('digest.objections.verdict_partly_founded'), objections('verdictPartlyFounded')),
        count(t('digest.objections.verdict_unfounded'), objections('verdictUnfounded')),
        count(t('digest.objections.final_outcome'), objections('finalOutcome')),
        count(t('digest.objections.open'), objections('open')),
      ],
    },
    {
      key: 'solutions',
      heading: t('digest.solutions'),
      figures: [
        count(t('digest.solutions.agreed'), solutions('agreed')),
        count(t('digest.solutions.complainant_agreed'), solutions('complainantAgreed')),
        count(t('digest.solutions.outside_party'), solutions('outsideParty')),
        count(t('digest.solutions.fix_done'), solutions('fixDone')),
        count(t('digest.solutions.on_time'), compliance('agreed_term')?.met ?? 0),
      ],
    },
    {
      key: 'measures',
      heading: t('digest.measures'),
      figures: [
        count(t('digest.measures.taken'), measures('taken')),
        count(t('digest.measures.organisation_wide'), measures('organisationWide')),
        count(t('digest.measures.implemented'), measures('implemented')),
        count(t('digest.measures.judged'), measures('judged')),
        count(t('digest.measures.effective'), measures('effective')),
      ],
    },
    {
      key: 'categories',
      heading: t('digest.by_category'),
      figures: d.categories.flatMap((c) => {
        const category = label(c.categoryKey);
        const figures: DigestFigure[] = [
          count(t('digest.category.complaints', { category }), c.complaints),
          count(t('digest.category.tips', { category }), c.feedback),
          percent(t('digest.category.founded', { category }), c.foundedRatio),
          change(t('digest.category.change', { category }), c.change),
        ];
        return figures.map((figure) => ({ ...figure, category: c.categoryKey }));
      }),
    },
    {
      key: 'rising',
      heading: t('digest.rising'),
      figures: [
        {
          label: t('digest.rising'),
          value: d.rising.map(label).join(', ') || t('digest.none'),
          unit: 'text',
        },
      ],
    },
  ];
}

/** A figure in a sheet cell: numbers stay numbers, "<3" and texts are text, null is "n.v.t.". */
function figureCell(t: Translate, figure: DigestFigure): Cell {
  if (figure.value === null) return t('digest.not_applicable');
  return figure.value;
}

/** The digest's figures as rows of the analysis sheet: a heading per group, then the figures. */
function analysisRows(t: Translate, digest: Digest, labels: ReadonlyMap<string, string>): Cell[][] {
  const analysis: Cell[][] = [];
  for (const group of digestGroups(t, digest, (key) => labels.get(key) ?? key)) {
    if (group.heading !== null) analysis.push([group.heading]);
    for (const figure of group.figures) {
      const name = figure.unit === 'percent' ? `${figure.label} (%)` : figure.label;
      analysis.push([name, figureCell(t, figure)]);
    }
  }
  return analysis;
}

/** The register of a year ("overzicht klachten") plus the digest as an analysis sheet. */
export function registerSheets(
  rows: readonly RegisterRow[],
  digest: Digest,
  labels: ReadonlyMap<string, string>,
  audience: RegisterAudience,
  locale: Locale,
  withheldFrom?: string | null,
): RegisterSheets {
  const t = translator(locale);
  const columns = REGISTER_COLUMNS(t, audience, labels, withheldFrom);
  return {
    headers: columns.map(([key]) => t(key)),
    rows: rows.map((row) => columns.map(([, value]) => value(row))),
    analysisHeaders: [t('analysis.measure'), t('analysis.value')],
    analysis: analysisRows(t, digest, labels),
  };
}

// ---------------------------------------------------------------------------------------------
// The whole workbook (issue 13): Overzicht klachten, Verbeterregister, Audittrail, Analyse.

/** One measure of the improvement register ("verbeterregister"), as the measures table has it. */
export interface MeasureRecord {
  id: string;
  /** The complaint's reference; null for a measure from the trend or management review. */
  reference: string | null;
  origin: string;
  scope: string;
  type: string;
  description: string;
  /** The internal owner; with an outside party, the internal follower. */
  ownerName: string | null;
  externalParty: ExternalParty | null;
  status: string;
  dueOn: LocalDate | null;
  createdOn: LocalDate;
  createdByName: string;
  implementedOn: LocalDate | null;
  evidence: string | null;
  reviewDueOn: LocalDate | null;
  effective: boolean | null;
  reviewedOn: LocalDate | null;
  reviewedByName: string | null;
  reviewNote: string | null;
  /** The measure this one follows up (one judged not effective). */
  followUpOf: string | null;
  /** Of its complaint: its texts are left out of every version but the director's. */
  concernsEmployee: boolean;
  /** Of a complaint about an employee: its subject's and reporter's ids (else empty or absent). */
  involvedIds?: readonly string[];
  /** Its complaint was anonymised (retention): its texts are gone. */
  anonymised: boolean;
}

/** One event of the audit trail, without content: who did what, when, with what outcome. */
export interface AuditRecord {
  reference: string;
  at: Date;
  /** The actor's name; null for the bot itself (a job). */
  actorName: string | null;
  /** The actor is the complaint's reporter: shown as "Melder", never by name. */
  byReporter: boolean;
  action: string;
  outcome: string;
  fromStatus: string | null;
  toStatus: string | null;
  /** The person an action names (reassigned to, mediator appointed). */
  targetName: string | null;
}

/**
 * Which measures a register holds: those of its complaints, plus those without a complaint
 * recorded in the period (or, for the open register, those not finished yet).
 */
export interface MeasureSelection {
  references: readonly string[];
  withoutComplaint: { from: LocalDate; to: LocalDate } | 'unfinished';
}

/** The reads behind the Verbeterregister and Audittrail sheets (adapter: PostgreSQL). */
export interface RegisterRecords {
  measures(selection: MeasureSelection): Promise<MeasureRecord[]>;
  /** Every event of these complaints, per complaint in register order, oldest first. */
  auditTrail(references: readonly string[]): Promise<AuditRecord[]>;
  /** The local years in which the complaints still open were registered, oldest first. */
  openComplaintYears(): Promise<number[]>;
}

/** The four sheets of the register workbook, and the chart for the analysis sheet. */
export interface RegisterWorkbook extends RegisterSheets {
  measureHeaders: string[];
  measures: Cell[][];
  auditHeaders: string[];
  audit: Cell[][];
  /** The digest's chart, drawn beside the analysis figures; null leaves it out. */
  chartPng: Uint8Array | null;
}

/** Whether a value is a full workbook (four sheets) or the register and analysis only. */
export function isRegisterWorkbook(sheets: RegisterSheets): sheets is RegisterWorkbook {
  return 'measures' in sheets && 'audit' in sheets;
}

export interface WorkbookInput {
  rows: readonly RegisterRow[];
  /** The analysis: one block per digest (a heading when there are several or it needs one). */
  digests: readonly { heading: string | null; digest: Digest }[];
  labels: ReadonlyMap<string, string>;
  measures: readonly MeasureRecord[];
  audit: readonly AuditRecord[];
  audience: RegisterAudience;
  /**
   * The director's version for one director: the texts of complaints about an employee that
   * this person is the subject or the reporter of are left out, as in the quality version.
   */
  withheldFrom?: string | null;
  locale: Locale;
  /** The organisation's local date: a measure past its review date awaits review. */
  today: LocalDate;
  /** The organisation's time zone, for the audit trail's dates and times. */
  timezone: string;
  chartPng: Uint8Array | null;
}

/** The status of a measure as the improvement register reads it (planned → … → judged). */
export function measureState(m: MeasureRecord, today: LocalDate): string {
  if (m.status === 'cancelled') return 'cancelled';
  if (m.effective === true) return 'effective';
  if (m.effective === false) return 'not_effective';
  if (m.status === 'implemented') {
    return m.reviewDueOn !== null && m.reviewDueOn <= today ? 'review_due' : 'implemented';
  }
  return 'planned';
}

function measureColumns(
  t: Translate,
  x: (key: MessageKey) => string,
  audience: RegisterAudience,
  today: LocalDate,
  withheldFrom?: string | null,
): [MessageKey, (m: MeasureRecord) => Cell][] {
  const yesNo = (v: boolean | null) => (v === null ? null : t(v ? 'answer.yes' : 'answer.no'));
  const text = (m: MeasureRecord, value: string | null) => {
    if (value === null) return null;
    if (m.anonymised) return t('register.anonymised');
    if (registerTextWithheld(m, audience, withheldFrom)) return t('register.omitted');
    return value;
  };
  const known = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return key in exportTexts ? x(key as MessageKey) : value;
  };
  const party = (p: ExternalParty | null) =>
    p === null ? null : [p.name, p.organisation].filter(Boolean).join(', ');
  return [
    ['export.measures.id', (m) => shortId(m.id)],
    ['export.measures.reference', (m) => m.reference],
    ['export.measures.origin', (m) => known('export.measureOrigin', m.origin)],
    ['export.measures.type', (m) => catalogued(t, `type.${m.type}`, m.type)],
    ['export.measures.scope', (m) => known('export.measureScope', m.scope)],
    ['export.measures.description', (m) => text(m, m.description)],
    ['export.measures.owner', (m) => m.ownerName],
    ['export.measures.party', (m) => text(m, party(m.externalParty))],
    ['export.measures.dueOn', (m) => m.dueOn],
    ['export.measures.status', (m) => known('export.measureStatus', measureState(m, today))],
    ['export.measures.createdOn', (m) => m.createdOn],
    ['export.measures.createdBy', (m) => m.createdByName],
    ['export.measures.implementedOn', (m) => m.implementedOn],
    [
      'export.measures.implementedMet',
      (m) =>
        m.implementedOn === null || m.dueOn === null ? null : yesNo(m.implementedOn <= m.dueOn),
    ],
    ['export.measures.evidence', (m) => text(m, m.evidence)],
    ['export.measures.reviewDueOn', (m) => m.reviewDueOn],
    ['export.measures.effective', (m) => yesNo(m.effective)],
    ['export.measures.reviewedOn', (m) => m.reviewedOn],
    ['export.measures.reviewedBy', (m) => m.reviewedByName],
    ['export.measures.reviewNote', (m) => text(m, m.reviewNote)],
    ['export.measures.followUpOf', (m) => (m.followUpOf ? shortId(m.followUpOf) : null)],
  ];
}

/** A label from the catalogue, or the raw value when it has none (a value of a newer version). */
function catalogued(t: Translate, key: string, fallback: string): string {
  return hasKey(key) ? t(key) : fallback;
}

/** A measure's number in the register: the first eight characters of its id. */
export function shortId(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

/** Local date and time ("2025-03-04", "14:05") of an instant in a time zone. */
function localDateTime(format: Intl.DateTimeFormat, at: Date): [string, string] {
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}`];
}

function auditColumns(
  t: Translate,
  x: (key: MessageKey) => string,
  timezone: string,
): { headers: string[]; row: (a: AuditRecord) => Cell[] } {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const status = (s: string | null) => (s === null ? null : catalogued(t, `status.${s}`, s));
  const action = (a: AuditRecord) => {
    const key = `timeline.${a.action}`;
    const label = hasKey(key) ? t(key, { name: a.targetName ?? '' }).trim() : a.action;
    return label.charAt(0).toUpperCase() + label.slice(1);
  };
  const actor = (a: AuditRecord) => {
    if (a.byReporter) return x('export.audit.reporter');
    return a.actorName ?? t('timeline.system');
  };
  const outcome = (o: string) =>
    o === 'done' || o === 'refused' ? x(`export.audit.outcome.${o}`) : o;
  return {
    headers: [
      x('export.audit.reference'),
      x('export.audit.date'),
      x('export.audit.time'),
      x('export.audit.actor'),
      x('export.audit.action'),
      x('export.audit.outcome'),
      x('export.audit.from'),
      x('export.audit.to'),
    ],
    row: (a) => {
      const [date, time] = localDateTime(format, a.at);
      return [
        a.reference,
        date,
        time,
        actor(a),
        action(a),
        outcome(a.outcome),
        status(a.fromStatus),
        status(a.toStatus),
      ];
    },
  };
}

/**
 * The register as four sheets: the complaints, every measure with its status and
 * effectiveness, the audit trail without content, and the digest's figures (one block per
 * digest) with the chart. The quality version leaves the texts of complaints about an
 * employee out of every sheet (a director's own copy those they are the subject or the
 * reporter of); the audit trail has no texts at all.
 */
export function registerWorkbook(input: WorkbookInput): RegisterWorkbook {
  const { locale, audience, labels } = input;
  const t = translator(locale);
  const x = (key: MessageKey) => translate(locale, key);
  const columns = REGISTER_COLUMNS(t, audience, labels, input.withheldFrom);
  const measures = measureColumns(t, x, audience, input.today, input.withheldFrom);
  const audit = auditColumns(t, x, input.timezone);
  const analysis: Cell[][] = [];
  for (const block of input.digests) {
    if (block.heading !== null) {
      if (analysis.length > 0) analysis.push([]);
      analysis.push([block.heading]);
    }
    analysis.push(...analysisRows(t, block.digest, labels));
  }
  return {
    headers: columns.map(([key]) => t(key)),
    rows: input.rows.map((row) => columns.map(([, value]) => value(row))),
    measureHeaders: measures.map(([key]) => x(key)),
    measures: input.measures.map((m) => measures.map(([, value]) => value(m))),
    auditHeaders: audit.headers,
    audit: input.audit.map(audit.row),
    analysisHeaders: [t('analysis.measure'), t('analysis.value')],
    analysis,
    chartPng: input.chartPng,
  };
}
