import { applyRetention } from '../../app/jobs/apply-retention.js';
import type { JobDeps, JobSummary } from '../../app/jobs/ports.js';
import { runDailyJob } from '../../app/jobs/run-daily-job.js';
import { previousMonth, sendMonthlyOverview } from '../../app/jobs/send-monthly-overview.js';
import { sendYearlyDigest } from '../../app/jobs/send-yearly-digest.js';
import { addCalendarDays, type LocalDate, type WorkingDayCalendar } from '../../domain/calendar.js';

export const JOB_NAMES = ['daily', 'monthly', 'digest', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** A monthly or yearly job that missed its first working day catches up within this many. */
const CATCH_UP_WORKING_DAYS = 5;

export interface JobDefinition {
  name: JobName;
  /** node-cron expression in the organisation's time zone. */
  cron: string;
  /** The period a scheduled run on `today` belongs to; null when the job is not due. */
  scheduledPeriod(today: LocalDate, calendar: WorkingDayCalendar): string | null;
  /** The period of a manual run (`--date`, `--year`). */
  manualPeriod(today: LocalDate, year: number | null): string;
  run(deps: JobDeps, period: string, today: LocalDate): Promise<JobSummary>;
}

function earlyInMonth(today: LocalDate, calendar: WorkingDayCalendar): boolean {
  if (!calendar.isWorkingDay(today)) return false;
  const beforeFirst = addCalendarDays(`${today.slice(0, 7)}-01`, -1);
  return calendar.workingDaysBetween(beforeFirst, today) <= CATCH_UP_WORKING_DAYS;
}

/**
 * The jobs (DESIGN §7). Runs are claimed per (job, period), so a cron firing on several
 * replicas, or again on a later catch-up day, runs each period once. Retention runs at 01:00:
 * a 02:xx job would be skipped on the night the clocks go forward.
 */
export const JOBS: Record<JobName, JobDefinition> = {
  daily: {
    name: 'daily',
    // 09:00, then every quarter of an hour until 17:45: a run that crashed (its heartbeat
    // stale) or failed is claimed again the same day; one that is done is skipped.
    cron: '*/15 9-17 * * 1-5',
    scheduledPeriod: (today, calendar) => (calendar.isWorkingDay(today) ? today : null),
    manualPeriod: (today) => today,
    run: (deps, period) => runDailyJob(deps, period),
  },
  monthly: {
    name: 'monthly',
    cron: '5 9 * * 1-5',
    scheduledPeriod: (today, calendar) =>
      earlyInMonth(today, calendar) ? previousMonth(today) : null,
    manualPeriod: (today) => previousMonth(today),
    run: (deps, period, today) => sendMonthlyOverview(deps, today, period),
  },
  digest: {
    name: 'digest',
    cron: '10 9 * 1 1-5',
    scheduledPeriod: (today, calendar) =>
      today.slice(5, 7) === '01' && earlyInMonth(today, calendar)
        ? String(Number(today.slice(0, 4)) - 1)
        : null,
    manualPeriod: (today, year) => String(year ?? Number(today.slice(0, 4)) - 1),
    run: async (deps, period, today) =>
      (await sendYearlyDigest(deps, Number(period), today)).summary,
  },
  retention: {
    name: 'retention',
    cron: '0 1 * * *',
    scheduledPeriod: (today) => today,
    manualPeriod: (today) => today,
    run: (deps) => applyRetention(deps),
  },
};

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}
