import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  correspondenceOnCommand,
  correspondenceOnReport,
  listCorrespondence,
  markLetterPosted,
  sendCorrespondence,
} from '../../src/app/correspondence.js';
import type { AppDeps } from '../../src/app/deps.js';
import { reportComplaint } from '../../src/app/report-complaint.js';
import { runCommand } from '../../src/app/run-command.js';
import type { Complaint } from '../../src/domain/complaint.js';
import type { Command } from '../../src/domain/lifecycle.js';
import { SYSTEM_ACTOR } from '../../src/domain/people.js';
import {
  buildDeps,
  createTestDatabase,
  FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { addSecretariat, auditOf, outboxOf, registerLetter } from './support.js';

/**
 * The correspondence use cases on a real database (issue 11): which steps draft what for
 * whom, "verstuurd per post" and the acknowledgement it records, and who may list letters.
 */
let db: TestDatabase;
let deps: AppDeps;
const clock = new FixedClock(new Date('2026-04-20T08:00:00Z'));
const repo = () => deps.store.repository;
const person = async (id: string) => {
  const found = await repo().findPerson(id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const service = () => ({ database: db.handle, deps }) as never;

beforeAll(async () => {
  db = await createTestDatabase('pglite');
  deps = await buildDeps(db.handle, { clock });
  await addSecretariat(service(), {});
});
afterAll(async () => {
  await db?.drop();
});

/** Runs a command and the correspondence hook as the lead wires it (after the command's rows). */
async function step(complaint: string, actorId: string | null, command: Command, payload: unknown) {
  const before = (await repo().findComplaint(complaint)) as Complaint;
  const actor = actorId ? { kind: 'person' as const, person: await person(actorId) } : SYSTEM_ACTOR;
  const { complaint: after } = await runCommand(deps, { complaint, actor, command, payload });
  const drafts = await repo().listCorrespondence(after.id);
  if (
    !drafts.some(
      (d) => d.createdAt.getTime() === clock.now().getTime() && d.kind !== 'acknowledgement',
    )
  ) {
    await deps.store.transaction((tx) =>
      correspondenceOnCommand(tx, deps, command, before, after, actorId, clock.now()),
    );
  }
  return repo().listCorrespondence(after.id);
}

describe('drafting', () => {
  it('an information request is drafted with its question, for the handler who asked', async () => {
    const { complaint } = await registerLetter(deps, 'sara');
    clock.advance(60_000);
    const drafts = await step(complaint.id, 'piet', 'request_info', {
      question: 'Op welke dagen had u een afspraak?',
    });
    const info = drafts.find((d) => d.kind === 'info_request');
    expect(info).toMatchObject({ channel: 'letter', status: 'draft', draftedBy: 'piet' });
    expect(info?.body).toContain('Op welke dagen had u een afspraak?');
    expect(info?.subject).toContain(complaint.reference);
    expect((await outboxOf(service(), info?.id ?? '')).map((m) => [m.kind, m.person])).toEqual([
      ['correspondence_draft', 'piet'],
    ]);
  });

  it('an older unsent draft of the same kind is superseded by a new one', async () => {
    const { complaint, draft } = await registerLetter(deps, 'sara');
    clock.advance(60_000);
    await deps.store.transaction((tx) =>
      correspondenceOnReport(tx, deps, complaint, 'sara', clock.now()),
    );
    const all = await repo().listCorrespondence(complaint.id);
    expect(all.map((d) => d.status)).toEqual(['cancelled', 'draft']);
    expect(all[0]?.id).toBe(draft.id);
  });

  it('nothing is written to a complainant about an employee, an employee or without an address', async () => {
    const none = async (overrides: Partial<Complaint>) => {
      const { complaint } = await reportComplaint(deps, {
        reporterId: 'sara',
        categoryKey: 'dienstverlening',
        description: 'Een klacht per brief.',
        intakeChannel: 'letter',
      });
      const changed = {
        ...complaint,
        ...overrides,
        complainant: {
          ...complaint.complainant,
          address: 'Dorpsstraat 1',
          ...(overrides.complainant ?? {}),
        },
      };
      await deps.store.transaction((tx) =>
        correspondenceOnReport(tx, deps, changed, 'sara', clock.now()),
      );
      return repo().listCorrespondence(complaint.id);
    };
    const base = { type: 'client' as const, name: null, contact: null, email: null, phone: null };
    const extra = { preferredContact: null, locale: null };
    expect(await none({ concernsEmployee: true, subjectPersonId: 'mo' })).toEqual([]);
    expect(
      await none({ complainant: { ...base, ...extra, type: 'employee', address: 'Straat 1' } }),
    ).toEqual([]);
    expect(await none({ complainant: { ...base, ...extra, address: null } })).toEqual([]);
    // By phone the call was the acknowledgement.
    expect(await none({ intakeChannel: 'phone' })).toEqual([]);
  });

  it('a step by the system is drafted for the handler', async () => {
    const { complaint } = await registerLetter(deps, 'sara');
    const after = { ...complaint, status: 'rejected' as const, motivation: 'Geen grond.' };
    await deps.store.transaction((tx) =>
      correspondenceOnCommand(tx, deps, 'declare_unfounded', complaint, after, null, clock.now()),
    );
    const outcome = (await repo().listCorrespondence(complaint.id)).find(
      (d) => d.kind === 'outcome',
    );
    expect(outcome).toMatchObject({ draftedBy: complaint.handlerId });
  });
});

describe('verstuurd per post', () => {
  it('records the day for the secretariat only, within sent day and today, once', async () => {
    const { complaint, draft } = await registerLetter(deps, 'sara');
    await sendCorrespondence(deps, {
      actor: await person('sara'),
      correspondenceId: draft.id,
      subject: draft.subject,
      body: draft.body,
    });
    const today = deps.calendar.localDate(clock.now());
    const post = async (who: string, postedOn: string) =>
      markLetterPosted(deps, { actor: await person(who), correspondenceId: draft.id, postedOn });

    await expect(post('sara', '2026-04-21')).rejects.toMatchObject({
      code: 'input.invalid',
      fields: { postedOn: 'in_future' },
    });
    await expect(post('sara', '2026-04-17')).rejects.toMatchObject({
      fields: { postedOn: 'in_past' },
    });
    await expect(post('piet', today)).rejects.toMatchObject({ code: 'complaint.not_permitted' });
    await expect(post('mo', today)).rejects.toMatchObject({ code: 'complaint.not_found' });
    expect((await repo().findCorrespondence(draft.id))?.status).toBe('sent');

    const posted = await post('sara', today);
    expect(posted).toMatchObject({ duplicate: false, reference: complaint.reference });
    expect(posted.correspondence).toMatchObject({
      status: 'posted',
      postedOn: today,
      postedBy: 'sara',
    });
    expect((await repo().findComplaint(complaint.id))?.acknowledgedAt).toEqual(clock.now());
    expect((await post('sara', today)).duplicate).toBe(true);
    const audit = (await auditOf(service(), complaint.id)).filter(
      (a) => a.action === 'letter_posted',
    );
    expect(audit.map((a) => [a.actor, a.outcome])).toEqual([
      ['piet', 'refused'],
      ['mo', 'refused'],
      ['sara', 'done'],
    ]);
    expect(audit.filter((a) => a.outcome === 'done')).toEqual([
      expect.objectContaining({
        outcome: 'done',
        actor: 'sara',
        metadata: { correspondenceId: draft.id, kind: 'acknowledgement', postedOn: today },
      }),
    ]);
  });
});

describe('listing', () => {
  it('shows a complaint’s letters to who may see it, and to nobody else', async () => {
    const { complaint, draft } = await registerLetter(deps, 'sara');
    const listed = await listCorrespondence(deps, await person('piet'), complaint.id);
    expect(listed.map((d) => d.id)).toContain(draft.id);
    expect(listed.every((d) => !d.subject.includes('pending-'))).toBe(true);
    await expect(listCorrespondence(deps, await person('mo'), complaint.id)).rejects.toMatchObject({
      code: 'complaint.not_found',
    });
  });
});
