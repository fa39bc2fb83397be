import type { WorkingDayCalendar } from '../domain/calendar.js';
import type { DeadlinePolicy } from '../domain/deadlines.js';
import type { ProcedureRules } from '../domain/procedure.js';
import type { DownloadLinks } from './attachments-port.js';
import type { ComplainantSettings } from './complainant-settings.js';
import type { RegisterExportSources } from './export-register.js';
import type { ReportStore } from './jobs/ports.js';
import type { LetterRenderer } from './letters-port.js';
import type { ParkedOutbox } from './outbox-ports.js';
import type { Clock, Logger, Store } from './ports.js';

/** What every use case gets from the composition root. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  calendar: WorkingDayCalendar;
  deadlines: DeadlinePolicy;
  /** The organisation's procedure choices; DEFAULT_PROCEDURE when absent. */
  procedure?: ProcedureRules;
  logger: Logger;
  /** Reports the jobs wrote (digest PNG/XLSX/CSV); surfaces attach them to channel posts. */
  reports?: ReportStore;
  /** Measures (organisation file): working days from implementation to the effectiveness review. */
  measures?: { reviewAfter: number };
  /** Parked (failed) outbox messages: the daily notice and the re-drive. */
  parkedOutbox?: ParkedOutbox;
  /** What `/klacht export …` and the yearly job read and render the register from. */
  registerExport?: RegisterExportSources;
  /** Issue 11: links, mail mode, acknowledgement rules, web form and letterhead. */
  complainant?: ComplainantSettings;
  /** Issue 11: renders letters to complainants as PDF. */
  letters?: LetterRenderer;
  /** Issue 11: private, expiring download links for attachments (absent: listed without links). */
  downloads?: DownloadLinks;
}
