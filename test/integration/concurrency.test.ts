import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/adapters/postgres/migrate.js';
import { declareFounded } from '../../src/app/complaint-commands.js';
import type { AppDeps } from '../../src/app/deps.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import type { Person } from '../../src/domain/people.js';
import {
  buildDeps,
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../support/databases.js';

describe.each(DATABASE_KINDS)('concurrent decisions on %s', (kind) => {
  let database: TestDatabase;
  let deps: AppDeps;
  let piet: Person;
  let dirk: Person;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await buildDeps(database.handle);
    piet = (await deps.store.repository.findPerson('piet'))!;
    dirk = (await deps.store.repository.findPerson('dirk'))!;
  });
  afterAll(() => database.drop());

  it('lets exactly one of 20 parallel decisions win; the others hear "already decided"', async () => {
    const { complaint } = await reportComplaint(deps, {
      reporterId: 'mo',
      categoryKey: 'dienstverlening',
      description: 'Twintig mensen klikken tegelijk',
    });
    const deciders = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? piet : dirk));
    const results = await Promise.allSettled(
      deciders.map((person) =>
        declareFounded(deps, { kind: 'person', person }, complaint.id, { motivation: null }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const loss of lost) {
      expect(['complaint.concurrent_change', 'complaint.invalid_transition']).toContain(
        loss.reason.code,
      );
    }
    const audit = await deps.store.repository.listAudit(complaint.id);
    expect(audit.filter((e) => e.action === 'declare_founded')).toHaveLength(1);
    const outbox = rowsOf<{ n: number }>(
      await database.handle.db.execute(
        sql`select count(*)::int as n from outbox where complaint_id = ${complaint.id} and payload->>'version' = '2'`,
      ),
    );
    // One set: the handler's card and the decision notice to the reporter.
    expect(outbox[0]?.n).toBe(2);
    const stored = await deps.store.repository.findComplaint(complaint.id);
    expect(stored).toMatchObject({ status: 'in_treatment', version: 2 });
  });

  it('gives 20 parallel reports 20 distinct, consecutive references', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        reportComplaint(deps, {
          reporterId: 'mo',
          categoryKey: 'product',
          description: `Melding ${i}`,
        }),
      ),
    );
    const numbers = results
      .map((r) => Number(r.complaint.reference.slice(-4)))
      .sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
  });
});
