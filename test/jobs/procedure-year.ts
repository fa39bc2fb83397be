/**
 * A generated year of the whole procedure (issue 12), as plain facts per complaint, and the
 * register's and digest's expectations computed from those facts by the test's own counting:
 * nothing here calls the digest or register code.
 */
import type { ComplaintRow } from './support.js';

export type Met = 'yes' | 'no' | 'na' | null;
export const MILESTONES = [
  'acknowledged',
  'feedback',
  'decision',
  'resolution',
  'resolution_original',
  'objection',
  'agreed_term',
] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface Party {
  name: string;
  organisation: string | null;
  contact: string | null;
}

/** One complaint's facts as local dates (YYYY-MM-DD); what the test knows it did. */
export interface Model {
  reference: string;
  kind: 'complaint' | 'feedback';
  formality: 'informal' | 'formal';
  intakeChannel: string;
  categoryKey: string;
  concernsEmployee: boolean;
  description: string;
  regDay: string;
  /** Working days from registration to the delivered acknowledgement; null: none. */
  ackDays: number | null;
  ackDay: string | null;
  /** Issue 11: when it was received; null: at registration (a colleague's own chat report). */
  receivedAt: Date | null;
  /** The complainant's acknowledgement (`acknowledged_at`) as a local date; null: none. */
  ackAt: string | null;
  /** The last working day for a written acknowledgement; null: none due. */
  ackDue: string | null;
  /** Letters and e-mails handed out (sent or posted), the last posting day, files. */
  lettersSent: number;
  emailsSent: number;
  lettersPostedOn: string | null;
  attachments: number;
  feedbackDue: string;
  decisionDue: string;
  resolutionDue: string;
  originalDue: string | null;
  extensionReason: string | null;
  feedbackDay: string | null;
  decision: 'founded' | 'unfounded' | null;
  decidedDay: string | null;
  motivation: string | null;
  admissibility: 'admissible' | 'inadmissible' | null;
  admDay: string | null;
  admMotivation: string | null;
  resolvedDay: string | null;
  resolution: string | null;
  cause: 'structural' | 'incidental' | null;
  rootCause: string | null;
  causeCategory: string | null;
  agreedSolution: string | null;
  agreedTermOn: string | null;
  complainantAgreed: boolean | null;
  party: Party | null;
  fixDay: string | null;
  objectedDay: string | null;
  objectionReason: string | null;
  objectionDue: string | null;
  mediatorId: string | null;
  committee: boolean;
  verdict: 'founded' | 'partly_founded' | 'unfounded' | null;
  verdictOn: string | null;
  binding: boolean | null;
  followUp: string | null;
  finalOutcome: string | null;
  finalDay: string | null;
  closedDay: string | null;
  closeReason: string | null;
  withdrawnDay: string | null;
  status: string;
  /** The director's private note (never in any file or message). */
  privateNote: string | null;
}

export function blankModel(reference: string, regDay: string): Model {
  return {
    reference,
    kind: 'complaint',
    formality: 'informal',
    intakeChannel: 'chat',
    categoryKey: 'dienstverlening',
    concernsEmployee: false,
    description: `Omschrijving ${reference}`,
    regDay,
    ackDays: null,
    ackDay: null,
    receivedAt: null,
    ackAt: null,
    ackDue: null,
    lettersSent: 0,
    emailsSent: 0,
    lettersPostedOn: null,
    attachments: 0,
    feedbackDue: regDay,
    decisionDue: regDay,
    resolutionDue: regDay,
    originalDue: null,
    extensionReason: null,
    feedbackDay: null,
    decision: null,
    decidedDay: null,
    motivation: null,
    admissibility: null,
    admDay: null,
    admMotivation: null,
    resolvedDay: null,
    resolution: null,
    cause: null,
    rootCause: null,
    causeCategory: null,
    agreedSolution: null,
    agreedTermOn: null,
    complainantAgreed: null,
    party: null,
    fixDay: null,
    objectedDay: null,
    objectionReason: null,
    objectionDue: null,
    mediatorId: null,
    committee: false,
    verdict: null,
    verdictOn: null,
    binding: null,
    followUp: null,
    finalOutcome: null,
    finalDay: null,
    closedDay: null,
    closeReason: null,
    withdrawnDay: null,
    status: 'registered',
    privateNote: null,
  };
}

export const at = (day: string) => new Date(`${day}T10:00:00Z`);
const atOrNull = (day: string | null) => (day === null ? null : at(day));

const CHANNELS = ['chat', 'phone', 'email', 'letter', 'in_person', 'web_form', 'committee'];
const CAUSE_CATEGORIES = ['supplier', 'process', 'communication', 'product', 'other'];
const VERDICTS = ['founded', 'partly_founded', 'unfounded'] as const;
const CATEGORIES = ['dienstverlening', 'product', 'communicatie', 'facturatie'];

interface Calendar {
  addWorkingDays(from: string, n: number): string;
}

/**
 * One complaint of the generated year: every path of the procedure, with deadlines met, missed
 * and still running. Offsets are in working days from registration.
 */
export function generateModel(
  rnd: () => number,
  i: number,
  calendar: Calendar,
  addCalendarDays: (day: string, n: number) => string,
): Model {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const int = (n: number) => Math.floor(rnd() * n);
  const reg = calendar.addWorkingDays(addCalendarDays('2025-01-01', int(320)), 0);
  const wd = (n: number) => calendar.addWorkingDays(reg, n);
  const m = blankModel(`KL-2025-${String(9000 + i)}`, reg);
  m.categoryKey = pick(CATEGORIES);
  m.intakeChannel = pick(CHANNELS);
  m.formality = rnd() < 0.3 ? 'formal' : 'informal';
  m.feedbackDue = wd(5);
  m.decisionDue = wd(10);
  m.resolutionDue = wd(34);
  m.ackDays = int(3);
  m.ackDay = wd(m.ackDays);
  receiptOf(m, i, calendar, addCalendarDays);
  if (i % 17 === 3) {
    m.concernsEmployee = true;
    m.description = `Gedrag van een medewerker ${m.reference}`;
  }
  if (rnd() < 0.15 && !m.concernsEmployee) {
    m.kind = 'feedback';
    if (rnd() < 0.7) {
      m.feedbackDay = wd(int(4));
      m.closedDay = m.feedbackDay;
      m.closeReason = 'noted';
      m.status = 'closed';
    }
    return m;
  }
  const roll = rnd();
  if (roll < 0.07) {
    const w = 1 + int(12);
    if (rnd() < 0.5) m.feedbackDay = wd(int(w));
    m.withdrawnDay = wd(w);
    m.status = 'withdrawn';
    return m;
  }
  if (roll < 0.15) {
    const d = int(16);
    m.admissibility = 'inadmissible';
    m.admDay = wd(d);
    m.admMotivation = `Buiten de klachtregeling ${m.reference}`;
    m.feedbackDay = m.admDay;
    m.closedDay = m.admDay;
    m.closeReason = 'inadmissible';
    m.status = 'closed';
    return m;
  }
  if (roll < 0.22) {
    if (rnd() < 0.5) m.feedbackDay = wd(int(8));
    if (rnd() < 0.5) {
      m.admissibility = 'admissible';
      m.admDay = wd(1);
    }
    return m;
  }
  const f = int(8);
  const d = f + int(8);
  m.feedbackDay = wd(f);
  m.decidedDay = wd(d);
  m.admissibility = 'admissible';
  m.admDay = m.decidedDay;
  m.decision = rnd() < 0.6 ? 'founded' : 'unfounded';
  m.motivation = `Motivering ${m.reference}`;
  let outcome = d;
  if (m.decision === 'founded') {
    m.status = 'in_treatment';
    if (rnd() < 0.25) {
      m.originalDue = m.resolutionDue;
      m.resolutionDue = wd(50);
      m.extensionReason = `Extern onderzoek ${m.reference}`;
    }
    let fix: number | null = null;
    if (rnd() < 0.35) {
      const term = d + 3 + int(15);
      m.agreedSolution = `Afgesproken herstel ${m.reference}`;
      m.agreedTermOn = wd(term);
      m.complainantAgreed = rnd() < 0.8;
      m.party =
        rnd() < 0.5 ? { name: 'Jan Aannemer', organisation: 'Bouw BV', contact: null } : null;
      if (rnd() < 0.8) {
        fix = Math.max(d + 1, term - 2 + int(6));
        m.fixDay = wd(fix);
      }
    }
    const fixPending = m.agreedTermOn !== null && m.fixDay === null;
    if (fixPending || rnd() > 0.9) return m;
    const r = Math.max(d, fix ?? 0) + int(45);
    m.resolvedDay = wd(r);
    m.resolution = `Oplossing ${m.reference}`;
    m.cause = rnd() < 0.3 ? 'structural' : 'incidental';
    m.rootCause = `Grondoorzaak ${m.reference}`;
    m.causeCategory = pick(CAUSE_CATEGORIES);
    m.status = 'resolved';
    outcome = r;
  } else {
    m.status = 'rejected';
  }
  const reaction = rnd();
  if (reaction < 0.3) {
    const o = outcome + 1 + int(5);
    m.objectedDay = wd(o);
    m.objectionDue = calendar.addWorkingDays(m.objectedDay, 20);
    m.objectionReason = `Bezwaar ${m.reference}`;
    m.mediatorId = rnd() < 0.4 ? 'kim' : null;
    m.status = 'objected';
    const route = rnd();
    if (route < 0.3) {
      m.committee = true;
      if (rnd() < 0.75) {
        m.verdict = pick(VERDICTS);
        m.verdictOn = wd(o + 5 + int(30));
        m.binding = rnd() < 0.5;
        m.followUp = `Vervolg ${m.reference}`;
        m.closedDay = calendar.addWorkingDays(m.verdictOn, 1);
        m.closeReason = 'committee_verdict';
        m.status = 'closed';
      }
    } else if (route < 0.8) {
      m.finalDay = wd(o + 3 + int(30));
      m.finalOutcome = `Einduitkomst ${m.reference}`;
      m.closedDay = m.finalDay;
      m.closeReason = 'final_outcome';
      m.status = 'closed';
    }
  } else if (reaction < 0.9) {
    m.closedDay = wd(outcome + int(10));
    m.closeReason = 'accepted';
    m.status = 'closed';
  }
  return m;
}

/** Working days for a written acknowledgement per channel (the organisation file's defaults). */
const WRITTEN: Record<string, number> = { letter: 5, committee: 5, email: 1, web_form: 1 };

/**
 * Issue 11's facts of a generated complaint, from its number (the random sequence stays as it
 * was): every fourth is from before issue 11 (no receipt, no acknowledgement fields: the
 * reporter's delivered acknowledgement counts); the others were received up to two days before
 * registration (a chat report: at registration), acknowledged at intake by phone, in person or
 * chat, and otherwise in writing by the due day, late, or not yet. Letters, e-mails and files.
 */
function receiptOf(
  m: Model,
  i: number,
  calendar: Calendar,
  addCalendarDays: (day: string, n: number) => string,
): void {
  m.lettersSent = i % 3;
  m.emailsSent = Math.floor(i / 2) % 2;
  m.lettersPostedOn = m.lettersSent > 0 ? addCalendarDays(m.regDay, 1 + (i % 5)) : null;
  m.attachments = i % 4;
  if (i % 4 === 0) return;
  const chat = m.intakeChannel === 'chat';
  const receivedDay = chat ? m.regDay : addCalendarDays(m.regDay, -(i % 3));
  m.receivedAt = chat ? null : new Date(`${receivedDay}T06:30:00Z`);
  const days = WRITTEN[m.intakeChannel];
  if (days === undefined) {
    m.ackAt = chat ? m.regDay : receivedDay;
    return;
  }
  const due = calendar.addWorkingDays(receivedDay, days);
  m.ackDue = due;
  m.ackAt = [null, due, calendar.addWorkingDays(due, 2), m.regDay, calendar.addWorkingDays(due, 1)][
    i % 5
  ] as string | null;
}

/** The complaints row for a generated model (direct insert, as the other digest tests do). */
export function rowOf(m: Model): Partial<ComplaintRow> {
  return {
    reference: m.reference,
    kind: m.kind,
    formality: m.formality,
    categoryKey: m.categoryKey,
    description: m.description,
    intakeChannel: m.intakeChannel,
    concernsEmployee: m.concernsEmployee,
    subjectPersonId: m.concernsEmployee ? 'hanna' : null,
    handlerId: m.concernsEmployee ? 'dirk' : 'piet',
    status: m.status,
    registeredAt: at(m.regDay),
    lastProgressAt: at(m.regDay),
    receivedAt: m.receivedAt,
    acknowledgedAt: atOrNull(m.ackAt),
    acknowledgementDue: m.ackDue,
    feedbackDue: m.feedbackDue,
    decisionDue: m.decisionDue,
    resolutionDue: m.resolutionDue,
    originalResolutionDue: m.originalDue,
    extensionReason: m.extensionReason,
    extensionCount: m.originalDue ? 1 : 0,
    firstFeedbackAt: atOrNull(m.feedbackDay),
    decidedAt: atOrNull(m.decidedDay),
    decision: m.decision,
    motivation: m.motivation,
    admissibility: m.admissibility,
    admissibilityDecidedAt: atOrNull(m.admDay),
    admissibilityMotivation: m.admMotivation,
    resolvedAt: atOrNull(m.resolvedDay),
    resolution: m.resolution,
    cause: m.cause,
    rootCause: m.rootCause,
    causeCategory: m.causeCategory,
    agreedSolution: m.agreedSolution,
    agreedTermOn: m.agreedTermOn,
    complainantAgreed: m.complainantAgreed,
    remediationParty: m.party,
    fixDoneAt: atOrNull(m.fixDay),
    objectedAt: atOrNull(m.objectedDay),
    objectionReason: m.objectionReason,
    objectionDue: m.objectionDue,
    mediatorId: m.mediatorId,
    referredToCommittee: m.committee,
    committeeVerdict: m.verdict,
    committeeVerdictOn: m.verdictOn,
    committeeBinding: m.binding,
    committeeFollowUp: m.followUp,
    finalOutcome: m.finalOutcome,
    closedAt: atOrNull(m.closedDay),
    closeReason: m.closeReason,
    withdrawnAt: atOrNull(m.withdrawnDay),
  };
}

/**
 * Whether a deadline was met, by the rules of issues 11 and 12 written out plainly: tips have none;
 * a withdrawn complaint never missed one it had not met yet; a deadline not met and past on
 * `asOf` was missed; the inadmissibility declaration is the decision; the resolution runs
 * after a founded decision; an objection is decided by the final outcome or the verdict.
 */
export function expectedMet(m: Model, milestone: Milestone, asOf: string): Met {
  if (m.kind === 'feedback') return 'na';
  const judge = (done: string | null, due: string): Met => {
    if (done !== null) return done <= due ? 'yes' : 'no';
    if (m.withdrawnDay !== null) return 'na';
    return due < asOf ? 'no' : null;
  };
  const open = m.status !== 'closed' && m.status !== 'withdrawn';
  switch (milestone) {
    case 'acknowledged':
      // Issue 11: a written acknowledgement against its due day; the organisation writes
      // nothing to the complainant of a complaint about an employee.
      if (m.ackDue !== null) {
        if (m.ackAt !== null) return m.ackAt <= m.ackDue ? 'yes' : 'no';
        if (m.concernsEmployee || m.withdrawnDay !== null) return 'na';
        return m.ackDue < asOf ? 'no' : null;
      }
      // At intake: phone, in person, chat.
      if (m.ackAt !== null) return 'yes';
      // Before issue 11: the reporter's delivered acknowledgement within a working day.
      if (m.ackDays !== null) return m.ackDays <= 1 ? 'yes' : 'no';
      if (m.withdrawnDay !== null) return 'na';
      return m.regDay < asOf ? 'no' : null;
    case 'feedback':
      return judge(m.feedbackDay, m.feedbackDue);
    case 'decision':
      return judge(
        m.decidedDay ?? (m.admissibility === 'inadmissible' ? m.admDay : null),
        m.decisionDue,
      );
    case 'resolution':
    case 'resolution_original': {
      if (m.decision === null && open) return null;
      if (m.decision !== 'founded') return 'na';
      const due = milestone === 'resolution' ? m.resolutionDue : (m.originalDue ?? m.resolutionDue);
      return judge(m.resolvedDay, due);
    }
    case 'objection':
      if (m.objectedDay === null || m.objectionDue === null) return 'na';
      return judge(m.finalDay ?? m.verdictOn, m.objectionDue);
    case 'agreed_term':
      if (m.agreedTermOn === null) return 'na';
      return judge(m.fixDay, m.agreedTermOn);
  }
}

/**
 * "<3" below three, a zero stays zero: the digest's masking, written again. Only the year's
 * total of complaints about an employee is masked; every other count is shown as it is.
 */
export function masked(n: number): number | '<3' {
  return n > 0 && n < 3 ? '<3' : n;
}

/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont computes it. */
export function percentileOf(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const a = s[lo] as number;
  const b = s[Math.ceil(pos)] as number;
  return a + (b - a) * (pos - lo);
}

export const oneDecimal = (n: number) => Math.round(n * 10) / 10;
