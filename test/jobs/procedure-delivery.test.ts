import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { runDailyJob } from '../../src/app/jobs/run-daily-job.js';
import { JOB_MESSAGE_KINDS } from '../../src/app/messages/job-messages.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import {
  actAs,
  type ComplaintRow,
  claimedMessages,
  insertComplaint,
  jobDepsFor,
  nineAm,
} from './support.js';

const decided: Partial<ComplaintRow> = {
  decision: 'founded',
  admissibility: 'admissible',
  firstFeedbackAt: new Date('2026-04-08T08:00:00Z'),
  decidedAt: new Date('2026-04-08T08:00:00Z'),
  decidedBy: 'piet',
  registeredAt: new Date('2026-04-01T08:00:00Z'),
  lastProgressAt: new Date('2026-04-08T08:00:00Z'),
  version: 3,
};

/**
 * The job messages of the second edition as the delivery worker renders them (outbox row →
 * message). Needs `objection_reminder` in JOB_MESSAGE_KINDS (src/app/notifications.ts) and the
 * outside party's line in the measure reminder (src/app/messages/job-messages.ts): both outside
 * the jobs' files, so this suite waits for them.
 */
describe.skipIf(!JOB_MESSAGE_KINDS.has('objection_reminder')).each(DATABASE_KINDS)(
  'delivering the procedure’s job messages on %s',
  (kind) => {
    let database: TestDatabase;
    let deps: JobDeps & { clock: FixedClock };

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      deps = await jobDepsFor(database.handle);
    });
    afterAll(async () => {
      await database?.drop();
    });

    const runOn = (date: string) => {
      deps.clock.set(nineAm(date));
      return runDailyJob(deps, date);
    };
    const delivered = async (id: string, messageKind: string) => {
      const [message] = await claimedMessages(database.handle, id, messageKind);
      return composeOutboxMessage(deps, message as ClaimedMessage, 'nl');
    };

    it('renders the objection reminder with the decider’s buttons', async () => {
      const id = await insertComplaint(database.handle, {
        ...decided,
        status: 'resolved',
        resolution: 'Opgelost',
        cause: 'incidental',
        resolvedAt: new Date('2026-04-15T08:00:00Z'),
        reactionDue: '2026-04-29',
        version: 4,
      });
      deps.clock.set('2026-04-22T08:00:00Z');
      await actAs(deps, 'mo', id, 'object', { reason: 'Niet mee eens' });
      await runOn('2026-04-30');
      const rendered = await delivered(id, 'objection_reminder');
      expect(rendered?.recipient?.id).toBe('dirk');
      expect(rendered?.liveCard).toBe(false);
      expect(rendered?.model.title).toMatch(
        /^Herinnering: het bezwaar bij KL-.* wacht op een besluit$/,
      );
      expect(rendered?.model.actions.map((a) => a.command)).toContain('record_final_outcome');
    });

    it('names the outside party in the measure reminder to its internal follower', async () => {
      const id = await insertComplaint(database.handle, { ...decided, status: 'in_treatment' });
      deps.clock.set('2026-04-21T08:00:00Z');
      await actAs(deps, 'piet', id, 'add_measure', {
        scope: 'organisation',
        type: 'preventive',
        description: 'Onderdelen keuren bij levering',
        ownerId: 'hanna',
        dueOn: '2026-04-24',
        party: { name: 'Jan Smit', organisation: 'Smit Installatie', contact: null },
      });
      await runOn('2026-04-28');
      const rendered = await delivered(id, 'measure_due');
      expect(rendered?.recipient?.id).toBe('hanna');
      expect(rendered?.model.intro).toBe(
        'De maatregel had uiterlijk vrijdag 24 april 2026 gereed moeten zijn.\n\nUitgevoerd door Jan Smit (Smit Installatie). U bent de interne volger.',
      );
    });

    it('renders the agreed-term question with the “Oplossing uitgevoerd…” button', async () => {
      const id = await insertComplaint(database.handle, { ...decided, status: 'in_treatment' });
      deps.clock.set('2026-04-21T08:00:00Z');
      await actAs(deps, 'piet', id, 'agree_solution', {
        solution: 'Nieuwe kraan plaatsen',
        termOn: '2026-04-24',
        complainantAgreed: true,
        party: null,
      });
      await runOn('2026-04-28');
      const rendered = await delivered(id, 'agreed_term_due');
      expect(rendered?.recipient?.id).toBe('piet');
      expect(rendered?.model.actions.map((a) => a.label)).toEqual(['Oplossing uitgevoerd…']);
    });
  },
);
