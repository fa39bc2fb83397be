import { sql } from 'drizzle-orm';
import type {
  AuditRecord,
  MeasureRecord,
  RegisterRecords,
} from '../../app/jobs/register-sheets.js';
import type { WorkingDayCalendar } from '../../domain/calendar.js';
import type { ExternalParty } from '../../domain/complaint.js';
import type { Database } from './database.js';
import { translatingErrors } from './errors.js';
import { rowsOf } from './migrate.js';

/** A list of references as one JSON parameter (no parameter limit, one plan). */
const inReferences = (column: string, references: readonly string[]) =>
  sql`${sql.raw(column)} in (select jsonb_array_elements_text(${JSON.stringify(references)}::jsonb))`;

/**
 * The reads behind the register's Verbeterregister and Audittrail sheets. Local dates are cast
 * in the organisation's time zone; names come from `people` (an id when the person is gone).
 * Nothing here reads `private_notes`, and the audit trail reads no `metadata` beyond the ids
 * of the people an action names.
 */
export function createRegisterRecords(db: Database, calendar: WorkingDayCalendar): RegisterRecords {
  const tz = calendar.options.timezone;
  const local = (column: string) => sql`(${sql.raw(column)} at time zone ${tz})::date::text`;

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return rowsOf<T>(await db.execute(query));
  }

  return translatingErrors<RegisterRecords>({
    async measures(selection) {
      const without =
        selection.withoutComplaint === 'unfinished'
          ? sql`m.status = 'open' or (m.status = 'implemented' and m.effective is null)`
          : sql`${local('m.created_at')}::date between ${selection.withoutComplaint.from}::date
              and ${selection.withoutComplaint.to}::date`;
      const found = await rows<{
        id: string;
        reference: string | null;
        origin: string;
        scope: string;
        type: string;
        description: string;
        owner_name: string | null;
        external_party: ExternalParty | null;
        status: string;
        due_on: string | null;
        created_on: string;
        created_by_name: string;
        implemented_on: string | null;
        evidence: string | null;
        review_due_on: string | null;
        effective: boolean | null;
        reviewed_on: string | null;
        reviewed_by_name: string | null;
        review_note: string | null;
        follow_up_of: string | null;
        concerns_employee: boolean;
        subject_person_id: string | null;
        reporter_id: string | null;
        anonymised: boolean;
      }>(sql`
        select m.id::text as id, c.reference, m.origin, m.scope, m.type, m.description,
          coalesce(o.name, m.owner_id) as owner_name, m.external_party, m.status,
          m.due_on::text as due_on, ${local('m.created_at')} as created_on,
          coalesce(cb.name, m.created_by) as created_by_name,
          ${local('m.implemented_at')} as implemented_on, m.evidence,
          m.review_due_on::text as review_due_on, m.effective,
          ${local('m.reviewed_at')} as reviewed_on,
          coalesce(rb.name, m.reviewed_by) as reviewed_by_name, m.review_note,
          m.follow_up_of::text as follow_up_of,
          coalesce(c.concerns_employee, false) as concerns_employee,
          c.subject_person_id, c.reporter_id,
          c.anonymised_at is not null as anonymised
        from measures m
          left join complaints c on c.id = m.complaint_id
          left join people o on o.id = m.owner_id
          left join people cb on cb.id = m.created_by
          left join people rb on rb.id = m.reviewed_by
        where (m.complaint_id is not null and ${inReferences('c.reference', selection.references)})
          or (m.complaint_id is null and (${without}))
        order by coalesce(c.registered_at, m.created_at), c.reference nulls last, m.created_at, m.id`);
      return found.map(
        (r): MeasureRecord => ({
          id: r.id,
          reference: r.reference,
          origin: r.origin,
          scope: r.scope,
          type: r.type,
          description: r.description,
          ownerName: r.owner_name,
          externalParty: r.external_party,
          status: r.status,
          dueOn: r.due_on,
          createdOn: r.created_on,
          createdByName: r.created_by_name,
          implementedOn: r.implemented_on,
          evidence: r.evidence,
          reviewDueOn: r.review_due_on,
          effective: r.effective,
          reviewedOn: r.reviewed_on,
          reviewedByName: r.reviewed_by_name,
          reviewNote: r.review_note,
          followUpOf: r.follow_up_of,
          concernsEmployee: r.concerns_employee,
          involvedIds: r.concerns_employee
            ? [r.subject_person_id, r.reporter_id].filter((id): id is string => id !== null)
            : [],
          anonymised: r.anonymised,
        }),
      );
    },

    async auditTrail(references) {
      if (references.length === 0) return [];
      // Index audit_events_complaint_idx (complaint_id, id): the events of each complaint.
      const found = await rows<{
        reference: string;
        at_ms: number | string;
        actor_name: string | null;
        by_reporter: boolean;
        action: string;
        outcome: string;
        from_status: string | null;
        to_status: string | null;
        target_name: string | null;
      }>(sql`
        select c.reference, extract(epoch from a.at)::float8 * 1000 as at_ms,
          case when a.actor_id is null then null else coalesce(p.name, a.actor_id) end
            as actor_name,
          coalesce(a.actor_id = c.reporter_id, false) as by_reporter,
          a.action, a.outcome, a.from_status, a.to_status,
          coalesce(t.name, a.metadata->>'toHandlerId', a.metadata->>'mediatorId') as target_name
        from complaints c
          join audit_events a on a.complaint_id = c.id
          left join people p on p.id = a.actor_id
          left join people t
            on t.id = coalesce(a.metadata->>'toHandlerId', a.metadata->>'mediatorId')
        where ${inReferences('c.reference', references)}
        order by c.registered_at, c.reference, a.id`);
      return found.map(
        (r): AuditRecord => ({
          reference: r.reference,
          at: new Date(Math.round(Number(r.at_ms))),
          actorName: r.actor_name,
          byReporter: r.by_reporter,
          action: r.action,
          outcome: r.outcome,
          fromStatus: r.from_status,
          toStatus: r.to_status,
          targetName: r.target_name,
        }),
      );
    },

    async openComplaintYears() {
      // Partial index complaints_open_deadlines_idx covers `status not in ('closed', 'withdrawn')`.
      const found = await rows<{ year: number }>(sql`
        select distinct extract(year from registered_at at time zone ${tz})::int as year
        from complaints where status not in ('closed', 'withdrawn') order by 1`);
      return found.map((r) => Number(r.year));
    },
  });
}
