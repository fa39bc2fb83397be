import { z } from 'zod';
import type { LocalDate } from './calendar.js';
import { measureInputSchema, requiredText } from './commands.js';
import { TEXT_LIMITS } from './complaint.js';
import { DomainError } from './errors.js';
import { hasRole, type Person } from './people.js';

/**
 * Measures as records of their own (issue 13, ISO 9001 §10.2): planned → implemented (date and
 * evidence, by the owner) → review due (after `measures.reviewAfter` working days) → judged
 * effective or not effective by the quality adviser, with a note. A measure judged not effective
 * asks for a follow-up measure (`followUpOf`).
 */

export const MEASURE_COMMANDS = ['implement_measure', 'review_measure'] as const;
export type MeasureCommand = (typeof MEASURE_COMMANDS)[number];

export function isMeasureCommand(value: unknown): value is MeasureCommand {
  return typeof value === 'string' && (MEASURE_COMMANDS as readonly string[]).includes(value);
}

/** `effective`/`not_effective` are stored in `status`; the `effective` boolean is kept too. */
export const MEASURE_STATUSES = [
  'open',
  'implemented',
  'effective',
  'not_effective',
  'cancelled',
] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_ORIGINS = ['complaint', 'trend_review', 'management_review'] as const;
export type MeasureOrigin = (typeof MEASURE_ORIGINS)[number];
/** Origins of a measure created on its own, without a complaint. */
export const STANDALONE_MEASURE_ORIGINS = ['trend_review', 'management_review'] as const;
export type StandaloneMeasureOrigin = (typeof STANDALONE_MEASURE_ORIGINS)[number];

/** Working days between implementation and the effectiveness review when the file says nothing. */
export const DEFAULT_MEASURE_REVIEW_AFTER = 40;

/** A form's yes/no: a boolean, or the strings the surfaces send. */
const yesNo = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((value) => value === 'true'),
]);

/** The payload each measure command needs; validated at the edge of the use case. */
export const measureCommandSchemas = {
  implement_measure: z.object({ evidence: requiredText(TEXT_LIMITS.measure) }),
  review_measure: z.object({ effective: yesNo, note: requiredText(TEXT_LIMITS.measure) }),
} as const;

export type MeasureCommandPayloads = {
  [K in MeasureCommand]: z.infer<(typeof measureCommandSchemas)[K]>;
};

/**
 * A measure without a complaint (trend or management review), or the follow-up of one judged
 * not effective: the fields of `add_measure` plus its origin and the measure it follows up.
 */
export const newMeasureSchema = measureInputSchema
  .safeExtend({
    /** Required unless `followUpOf` is given (a follow-up takes its original's origin). */
    origin: z.enum(STANDALONE_MEASURE_ORIGINS).nullish(),
    followUpOf: z.uuid().nullish(),
  })
  .refine((m) => m.origin != null || m.followUpOf != null, {
    message: 'a measure without a complaint needs its origin',
    path: ['origin'],
    params: { problem: 'required' },
  });
export type NewMeasureInput = z.infer<typeof newMeasureSchema>;

/** The facts of a measure the rules below look at. */
export interface MeasureFacts {
  status: MeasureStatus;
  ownerId: string | null;
  reviewDueOn: LocalDate | null;
  /**
   * The measure's complaint concerns an employee: the quality adviser does not see such a
   * complaint (nor its measures' texts), so only the owner and a director act on it.
   */
  concernsEmployee?: boolean;
  /**
   * Of a complaint about an employee: its subject and its reporter. A director who is either
   * neither sees nor acts on its measures (unless they own the measure).
   */
  subjectPersonId?: string | null;
  reporterId?: string | null;
}

/** The facts that decide who oversees a measure (sees its texts, acts on the owner's behalf). */
type OversightFacts = Pick<MeasureFacts, 'concernsEmployee' | 'subjectPersonId' | 'reporterId'>;

/** The review is due from `reviewDueOn` on (the reminder fires that working day). */
export function measureReviewDue(measure: MeasureFacts, today: LocalDate): boolean {
  return (
    measure.status === 'implemented' && measure.reviewDueOn !== null && measure.reviewDueOn <= today
  );
}

/**
 * The commands a measure's state allows, whoever asks: implement while open; review once it is
 * implemented (the reminder waits for `reviewDueOn`, the quality adviser may judge it earlier).
 * `today` is kept for callers that show whether the review is due.
 */
export function measureAllowedCommands(
  measure: MeasureFacts,
  _today?: LocalDate,
): MeasureCommand[] {
  if (measure.status === 'open') return ['implement_measure'];
  if (measure.status === 'implemented') return ['review_measure'];
  return [];
}

function isDirector(person: Person): boolean {
  return hasRole(person, 'director');
}

/** The person is the subject or the reporter of the measure's complaint about an employee. */
function involvedIn(person: Person, measure: OversightFacts): boolean {
  return (
    measure.concernsEmployee === true &&
    (person.id === measure.subjectPersonId || person.id === measure.reporterId)
  );
}

/**
 * A director (not one who is the subject or the reporter of the measure's complaint about an
 * employee), or the quality adviser unless the measure's complaint concerns an employee.
 */
function oversees(person: Person, measure: OversightFacts): boolean {
  if (involvedIn(person, measure)) return false;
  return (
    isDirector(person) || (hasRole(person, 'quality_adviser') && measure.concernsEmployee !== true)
  );
}

/** Whether `person` may take `command` on `measure`, state aside. */
export function mayRunMeasureCommand(
  person: Person,
  command: MeasureCommand,
  measure: MeasureFacts,
): boolean {
  if (!person.active) return false;
  switch (command) {
    case 'implement_measure':
      // The owner (for an outside party: the internal follower), or the quality adviser or a
      // director on the owner's behalf.
      return person.id === measure.ownerId || oversees(person, measure);
    case 'review_measure':
      // The quality adviser (a director when they may not see it, or there is none), never
      // the owner judging their own measure.
      return person.id !== measure.ownerId && oversees(person, measure);
  }
}

/**
 * Throws unless `person` may take `command` on `measure` now: `measure.invalid_transition` when
 * the state does not allow it, `measure.not_permitted` when the person may not.
 */
export function authoriseMeasure(
  person: Person,
  command: MeasureCommand,
  measure: MeasureFacts,
): void {
  if (!measureAllowedCommands(measure).includes(command)) {
    throw new DomainError('measure.invalid_transition', `Cannot ${command} now`, {
      command,
      measureStatus: measure.status,
    });
  }
  if (!mayRunMeasureCommand(person, command, measure)) {
    throw new DomainError('measure.not_permitted', `Not permitted: ${command}`, { command });
  }
}

/** The commands `person` may take on `measure` now (the actions of its card). */
export function measureActionsFor(
  person: Person,
  measure: MeasureFacts,
  today?: LocalDate,
): MeasureCommand[] {
  return measureAllowedCommands(measure, today).filter((command) =>
    mayRunMeasureCommand(person, command, measure),
  );
}

/** Who may create a measure without a complaint (trend review, management review, follow-up). */
export function mayCreateMeasure(person: Person): boolean {
  return person.active && (isDirector(person) || hasRole(person, 'quality_adviser'));
}

/**
 * Who may list the improvement register: the quality adviser and a director (every measure),
 * and anyone who owns a measure (`ownsMeasure`; the list then shows only their own).
 */
export function mayListImprovementRegister(person: Person, ownsMeasure = false): boolean {
  return improvementRegisterScope(person) === 'all' || (person.active && ownsMeasure);
}

/** `all` for the quality adviser and a director, `own` for anyone else (owners). */
export function improvementRegisterScope(person: Person): 'all' | 'own' | 'none' {
  if (!person.active) return 'none';
  return isDirector(person) || hasRole(person, 'quality_adviser') ? 'all' : 'own';
}

/** Whether `person` may read a measure's texts (description, evidence, review note). */
export function maySeeMeasure(
  person: Person,
  measure: Pick<MeasureFacts, 'ownerId'> & OversightFacts,
): boolean {
  return person.active && (person.id === measure.ownerId || oversees(person, measure));
}

/**
 * Who is reminded of a due review: the active quality advisers, or the active directors when
 * there is none or the measure's complaint concerns an employee (not its subject or reporter);
 * never the owner.
 */
export function measureReviewers(people: readonly Person[], measure: MeasureFacts): Person[] {
  const may = (person: Person) => mayRunMeasureCommand(person, 'review_measure', measure);
  const advisers = people.filter((person) => hasRole(person, 'quality_adviser') && may(person));
  if (advisers.length > 0) return advisers;
  return people.filter((person) => isDirector(person) && may(person));
}

/** What implementing changes: the evidence, the date, and the working day the review is due. */
export function implementMeasure(
  payload: MeasureCommandPayloads['implement_measure'],
  now: Date,
  reviewDueOn: LocalDate,
): {
  status: 'implemented';
  evidence: string;
  implementedAt: Date;
  reviewDueOn: LocalDate;
} {
  return { status: 'implemented', evidence: payload.evidence, implementedAt: now, reviewDueOn };
}

/** What the review changes: the verdict in `status` and `effective`, the note, who and when. */
export function reviewMeasure(
  payload: MeasureCommandPayloads['review_measure'],
  now: Date,
  reviewerId: string,
): {
  status: 'effective' | 'not_effective';
  effective: boolean;
  reviewNote: string;
  reviewedAt: Date;
  reviewedBy: string;
} {
  return {
    status: payload.effective ? 'effective' : 'not_effective',
    effective: payload.effective,
    reviewNote: payload.note,
    reviewedAt: now,
    reviewedBy: reviewerId,
  };
}
