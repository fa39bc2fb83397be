import { type SQL, sql } from 'drizzle-orm';
import type {
  DigestQueries,
  DigestWindow,
  MonthlyCounts,
  RegisterRow,
} from '../../app/jobs/ports.js';
import { addCalendarDays, type LocalDate, type WorkingDayCalendar } from '../../domain/calendar.js';
import type {
  CategoryFigures,
  ComplianceFigures,
  LeadTimeFigures,
  MeasureFigures,
  MonthCount,
  ObjectionFigures,
  YearFigures,
} from '../../domain/digest.js';
import type { Database } from './database.js';
import { translatingErrors } from './errors.js';
import { rowsOf } from './migrate.js';

/**
 * The digest's figures, every sum, ratio and percentile by SQL aggregates; nothing loads the
 * complaints into memory except the register export, which is the list itself.
 *
 * Year selection is a range on `registered_at` (index complaints_registered_at_idx) with the
 * year's bounds as instants in the organisation's time zone. Plans relied on (the intended
 * plans for a large register; not yet confirmed with EXPLAIN ANALYZE at volume):
 *   category counts:  HashAggregate ← Bitmap Heap Scan ← Bitmap Index Scan on
 *                     complaints_registered_at_idx (registered_at >= $1 AND < $2)
 *   per month:        same scan, HashAggregate on (month, category_key)
 *   measures:         Nested Loop ← the same scan → Index Scan on measures_complaint_idx
 *   acknowledgements: SubPlan per complaint → Index Scan on outbox_complaint_kind_idx
 * On small tables the planner prefers a Seq Scan, which is correct and cheaper there.
 *
 * Working-day lead times need a calendar. They are computed in SQL with a generated calendar
 * table: `cal` is generate_series over the days in question with a running count of working
 * days (Mon–Fri minus the closed days the domain calendar lists, passed in as one parameter),
 * so `cal(to).wd − cal(from).wd` equals WorkingDayCalendar.workingDaysBetween(from, to)
 * (working days d with from < d ≤ to). `cal` is a CTE of a few hundred rows materialised once
 * (WindowAgg ← Sort ← Function Scan on generate_series) and hash-joined to the year's rows, so
 * percentile_cont runs inside the database; no per-row work happens in Node.
 */
export function createDigestQueries(db: Database, calendar: WorkingDayCalendar): DigestQueries {
  const tz = calendar.options.timezone;
  const startOf = (date: LocalDate) =>
    new Date(calendar.endOfDay(addCalendarDays(date, -1)).getTime() + 1).toISOString();

  const yearBounds = (year: number) => ({
    start: startOf(`${year}-01-01`),
    end: startOf(`${year + 1}-01-01`),
  });

  /** The generated calendar from 1 January of `year` to the end of the year after `asOf`. */
  function calendarCte(window: DigestWindow): SQL {
    const lastYear = Math.max(window.year + 1, Number(window.asOf.slice(0, 4)) + 1);
    const closed: LocalDate[] = [];
    for (let y = window.year; y <= lastYear; y++) closed.push(...calendar.holidaysIn(y));
    return sql`cal as (
      select d::date as day,
        sum(case when extract(isodow from d) < 6
                  and not (d::date = any(string_to_array(${closed.join(',')}, ',')::date[]))
                 then 1 else 0 end) over (order by d) as wd
      from generate_series(${`${window.year}-01-01`}::date, ${`${lastYear}-12-31`}::date,
                           interval '1 day') as d
    )`;
  }

  /** The year's complaints with their local stage dates and working-day lead times. */
  function yearRows(window: DigestWindow): SQL {
    const { start, end } = yearBounds(window.year);
    const local = (column: string) => sql.raw(`(c.${column} at time zone `);
    return sql`${calendarCte(window)},
    y as (
      select c.*,
        ${local('registered_at')}${tz})::date as reg_day,
        ${local('first_feedback_at')}${tz})::date as feedback_day,
        ${local('decided_at')}${tz})::date as decided_day,
        ${local('resolved_at')}${tz})::date as resolved_day,
        ${local('closed_at')}${tz})::date as closed_day,
        (select (min(o.delivered_at) at time zone ${tz})::date from outbox o
          where o.complaint_id = c.id and o.kind = 'acknowledgement'
            and o.delivered_at is not null) as ack_day
      from complaints c
      where c.registered_at >= ${start}::timestamptz and c.registered_at < ${end}::timestamptz
    ),
    yl as (
      select y.*,
        f.wd - r.wd as lead_feedback, d.wd - r.wd as lead_decision,
        s.wd - r.wd as lead_resolved, k.wd - r.wd as lead_closed, a.wd - r.wd as lead_ack
      from y join cal r on r.day = y.reg_day
        left join cal f on f.day = y.feedback_day
        left join cal d on d.day = y.decided_day
        left join cal s on s.day = y.resolved_day
        left join cal k on k.day = y.closed_day
        left join cal a on a.day = y.ack_day
    )`;
  }

  async function rows<T>(query: SQL): Promise<T[]> {
    return rowsOf<T>(await db.execute(query));
  }

  async function categoryFigures(year: number): Promise<CategoryFigures[]> {
    const { start, end } = yearBounds(year);
    return rows<CategoryFigures>(sql`
      select category_key as "categoryKey",
        count(*) filter (where kind = 'complaint')::int as complaints,
        count(*) filter (where kind = 'feedback')::int as feedback,
        count(*) filter (where decision = 'founded')::int as founded,
        count(*) filter (where decision = 'unfounded')::int as unfounded,
        count(*) filter (where cause = 'structural')::int as structural,
        count(*) filter (where cause = 'incidental')::int as incidental,
        count(*) filter (where objected_at is not null)::int as objections
      from complaints
      where registered_at >= ${start}::timestamptz and registered_at < ${end}::timestamptz
      group by category_key order by category_key`);
  }

  async function perMonth(year: number): Promise<MonthCount[]> {
    const { start, end } = yearBounds(year);
    return rows<MonthCount>(sql`
      select extract(month from registered_at at time zone ${tz})::int as month,
        category_key as "categoryKey", count(*)::int as count
      from complaints
      where kind = 'complaint'
        and registered_at >= ${start}::timestamptz and registered_at < ${end}::timestamptz
      group by 1, 2 order by 1, 2`);
  }

  /** Deadline compliance and lead-time percentiles over the year's complaints and feedback. */
  async function stageFigures(window: DigestWindow) {
    const asOf = window.asOf;
    const [row] = await rows<Record<string, number | null>>(sql`
      with ${yearRows(window)}
      select
        count(*) filter (where ack_day is not null or reg_day < ${asOf}::date)::int as ack_due,
        count(*) filter (where lead_ack <= 1)::int as ack_met,
        count(*) filter (where feedback_day is not null
          or (feedback_due < ${asOf}::date and withdrawn_at is null))::int as feedback_due,
        count(*) filter (where feedback_day <= feedback_due)::int as feedback_met,
        count(*) filter (where decided_day is not null
          or (decision_due < ${asOf}::date and withdrawn_at is null))::int as decision_due,
        count(*) filter (where decided_day <= decision_due)::int as decision_met,
        count(*) filter (where decision = 'founded' and (resolved_day is not null
          or (resolution_due < ${asOf}::date and withdrawn_at is null)))::int as resolution_due,
        count(*) filter (where decision = 'founded'
          and resolved_day <= resolution_due)::int as resolution_met,
        count(lead_feedback)::int as first_feedback_n,
        percentile_cont(0.5) within group (order by lead_feedback) as first_feedback_median,
        percentile_cont(0.9) within group (order by lead_feedback) as first_feedback_p90,
        count(lead_decision)::int as decision_n,
        percentile_cont(0.5) within group (order by lead_decision) as decision_median,
        percentile_cont(0.9) within group (order by lead_decision) as decision_p90,
        count(lead_resolved)::int as resolved_n,
        percentile_cont(0.5) within group (order by lead_resolved) as resolved_median,
        percentile_cont(0.9) within group (order by lead_resolved) as resolved_p90,
        count(lead_closed)::int as closed_n,
        percentile_cont(0.5) within group (order by lead_closed) as closed_median,
        percentile_cont(0.9) within group (order by lead_closed) as closed_p90
      from yl`);
    const r = row ?? {};
    const n = (key: string) => Number(r[key] ?? 0);
    const f = (key: string) => (r[key] === null || r[key] === undefined ? null : Number(r[key]));
    const compliance: ComplianceFigures[] = (
      [
        ['acknowledged', 'ack'],
        ['feedback', 'feedback'],
        ['decision', 'decision'],
        ['resolution', 'resolution'],
      ] as const
    ).map(([milestone, p]) => ({ milestone, due: n(`${p}_due`), met: n(`${p}_met`) }));
    const leadTimes: LeadTimeFigures[] = (
      ['first_feedback', 'decision', 'resolved', 'closed'] as const
    ).map((stage) => ({
      stage,
      n: n(`${stage}_n`),
      median: f(`${stage}_median`),
      p90: f(`${stage}_p90`),
    }));
    return { compliance, leadTimes };
  }

  async function objectionAndMeasureFigures(year: number) {
    const { start, end } = yearBounds(year);
    const range = sql`registered_at >= ${start}::timestamptz and registered_at < ${end}::timestamptz`;
    const [objections] = await rows<ObjectionFigures>(sql`
      select count(*)::int as total,
        count(*) filter (where mediator_id is not null)::int as mediated,
        count(*) filter (where referred_to_committee)::int as committee,
        count(*) filter (where close_reason = 'final_outcome')::int as "finalOutcome",
        count(*) filter (where status = 'objected')::int as open
      from complaints where objected_at is not null and ${range}`);
    const [measureRow] = await rows<MeasureFigures>(sql`
      select count(m.id)::int as taken,
        count(m.id) filter (where m.scope = 'organisation')::int as "organisationWide",
        count(m.id) filter (where m.status = 'implemented')::int as implemented,
        count(m.id) filter (where m.effective is not null)::int as judged,
        count(m.id) filter (where m.effective)::int as effective
      from complaints c join measures m on m.complaint_id = c.id
      where c.registered_at >= ${start}::timestamptz
        and c.registered_at < ${end}::timestamptz`);
    const zero = { taken: 0, organisationWide: 0, implemented: 0, judged: 0, effective: 0 };
    return {
      objections: objections ?? { total: 0, mediated: 0, committee: 0, finalOutcome: 0, open: 0 },
      measures: measureRow ?? zero,
    };
  }

  return translatingErrors<DigestQueries>({
    async yearFigures(window) {
      const { compliance, leadTimes } = await stageFigures(window);
      return {
        year: window.year,
        categories: await categoryFigures(window.year),
        compliance,
        leadTimes,
        ...(await objectionAndMeasureFigures(window.year)),
        perMonth: await perMonth(window.year),
      } satisfies YearFigures;
    },

    async register(window) {
      return rows<RegisterRow>(sql`
        with ${yearRows(window)}
        select yl.reference, yl.kind, yl.formality, yl.category_key as "categoryKey",
          coalesce(cat.label_nl, yl.category_key) as "categoryLabel", yl.status, yl.decision,
          yl.cause, yl.close_reason as "closeReason", yl.concerns_employee as "concernsEmployee",
          yl.complainant_type as "complainantType", yl.intake_channel as "intakeChannel",
          coalesce(h.name, yl.handler_id) as "handlerName",
          yl.reg_day::text as "registeredOn", yl.feedback_day::text as "firstFeedbackOn",
          yl.decided_day::text as "decidedOn", yl.resolved_day::text as "resolvedOn",
          yl.closed_day::text as "closedOn", yl.feedback_due::text as "feedbackDue",
          yl.decision_due::text as "decisionDue", yl.resolution_due::text as "resolutionDue",
          case when yl.feedback_day is not null then yl.feedback_day <= yl.feedback_due
               when yl.feedback_due < ${window.asOf}::date then false end as "feedbackMet",
          case when yl.decided_day is not null then yl.decided_day <= yl.decision_due
               when yl.decision_due < ${window.asOf}::date then false end as "decisionMet",
          case when yl.decision is distinct from 'founded' then null
               when yl.resolved_day is not null then yl.resolved_day <= yl.resolution_due
               when yl.resolution_due < ${window.asOf}::date then false end as "resolutionMet",
          yl.lead_feedback::int as "leadFirstFeedback", yl.lead_decision::int as "leadDecision",
          yl.lead_resolved::int as "leadResolved", yl.lead_closed::int as "leadClosed",
          (yl.objected_at is not null) as objected, yl.description, yl.resolution,
          (yl.anonymised_at is not null) as anonymised
        from yl left join categories cat on cat.key = yl.category_key
          left join people h on h.id = yl.handler_id
        order by yl.registered_at, yl.reference`);
    },

    async monthlyCounts(month, today): Promise<MonthlyCounts> {
      const start = startOf(`${month}-01`);
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      const end = startOf(next);
      const inMonth = (column: string) =>
        sql`${sql.raw(column)} >= ${start}::timestamptz and ${sql.raw(column)} < ${end}::timestamptz`;
      // Open and overdue: partial index complaints_open_deadlines_idx (status, *_due) whose
      // predicate is `status not in ('closed', 'withdrawn')`; the rules mirror domain/sla.ts.
      const [open] = await rows<Record<string, number>>(sql`
        select count(*)::int as open,
          count(*) filter (where first_feedback_at is null and feedback_due < ${today}::date)::int as feedback,
          count(*) filter (where decided_at is null and decision_due < ${today}::date)::int as decision,
          count(*) filter (where status = 'in_treatment' and resolved_at is null
            and resolution_due < ${today}::date)::int as resolution,
          count(*) filter (where status in ('resolved', 'rejected')
            and reaction_due < ${today}::date)::int as reaction
        from complaints where status not in ('closed', 'withdrawn')`);
      const [month_] = await rows<{ created: number; closed: number }>(sql`
        select (select count(*) from complaints where ${inMonth('registered_at')})::int as created,
          (select count(*) from complaints where ${inMonth('closed_at')})::int as closed`);
      const byCategory = await rows<{ categoryKey: string; count: number }>(sql`
        select category_key as "categoryKey", count(*)::int as count from complaints
        where ${inMonth('registered_at')} group by 1 order by 1`);
      return {
        newInMonth: month_?.created ?? 0,
        closedInMonth: month_?.closed ?? 0,
        open: open?.open ?? 0,
        overdue: {
          feedback: open?.feedback ?? 0,
          decision: open?.decision ?? 0,
          resolution: open?.resolution ?? 0,
          reaction: open?.reaction ?? 0,
        },
        newByCategory: byCategory,
      };
    },
  });
}
