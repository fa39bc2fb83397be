/**
 * Review findings F1 and F2: a director who is the subject or the reporter of a complaint
 * about an employee gets neither its texts in the register nor its measures.
 */
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import type { RegisterRow } from '../../src/app/jobs/ports.js';
import {
  type MeasureRecord,
  registerSheets,
  registerWorkbook,
} from '../../src/app/jobs/register-sheets.js';
import { canView } from '../../src/app/view-complaint.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { buildDigest, type YearFigures } from '../../src/domain/digest.js';
import {
  authoriseMeasure,
  type MeasureCommand,
  type MeasureFacts,
  maySeeMeasure,
  measureActionsFor,
  measureReviewers,
} from '../../src/domain/measure.js';
import type { Person } from '../../src/domain/people.js';
import { involvedInRegister, registerTextWithheld } from '../../src/domain/register-access.js';
import { allPeople, makeEmployeeComplaint, makePerson, people } from '../fixtures/domain.js';

const SECRET = 'GEDRAG-GEHEIM';
const OMITTED_NL = '(niet opgenomen: gaat over een medewerker)';

describe('F1: the register withholds a complaint about a director from that director', () => {
  const aboutDiana = { concernsEmployee: true, involvedIds: ['diana', 'mo'] };
  const ordinary = { concernsEmployee: false, involvedIds: [] };

  it('decides per version and per director', () => {
    expect(registerTextWithheld(aboutDiana, 'quality')).toBe(true);
    expect(registerTextWithheld(aboutDiana, 'director')).toBe(false);
    expect(registerTextWithheld(aboutDiana, 'director', null)).toBe(false);
    expect(registerTextWithheld(aboutDiana, 'director', 'dora')).toBe(false);
    // The subject and the reporter, as a director.
    expect(registerTextWithheld(aboutDiana, 'director', 'diana')).toBe(true);
    expect(registerTextWithheld(aboutDiana, 'director', 'mo')).toBe(true);
    expect(registerTextWithheld(ordinary, 'director', 'diana')).toBe(false);
    expect(registerTextWithheld(ordinary, 'quality')).toBe(false);
    // A row read without the parties (older data) behaves as before.
    expect(registerTextWithheld({ concernsEmployee: true }, 'director', 'diana')).toBe(false);

    expect(involvedInRegister('diana', [ordinary], [aboutDiana])).toBe(true);
    expect(involvedInRegister('dora', [ordinary, aboutDiana])).toBe(false);
    // Only complaints about an employee count.
    expect(involvedInRegister('x', [{ concernsEmployee: false, involvedIds: ['x'] }])).toBe(false);
  });

  const row = (overrides: Partial<RegisterRow>): RegisterRow => ({
    reference: 'KL-2025-0001',
    kind: 'complaint',
    formality: 'formal',
    categoryKey: 'overig',
    categoryLabel: 'Overig',
    status: 'closed',
    decision: null,
    cause: null,
    closeReason: null,
    concernsEmployee: true,
    involvedIds: ['diana', 'mo'],
    complainantType: 'client',
    intakeChannel: 'chat',
    handlerName: 'Quinten',
    registeredOn: '2025-04-07',
    firstFeedbackOn: null,
    decidedOn: null,
    resolvedOn: null,
    closedOn: null,
    feedbackDue: '2025-04-14',
    decisionDue: '2025-04-21',
    resolutionDue: '2025-05-05',
    feedbackMet: null,
    decisionMet: null,
    resolutionMet: null,
    leadFirstFeedback: null,
    leadDecision: null,
    leadResolved: null,
    leadClosed: null,
    objected: false,
    description: `${SECRET}: over Diana`,
    resolution: null,
    correctiveMeasure: null,
    preventiveMeasure: null,
    reaction: null,
    reactionOn: null,
    anonymised: false,
    acknowledgedOn: null,
    receivedOn: '2025-04-07',
    receivedTime: '09:00',
    acknowledgementDue: null,
    lettersSent: 0,
    emailsSent: 0,
    lettersPostedOn: null,
    attachments: 0,
    admissibility: null,
    admissibilityOn: null,
    admissibilityMotivation: null,
    motivation: `${SECRET}: motivering`,
    rootCause: null,
    causeCategory: null,
    mediatorName: null,
    agreedSolution: null,
    agreedTermOn: null,
    complainantAgreed: null,
    remediationParty: null,
    fixDoneOn: null,
    originalResolutionDue: null,
    extensionReason: null,
    extensionCount: 0,
    objectedOn: null,
    objectionReason: null,
    objectionDue: null,
    objectionDecidedOn: null,
    referredToCommittee: false,
    committeeVerdict: null,
    committeeVerdictOn: null,
    committeeBinding: null,
    committeeFollowUp: null,
    finalOutcome: null,
    withdrawnOn: null,
    met: {} as RegisterRow['met'],
    ...overrides,
  });
  const measure: MeasureRecord = {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    reference: 'KL-2025-0001',
    origin: 'complaint',
    scope: 'individual',
    type: 'corrective',
    description: `${SECRET}: coaching`,
    ownerName: 'Quinten',
    externalParty: null,
    status: 'open',
    dueOn: null,
    createdOn: '2025-04-10',
    createdByName: 'Quinten',
    implementedOn: null,
    evidence: null,
    reviewDueOn: null,
    effective: null,
    reviewedOn: null,
    reviewedByName: null,
    reviewNote: null,
    followUpOf: null,
    concernsEmployee: true,
    involvedIds: ['diana', 'mo'],
    anonymised: false,
  };
  const figures = {
    year: 2025,
    categories: [],
    compliance: [],
    leadTimes: [],
    objections: {},
    measures: {},
    admissibility: {},
    extensions: {},
    solutions: {},
    perMonth: [],
    concerningEmployee: 0,
  } as unknown as YearFigures;
  const digest = buildDigest(figures, { ...figures, year: 2024 });
  const labels = new Map<string, string>();
  const workbook = (withheldFrom?: string) =>
    registerWorkbook({
      rows: [row({})],
      digests: [],
      labels,
      measures: [measure],
      audit: [],
      audience: 'director',
      withheldFrom,
      locale: 'nl',
      today: '2026-01-05',
      timezone: 'Europe/Amsterdam',
      chartPng: null,
    });
  const text = (cells: unknown[][]) => JSON.stringify(cells);

  it("blanks the rows and measures of the director's own complaint in their version", () => {
    const shared = workbook();
    expect(text(shared.rows)).toContain(SECRET);
    expect(text(shared.measures)).toContain(SECRET);
    const dora = workbook('dora');
    expect(text(dora.rows)).toContain(SECRET);
    for (const who of ['diana', 'mo']) {
      const own = workbook(who);
      expect(text(own.rows)).not.toContain(SECRET);
      expect(text(own.measures)).not.toContain(SECRET);
      expect(text(own.rows)).toContain(OMITTED_NL);
      expect(text(own.measures)).toContain(OMITTED_NL);
    }
  });

  it('does so in the two-sheet register too', () => {
    const sheets = (withheldFrom?: string) =>
      text(registerSheets([row({})], digest, labels, 'director', 'nl', withheldFrom).rows);
    expect(sheets()).toContain(SECRET);
    expect(sheets('diana')).not.toContain(SECRET);
    expect(sheets('diana')).toContain(OMITTED_NL);
  });
});

describe('F2: a director who is the subject or reporter does not oversee the measures', () => {
  const diana = people.director;
  const dora = makePerson('dora', ['director']);
  const facts = (overrides: Partial<MeasureFacts> = {}): MeasureFacts => ({
    status: 'open',
    ownerId: people.handler.id,
    reviewDueOn: null,
    concernsEmployee: true,
    subjectPersonId: diana.id,
    reporterId: 'mo',
    ...overrides,
  });
  const outcome = (person: Person, command: MeasureCommand, measure: MeasureFacts) => {
    try {
      authoriseMeasure(person, command, measure);
      return 'ok';
    } catch (error) {
      return (error as { code: string }).code;
    }
  };

  it('refuses the subject director, and a reporting director', () => {
    for (const measure of [facts(), facts({ subjectPersonId: 'sem', reporterId: diana.id })]) {
      expect(maySeeMeasure(diana, measure)).toBe(false);
      expect(outcome(diana, 'implement_measure', measure)).toBe('measure.not_permitted');
      expect(outcome(diana, 'review_measure', { ...measure, status: 'implemented' })).toBe(
        'measure.not_permitted',
      );
      expect(measureActionsFor(diana, measure)).toEqual([]);
      // Another director still oversees it, the owner still acts on it.
      expect(maySeeMeasure(dora, measure)).toBe(true);
      expect(outcome(dora, 'implement_measure', measure)).toBe('ok');
      expect(outcome(people.handler, 'implement_measure', measure)).toBe('ok');
      expect(maySeeMeasure(people.handler, measure)).toBe(true);
    }
  });

  it('lets the subject act on a measure they own, as before', () => {
    const own = facts({ ownerId: diana.id });
    expect(maySeeMeasure(diana, own)).toBe(true);
    expect(outcome(diana, 'implement_measure', own)).toBe('ok');
    // Never the owner judging their own measure.
    expect(outcome(diana, 'review_measure', { ...own, status: 'implemented' })).toBe(
      'measure.not_permitted',
    );
  });

  it('does not remind the subject director of the review', () => {
    const implemented = facts({ status: 'implemented', reviewDueOn: '2026-01-05' });
    expect(measureReviewers([diana, dora, people.qualityAdviser], implemented)).toEqual([dora]);
  });

  it('changes nothing for a complaint not about an employee', () => {
    const plain = facts({ concernsEmployee: false, reporterId: diana.id });
    expect(maySeeMeasure(diana, plain)).toBe(true);
    expect(outcome(diana, 'implement_measure', plain)).toBe('ok');
  });
});

describe("F3: the objection decider's extra view lasts while the objection is decided", () => {
  // A complaint about Sem, decided by the director; the quality adviser decides the objection.
  const base = makeEmployeeComplaint({
    decidedBy: people.director.id,
    decidedAt: new Date('2026-03-09T09:00:00Z'),
    objectedAt: new Date('2026-03-16T09:00:00Z'),
  });
  const deps = { procedure: undefined } as unknown as AppDeps;
  const view = (status: Complaint['status']) =>
    canView(deps, people.qualityAdviser, { ...base, status }, allPeople);

  it('grants it while objected, not after', async () => {
    expect(await view('objected')).toBe(true);
    for (const status of ['closed', 'withdrawn', 'resolved'] as const) {
      expect(await view(status), status).toBe(false);
    }
    // The standing rules are unchanged: the director sees it whatever its status.
    expect(await canView(deps, people.director, { ...base, status: 'closed' }, allPeople)).toBe(
      true,
    );
  });

  it('reads no people list when the caller passes it, nor when no objection runs', async () => {
    let reads = 0;
    const counting = {
      store: {
        repository: {
          listPeople: async () => {
            reads += 1;
            return allPeople;
          },
        },
      },
    } as unknown as AppDeps;
    await canView(counting, people.qualityAdviser, { ...base, status: 'objected' }, allPeople);
    await canView(counting, people.qualityAdviser, { ...base, status: 'closed' });
    expect(reads).toBe(0);
    expect(await canView(counting, people.qualityAdviser, { ...base, status: 'objected' })).toBe(
      true,
    );
    expect(reads).toBe(1);
  });
});
