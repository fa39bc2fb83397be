import type { LocalDate, WorkingDayCalendar } from '../../domain/calendar.js';
import type { JobDeps, JobSummary } from './ports.js';

/** True on the first working day of a month (the monthly and yearly jobs run then). */
export function isFirstWorkingDayOfMonth(calendar: WorkingDayCalendar, today: LocalDate): boolean {
  return calendar.addWorkingDays(`${today.slice(0, 7)}-01`, 0) === today;
}

/** The month before the one `today` is in, as `YYYY-MM`. */
export function previousMonth(today: LocalDate): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The monthly overview for the quality channel: complaints new and closed in the past month,
 * open and overdue per deadline today (objections and agreed terms too), new per category, and
 * the month's tips apart. Counts only, from SQL aggregates, shown as they are: ordinary counts
 * per category and period are no one's personal data (DESIGN.md §5). Complaints about an
 * employee are in none of them: they are never broken down, not per month either (issue 13),
 * and appear only as the year's total in the yearly digest. The counts come without them, so
 * no figure here can be subtracted from another to find them.
 */
export async function sendMonthlyOverview(
  deps: JobDeps,
  today: LocalDate,
  month: string = previousMonth(today),
): Promise<JobSummary> {
  const counts = await deps.digest.monthlyCounts(month, today);
  const now = deps.clock.now();
  const summary = {
    month,
    asOf: today,
    newInMonth: counts.newInMonth,
    newTipsInMonth: counts.newTipsInMonth,
    closedInMonth: counts.closedInMonth,
    open: counts.open,
    overdue: {
      ...counts.overdue,
      objection: counts.overdueObjection,
      agreed_term: counts.overdueAgreedTerm,
    },
    newByCategory: counts.newByCategory.map((c) => ({
      categoryKey: c.categoryKey,
      count: c.count,
    })),
  };
  const reportId = await deps.reports.saveReport({
    kind: 'monthly_overview',
    period: month,
    summary,
    chartPng: null,
    registerXlsx: null,
    registerCsv: null,
    createdAt: now,
  });
  await deps.store.repository.enqueue(
    [
      {
        idempotencyKey: `monthly_overview:${month}`,
        kind: 'monthly_overview',
        recipient: { channel: 'quality' },
        complaintId: null,
        payload: { reportId, month },
      },
    ],
    now,
  );
  return { month, reportId, newInMonth: counts.newInMonth, open: counts.open };
}
