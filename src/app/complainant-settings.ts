import type { LocalDate } from '../domain/calendar.js';

/**
 * Working days within which a complainant must be acknowledged, per intake channel (issue 11,
 * organisation file `acknowledgement:`). Phone and in person are acknowledged at intake
 * (seed 004); chat is the reporter's own message, acknowledged by the bot at once.
 */
export interface AcknowledgementRules {
  /** Default 5: "binnen een week". */
  letter: number;
  /** Default 1: seed 001's 24 hours. */
  email: number;
  /** Default 1. */
  webForm: number;
}

export const DEFAULT_ACKNOWLEDGEMENT: AcknowledgementRules = { letter: 5, email: 1, webForm: 1 };

/** How e-mail to complainants goes out: SMTP, `.eml` files under DATA_DIR (local mode), or not. */
export type MailMode = 'smtp' | 'files' | 'off';

/** The sender of letters and e-mails: the organisation as the complainant sees it. */
export interface Letterhead {
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  url: string | null;
}

/**
 * What the complainant-facing parts need (issue 11); the composition root builds it from the
 * environment and the organisation file.
 */
export interface ComplainantSettings {
  /** Absolute base of links in e-mails (PUBLIC_BASE_URL), e.g. `https://klachten.example.nl`. */
  publicBaseUrl: string;
  /** HMAC key of the complainant's links (COMPLAINANT_LINK_SECRET). */
  linkSecret: string;
  /** Days a personal link stays valid after it was made. */
  linkValidDays: number;
  mail: MailMode;
  acknowledgement: AcknowledgementRules;
  /** The optional public intake form: off by default; complaints are registered by `registeredBy`. */
  webForm: { enabled: boolean; registeredBy: string | null };
  letterhead: Letterhead;
}

/** A day and time as the intake form asks them (local to the organisation). */
export interface ReceivedAt {
  on: LocalDate;
  /** `HH:MM`; null: the start of the working day is assumed (09:00). */
  time: string | null;
}
