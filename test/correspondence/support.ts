import { sql } from 'drizzle-orm';
import { correspondenceOnReport } from '../../src/app/correspondence.js';
import type { AppDeps } from '../../src/app/deps.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import type { Complainant, Complaint } from '../../src/domain/complaint.js';
import type { Correspondence } from '../../src/domain/correspondence.js';
import type { Person } from '../../src/domain/people.js';
import type { RunningService } from '../../src/service.js';

/** Rows of a raw query on either driver. */
function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/**
 * The secretariat of the test organisations: stored like a person of the organisation file
 * (the shared harnesses' organisation files have none).
 */
export async function addSecretariat(
  service: RunningService,
  identity: { slackUserId?: string; teamsAadObjectId?: string },
): Promise<Person> {
  return service.deps.store.repository.insertPerson(
    {
      id: 'sara',
      name: 'Sara Secretariaat',
      email: 'sara@example.org',
      roles: ['secretariat'],
      slackUserId: identity.slackUserId ?? null,
      teamsAadObjectId: identity.teamsAadObjectId ?? null,
      locale: null,
      active: true,
    },
    'org_file',
  );
}

/**
 * A client's letter registered by the secretariat, with the client's postal address, and its
 * acknowledgement draft. When registration does not draft it yet (the lead wires the hook into
 * reportComplaint), the hook is called here as registration would: in one transaction.
 */
export async function registerLetter(
  deps: AppDeps,
  registeredBy: string,
  complainant: Partial<Complainant> = {},
): Promise<{ complaint: Complaint; draft: Correspondence }> {
  const repo = deps.store.repository;
  const { complaint: reported } = await reportComplaint(deps, {
    reporterId: registeredBy,
    categoryKey: 'dienstverlening',
    description: 'Per brief: de monteur is twee keer niet op de afspraak verschenen.',
    complainantType: 'client',
    complainantName: 'J. de Vries',
    intakeChannel: 'letter',
  });
  const complaint = {
    ...reported,
    intakeChannel: 'letter' as const,
    complainant: {
      ...reported.complainant,
      type: 'client' as const,
      name: 'J. de Vries',
      address: 'Dorpsstraat 1\n1234 AB Ergens',
      ...complainant,
    },
    version: reported.version + 1,
  };
  if (!(await repo.updateComplaint(complaint, reported.version))) {
    throw new Error('could not set the complainant');
  }
  let drafts = await repo.listCorrespondence(complaint.id);
  if (drafts.length === 0) {
    await deps.store.transaction((tx) =>
      correspondenceOnReport(tx, deps, complaint, registeredBy, deps.clock.now()),
    );
    drafts = await repo.listCorrespondence(complaint.id);
  }
  const draft = drafts.find((d) => d.kind === 'acknowledgement');
  if (!draft) throw new Error('no acknowledgement drafted');
  return { complaint: (await repo.findComplaint(complaint.id)) as Complaint, draft };
}

export async function auditOf(service: RunningService, complaintId: string) {
  const result = await service.database.db.execute(
    sql`select action, outcome, actor_id as actor, metadata from audit_events
        where complaint_id = ${complaintId} order by id`,
  );
  return rows<{ action: string; outcome: string; actor: string | null; metadata: unknown }>(result);
}

export async function outboxOf(service: RunningService, correspondenceId: string) {
  const result = await service.database.db.execute(
    sql`select kind, recipient_person_id as person, recipient_channel as channel, idempotency_key as key
        from outbox where payload->>'correspondenceId' = ${correspondenceId} order by id`,
  );
  return rows<{ kind: string; person: string | null; channel: string | null; key: string }>(result);
}
