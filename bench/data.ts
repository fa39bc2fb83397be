import { sql } from 'drizzle-orm';
import type { Database } from '../src/adapters/postgres/database.js';
import { rowsOf } from '../src/adapters/postgres/migrate.js';

/**
 * Generated complaints, written by ONE `insert … select … from generate_series` statement so
 * a million rows take seconds, not a million round trips. Distributions (per row, random):
 * - category: dienstverlening 35 %, product 25 %, communicatie 20 %, facturatie 12 %, overig 8 %
 *   (handler piet for the first two, hanna for the rest, as in the demo organisation);
 * - kind: complaint 85 %, feedback 15 %; formal 30 %; intake over five channels;
 * - registered at working hours on any day of the year (or of the last `spreadDays` days);
 * - status, for a finished year: closed 70 %, in_treatment 8 %, registered 6 %, resolved 5 %,
 *   rejected 5 %, awaiting_info 2 %, objected 2 %, withdrawn 2 %; for `open` sets only the six
 *   open statuses;
 * - stage timestamps in order: first feedback 0–10 days after registration, decision 2–25
 *   days later (founded 60 %), resolution 2–30 days later, closing 1–20 days later;
 *   cause structural 40 % of founded; objections on every `objected` and 5 % of closed ones;
 * - deadlines 10 / 30 / 60 calendar days after registration (about 7 / 21 / 42 working days).
 */
export interface GenerateOptions {
  count: number;
  /** Reference prefix year, and the first day of the spread. */
  year: number;
  /** Registration dates from `from` over `spreadDays` days. */
  from: string;
  spreadDays: number;
  /** Only open statuses, and last progress spread over `idleDays` before `now`. */
  open?: { now: string; idleDays: number; idleShare: number };
  /** Offset for the reference numbers (several batches in one year). */
  offset?: number;
}

export function generateComplaintsSql(o: GenerateOptions): string {
  const statusCase = o.open
    ? `case when rs < 0.35 then 'registered' when rs < 0.70 then 'in_treatment'
            when rs < 0.80 then 'awaiting_info' when rs < 0.90 then 'resolved'
            when rs < 0.96 then 'rejected' else 'objected' end`
    : `case when rs < 0.70 then 'closed' when rs < 0.78 then 'in_treatment'
            when rs < 0.84 then 'registered' when rs < 0.89 then 'resolved'
            when rs < 0.94 then 'rejected' when rs < 0.96 then 'awaiting_info'
            when rs < 0.98 then 'objected' else 'withdrawn' end`;
  const lastProgress = o.open
    ? `case when ri < ${o.open.idleShare}
            then '${o.open.now}'::timestamptz - (8 + ri / ${o.open.idleShare} * ${o.open.idleDays}) * interval '1 day'
            else '${o.open.now}'::timestamptz - ri * interval '3 days' end`
    : `greatest(reg, ff, dec_at, res_at, clo_at, wd_at)`;
  return `
insert into complaints (reference, kind, formality, category_key, description, complainant_type,
  complainant_name, intake_channel, reporter_id, handler_id, mediator_id, status, version,
  feedback_due, decision_due, resolution_due, reaction_due, decision, motivation, resolution,
  cause, close_reason, registered_at, first_feedback_at, decided_at, resolved_at, objected_at,
  closed_at, withdrawn_at, last_progress_at)
select 'KL-${o.year}-' || lpad((g + ${o.offset ?? 0})::text, 7, '0'), kind, formality, cat,
  'Gegenereerde klacht ' || g || ': de monteur kwam niet opdagen en de klant belde drie keer.',
  ctype, case when ctype = 'client' then 'Klant ' || (g % 5000) end, channel,
  (array['mo','dirk','kim','piet','hanna'])[1 + (g % 5)],
  case when cat in ('dienstverlening','product') then 'piet' else 'hanna' end,
  case when status = 'objected' and ri < 0.5 then 'kim' end, status, 1 + (g % 7),
  (reg + interval '10 days')::date, (reg + interval '30 days')::date,
  (reg + interval '60 days')::date,
  case when status in ('resolved','rejected') then (coalesce(res_at, dec_at) + interval '14 days')::date end,
  decision, case when decision is not null then 'Motivering' end,
  case when res_at is not null then 'Opgelost' end,
  case when decision = 'founded' then case when rc < 0.4 then 'structural' else 'incidental' end end,
  case when status = 'closed' then case when obj_at is not null then 'final_outcome'
       when ri < 0.8 then 'accepted' else 'no_reaction' end end,
  reg, ff, dec_at, res_at, obj_at, clo_at, wd_at, ${lastProgress}
from (
  select *,
    case when status <> 'registered' and not (status = 'withdrawn' and ri < 0.5)
         then reg + (rf * 10) * interval '1 day' end as ff,
    case when decision is not null then reg + (rf * 10 + 2 + rd * 23) * interval '1 day' end as dec_at,
    case when decision = 'founded' and status in ('resolved','objected','closed')
         then reg + (rf * 10 + 4 + rd * 23 + rr * 28) * interval '1 day' end as res_at,
    case when status = 'objected' or (status = 'closed' and ro < 0.05)
         then reg + (rf * 10 + 6 + rd * 23 + rr * 28) * interval '1 day' end as obj_at,
    case when status = 'closed'
         then reg + (rf * 10 + 7 + rd * 23 + rr * 28 + ro * 19) * interval '1 day' end as clo_at,
    case when status = 'withdrawn' then reg + (1 + rf * 20) * interval '1 day' end as wd_at
  from (
    select *,
      case when status in ('in_treatment','resolved') then 'founded'
           when status = 'rejected' then 'unfounded'
           when status in ('objected','closed') then case when rc < 0.6 then 'founded' else 'unfounded' end
      end as decision
    from (
      select g, rs, rf, rd, rr, ro, rc, ri,
        ${statusCase} as status,
        case when rk < 0.85 then 'complaint' else 'feedback' end as kind,
        case when rk < 0.30 then 'formal' else 'informal' end as formality,
        case when rcat < 0.35 then 'dienstverlening' when rcat < 0.60 then 'product'
             when rcat < 0.80 then 'communicatie' when rcat < 0.92 then 'facturatie'
             else 'overig' end as cat,
        case when rk < 0.80 then 'client' when rk < 0.90 then 'employee'
             when rk < 0.95 then 'supplier' else 'other' end as ctype,
        (array['chat','phone','email','letter','in_person'])[1 + (g % 5)] as channel,
        ('${o.from}'::timestamptz + floor(rreg * ${o.spreadDays}) * interval '1 day'
          + (7 + rh * 11) * interval '1 hour') as reg
      from (
        select g, random() as rs, random() as rf, random() as rd, random() as rr,
          random() as ro, random() as rc, random() as ri, random() as rk, random() as rcat,
          random() as rreg, random() as rh
        from generate_series(1, ${o.count}) as g
      ) r
    ) s
  ) d
) t`;
}

async function exec(db: Database, text: string) {
  return rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)));
}

/**
 * Inserts the rows; on PostgreSQL the complaints' secondary indexes are dropped first and
 * rebuilt after (one sorted build each instead of a million incremental inserts).
 */
export async function generateComplaints(
  db: Database,
  options: GenerateOptions,
  rebuildIndexes: boolean,
): Promise<number> {
  const started = performance.now();
  const indexes = rebuildIndexes
    ? await exec(
        db,
        `select indexname, indexdef from pg_indexes
         where tablename = 'complaints' and indexdef not like 'CREATE UNIQUE%'`,
      )
    : [];
  for (const index of indexes) await exec(db, `drop index "${String(index.indexname)}"`);
  await exec(db, generateComplaintsSql(options));
  for (const index of indexes) await exec(db, String(index.indexdef));
  await exec(db, 'analyze complaints');
  return (performance.now() - started) / 1000;
}
