import type { AppDeps } from '../../app/deps.js';
import type { RegisterExportSources } from '../../app/export-register.js';
import type { JobDeps, MessageRetractor } from '../../app/jobs/ports.js';
import type { OrgConfig } from '../../config/org-file.js';
import type { WorkingDayCalendar } from '../../domain/calendar.js';
import type { Database } from '../postgres/database.js';
import { createDigestQueries } from '../postgres/digest-queries.js';
import { createJobStore } from '../postgres/job-store.js';
import { createOutboxStore } from '../postgres/outbox-store.js';
import { createRegisterRecords } from '../postgres/register-records.js';
import { createReminderQueries } from '../postgres/reminder-store.js';
import { createReportStore } from '../postgres/report-store.js';
import { createReportRenderer } from '../reports/index.js';

/**
 * The jobs' dependencies: the use-case deps plus the job store, the reminder scan's query,
 * digest queries and reports; the surfaces' retractors for retention (none from the CLI: the
 * messages stay recorded until the service's nightly run retracts them).
 */
/** The register's sources: figures, rows and records, the renderer and the report store. */
export function createRegisterExport(
  db: Database,
  calendar: WorkingDayCalendar,
): RegisterExportSources {
  return {
    digest: createDigestQueries(db, calendar),
    records: createRegisterRecords(db, calendar),
    renderer: createReportRenderer(),
    reports: createReportStore(db),
  };
}

export function createJobDeps(
  deps: AppDeps,
  db: Database,
  org: OrgConfig,
  retractors: readonly MessageRetractor[] = [],
): JobDeps {
  return {
    ...deps,
    jobs: createJobStore(db),
    reminders: createReminderQueries(db),
    digest: createDigestQueries(db, deps.calendar),
    reports: createReportStore(db),
    renderer: createReportRenderer(),
    retentionYears: org.retentionYears,
    locale: org.organisation.locale,
    parkedOutbox: createOutboxStore(db),
    retractors,
    registerExport: deps.registerExport ?? createRegisterExport(db, deps.calendar),
  };
}
