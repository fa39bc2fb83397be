import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import { actAs, claimedMessages, insertComplaint, jobDepsFor } from '../jobs/support.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';

/**
 * Issue 11, part 6 in the register and the messages: a reaction recorded by staff counts as
 * the complainant's reaction, on the day it came in (not the day it was written down); an
 * objection's term runs from that day; the reporter is told how and when.
 */
describe.each(DATABASE_KINDS)('a recorded reaction on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const outcome = {
    registeredAt: new Date('2026-04-01T08:00:00Z'),
    decidedAt: new Date('2026-04-08T08:00:00Z'),
    decidedBy: 'piet',
    admissibility: 'admissible' as const,
    firstFeedbackAt: new Date('2026-04-08T08:00:00Z'),
  };

  it('counts in the register on the day it came in; the objection term runs from it', async () => {
    const deps = await jobDepsFor(database.handle);
    deps.clock.set(new Date('2026-04-20T08:00:00Z'));
    const accepted = await insertComplaint(database.handle, {
      ...outcome,
      status: 'resolved',
      decision: 'founded',
      cause: 'incidental',
      resolution: 'Nieuwe afspraak',
      resolvedAt: new Date('2026-04-10T08:00:00Z'),
      reactionDue: '2026-04-24',
    });
    const objected = await insertComplaint(database.handle, {
      ...outcome,
      status: 'rejected',
      decision: 'unfounded',
      motivation: 'Volgens afspraak',
      reactionDue: '2026-04-22',
    });

    // Before the outcome: refused, nothing written.
    await expect(
      actAs(deps, 'piet', accepted, 'record_acceptance', {
        channel: 'phone',
        reactedOn: '2026-04-09',
      }),
    ).rejects.toMatchObject({ code: 'input.invalid', fields: { reactedOn: 'in_past' } });
    expect((await deps.store.repository.findComplaint(accepted))?.status).toBe('resolved');

    await actAs(deps, 'piet', accepted, 'record_acceptance', {
      channel: 'phone',
      reactedOn: '2026-04-14',
    });
    const { complaint } = await actAs(deps, 'piet', objected, 'record_objection', {
      channel: 'letter',
      reactedOn: '2026-04-15',
      reason: 'De afspraak was anders.',
    });
    expect(complaint).toMatchObject({
      status: 'objected',
      objectionReason: 'De afspraak was anders.',
    });
    expect(complaint.objectionDue).toBe(
      deps.calendar.addWorkingDays('2026-04-15', deps.deadlines.objection ?? 20),
    );

    const reference = async (id: string) =>
      (await deps.store.repository.findComplaint(id))?.reference;
    const rows = await deps.digest.register({ year: 2026, asOf: '2026-04-20' });
    const row = async (id: string) => {
      const ref = await reference(id);
      return rows.find((r) => r.reference === ref);
    };
    expect(await row(accepted)).toMatchObject({
      reaction: 'accepted',
      reactionOn: '2026-04-14',
      closeReason: 'accepted',
    });
    expect(await row(objected)).toMatchObject({ reaction: 'objected', reactionOn: '2026-04-15' });
  });

  it('tells the reporter who recorded it, how and when', async () => {
    const deps = await jobDepsFor(database.handle);
    deps.clock.set(new Date('2026-04-20T08:00:00Z'));
    const id = await insertComplaint(database.handle, {
      ...outcome,
      status: 'rejected',
      decision: 'unfounded',
      motivation: 'Volgens afspraak',
      reactionDue: '2026-04-22',
    });
    await actAs(deps, 'piet', id, 'record_objection', {
      channel: 'phone',
      reactedOn: '2026-04-17',
      reason: 'Niet eens.',
    });
    const [message] = await claimedMessages(database.handle, id, 'reaction_recorded');
    expect(message?.recipient).toEqual({ personId: 'mo' });
    const rendered = await composeOutboxMessage(deps, message!, 'nl');
    expect(rendered?.model.intro).toContain('telefoon');
    expect(rendered?.model.intro).toContain('17 april 2026');
    expect(rendered?.model.intro).not.toContain('Niet eens');
    expect(rendered?.model.actions).toEqual([]);
  });
});
