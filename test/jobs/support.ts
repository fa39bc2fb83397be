import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { complaints } from '../../db/schema/index.js';
import type { DatabaseHandle } from '../../src/adapters/postgres/database.js';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { createJobDeps } from '../../src/adapters/scheduler/job-deps.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
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
