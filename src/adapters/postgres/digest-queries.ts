import { type SQL, sql } from 'drizzle-orm';
import type {
  DigestQueries,
  DigestWindow,
  MonthlyCounts,
  RegisterRow,
} from '../../app/jobs/ports.js';
import { addCalendarDays, type LocalDate, type WorkingDayCalendar } from '../../domain/calendar.js';
import { INTAKE_CHANNELS } from '../../domain/complaint.js';
import {
  type AdmissibilityFigures,
  type CategoryFigures,
  type ChannelComplianceFigures,
  COMPLIANCE_MILESTONES,
  type ComplianceFigures,
  type ComplianceMilestone,
  type ExtensionFigures,
  type LeadTimeFigures,
  type MeasureFigures,
  type MonthCount,
  type ObjectionFigures,
  type SolutionFigures,
  type YearFigures,
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
 * Per deadline, whether the complaint met it (`met_<milestone>`: 'yes', 'no', 'na', or null
 * while it runs), over the columns of `yearRows`. One rule for the register's columns and the
 * digest's compliance figures, so the two always agree:
 * - a tip has no deadlines ('na'); a complaint withdrawn before the step: 'na', never missed;
 * - the acknowledgement (issue 11): a written one (letter, e-mail, web form: `acknowledgement_due`
 *   set) is met when `acknowledged_at` (the e-mail sent, the letter posted) falls on or before
 *   its due day, 'na' when the organisation does not write to the complainant (about an
 *   employee, an employee complainant); phone, in person and chat are met at intake
 *   (`acknowledged_at` set, nothing due); a complaint with neither (registered before issue
 *   11) keeps the old rule: the reporter's delivered acknowledgement within a working day;
 * - a step done: met when done on or before the deadline; not done and the deadline before
 *   `asOf`: missed;
 * - the decision of a complaint declared not admissible is that declaration;
 * - the resolution runs only after a founded decision ('na' after an unfounded one or none),
 *   against the deadline in force and against the one before any extension;
 * - an objection is decided by the final outcome or by the committee's verdict (its date);
 * - an agreed term is met by the fix reported done.
 */
function deadlineStates(asOf: LocalDate): SQL {
  const state = (
    milestone: ComplianceMilestone,
    done: string,
    due: string,
    applies = 'true',
    pending = 'false',
  ) => sql`case when kind = 'feedback' then 'na'
      when ${sql.raw(pending)} then null
      when not (${sql.raw(applies)}) then 'na'
      when ${sql.raw(done)} is not null then
        case when ${sql.raw(done)} <= ${sql.raw(due)} then 'yes' else 'no' end
      when withdrawn_at is not null then 'na'
      when ${sql.raw(due)} < ${asOf}::date then 'no' end as ${sql.raw(`met_${milestone}`)}`;
  const founded = "coalesce(decision = 'founded', false)";
  const undecided = "decision is null and status not in ('closed', 'withdrawn')";
  return sql.join(
    [
      sql`case when kind = 'feedback' then 'na'
        when acknowledgement_due is not null then
          case when ack_day is not null then
              case when ack_day <= acknowledgement_due then 'yes' else 'no' end
            when concerns_employee or complainant_type = 'employee' then 'na'
            when withdrawn_at is not null then 'na'
            when acknowledgement_due < ${asOf}::date then 'no' end
        when acknowledged_at is not null then 'yes'
        when ack_day is not null then case when lead_ack <= 1 then 'yes' else 'no' end
        when withdrawn_at is not null then 'na'
        when reg_day < ${asOf}::date then 'no' end as met_acknowledged`,
      state('feedback', 'feedback_day', 'feedback_due'),
      state(
        'decision',
        "coalesce(decided_day, case when admissibility = 'inadmissible' then adm_day end)",
        'decision_due',
      ),
      state('resolution', 'resolved_day', 'resolution_due', founded, undecided),
      state(
        'resolution_original',
        'resolved_day',
        'coalesce(original_resolution_due, resolution_due)',
        founded,
        undecided,
      ),
      state(
        'objection',
        'obj_decided_day',
        'objection_due',
        'objected_at is not null and objection_due is not null',
      ),
      state('agreed_term', 'fix_day', 'agreed_term_on', 'agreed_term_on is not null'),
    ],
    sql`, `,
  );
}

/** Leaves complaints about an employee out of a figure (they are counted once, apart). */
const NOT_ABOUT_EMPLOYEE = sql`and not c.concerns_employee`;

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
   * The CTE `yl`: the year's complaints (the columns every figure needs, then `columns` of `c`,
   * then `joins`, `filter` a further condition on `c`), their local stage dates reg_day, feedback_day, decided_day, resolved_day,
   * closed_day, ack_day (the complainant's acknowledgement; for complaints from before issue 11
   * the reporter's delivered acknowledgement, dm_ack_day), adm_day, fix_day, withdrawn_day, objected_day and obj_decided_day,
   * their working-day lead times lead_feedback, lead_decision, lead_resolved, lead_closed,
   * lead_ack, and per deadline whether it was met (`met_*`, see `deadlineStates`). Local dates
   * need the session time zone of `reading`.
   */
  function yearRows(
    window: DigestWindow,
    columns: SQL,
    joins = sql``,
    order = sql``,
    filter = sql``,
  ): SQL {
    const { start, end } = yearBounds(window.year);
    const lastYear = Math.max(window.year + 1, Number(window.asOf.slice(0, 4)) + 1);
    const first = `${window.year}-01-01`;
    const ordinals = workingDayOrdinals(calendar, first, `${lastYear}-12-31`);
    const ordinal = (day: string) => `w.n[${day} - w.d0 + 1]`;
    const lead = (stage: string) => sql.raw(`${ordinal(`${stage}_day`)} - ${ordinal('reg_day')}`);
    return sql`yl as (
      select z.*, ${deadlineStates(window.asOf)}
      from (
        select y.*, ${lead('feedback')} as lead_feedback, ${lead('decided')} as lead_decision,
          ${lead('resolved')} as lead_resolved, ${lead('closed')} as lead_closed,
          ${lead('dm_ack')} as lead_ack
        from (
          select c.kind, c.status, c.decision, c.admissibility, c.close_reason,
            c.feedback_due, c.decision_due, c.resolution_due, c.original_resolution_due,
            c.objection_due, c.agreed_term_on, c.objected_at, c.withdrawn_at,
            c.committee_verdict_on, c.intake_channel, c.concerns_employee, c.complainant_type,
            c.acknowledgement_due, c.acknowledged_at, ${columns},
            c.registered_at::date as reg_day, c.first_feedback_at::date as feedback_day,
            c.decided_at::date as decided_day, c.resolved_at::date as resolved_day,
            c.closed_at::date as closed_day, a.delivered_at::date as dm_ack_day,
            coalesce(c.acknowledged_at::date,
              case when c.acknowledgement_due is null then a.delivered_at::date end) as ack_day,
            c.admissibility_decided_at::date as adm_day, c.fix_done_at::date as fix_day,
            c.withdrawn_at::date as withdrawn_day, c.objected_at::date as objected_day,
            case c.close_reason when 'final_outcome' then c.closed_at::date
              when 'committee_verdict' then c.committee_verdict_on end as obj_decided_day
          from complaints c
            left join (
              select o.complaint_id, min(o.delivered_at) as delivered_at from outbox o
              where o.kind = 'acknowledgement' and o.delivered_at is not null
              group by o.complaint_id
            ) a on a.complaint_id = c.id ${joins}
          where c.registered_at >= ${start}::timestamptz and c.registered_at < ${end}::timestamptz
            ${filter}
          ${order} offset 0
        ) y
          cross join (select ${`{${ordinals.join(',')}}`}::int[] as n, ${first}::date as d0) w
        ${order} offset 0
      ) z
      ${order} offset 0
    )`;
  }

  /**
   * Deadline compliance and lead-time percentiles over the year's complaints (not tips), not
   * those about an employee (never broken down: see `YearFigures.concerningEmployee`).
   */
  async function stageFigures(run: Run, window: DigestWindow) {
    const counts = COMPLIANCE_MILESTONES.map(
      (m) => sql`count(*) filter (where ${sql.raw(`met_${m}`)} in ('yes', 'no'))::int
          as ${sql.raw(`"${m}_due"`)},
        count(*) filter (where ${sql.raw(`met_${m}`)} = 'yes')::int as ${sql.raw(`"${m}_met"`)}`,
    );
    const percentiles = (
      [
        ['first_feedback', 'lead_feedback'],
        ['decision', 'lead_decision'],
        ['resolved', 'lead_resolved'],
        ['closed', 'lead_closed'],
      ] as const
    ).map(([stage, column]) =>
      sql.raw(`count(${column}) filter (where kind = 'complaint')::int as ${stage}_n,
        percentile_cont(0.5) within group (order by ${column})
          filter (where kind = 'complaint') as ${stage}_median,
        percentile_cont(0.9) within group (order by ${column})
          filter (where kind = 'complaint') as ${stage}_p90`),
    );
    // The acknowledgement per intake channel (issue 11), in the same pass.
    const channels = INTAKE_CHANNELS.map(
      (channel) => sql`count(*) filter (where met_acknowledged in ('yes', 'no')
          and intake_channel = ${channel})::int as ${sql.raw(`"ack_${channel}_due"`)},
        count(*) filter (where met_acknowledged = 'yes'
          and intake_channel = ${channel})::int as ${sql.raw(`"ack_${channel}_met"`)}`,
    );
    const [row] = await run<Record<string, number | null>>(sql`
      with ${yearRows(window, sql`c.id`, sql``, sql``, NOT_ABOUT_EMPLOYEE)}
      select ${sql.join([...counts, ...channels, ...percentiles], sql`, `)}
      from yl`);
    const r = row ?? {};
    const n = (key: string) => Number(r[key] ?? 0);
    const f = (key: string) => (r[key] === null || r[key] === undefined ? null : Number(r[key]));
    const compliance: ComplianceFigures[] = COMPLIANCE_MILESTONES.map((milestone) => ({
      milestone,
      due: n(`${milestone}_due`),
      met: n(`${milestone}_met`),
    }));
    const leadTimes: LeadTimeFigures[] = (
      ['first_feedback', 'decision', 'resolved', 'closed'] as const
    ).map((stage) => ({
      stage,
      n: n(`${stage}_n`),
      median: f(`${stage}_median`),
      p90: f(`${stage}_p90`),
    }));
    const acknowledgementByChannel: ChannelComplianceFigures[] = INTAKE_CHANNELS.map((channel) => ({
      channel,
      due: n(`ack_${channel}_due`),
      met: n(`ack_${channel}_met`),
    })).filter((c) => c.due > 0);
    return { compliance, acknowledgementByChannel, leadTimes };
  }

  /**
   * Per category: its counts, its complaints per month, its objections and the other steps of
   * the procedure (admissibility, extensions, agreed solutions, committee verdicts), in one
   * pass (HashAggregate on category_key). Months are ranges of instants, the local month
   * starts. The year's figures are the sums over the categories; per month, the categories
   * with complaints that month, in the database's order of category_key as before. Complaints
   * about an employee are in none of them: they are counted once, for the year, apart.
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
    /** The year's sums, each a FILTERed count under its own alias. */
    const totals = {
      objMediated: 'objected_at is not null and mediator_id is not null',
      objCommittee: 'objected_at is not null and referred_to_committee',
      objFinal: "objected_at is not null and close_reason = 'final_outcome'",
      objOpen: "objected_at is not null and status = 'objected'",
      verdictFounded: "committee_verdict = 'founded'",
      verdictPartlyFounded: "committee_verdict = 'partly_founded'",
      verdictUnfounded: "committee_verdict = 'unfounded'",
      admissible: "admissibility = 'admissible'",
      inadmissible: "admissibility = 'inadmissible'",
      extended: 'extension_count > 0',
      agreed: 'agreed_term_on is not null',
      complainantAgreed: 'agreed_term_on is not null and complainant_agreed',
      outsideParty: 'agreed_term_on is not null and remediation_party is not null',
      fixDone: 'fix_done_at is not null',
    } as const;
    type Total = keyof typeof totals;
    const counted = Object.entries(totals).map(([alias, condition]) =>
      sql.raw(`count(*) filter (where ${condition})::int as "${alias}"`),
    );
    const rows = await run<CategoryFigures & Record<Total, number>>(sql`
      select category_key as "categoryKey",
        count(*) filter (where kind = 'complaint')::int as complaints,
        count(*) filter (where kind = 'feedback')::int as feedback,
        count(*) filter (where decision = 'founded')::int as founded,
        count(*) filter (where decision = 'unfounded')::int as unfounded,
        count(*) filter (where cause = 'structural')::int as structural,
        count(*) filter (where cause = 'incidental')::int as incidental,
        count(*) filter (where objected_at is not null)::int as objections,
        ${sql.join(counted, sql`, `)},
        ${sql.join(months, sql`, `)}
      from complaints
      where registered_at >= ${start}::timestamptz and registered_at < ${end}::timestamptz
        and not concerns_employee
      group by category_key order by category_key`);
    const [employee] = await run<{ count: number }>(sql`
      select count(*)::int as count from complaints
      where registered_at >= ${start}::timestamptz and registered_at < ${end}::timestamptz
        and concerns_employee`);
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
    const total = (key: Total | 'objections') => rows.reduce((sum, r) => sum + r[key], 0);
    const objections: ObjectionFigures = {
      total: total('objections'),
      mediated: total('objMediated'),
      committee: total('objCommittee'),
      finalOutcome: total('objFinal'),
      verdictFounded: total('verdictFounded'),
      verdictPartlyFounded: total('verdictPartlyFounded'),
      verdictUnfounded: total('verdictUnfounded'),
      open: total('objOpen'),
    };
    const admissibility: AdmissibilityFigures = {
      admissible: total('admissible'),
      inadmissible: total('inadmissible'),
    };
    const extensions: ExtensionFigures = { extended: total('extended') };
    const solutions: SolutionFigures = {
      agreed: total('agreed'),
      complainantAgreed: total('complainantAgreed'),
      outsideParty: total('outsideParty'),
      fixDone: total('fixDone'),
    };
    return {
      categories,
      perMonth,
      objections,
      admissibility,
      extensions,
      solutions,
      concerningEmployee: employee?.count ?? 0,
    };
  }

  /**
   * The measures of the year's complaints (not those about an employee). A measure judged
   * effective or not was implemented first: it counts as implemented too, whatever the status
   * it was judged with.
   */
  async function measureFigures(run: Run, year: number): Promise<MeasureFigures> {
    const { start, end } = yearBounds(year);
    const [measureRow] = await run<MeasureFigures>(sql`
      select count(m.id)::int as taken,
        count(m.id) filter (where m.scope = 'organisation')::int as "organisationWide",
        count(m.id) filter (where m.status in ('implemented', 'effective', 'not_effective')
          or m.implemented_at is not null or m.effective is not null)::int as implemented,
        count(m.id) filter (where m.effective is not null)::int as judged,
        count(m.id) filter (where m.effective)::int as effective
      from complaints c join measures m on m.complaint_id = c.id
      where c.registered_at >= ${start}::timestamptz
        and c.registered_at < ${end}::timestamptz and not c.concerns_employee`);
    return measureRow ?? { taken: 0, organisationWide: 0, implemented: 0, judged: 0, effective: 0 };
  }

  async function rows<T>(query: SQL): Promise<T[]> {
    return rowsOf<T>(await db.execute(query));
  }

  return translatingErrors<DigestQueries>({
    yearFigures: (window) =>
      reading(async (run) => {
        const { compliance, acknowledgementByChannel, leadTimes } = await stageFigures(run, window);
        const { categories, perMonth, ...steps } = await categoryMonthObjectionFigures(
          run,
          window.year,
        );
        return {
          year: window.year,
          categories,
          compliance,
          acknowledgementByChannel,
          leadTimes,
          ...steps,
          measures: await measureFigures(run, window.year),
          perMonth,
        } satisfies YearFigures;
      }),

    register: (window) =>
      reading(async (run) => {
        // One JSON text per row instead of some 60 columns: PGlite copies and decodes every
        // field of the result on the JS side, which took most of the time for a large register.
        // row_to_json of a lateral sub-select: json_build_object stops at 100 arguments.
        const met = (m: ComplianceMilestone) => sql.raw(`met_${m}`);
        const fields: [keyof RegisterRow, SQL][] = [
          ['reference', sql`reference`],
          ['kind', sql`kind`],
          ['formality', sql`formality`],
          ['categoryKey', sql`category_key`],
          ['categoryLabel', sql`category_label`],
          ['status', sql`status`],
          ['decision', sql`decision`],
          ['motivation', sql`motivation`],
          ['cause', sql`cause`],
          ['rootCause', sql`root_cause`],
          ['causeCategory', sql`cause_category`],
          ['closeReason', sql`close_reason`],
          ['concernsEmployee', sql`concerns_employee`],
          [
            'involvedIds',
            sql`case when concerns_employee
              then array_remove(array[subject_person_id, reporter_id], null)
              else array[]::text[] end`,
          ],
          ['complainantType', sql`complainant_type`],
          ['intakeChannel', sql`intake_channel`],
          ['handlerName', sql`handler_name`],
          ['mediatorName', sql`mediator_name`],
          ['registeredOn', sql`reg_day::text`],
          ['receivedOn', sql`received_on`],
          ['receivedTime', sql`received_time`],
          ['acknowledgementDue', sql`acknowledgement_due::text`],
          ['acknowledgedOn', sql`ack_day::text`],
          ['lettersSent', sql`letters_sent`],
          ['emailsSent', sql`emails_sent`],
          ['lettersPostedOn', sql`letters_posted_on`],
          ['attachments', sql`attachment_count`],
          ['admissibility', sql`admissibility`],
          ['admissibilityOn', sql`adm_day::text`],
          ['admissibilityMotivation', sql`admissibility_motivation`],
          ['firstFeedbackOn', sql`feedback_day::text`],
          ['decidedOn', sql`decided_day::text`],
          ['resolvedOn', sql`resolved_day::text`],
          ['closedOn', sql`closed_day::text`],
          ['withdrawnOn', sql`withdrawn_day::text`],
          ['feedbackDue', sql`feedback_due::text`],
          ['decisionDue', sql`decision_due::text`],
          ['resolutionDue', sql`resolution_due::text`],
          ['originalResolutionDue', sql`original_resolution_due::text`],
          ['extensionReason', sql`extension_reason`],
          ['extensionCount', sql`extension_count`],
          ['agreedSolution', sql`agreed_solution`],
          ['agreedTermOn', sql`agreed_term_on::text`],
          ['complainantAgreed', sql`complainant_agreed`],
          ['remediationParty', sql`remediation_party`],
          ['fixDoneOn', sql`fix_day::text`],
          ['feedbackMet', sql`case met_feedback when 'yes' then true when 'no' then false end`],
          ['decisionMet', sql`case met_decision when 'yes' then true when 'no' then false end`],
          ['resolutionMet', sql`case met_resolution when 'yes' then true when 'no' then false end`],
          [
            'met',
            sql`json_build_object(${sql.join(
              COMPLIANCE_MILESTONES.map((m) => sql`${sql.raw(`'${m}'`)}, ${met(m)}`),
              sql`, `,
            )})`,
          ],
          ['leadFirstFeedback', sql`lead_feedback`],
          ['leadDecision', sql`lead_decision`],
          ['leadResolved', sql`lead_resolved`],
          ['leadClosed', sql`lead_closed`],
          ['objected', sql`objected_at is not null`],
          ['objectedOn', sql`objected_day::text`],
          ['objectionReason', sql`objection_reason`],
          ['objectionDue', sql`objection_due::text`],
          ['objectionDecidedOn', sql`obj_decided_day::text`],
          ['referredToCommittee', sql`referred_to_committee`],
          ['committeeVerdict', sql`committee_verdict`],
          ['committeeVerdictOn', sql`committee_verdict_on::text`],
          ['committeeBinding', sql`committee_binding`],
          ['committeeFollowUp', sql`committee_follow_up`],
          ['finalOutcome', sql`final_outcome`],
          ['description', sql`description`],
          ['resolution', sql`resolution`],
          ['correctiveMeasure', sql`corrective_measure`],
          ['preventiveMeasure', sql`preventive_measure`],
          // The reporter's reaction to the outcome: agreed, objected, or none before auto-close.
          // One recorded by staff (by phone, letter, …; issue 11) counts on the day it came in.
          [
            'reaction',
            sql`case when objected_at is not null then 'objected'
              when close_reason in ('accepted', 'no_reaction') then close_reason end`,
          ],
          [
            'reactionOn',
            sql`case when objected_at is not null
                then coalesce(reaction_received_on, objected_day::text)
              when close_reason = 'accepted' then coalesce(reaction_received_on, closed_day::text)
              when close_reason = 'no_reaction' then closed_day::text end`,
          ],
          ['anonymised', sql`anonymised_at is not null`],
        ];
        const rows = await run<{ row: string }>(sql`
          with ${yearRows(
            window,
            sql`c.reference, c.formality, c.category_key,
              coalesce(cat.label_nl, c.category_key) as category_label, c.motivation, c.cause,
              c.root_cause, c.cause_category, c.subject_person_id, c.reporter_id,
              coalesce(h.name, c.handler_id) as handler_name,
              coalesce(m.name, c.mediator_id) as mediator_name, c.admissibility_motivation,
              c.extension_reason, c.extension_count, c.agreed_solution,
              c.complainant_agreed, c.remediation_party, c.objection_reason,
              c.referred_to_committee, c.committee_verdict, c.committee_binding,
              c.committee_follow_up, c.final_outcome, c.description, c.resolution,
              c.corrective_measure, c.preventive_measure, c.anonymised_at, c.registered_at,
              coalesce(c.received_at, c.registered_at)::date::text as received_on,
              to_char(coalesce(c.received_at, c.registered_at), 'HH24:MI') as received_time,
              k.letters_sent, k.emails_sent, k.letters_posted_on, f.attachment_count,
              (select e.metadata->>'receivedOn' from audit_events e
                where e.complaint_id = c.id and e.outcome = 'done'
                  and e.action in ('record_acceptance', 'record_objection')
                order by e.id desc limit 1) as reaction_received_on`,
            // Per complaint its letters, e-mails and files: one aggregate each by index
            // (correspondence_complaint_idx, attachments_complaint_sha_key), no fan-out.
            sql`left join categories cat on cat.key = c.category_key
              left join people h on h.id = c.handler_id
              left join people m on m.id = c.mediator_id
              cross join lateral (
                select count(*) filter (where k.channel = 'letter'
                    and k.status in ('sent', 'posted'))::int as letters_sent,
                  count(*) filter (where k.channel = 'email'
                    and k.status in ('sent', 'posted'))::int as emails_sent,
                  max(k.posted_on) filter (where k.channel = 'letter')::text as letters_posted_on
                from correspondence k where k.complaint_id = c.id) k
              cross join lateral (
                select count(*)::int as attachment_count from attachments f
                where f.complaint_id = c.id) f`,
            sql`order by registered_at, reference`,
          )}
          select row_to_json(r)::text as row
          from yl cross join lateral (select ${sql.join(
            fields.map(([key, value]) => sql`${value} as ${sql.raw(`"${key}"`)}`),
            sql`, `,
          )}) r
          order by yl.registered_at, yl.reference`);
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
      // Tips are counted apart: they have no deadlines. Complaints about an employee are in
      // none of these counts (issue 13: never broken down, not per month either; the yearly
      // digest has their year's total): a total that held them, beside counts that do not,
      // would give their number away by subtraction.
      const [open] = await rows<Record<string, number>>(sql`
        select count(*) filter (where kind = 'complaint')::int as open,
          count(*) filter (where kind = 'complaint' and first_feedback_at is null
            and feedback_due < ${today}::date)::int as feedback,
          count(*) filter (where kind = 'complaint' and decided_at is null
            and decision_due < ${today}::date)::int as decision,
          count(*) filter (where status = 'in_treatment' and resolved_at is null
            and resolution_due < ${today}::date)::int as resolution,
          count(*) filter (where status in ('resolved', 'rejected')
            and reaction_due < ${today}::date)::int as reaction,
          count(*) filter (where status = 'objected'
            and objection_due < ${today}::date)::int as objection,
          count(*) filter (where fix_done_at is null
            and agreed_term_on < ${today}::date)::int as agreed_term
        from complaints where status not in ('closed', 'withdrawn') and not concerns_employee`);
      const [month_] = await rows<{ created: number; tips: number; closed: number }>(sql`
        select (select count(*) from complaints
            where ${inMonth('registered_at')} and kind = 'complaint'
              and not concerns_employee)::int as created,
          (select count(*) from complaints
            where ${inMonth('registered_at')} and kind = 'feedback'
              and not concerns_employee)::int as tips,
          (select count(*) from complaints
            where ${inMonth('closed_at')} and kind = 'complaint'
              and not concerns_employee)::int as closed`);
      const byCategory = await rows<{ categoryKey: string; count: number }>(sql`
        select category_key as "categoryKey", count(*)::int as count from complaints
        where ${inMonth('registered_at')} and kind = 'complaint' and not concerns_employee
        group by 1 order by 1`);
      const [employee] = await rows<{ count: number }>(sql`
        select count(*)::int as count from complaints
        where ${inMonth('registered_at')} and kind = 'complaint' and concerns_employee`);
      return {
        newInMonth: month_?.created ?? 0,
        newTipsInMonth: month_?.tips ?? 0,
        closedInMonth: month_?.closed ?? 0,
        open: open?.open ?? 0,
        overdue: {
          feedback: open?.feedback ?? 0,
          decision: open?.decision ?? 0,
          resolution: open?.resolution ?? 0,
          reaction: open?.reaction ?? 0,
        },
        overdueObjection: open?.objection ?? 0,
        overdueAgreedTerm: open?.agreed_term ?? 0,
        newByCategory: byCategory,
        newConcerningEmployee: employee?.count ?? 0,
      };
    },
  });
}
