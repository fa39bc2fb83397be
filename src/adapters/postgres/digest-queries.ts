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
 * Working-day ordinals of the days from `from` to `to` (inclusive) by the domain calendar:
 * element i counts the working days from `from` up to and including `from` + i, so
 * ordinal(b) − ordinal(a) = calendar.workingDaysBetween(a, b) for any a ≤ b in the range.
 */
export function workingDayOrdinals(
  calendar: WorkingDayCalendar,
  from: LocalDate,
  to: LocalDate,
): number[] {
  const ordinals: number[] = [];
  let count = 0;
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    if (calendar.isWorkingDay(day)) count++;
    ordinals.push(count);
  }
  return ordinals;
}

/**
 * The digest's figures, every sum, ratio and percentile by SQL aggregates; nothing loads the
 * complaints into memory except the register export, which is the list itself.
 *
 * Year selection is a range on `registered_at` (index complaints_registered_at_idx) with the
 * year's bounds as instants in the organisation's time zone. A year's figures take two passes
 * over its rows, each a scan (Seq Scan, or Bitmap/Index Scan on complaints_registered_at_idx
 * when the year is a small part of the table) feeding one aggregate:
 *   stage figures:    Aggregate ← Subquery Scan ← Hash Left Join (complaints, grouped outbox);
 *                     four percentile_cont sorts of one value per complaint
 *   category figures: HashAggregate on category_key (counts per category, per month and of
 *                     objections as FILTERed counts; months by instant ranges, not by a
 *                     per-row extract(month), whose group estimate made the planner sort)
 *   measures:         join measures → complaints
 * No join fans out and nothing runs per row beyond the row's own expressions.
 *
 * Local dates: the queries run in one read-only transaction whose TimeZone is the
 * organisation's (set_config(…, true) = SET LOCAL), so a local date is a plain `::date` cast;
 * `at time zone 'Europe/…'` parses the zone name on every call. JIT is off in it: these plans
 * are a scan and an aggregate, compiling them bought nothing measurable, and a misestimate
 * (as the old calendar joins had) can make it spend close to a second optimising.
 *
 * Working days: lead times are working days from registration to a stage, equal to
 * WorkingDayCalendar.workingDaysBetween(from, to) (working days d with from < d ≤ to). The
 * domain calendar numbers the days once (workingDayOrdinals): ordinal(d) = working days from
 * the first day of the range up to and including d, so the working days between two dates are
 * ordinal(to) − ordinal(from). The ordinals go in as one int[] parameter, bound once per query
 * (a FROM-less sub-select the planner folds into the expressions), and a date's ordinal is an
 * array subscript by its day offset: O(1) per row, no calendar table, no join. A date outside the range has no ordinal (a subscript out of bounds
 * is NULL), so its lead time is NULL. The range runs from 1 January of the year to 31 December
 * of the year after `asOf` (or after the year).
 *
 * Acknowledgements: the first delivered `acknowledgement` of each complaint, as one grouped
 * min(delivered_at) over outbox joined by hash, not a sub-select per complaint.
 *
 * The sub-selects end in `offset 0` so the planner keeps them as subqueries: each local date
 * and lead time is computed once per row, not again in every expression that names it.
 */
export function createDigestQueries(db: Database, calendar: WorkingDayCalendar): DigestQueries {
  const tz = calendar.options.timezone;
  const startOf = (date: LocalDate) =>
    new Date(calendar.endOfDay(addCalendarDays(date, -1)).getTime() + 1).toISOString();

  const yearBounds = (year: number) => ({
    start: startOf(`${year}-01-01`),
    end: startOf(`${year + 1}-01-01`),
  });

  type Run = <T>(query: SQL) => Promise<T[]>;

  /** `work` in one read-only transaction in the organisation's time zone, JIT off. */
  function reading<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return db.transaction(
      async (tx) => {
        await tx.execute(
          sql`select set_config('TimeZone', ${tz}, true), set_config('jit', 'off', true)`,
        );
        return work(async <R>(query: SQL) => rowsOf<R>(await tx.execute(query)));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  /**
   * The CTE `yl`: the year's complaints (`columns` of `c`, then `joins`), their local stage
   * dates reg_day, feedback_day, decided_day, resolved_day, closed_day and ack_day, and their
   * working-day lead times lead_feedback, lead_decision, lead_resolved, lead_closed, lead_ack.
   * Local dates need the session time zone of `reading`.
   */
  function yearRows(window: DigestWindow, columns: SQL, joins = sql``, order = sql``): SQL {
    const { start, end } = yearBounds(window.year);
    const lastYear = Math.max(window.year + 1, Number(window.asOf.slice(0, 4)) + 1);
    const first = `${window.year}-01-01`;
    const ordinals = workingDayOrdinals(calendar, first, `${lastYear}-12-31`);
    const ordinal = (day: string) => `w.n[${day} - w.d0 + 1]`;
    const lead = (stage: string) => sql.raw(`${ordinal(`${stage}_day`)} - ${ordinal('reg_day')}`);
    return sql`yl as (
      select y.*, ${lead('feedback')} as lead_feedback, ${lead('decided')} as lead_decision,
        ${lead('resolved')} as lead_resolved, ${lead('closed')} as lead_closed,
        ${lead('ack')} as lead_ack
      from (
        select ${columns},
          c.registered_at::date as reg_day, c.first_feedback_at::date as feedback_day,
          c.decided_at::date as decided_day, c.resolved_at::date as resolved_day,
          c.closed_at::date as closed_day, a.delivered_at::date as ack_day
        from complaints c
          left join (
            select o.complaint_id, min(o.delivered_at) as delivered_at from outbox o
            where o.kind = 'acknowledgement' and o.delivered_at is not null
            group by o.complaint_id
          ) a on a.complaint_id = c.id ${joins}
        where c.registered_at >= ${start}::timestamptz and c.registered_at < ${end}::timestamptz
        ${order} offset 0
      ) y
        cross join (select ${`{${ordinals.join(',')}}`}::int[] as n, ${first}::date as d0) w
      ${order} offset 0
    )`;
  }

  /** Deadline compliance and lead-time percentiles over the year's complaints and feedback. */
  async function stageFigures(run: Run, window: DigestWindow) {
    const asOf = window.asOf;
    const [row] = await run<Record<string, number | null>>(sql`
      with ${yearRows(
        window,
        sql`c.decision, c.feedback_due, c.decision_due, c.resolution_due, c.withdrawn_at`,
      )}
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

  /**
   * Per category: its counts, its complaints per month and its objections, in one pass
   * (HashAggregate on category_key). Months are ranges of instants, the local month starts.
   * The year's objection figures are the sums over the categories; per month, the categories
   * with complaints that month, in the database's order of category_key as before.
   */
  async function categoryMonthObjectionFigures(run: Run, year: number) {
    const { start, end } = yearBounds(year);
    const bounds = Array.from({ length: 13 }, (_, i) =>
      i === 12 ? end : startOf(`${year}-${String(i + 1).padStart(2, '0')}-01`),
    );
    const months = bounds.slice(0, 12).map(
      (from, i) => sql`count(*) filter (where kind = 'complaint'
          and registered_at >= ${from}::timestamptz
          and registered_at < ${bounds[i + 1]}::timestamptz)::int as ${sql.raw(`m${i + 1}`)}`,
    );
    const objected = (condition: string, alias: string) =>
      sql.raw(`count(*) filter (where objected_at is not null and ${condition})::int as ${alias}`);
    const rows = await run<
      CategoryFigures & Record<'objMediated' | 'objCommittee' | 'objFinal' | 'objOpen', number>
    >(sql`
      select category_key as "categoryKey",
        count(*) filter (where kind = 'complaint')::int as complaints,
        count(*) filter (where kind = 'feedback')::int as feedback,
        count(*) filter (where decision = 'founded')::int as founded,
        count(*) filter (where decision = 'unfounded')::int as unfounded,
        count(*) filter (where cause = 'structural')::int as structural,
        count(*) filter (where cause = 'incidental')::int as incidental,
        count(*) filter (where objected_at is not null)::int as objections,
        ${objected('mediator_id is not null', '"objMediated"')},
        ${objected('referred_to_committee', '"objCommittee"')},
        ${objected("close_reason = 'final_outcome'", '"objFinal"')},
        ${objected("status = 'objected'", '"objOpen"')},
        ${sql.join(months, sql`, `)}
      from complaints
      where registered_at >= ${start}::timestamptz and registered_at < ${end}::timestamptz
      group by category_key order by category_key`);
    const categories: CategoryFigures[] = rows.map((r) => ({
      categoryKey: r.categoryKey,
      complaints: r.complaints,
      feedback: r.feedback,
      founded: r.founded,
      unfounded: r.unfounded,
      structural: r.structural,
      incidental: r.incidental,
      objections: r.objections,
    }));
    const perMonth: MonthCount[] = [];
    for (let month = 1; month <= 12; month++) {
      for (const r of rows) {
        const count = Number((r as unknown as Record<string, number>)[`m${month}`]);
        if (count > 0) perMonth.push({ month, categoryKey: r.categoryKey, count });
      }
    }
    const total = (pick: (r: (typeof rows)[number]) => number) =>
      rows.reduce((sum, r) => sum + pick(r), 0);
    const objections: ObjectionFigures = {
      total: total((r) => r.objections),
      mediated: total((r) => r.objMediated),
      committee: total((r) => r.objCommittee),
      finalOutcome: total((r) => r.objFinal),
      open: total((r) => r.objOpen),
    };
    return { categories, perMonth, objections };
  }

  async function measureFigures(run: Run, year: number): Promise<MeasureFigures> {
    const { start, end } = yearBounds(year);
    const [measureRow] = await run<MeasureFigures>(sql`
      select count(m.id)::int as taken,
        count(m.id) filter (where m.scope = 'organisation')::int as "organisationWide",
        count(m.id) filter (where m.status = 'implemented')::int as implemented,
        count(m.id) filter (where m.effective is not null)::int as judged,
        count(m.id) filter (where m.effective)::int as effective
      from complaints c join measures m on m.complaint_id = c.id
      where c.registered_at >= ${start}::timestamptz
        and c.registered_at < ${end}::timestamptz`);
    return measureRow ?? { taken: 0, organisationWide: 0, implemented: 0, judged: 0, effective: 0 };
  }

  async function rows<T>(query: SQL): Promise<T[]> {
    return rowsOf<T>(await db.execute(query));
  }

  return translatingErrors<DigestQueries>({
    yearFigures: (window) =>
      reading(async (run) => {
        const { compliance, leadTimes } = await stageFigures(run, window);
        const { categories, perMonth, objections } = await categoryMonthObjectionFigures(
          run,
          window.year,
        );
        return {
          year: window.year,
          categories,
          compliance,
          leadTimes,
          objections,
          measures: await measureFigures(run, window.year),
          perMonth,
        } satisfies YearFigures;
      }),

    register: (window) =>
      reading(async (run) => {
        const asOf = window.asOf;
        // One JSON text per row instead of 31 columns: PGlite copies and decodes every field
        // of the result on the JS side, which took most of the time for a large register.
        const fields: [keyof RegisterRow, SQL][] = [
          ['reference', sql`reference`],
          ['kind', sql`kind`],
          ['formality', sql`formality`],
          ['categoryKey', sql`category_key`],
          ['categoryLabel', sql`category_label`],
          ['status', sql`status`],
          ['decision', sql`decision`],
          ['cause', sql`cause`],
          ['closeReason', sql`close_reason`],
          ['concernsEmployee', sql`concerns_employee`],
          ['complainantType', sql`complainant_type`],
          ['intakeChannel', sql`intake_channel`],
          ['handlerName', sql`handler_name`],
          ['registeredOn', sql`reg_day::text`],
          ['firstFeedbackOn', sql`feedback_day::text`],
          ['decidedOn', sql`decided_day::text`],
          ['resolvedOn', sql`resolved_day::text`],
          ['closedOn', sql`closed_day::text`],
          ['feedbackDue', sql`feedback_due::text`],
          ['decisionDue', sql`decision_due::text`],
          ['resolutionDue', sql`resolution_due::text`],
          [
            'feedbackMet',
            sql`case when feedback_day is not null then feedback_day <= feedback_due
              when feedback_due < ${asOf}::date then false end`,
          ],
          [
            'decisionMet',
            sql`case when decided_day is not null then decided_day <= decision_due
              when decision_due < ${asOf}::date then false end`,
          ],
          [
            'resolutionMet',
            sql`case when decision is distinct from 'founded' then null
              when resolved_day is not null then resolved_day <= resolution_due
              when resolution_due < ${asOf}::date then false end`,
          ],
          ['leadFirstFeedback', sql`lead_feedback`],
          ['leadDecision', sql`lead_decision`],
          ['leadResolved', sql`lead_resolved`],
          ['leadClosed', sql`lead_closed`],
          ['objected', sql`objected_at is not null`],
          ['description', sql`description`],
          ['resolution', sql`resolution`],
          ['anonymised', sql`anonymised_at is not null`],
        ];
        const rows = await run<{ row: string }>(sql`
          with ${yearRows(
            window,
            sql`c.reference, c.kind, c.formality, c.category_key,
              coalesce(cat.label_nl, c.category_key) as category_label, c.status, c.decision,
              c.cause, c.close_reason, c.concerns_employee, c.complainant_type,
              c.intake_channel, coalesce(h.name, c.handler_id) as handler_name,
              c.feedback_due, c.decision_due, c.resolution_due, c.objected_at, c.description,
              c.resolution, c.anonymised_at, c.registered_at`,
            sql`left join categories cat on cat.key = c.category_key
              left join people h on h.id = c.handler_id`,
            sql`order by registered_at, reference`,
          )}
          select json_build_object(${sql.join(
            fields.map(([key, value]) => sql`${sql.raw(`'${key}'`)}, ${value}`),
            sql`, `,
          )})::text as row
          from yl
          order by registered_at, reference`);
        return rows.map((r) => JSON.parse(r.row) as RegisterRow);
      }),

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
      // Complaints about an employee are never broken down in a channel (DESIGN.md §5).
      const byCategory = await rows<{ categoryKey: string; count: number }>(sql`
        select category_key as "categoryKey", count(*)::int as count from complaints
        where ${inMonth('registered_at')} and not concerns_employee group by 1 order by 1`);
      const [employee] = await rows<{ count: number }>(sql`
        select count(*)::int as count from complaints
        where ${inMonth('registered_at')} and concerns_employee`);
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
        newConcerningEmployee: employee?.count ?? 0,
      };
    },
  });
}
