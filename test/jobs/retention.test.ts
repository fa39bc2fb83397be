import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/app/jobs/apply-retention.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { insertComplaint, jobDepsFor, query } from './support.js';

describe.each(DATABASE_KINDS)('retention on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('anonymises complaints closed more than 3 years ago, never one under objection', async () => {
    const now = new Date('2026-04-20T01:00:00Z');
    const deps = await jobDepsFor(database.handle);
    deps.clock.set(now);
    const day = 86_400_000;
    const threeYearsAgo = new Date('2023-04-20T01:00:00Z');
    const closed = (at: Date) => ({
      status: 'closed',
      closedAt: at,
      decision: 'founded',
      cause: 'incidental',
      resolution: 'Nieuwe afspraak gemaakt',
      closeReason: 'accepted',
      registeredAt: new Date(at.getTime() - 30 * day),
      lastProgressAt: at,
    });
    const old = await insertComplaint(
      database.handle,
      closed(new Date(threeYearsAgo.getTime() - day)),
    );
    const recent = await insertComplaint(
      database.handle,
      closed(new Date(threeYearsAgo.getTime() + day)),
    );
    const objected = await insertComplaint(database.handle, {
      ...closed(new Date(threeYearsAgo.getTime() - 400 * day)),
      status: 'objected',
      closedAt: null,
      objectedAt: new Date(threeYearsAgo.getTime() - 400 * day),
      objectionReason: 'Niet eens',
    });

    const summary = await applyRetention(deps);
    expect(summary).toMatchObject({ anonymised: 1, failed: 0 });
    const after = await applyRetention(deps);
    expect(after).toMatchObject({ anonymised: 0 });

    const repo = deps.store.repository;
    const anonymised = await repo.findComplaint(old);
    expect(anonymised).toMatchObject({
      description: '',
      desiredOutcome: null,
      complainant: { type: 'client', name: null, contact: null },
      resolution: null,
      // Statistics survive.
      categoryKey: 'dienstverlening',
      decision: 'founded',
      cause: 'incidental',
      closeReason: 'accepted',
    });
    expect(anonymised?.anonymisedAt).toEqual(now);
    expect((await repo.listAudit(old)).map((a) => a.action)).toEqual(['anonymise']);
    expect((await repo.findComplaint(recent))?.complainant.name).toBe('Familie Jansen');
    expect(await repo.findComplaint(objected)).toMatchObject({
      anonymisedAt: null,
      objectionReason: 'Niet eens',
    });
    const texts = await query<{ n: number }>(
      database.handle,
      sql`select count(*)::int as n from complaints where complainant_name is not null`,
    );
    expect(texts[0]?.n).toBe(2);
  });
  it('forgets request and event keys older than a week, keeps the recent ones', async () => {
    const now = new Date('2026-04-21T01:00:00Z');
    const deps = await jobDepsFor(database.handle);
    deps.clock.set(now);
    const repo = deps.store.repository;
    const day = 86_400_000;
    expect(await repo.claimRequestKey('slack:event:old', new Date(now.getTime() - 8 * day))).toBe(
      true,
    );
    expect(await repo.claimRequestKey('slack:event:new', new Date(now.getTime() - 6 * day))).toBe(
      true,
    );
    const summary = await applyRetention(deps);
    expect(summary).toMatchObject({ forgottenRequestKeys: 1 });
    // The old key is free again; the recent one still deduplicates.
    expect(await repo.claimRequestKey('slack:event:old', now)).toBe(true);
    expect(await repo.claimRequestKey('slack:event:new', now)).toBe(false);
  });
});
