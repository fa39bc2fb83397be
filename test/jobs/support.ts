import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { complaints } from '../../db/schema/index.js';
import type { DatabaseHandle } from '../../src/adapters/postgres/database.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Command } from '../../src/domain/lifecycle.js';
import { buildDeps, FixedClock } from '../support/databases.js';

export type ComplaintRow = typeof complaints.$inferInsert;

let sequence = 0;

/** A complaint row inserted directly, with known values; override what the test is about. */
export async function insertComplaint(
  handle: DatabaseHandle,
  overrides: Partial<ComplaintRow> = {},
): Promise<string> {
  sequence += 1;
  const registeredAt = overrides.registeredAt ?? new Date('2026-04-20T08:00:00Z');
  const id = overrides.id ?? randomUUID();
  await handle.db.insert(complaints).values({
    id,
    reference: `KL-T-${String(sequence).padStart(5, '0')}-${id.slice(0, 4)}`,
    kind: 'complaint',
    formality: 'informal',
    categoryKey: 'dienstverlening',
    description: 'Vertrouwelijke omschrijving',
    desiredOutcome: 'Excuses',
    complainantType: 'client',
    complainantName: 'Familie Jansen',
    complainantContact: 'jansen@example.org',
    intakeChannel: 'chat',
    reporterId: 'mo',
    handlerId: 'piet',
    status: 'registered',
    feedbackDue: '2026-04-28',
    decisionDue: '2026-05-05',
    resolutionDue: '2026-06-10',
    registeredAt,
    lastProgressAt: registeredAt,
    ...overrides,
  });
  return id;
}

export async function query<T>(handle: DatabaseHandle, statement: ReturnType<typeof sql>) {
  return rowsOf<T>(await handle.db.execute(statement));
}

export async function outboxKinds(handle: DatabaseHandle, kind: string) {
  return query<{ person: string | null; complaint_id: string | null; payload: unknown }>(
    handle,
    sql`select recipient_person_id as person, complaint_id, payload from outbox
        where kind = ${kind} order by id`,
  );
}

export async function jobDepsFor(
  handle: DatabaseHandle,
  clock = new FixedClock(new Date('2026-04-20T08:00:00Z')),
): Promise<JobDeps & { clock: FixedClock }> {
  const deps = await buildDeps(handle, { clock });
  return { ...createJobDeps(deps, handle.db, deps.org), clock };
}

/** 09:00 in Amsterdam on a local date during summer time. */
export const nineAm = (date: string) => new Date(`${date}T07:00:00Z`);

/** The outbox rows of one kind for one complaint, as the delivery worker claims them. */
export async function claimedMessages(
  handle: DatabaseHandle,
  complaintId: string,
  kind: string,
): Promise<ClaimedMessage[]> {
  const rows = await query<{
    id: number;
    idempotency_key: string;
    person: string;
    payload: ClaimedMessage['payload'];
  }>(
    handle,
    sql`select id, idempotency_key, recipient_person_id as person, payload from outbox
        where complaint_id = ${complaintId} and kind = ${kind} order by id`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    idempotencyKey: row.idempotency_key,
    kind,
    recipient: { personId: row.person },
    complaintId,
    payload: row.payload,
    attempts: 1,
    deliveredVia: [],
  }));
}

/** Runs a lifecycle command as a person of the demo organisation, at the deps' clock. */
export async function actAs<K extends Command>(
  deps: AppDeps,
  personId: string,
  complaint: string,
  command: K,
  payload: unknown,
) {
  const person = await deps.store.repository.findPerson(personId);
  if (!person) throw new Error(`no person ${personId}`);
  return runCommand(deps, { complaint, actor: { kind: 'person', person }, command, payload });
}
