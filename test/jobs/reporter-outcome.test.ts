import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import type { ClaimedMessage } from '../../src/app/ports.js';
import type { Locale } from '../../src/domain/people.js';
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
} from './support.js';

/** Founded, with its motivation, and in treatment. */
const inTreatment = (): Partial<ComplaintRow> => ({
  status: 'in_treatment',
  decision: 'founded',
  motivation: 'BESLUIT-MOTIVERING: de levering was te laat',
  admissibility: 'admissible',
  firstFeedbackAt: new Date('2026-04-08T08:00:00Z'),
  decidedAt: new Date('2026-04-09T08:00:00Z'),
  decidedBy: 'piet',
  registeredAt: new Date('2026-04-01T08:00:00Z'),
  lastProgressAt: new Date('2026-04-09T08:00:00Z'),
  resolutionDue: '2026-05-20',
  version: 3,
});

/** What the organisation does internally: never in the reporter's outcome. */
const INTERNAL = {
  rootCause: 'INTERN-GRONDOORZAAK planning niet afgestemd',
  correctiveMeasure: 'INTERN-CORRECTIEF planner aangesproken',
  preventiveMeasure: 'INTERN-PREVENTIEF nieuwe planningscontrole',
  improvement: 'INTERN-ORGANISATIEBREED werkinstructie planning herzien',
  measure: 'INTERN-MAATREGEL training voor alle planners',
};

/**
 * The reporter's outcome (issue 13): what was decided and done for them (decision, motivation,
 * resolution, agreed solution), not the internal measures (corrective, preventive and
 * organisation-wide measures, root cause and its kind, the cause).
 */
describe.each(DATABASE_KINDS)("the reporter's outcome on %s", (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const rendered = async (id: string, messageKind: string, locale: Locale = 'nl') => {
    const messages = await claimedMessages(database.handle, id, messageKind);
    const message = messages.at(-1);
    if (!message) throw new Error(`no ${messageKind} message`);
    return composeOutboxMessage(deps, message as ClaimedMessage, locale);
  };

  /** Resolves a founded complaint with every internal text the procedure records. */
  async function resolveWithMeasures(id: string) {
    deps.clock.set('2026-04-14T08:00:00Z');
    await actAs(deps, 'piet', id, 'add_measure', {
      scope: 'organisation',
      type: 'preventive',
      description: INTERNAL.measure,
      ownerId: 'hanna',
      dueOn: '2026-06-30',
    });
    deps.clock.set('2026-04-15T08:00:00Z');
    await actAs(deps, 'piet', id, 'record_resolution', {
      resolution: 'VOOR-U-OPLOSSING: nieuwe levering op 16 april',
      cause: 'structural',
      rootCause: INTERNAL.rootCause,
      causeCategory: 'process',
      correctiveMeasure: INTERNAL.correctiveMeasure,
      preventiveMeasure: INTERNAL.preventiveMeasure,
      improvement: {
        scope: 'organisation',
        type: 'preventive',
        description: INTERNAL.improvement,
        ownerId: 'hanna',
        dueOn: '2026-07-31',
      },
    });
  }

  it('tells the reporter the decision, its motivation and the resolution, not the measures', async () => {
    const id = await insertComplaint(database.handle, inTreatment());
    await resolveWithMeasures(id);

    for (const locale of ['nl', 'en'] as const) {
      const outcome = await rendered(id, 'outcome', locale);
      expect(outcome?.recipient?.id).toBe('mo');
      const text = JSON.stringify(outcome?.model);
      expect(text).toContain('BESLUIT-MOTIVERING');
      expect(text).toContain('VOOR-U-OPLOSSING');
      for (const internal of Object.values(INTERNAL)) expect(text).not.toContain(internal);
      expect(text).not.toContain('INTERN-');
      // Nor the organisation's analysis of it: the cause and the kind of root cause.
      const labels = [
        ...(outcome?.model.facts ?? []).map((f) => f.label),
        ...(outcome?.model.sections ?? []).map((s) => s.heading),
      ];
      const internalLabels =
        locale === 'nl'
          ? ['Oorzaak', 'Grondoorzaak', 'Soort oorzaak', 'Corrigerende maatregel']
          : ['Cause', 'Root cause', 'Corrective measure'];
      for (const label of internalLabels) expect(labels).not.toContain(label);
      expect(outcome?.model.sections.map((s) => s.heading)).toEqual(
        locale === 'nl'
          ? ['Gewenste uitkomst', 'Motivatie', 'Oplossing']
          : ['Desired outcome', 'Motivation', 'Resolution'],
      );
    }

    // The handler's card has all of it: the filter is the reporter's, not lost texts.
    const card = JSON.stringify((await rendered(id, 'handler_card'))?.model);
    expect(card).toContain(INTERNAL.correctiveMeasure);
    expect(card).toContain(INTERNAL.rootCause);
    expect(card).toContain(INTERNAL.preventiveMeasure);
  });

  it('tells an unfounded decision with its motivation', async () => {
    const id = await insertComplaint(database.handle, {
      ...inTreatment(),
      status: 'registered',
      decision: null,
      decidedAt: null,
      decidedBy: null,
      motivation: null,
      version: 2,
    });
    deps.clock.set('2026-04-10T08:00:00Z');
    await actAs(deps, 'piet', id, 'declare_unfounded', {
      motivation: 'ONGEGROND-MOTIVERING: geleverd zoals besteld',
    });
    const outcome = await rendered(id, 'outcome');
    expect(outcome?.model.sections).toContainEqual({
      heading: 'Motivatie',
      text: 'ONGEGROND-MOTIVERING: geleverd zoals besteld',
    });
  });

  it('asks the satisfaction question after the fix with the solution, not the measures', async () => {
    const id = await insertComplaint(database.handle, inTreatment());
    deps.clock.set('2026-04-13T08:00:00Z');
    await actAs(deps, 'piet', id, 'agree_solution', {
      solution: 'VOOR-U-AFSPRAAK: onderdeel vervangen',
      termOn: '2026-04-24',
      complainantAgreed: true,
      party: null,
    });
    await resolveWithMeasures(id);
    deps.clock.set('2026-04-20T08:00:00Z');
    await actAs(deps, 'piet', id, 'report_fix_done', { note: null });

    const question = await rendered(id, 'satisfaction_question');
    expect(question?.recipient?.id).toBe('mo');
    const text = JSON.stringify(question?.model);
    expect(text).toContain('VOOR-U-AFSPRAAK');
    expect(text).toContain('VOOR-U-OPLOSSING');
    expect(text).not.toContain('INTERN-');
    expect(question?.model.facts.map((f) => f.label)).not.toContain('Soort oorzaak');
  });
});
