/**
 * Receipt and acknowledgement of a complaint (issue 11). A complaint registered on someone's
 * behalf was received earlier than it was typed in: its deadlines run from receipt. Whether
 * and when the complainant must be acknowledged depends on the channel it came in through:
 * - phone or in person: the conversation itself counts as the acknowledgement (seed 004,
 *   "telefonisch of persoonlijk geldt als ontvangstbevestiging");
 * - chat: the reporter typed it themselves and the bot confirms it at once;
 * - letter (and a complaint forwarded by the committee): within `letter` working days
 *   (default 5, "binnen een week");
 * - e-mail and the web form: within `email` / `webForm` working days (default 1, seed 001's
 *   24 hours).
 * Working days count like every other deadline: the local date of receipt is day 0.
 */
import { type LocalDate, parseLocalDate, type WorkingDayCalendar } from './calendar.js';
import type { IntakeChannel } from './complaint.js';
import { DomainError } from './errors.js';

/** Working days within which a complainant is acknowledged, per written channel. */
export interface AcknowledgementDays {
  letter: number;
  email: number;
  webForm: number;
}

export interface AcknowledgementAtIntake {
  /** Set when intake itself acknowledged the complainant (phone, in person, chat). */
  acknowledgedAt: Date | null;
  /** The last working day for a written acknowledgement; null when none is due. */
  acknowledgementDue: LocalDate | null;
}

/** How a channel is acknowledged: at receipt, at registration, or within working days. */
export type AcknowledgementRule =
  | { kind: 'at_receipt' }
  | { kind: 'at_registration' }
  | { kind: 'within'; days: number };

export function acknowledgementRule(
  channel: IntakeChannel,
  days: AcknowledgementDays,
): AcknowledgementRule {
  switch (channel) {
    case 'phone':
    case 'in_person':
      return { kind: 'at_receipt' };
    case 'chat':
      return { kind: 'at_registration' };
    case 'letter':
    case 'committee':
      return { kind: 'within', days: days.letter };
    case 'email':
      return { kind: 'within', days: days.email };
    case 'web_form':
      return { kind: 'within', days: days.webForm };
  }
}

/** The acknowledgement a new complaint starts with. */
export function acknowledgementAtIntake(
  calendar: WorkingDayCalendar,
  days: AcknowledgementDays,
  channel: IntakeChannel,
  receivedAt: Date,
  registeredAt: Date,
): AcknowledgementAtIntake {
  const rule = acknowledgementRule(channel, days);
  switch (rule.kind) {
    case 'at_receipt':
      return { acknowledgedAt: receivedAt, acknowledgementDue: null };
    case 'at_registration':
      return { acknowledgedAt: registeredAt, acknowledgementDue: null };
    case 'within':
      return {
        acknowledgedAt: null,
        acknowledgementDue: calendar.addWorkingDays(calendar.localDate(receivedAt), rule.days),
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Receipt: a local day and time in the organisation's time zone as an instant

/** The time assumed when only the day of receipt is known: the start of the working day. */
export const DEFAULT_RECEIPT_TIME = '09:00';

/** `HH:MM` (24 hours); Teams may add seconds, which are ignored. */
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

export function isTimeOfDay(value: string): boolean {
  return TIME_PATTERN.test(value);
}

/**
 * The instant a local date and time (`HH:MM`) show in the organisation's time zone (see
 * WorkingDayCalendar.instantAt for the nights the clocks change).
 */
export function instantAt(
  calendar: Pick<WorkingDayCalendar, 'instantAt'>,
  date: LocalDate,
  time: string,
): Date {
  const match = TIME_PATTERN.exec(time);
  if (!match) {
    throw new DomainError('input.invalid', 'Invalid time of day', { field: 'time' });
  }
  return calendar.instantAt(date, Number(match[1]), Number(match[2]));
}

/** How long ago a complaint may have been received and still be registered. */
export const MAX_RECEIPT_AGE_YEARS = 1;

/** The earliest day of receipt accepted on `today`: the same day a year earlier. */
export function earliestReceipt(today: LocalDate): LocalDate {
  const { y, m, d } = parseLocalDate(today);
  const year = y - MAX_RECEIPT_AGE_YEARS;
  // 29 February a year later has no twin: the 28th is a year earlier.
  const day = m === 2 && d === 29 ? 28 : d;
  const date = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  parseLocalDate(date);
  return date;
}

/** Why a moment of receipt is refused, or null when it is acceptable. */
export type ReceiptProblem = 'date_in_future' | 'time_in_future' | 'too_old';

/**
 * Checks a receipt against the moment of registration: never after it, and not more than
 * a year before it. `received` is the combined instant; `date` its local day.
 */
export function receiptProblem(
  calendar: WorkingDayCalendar,
  date: LocalDate,
  received: Date,
  registeredAt: Date,
): ReceiptProblem | null {
  const today = calendar.localDate(registeredAt);
  if (date > today) return 'date_in_future';
  if (received.getTime() > registeredAt.getTime()) return 'time_in_future';
  if (date < earliestReceipt(today)) return 'too_old';
  return null;
}
