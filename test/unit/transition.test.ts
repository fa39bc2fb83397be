import { describe, expect, it } from 'vitest';
import { type Complaint, type ExternalParty, TEXT_LIMITS } from '../../src/domain/complaint.js';
import { DomainError } from '../../src/domain/errors.js';
import { COMMANDS } from '../../src/domain/lifecycle.js';
import type { Actor } from '../../src/domain/people.js';
import { type CommitteeRoute, DEFAULT_PROCEDURE } from '../../src/domain/procedure.js';
import {
  type CommandRequest,
  parsePayload,
  type TransitionContext,
  type TransitionResult,
  transition,
} from '../../src/domain/transition.js';
import {
  asActor,
  complaintIn,
  makeComplaint,
  makeEmployeeComplaint,
  people,
  systemActor,
} from '../fixtures/domain.js';

const NOW = new Date('2026-03-10T14:30:00Z');
const EARLIER = new Date('2026-03-04T10:00:00Z');
const REACTION_DUE = '2026-03-24';
const OBJECTION_DUE = '2026-04-08';
const TODAY = '2026-03-10';
const COMMITTEE: CommitteeRoute = {
  name: 'Klachtencommissie',
  address: null,
  url: null,
  type: 'arbitration',
  binding: true,
};

const handler = asActor(people.handler);
const reporter = asActor(people.reporter);
const director = asActor(people.director);

function context(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return {
    now: NOW,
    permissions: { directorConflicted: false },
    reactionDueIfOutcomeNow: REACTION_DUE,
    objectionDueIfObjectedNow: OBJECTION_DUE,
    today: TODAY,
    rules: DEFAULT_PROCEDURE,
    target: null,
    ...overrides,
  };
}

function run(
  complaint: Complaint,
  request: CommandRequest,
  actor: Actor = handler,
  ctx: TransitionContext = context(),
): TransitionResult {
  return transition(complaint, request, actor, ctx);
}

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** The fields that differ between two complaints (dates compared by value). */
function changedKeys(before: Complaint, after: Complaint): string[] {
  return (Object.keys(after) as (keyof Complaint)[])
    .filter((key) => {
      const a = before[key];
      const b = after[key];
      if (a instanceof Date && b instanceof Date) return a.getTime() !== b.getTime();
      return JSON.stringify(a) !== JSON.stringify(b);
    })
    .sort();
}

const ALWAYS = ['lastProgressAt', 'version'];

describe('transition: field changes per command', () => {
  it('request_info: awaiting_info, first feedback now', () => {
    const before = makeComplaint({ version: 4 });
    const result = run(before, { command: 'request_info', payload: { question: 'Welk adres?' } });
    expect(result.fromStatus).toBe('registered');
    expect(result.toStatus).toBe('awaiting_info');
    expect(result.complaint.status).toBe('awaiting_info');
    expect(result.complaint.version).toBe(5);
    expect(result.complaint.lastProgressAt).toEqual(NOW);
    expect(result.complaint.firstFeedbackAt).toEqual(NOW);
    expect(result.metadata).toEqual({});
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'firstFeedbackAt', 'status'].sort(),
    );
  });

  it('request_info a second time does not move firstFeedbackAt', () => {
    const before = makeComplaint({ firstFeedbackAt: EARLIER });
    const result = run(before, { command: 'request_info', payload: { question: 'Nog iets?' } });
    expect(result.complaint.firstFeedbackAt).toEqual(EARLIER);
  });

  it('provide_info: back to registered, nothing else but the bookkeeping', () => {
    const before = complaintIn('awaiting_info');
    const result = run(
      before,
      { command: 'provide_info', payload: { answer: 'Dorpsstraat 1' } },
      reporter,
    );
    expect(result.toStatus).toBe('registered');
    expect(changedKeys(before, result.complaint)).toEqual([...ALWAYS, 'status'].sort());
  });

  it('declare_founded: decision, motivation, decidedAt and first feedback; no reaction deadline yet', () => {
    const before = makeComplaint();
    const result = run(before, {
      command: 'declare_founded',
      payload: { motivation: 'Klopt, afspraak gemist.' },
    });
    expect(result.toStatus).toBe('in_treatment');
    expect(result.complaint).toMatchObject({
      decision: 'founded',
      motivation: 'Klopt, afspraak gemist.',
      decidedAt: NOW,
      firstFeedbackAt: NOW,
      reactionDue: null,
    });
    expect(result.metadata).toEqual({ decision: 'founded' });
    // Without the admissibility step, deciding on the merits admits the complaint; the decider
    // is kept for the objection's independence.
    expect(result.complaint).toMatchObject({
      admissibility: 'admissible',
      admissibilityDecidedAt: NOW,
      decidedBy: people.handler.id,
    });
    expect(changedKeys(before, result.complaint)).toEqual(
      [
        ...ALWAYS,
        'admissibility',
        'admissibilityDecidedAt',
        'decidedAt',
        'decidedBy',
        'decision',
        'firstFeedbackAt',
        'motivation',
        'status',
      ].sort(),
    );
  });

  it('declare_founded after an information request keeps the first feedback moment', () => {
    const before = complaintIn('awaiting_info', { firstFeedbackAt: EARLIER });
    const result = run(before, { command: 'declare_founded', payload: { motivation: null } });
    expect(result.complaint.firstFeedbackAt).toEqual(EARLIER);
    expect(result.complaint.decidedAt).toEqual(NOW);
    expect(result.complaint.motivation).toBeNull();
  });

  it('declare_unfounded: rejected, with the reaction deadline from the context', () => {
    const before = makeComplaint();
    const result = run(before, {
      command: 'declare_unfounded',
      payload: { motivation: 'Afspraak is nagekomen.' },
    });
    expect(result.toStatus).toBe('rejected');
    expect(result.complaint).toMatchObject({
      decision: 'unfounded',
      motivation: 'Afspraak is nagekomen.',
      decidedAt: NOW,
      firstFeedbackAt: NOW,
      reactionDue: REACTION_DUE,
    });
    expect(result.metadata).toEqual({ decision: 'unfounded' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [
        ...ALWAYS,
        'admissibility',
        'admissibilityDecidedAt',
        'decidedAt',
        'decidedBy',
        'decision',
        'firstFeedbackAt',
        'motivation',
        'reactionDue',
        'status',
      ].sort(),
    );
  });

  it('record_resolution: resolution, cause, measures, resolvedAt and reactionDue', () => {
    const before = complaintIn('in_treatment');
    const result = run(before, {
      command: 'record_resolution',
      payload: {
        resolution: 'Nieuwe afspraak gemaakt.',
        cause: 'structural',
        rootCause: null,
        causeCategory: null,
        correctiveMeasure: 'Planning aangepast.',
        preventiveMeasure: null,
        improvement: {
          scope: 'organisation',
          type: 'preventive',
          description: 'Planningsregel herzien.',
          ownerId: people.qualityAdviser.id,
          dueOn: '2026-06-01',
          party: null,
        },
      },
    });
    expect(result.toStatus).toBe('resolved');
    expect(result.complaint).toMatchObject({
      resolution: 'Nieuwe afspraak gemaakt.',
      cause: 'structural',
      correctiveMeasure: 'Planning aangepast.',
      preventiveMeasure: null,
      resolvedAt: NOW,
      reactionDue: REACTION_DUE,
      decidedAt: before.decidedAt,
      firstFeedbackAt: before.firstFeedbackAt,
    });
    expect(result.metadata).toEqual({
      cause: 'structural',
      causeCategory: null,
      rootCause: false,
      satisfactionAsked: true,
      preventiveMeasure: false,
      improvement: true,
    });
    expect(changedKeys(before, result.complaint)).toEqual(
      [
        ...ALWAYS,
        'cause',
        'correctiveMeasure',
        'decidedBy',
        'reactionDue',
        'resolution',
        'resolvedAt',
        'status',
      ].sort(),
    );
  });

  it('add_measure: keeps the status and changes no complaint field', () => {
    const before = complaintIn('closed', { closedAt: EARLIER, closeReason: 'accepted' });
    const result = run(before, {
      command: 'add_measure',
      payload: {
        scope: 'client',
        type: 'corrective',
        description: 'Extra controle.',
        ownerId: null,
        dueOn: null,
        party: null,
      },
    });
    expect(result.fromStatus).toBe('closed');
    expect(result.toStatus).toBe('closed');
    expect(result.metadata).toEqual({ scope: 'client', type: 'corrective' });
    expect(changedKeys(before, result.complaint)).toEqual(ALWAYS);
  });

  it('accept: closed, reason accepted', () => {
    const before = complaintIn('resolved', { reactionDue: '2026-03-20' });
    const result = run(before, { command: 'accept', payload: {} }, reporter);
    expect(result.toStatus).toBe('closed');
    expect(result.complaint.closedAt).toEqual(NOW);
    expect(result.complaint.closeReason).toBe('accepted');
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'closeReason', 'closedAt', 'status'].sort(),
    );
  });

  it('auto_close by the system: closed, reason no_reaction', () => {
    const before = complaintIn('rejected', { reactionDue: '2026-03-09' });
    const result = run(before, { command: 'auto_close', payload: {} }, systemActor);
    expect(result.toStatus).toBe('closed');
    expect(result.complaint.closeReason).toBe('no_reaction');
    expect(result.complaint.closedAt).toEqual(NOW);
  });

  it('object: objected, with the reason and objectedAt', () => {
    const before = complaintIn('rejected');
    const result = run(
      before,
      { command: 'object', payload: { reason: 'Niet eens met de motivatie.' } },
      reporter,
    );
    expect(result.toStatus).toBe('objected');
    expect(result.complaint.objectedAt).toEqual(NOW);
    expect(result.complaint.objectionReason).toBe('Niet eens met de motivatie.');
    expect(result.complaint.objectionDue).toBe(OBJECTION_DUE);
    expect(result.metadata).toEqual({ decision: 'unfounded', objectionDue: OBJECTION_DUE });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'objectedAt', 'objectionDue', 'objectionReason', 'status'].sort(),
    );
  });

  it('appoint_mediator: sets the mediator, stays objected', () => {
    const before = complaintIn('objected');
    const result = run(
      before,
      { command: 'appoint_mediator', payload: { mediatorId: people.mediator.id } },
      director,
      context({ target: people.mediator }),
    );
    expect(result.toStatus).toBe('objected');
    expect(result.complaint.mediatorId).toBe(people.mediator.id);
    expect(result.metadata).toEqual({ mediatorId: people.mediator.id });
    expect(changedKeys(before, result.complaint)).toEqual([...ALWAYS, 'mediatorId'].sort());
  });

  it('refer_to_committee: the flag; the route type from the organisation file in the audit', () => {
    const before = complaintIn('objected');
    const result = run(before, { command: 'refer_to_committee', payload: {} }, director);
    expect(result.toStatus).toBe('objected');
    expect(result.complaint.referredToCommittee).toBe(true);
    expect(result.metadata).toEqual({ committeeType: null });
    const withRoute = run(
      before,
      { command: 'refer_to_committee', payload: {} },
      director,
      context({ rules: { ...DEFAULT_PROCEDURE, committee: COMMITTEE } }),
    );
    expect(withRoute.metadata).toEqual({ committeeType: 'arbitration' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'referredToCommittee'].sort(),
    );
  });

  it('record_final_outcome by the mediator: closed with the outcome', () => {
    const before = complaintIn('objected', { mediatorId: people.mediator.id });
    const result = run(
      before,
      { command: 'record_final_outcome', payload: { outcome: 'Schikking getroffen.' } },
      asActor(people.mediator),
    );
    expect(result.toStatus).toBe('closed');
    expect(result.complaint).toMatchObject({
      finalOutcome: 'Schikking getroffen.',
      closedAt: NOW,
      closeReason: 'final_outcome',
    });
    expect(result.metadata).toEqual({ mediated: true });
  });

  it('withdraw: withdrawnAt only, not closedAt; the previous status in the metadata', () => {
    const before = complaintIn('in_treatment');
    const result = run(before, { command: 'withdraw', payload: {} }, reporter);
    expect(result.toStatus).toBe('withdrawn');
    expect(result.complaint.withdrawnAt).toEqual(NOW);
    expect(result.complaint.closedAt).toBeNull();
    expect(result.metadata).toEqual({ fromStatus: 'in_treatment' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'status', 'withdrawnAt'].sort(),
    );
  });

  it.each(['resolved', 'rejected'] as const)(
    'withdraw while waiting for the reporter (%s) is allowed',
    (status) => {
      const before = complaintIn(status, { reactionDue: '2026-03-20' });
      const result = run(before, { command: 'withdraw', payload: {} }, reporter);
      expect(result.fromStatus).toBe(status);
      expect(result.toStatus).toBe('withdrawn');
      expect(result.complaint.withdrawnAt).toEqual(NOW);
      expect(result.metadata).toEqual({ fromStatus: status });
    },
  );

  it('reassign: new handler, same status, ids in the metadata', () => {
    const before = makeComplaint();
    const result = run(
      before,
      { command: 'reassign', payload: { handlerId: people.otherHandler.id } },
      handler,
      context({ target: people.otherHandler }),
    );
    expect(result.toStatus).toBe('registered');
    expect(result.complaint.handlerId).toBe(people.otherHandler.id);
    expect(result.metadata).toEqual({
      fromHandlerId: people.handler.id,
      toHandlerId: people.otherHandler.id,
    });
    expect(changedKeys(before, result.complaint)).toEqual([...ALWAYS, 'handlerId'].sort());
  });

  it('does not mutate the complaint it is given', () => {
    const before = makeComplaint();
    const snapshot = structuredClone(before);
    run(before, { command: 'declare_founded', payload: { motivation: 'x' } });
    expect(before).toEqual(snapshot);
  });
});

describe('transition: refusals', () => {
  it('checks permission before the lifecycle', () => {
    const error = domainError(() =>
      run(
        complaintIn('closed'),
        { command: 'declare_founded', payload: { motivation: null } },
        asActor(people.otherHandler),
      ),
    );
    expect(error.code).toBe('complaint.not_permitted');
  });

  it('an authorised actor in the wrong status gets complaint.invalid_transition', () => {
    const error = domainError(() =>
      run(complaintIn('resolved'), { command: 'declare_founded', payload: { motivation: null } }),
    );
    expect(error.code).toBe('complaint.invalid_transition');
  });

  it('reassign to the current handler is input.invalid', () => {
    const error = domainError(() =>
      run(
        makeComplaint(),
        { command: 'reassign', payload: { handlerId: people.handler.id } },
        director,
        context({ target: people.handler }),
      ),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.details).toEqual({ field: 'handlerId' });
  });

  it('reassign to the reporter is a conflict of interest', () => {
    const complaint = makeComplaint({ reporterId: people.otherHandler.id });
    const error = domainError(() =>
      run(
        complaint,
        { command: 'reassign', payload: { handlerId: people.otherHandler.id } },
        handler,
        context({ target: people.otherHandler }),
      ),
    );
    expect(error.code).toBe('complaint.conflict_of_interest');
    expect(error.fields).toEqual({ handlerId: 'conflict_of_interest' });
  });

  it('reassign to an inactive person is input.invalid on handlerId', () => {
    const error = domainError(() =>
      run(
        makeComplaint(),
        { command: 'reassign', payload: { handlerId: people.inactive.id } },
        handler,
        context({ target: people.inactive }),
      ),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ handlerId: 'inactive' });
  });

  it('reassign to someone without a handling role is input.invalid on handlerId', () => {
    const error = domainError(() =>
      run(
        makeComplaint(),
        { command: 'reassign', payload: { handlerId: people.secretariat.id } },
        handler,
        context({ target: people.secretariat }),
      ),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ handlerId: 'not_eligible' });
  });

  it('reassign an employee complaint to the quality adviser is input.invalid while the director can act', () => {
    const error = domainError(() =>
      run(
        makeEmployeeComplaint(),
        { command: 'reassign', payload: { handlerId: people.qualityAdviser.id } },
        director,
        context({ target: people.qualityAdviser }),
      ),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ handlerId: 'not_eligible' });
  });

  it('reassign an employee complaint to its subject is a conflict of interest', () => {
    const complaint = makeEmployeeComplaint();
    const error = domainError(() =>
      run(
        complaint,
        { command: 'reassign', payload: { handlerId: people.subject.id } },
        director,
        context({ target: people.subject }),
      ),
    );
    expect(error.code).toBe('complaint.conflict_of_interest');
    expect(error.fields).toEqual({ handlerId: 'conflict_of_interest' });
  });

  it('reassign needs the named person as target', () => {
    const error = domainError(() =>
      run(
        makeComplaint(),
        { command: 'reassign', payload: { handlerId: people.otherHandler.id } },
        handler,
        context({ target: people.director }),
      ),
    );
    expect(error.code).toBe('person.not_found');
  });

  it('appoint_mediator with the deciding handler is a conflict of interest', () => {
    const complaint = complaintIn('objected');
    const error = domainError(() =>
      run(
        complaint,
        { command: 'appoint_mediator', payload: { mediatorId: people.handler.id } },
        director,
        context({ target: people.handler }),
      ),
    );
    expect(error.code).toBe('complaint.conflict_of_interest');
    expect(error.fields).toEqual({ mediatorId: 'conflict_of_interest' });
  });

  it('appoint_mediator with the reporter or the subject is a conflict of interest', () => {
    const complaint = makeEmployeeComplaint({ status: 'objected', decision: 'unfounded' });
    for (const person of [people.reporter, people.subject]) {
      const error = domainError(() =>
        run(
          complaint,
          { command: 'appoint_mediator', payload: { mediatorId: person.id } },
          director,
          context({ target: person }),
        ),
      );
      expect(error.code).toBe('complaint.conflict_of_interest');
      expect(error.fields).toEqual({ mediatorId: 'conflict_of_interest' });
    }
  });

  it('appoint_mediator with an inactive person is input.invalid on mediatorId', () => {
    const error = domainError(() =>
      run(
        complaintIn('objected'),
        { command: 'appoint_mediator', payload: { mediatorId: people.inactive.id } },
        director,
        context({ target: people.inactive }),
      ),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ mediatorId: 'inactive' });
  });
});

const quinten = asActor(people.qualityAdviser);
const withStep = { ...DEFAULT_PROCEDURE, admissibilityStep: true };

describe('transition: classification (kind and formality)', () => {
  const informal = () => makeComplaint({ formality: 'informal' });

  it('becoming formal moves the complaint to the director (formalToDirector), reassign in the audit', () => {
    const before = informal();
    const result = run(
      before,
      { command: 'classify', payload: { kind: 'complaint', formality: 'formal' } },
      handler,
      context({ target: people.director }),
    );
    expect(result.toStatus).toBe('registered');
    expect(result.complaint).toMatchObject({ formality: 'formal', handlerId: people.director.id });
    expect(result.metadata).toEqual({
      kind: 'complaint',
      formality: 'formal',
      fromKind: 'complaint',
      fromFormality: 'informal',
      fromHandlerId: people.handler.id,
      toHandlerId: people.director.id,
    });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'formality', 'handlerId'].sort(),
    );
  });

  it('keeps the handler when the organisation keeps formal complaints on the ordinary route', () => {
    const result = run(
      informal(),
      { command: 'classify', payload: { kind: 'complaint', formality: 'formal' } },
      handler,
      context({
        target: people.director,
        rules: { ...DEFAULT_PROCEDURE, formalToDirector: false },
      }),
    );
    expect(result.complaint).toMatchObject({ formality: 'formal', handlerId: people.handler.id });
    expect(result.metadata).not.toHaveProperty('toHandlerId');
  });

  it('keeps the handler without an uninvolved, active director as target', () => {
    const cases = [
      { complaint: informal(), target: null },
      { complaint: informal(), target: people.otherHandler },
      { complaint: informal(), target: people.inactiveDirector },
      {
        complaint: makeComplaint({ formality: 'informal', reporterId: people.director.id }),
        target: people.director,
      },
    ];
    for (const { complaint, target } of cases) {
      const result = run(
        complaint,
        { command: 'classify', payload: { kind: 'complaint', formality: 'formal' } },
        handler,
        context({ target }),
      );
      expect(result.complaint.handlerId, String(target?.id)).toBe(people.handler.id);
    }
  });

  it('a complaint that already was formal keeps its handler (it may have been reassigned on purpose)', () => {
    const result = run(
      makeComplaint({ formality: 'formal' }),
      { command: 'classify', payload: { kind: 'feedback', formality: 'formal' } },
      handler,
      context({ target: people.director }),
    );
    expect(result.complaint).toMatchObject({ kind: 'feedback', handlerId: people.handler.id });
    expect(result.metadata).toEqual({
      kind: 'feedback',
      formality: 'formal',
      fromKind: 'complaint',
      fromFormality: 'formal',
    });
  });

  it('is refused once admissibility is decided', () => {
    const error = domainError(() =>
      run(makeComplaint({ admissibility: 'admissible' }), {
        command: 'classify',
        payload: { kind: 'feedback', formality: 'informal' },
      }),
    );
    expect(error.code).toBe('complaint.invalid_transition');
  });
});

describe('transition: admissibility', () => {
  it('declare_admissible: admissible, stays registered', () => {
    const before = makeComplaint();
    const result = run(
      before,
      { command: 'declare_admissible', payload: {} },
      handler,
      context({ rules: withStep }),
    );
    expect(result.toStatus).toBe('registered');
    expect(result.complaint).toMatchObject({
      admissibility: 'admissible',
      admissibilityDecidedAt: NOW,
    });
    expect(result.metadata).toEqual({ admissibility: 'admissible' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'admissibility', 'admissibilityDecidedAt'].sort(),
    );
  });

  it('declare_inadmissible: closed, reason inadmissible, with its motivation', () => {
    const before = complaintIn('awaiting_info', {
      firstFeedbackAt: EARLIER,
      decision: null,
      decidedAt: null,
    });
    const result = run(before, {
      command: 'declare_inadmissible',
      payload: { motivation: 'Buiten onze dienstverlening.' },
    });
    expect(result.toStatus).toBe('closed');
    expect(result.complaint).toMatchObject({
      admissibility: 'inadmissible',
      admissibilityMotivation: 'Buiten onze dienstverlening.',
      admissibilityDecidedAt: NOW,
      decidedBy: people.handler.id,
      closedAt: NOW,
      closeReason: 'inadmissible',
      firstFeedbackAt: EARLIER,
      decision: null,
    });
    expect(result.metadata).toEqual({ admissibility: 'inadmissible' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [
        ...ALWAYS,
        'admissibility',
        'admissibilityDecidedAt',
        'admissibilityMotivation',
        'closeReason',
        'closedAt',
        'decidedBy',
        'status',
      ].sort(),
    );
  });

  it('declare_inadmissible needs a motivation', () => {
    for (const raw of [{}, { motivation: '  ' }]) {
      const error = domainError(() => parsePayload('declare_inadmissible', raw));
      expect(error.code).toBe('input.motivation_required');
      expect(error.fields).toEqual({ motivation: 'required' });
    }
  });

  it('with the step: no founded/unfounded before admissible; afterwards the decision keeps its moment', () => {
    for (const command of ['declare_founded', 'declare_unfounded'] as const) {
      const error = domainError(() =>
        run(
          makeComplaint(),
          { command, payload: { motivation: 'x' } },
          handler,
          context({ rules: withStep }),
        ),
      );
      expect(error.code).toBe('complaint.invalid_transition');
    }
    const admitted = makeComplaint({
      admissibility: 'admissible',
      admissibilityDecidedAt: EARLIER,
    });
    const result = run(
      admitted,
      { command: 'declare_founded', payload: { motivation: null } },
      handler,
      context({ rules: withStep }),
    );
    expect(result.toStatus).toBe('in_treatment');
    expect(result.complaint.admissibilityDecidedAt).toEqual(EARLIER);
  });

  it('without the step: deciding on the merits admits the complaint implicitly', () => {
    const result = run(makeComplaint(), {
      command: 'declare_unfounded',
      payload: { motivation: 'Nee.' },
    });
    expect(result.complaint).toMatchObject({
      admissibility: 'admissible',
      admissibilityDecidedAt: NOW,
    });
  });
});

describe('transition: tips', () => {
  const tip = () => makeComplaint({ kind: 'feedback' });

  it('note_feedback: closed, reason noted, the sender heard back now', () => {
    const before = tip();
    const result = run(before, { command: 'note_feedback', payload: {} });
    expect(result.toStatus).toBe('closed');
    expect(result.complaint).toMatchObject({
      closedAt: NOW,
      closeReason: 'noted',
      firstFeedbackAt: NOW,
    });
    expect(result.metadata).toEqual({ kind: 'feedback' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'closeReason', 'closedAt', 'firstFeedbackAt', 'status'].sort(),
    );
  });

  it('a tip is not assessed, admitted or extended', () => {
    const requests: CommandRequest[] = [
      { command: 'declare_founded', payload: { motivation: null } },
      { command: 'declare_unfounded', payload: { motivation: 'x' } },
      { command: 'declare_admissible', payload: {} },
      { command: 'declare_inadmissible', payload: { motivation: 'x' } },
      { command: 'extend_deadline', payload: { newDueOn: '2026-05-12', reason: 'x' } },
    ];
    for (const request of requests) {
      expect(domainError(() => run(tip(), request)).code, request.command).toBe(
        'complaint.invalid_transition',
      );
    }
  });

  it('a complaint is not noted as a tip', () => {
    expect(
      domainError(() => run(makeComplaint(), { command: 'note_feedback', payload: {} })).code,
    ).toBe('complaint.invalid_transition');
  });
});

describe('transition: agreed solution and the fix', () => {
  const agree = (termOn: string, party: ExternalParty | null = null): CommandRequest => ({
    command: 'agree_solution',
    payload: { solution: 'Nieuwe zool.', termOn, complainantAgreed: true, party },
  });

  it('agree_solution: solution, term, agreement and the outside party; stays in treatment', () => {
    const before = complaintIn('in_treatment');
    const party = { name: 'Schoenmakerij Bos', organisation: 'Bos BV', contact: '010-1234567' };
    const result = run(before, agree('2026-04-01', party));
    expect(result.toStatus).toBe('in_treatment');
    expect(result.complaint).toMatchObject({
      agreedSolution: 'Nieuwe zool.',
      agreedTermOn: '2026-04-01',
      complainantAgreed: true,
      remediationParty: party,
    });
    expect(result.metadata).toEqual({
      termOn: '2026-04-01',
      complainantAgreed: true,
      outsideParty: true,
    });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'agreedSolution', 'agreedTermOn', 'complainantAgreed', 'remediationParty'].sort(),
    );
  });

  it('a term in the past is refused on termOn; today is fine', () => {
    const error = domainError(() => run(complaintIn('in_treatment'), agree('2026-03-09')));
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ termOn: 'in_past' });
    expect(run(complaintIn('in_treatment'), agree(TODAY)).complaint.agreedTermOn).toBe(TODAY);
  });

  it('the payload takes the yes/no of a form and drops an empty outside party', () => {
    const parsed = parsePayload('agree_solution', {
      solution: 'Nieuwe zool.',
      termOn: '2026-04-01',
      complainantAgreed: 'false',
      party: { name: '  ', organisation: '', contact: '' },
    });
    expect(parsed).toEqual({
      solution: 'Nieuwe zool.',
      termOn: '2026-04-01',
      complainantAgreed: false,
      party: null,
    });
    expect(
      parsePayload('agree_solution', { ...parsed, complainantAgreed: 'true' }).complainantAgreed,
    ).toBe(true);
    const bad = domainError(() =>
      parsePayload('agree_solution', { ...parsed, complainantAgreed: 'ja' }),
    );
    expect(bad.fields).toEqual({ complainantAgreed: 'invalid' });
    const noTerm = domainError(() =>
      parsePayload('agree_solution', { solution: 'x', complainantAgreed: true }),
    );
    expect(noTerm.fields).toEqual({ termOn: 'required' });
  });

  it('resolving with the fix pending does not ask for satisfaction yet', () => {
    const before = complaintIn('in_treatment', { agreedTermOn: '2026-04-01' });
    const result = run(before, {
      command: 'record_resolution',
      payload: {
        resolution: 'Zool wordt vervangen.',
        cause: 'incidental',
        rootCause: null,
        causeCategory: null,
        correctiveMeasure: 'Vervangen.',
        preventiveMeasure: null,
        improvement: null,
      },
    });
    expect(result.toStatus).toBe('resolved');
    expect(result.complaint.reactionDue).toBeNull();
    expect(result.metadata).toMatchObject({ satisfactionAsked: false });
  });

  it('accept and object wait while the fix is pending', () => {
    const pending = complaintIn('resolved', { agreedTermOn: '2026-04-01', reactionDue: null });
    for (const request of [
      { command: 'accept', payload: {} },
      { command: 'object', payload: { reason: 'x' } },
    ] as CommandRequest[]) {
      expect(domainError(() => run(pending, request, reporter)).code).toBe(
        'complaint.invalid_transition',
      );
    }
  });

  it('report_fix_done after resolving: asks for satisfaction now (reactionDue set)', () => {
    const before = complaintIn('resolved', { agreedTermOn: '2026-04-01', reactionDue: null });
    const result = run(before, {
      command: 'report_fix_done',
      payload: { note: 'Zool vervangen.' },
    });
    expect(result.toStatus).toBe('resolved');
    expect(result.complaint).toMatchObject({ fixDoneAt: NOW, reactionDue: REACTION_DUE });
    expect(result.metadata).toEqual({ onTime: true, satisfactionAsked: true });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'fixDoneAt', 'reactionDue'].sort(),
    );
    // Now the reporter may react.
    expect(run(result.complaint, { command: 'accept', payload: {} }, reporter).toStatus).toBe(
      'closed',
    );
  });

  it('report_fix_done before resolving: the question waits for the resolution', () => {
    const before = complaintIn('in_treatment', { agreedTermOn: '2026-03-09' });
    const result = run(before, { command: 'report_fix_done', payload: { note: null } });
    expect(result.complaint).toMatchObject({ fixDoneAt: NOW, reactionDue: null });
    expect(result.metadata).toEqual({ onTime: false, satisfactionAsked: false });
    const resolved = run(result.complaint, {
      command: 'record_resolution',
      payload: {
        resolution: 'Klaar.',
        cause: 'incidental',
        rootCause: null,
        causeCategory: null,
        correctiveMeasure: 'Vervangen.',
        preventiveMeasure: null,
        improvement: null,
      },
    });
    expect(resolved.complaint.reactionDue).toBe(REACTION_DUE);
    expect(resolved.metadata).toMatchObject({ satisfactionAsked: true });
  });

  it('report_fix_done needs an agreed solution, and happens once', () => {
    expect(
      domainError(() =>
        run(complaintIn('in_treatment'), { command: 'report_fix_done', payload: { note: null } }),
      ).code,
    ).toBe('complaint.invalid_transition');
    const done = complaintIn('resolved', { agreedTermOn: '2026-04-01', fixDoneAt: EARLIER });
    expect(
      domainError(() => run(done, { command: 'report_fix_done', payload: { note: null } })).code,
    ).toBe('complaint.invalid_transition');
    expect(
      domainError(() =>
        run(
          complaintIn('in_treatment', { agreedTermOn: '2026-04-01', fixDoneAt: EARLIER }),
          agree('2026-05-01'),
        ),
      ).code,
    ).toBe('complaint.invalid_transition');
  });
});

describe('transition: extension', () => {
  const extend = (newDueOn: string, reason = 'Extern onderzoek nodig.'): CommandRequest => ({
    command: 'extend_deadline',
    payload: { newDueOn, reason },
  });

  it('extend_deadline: the new date, the first deadline kept, the count and the reason', () => {
    const before = complaintIn('in_treatment');
    const result = run(before, extend('2026-05-12'));
    expect(result.toStatus).toBe('in_treatment');
    expect(result.complaint).toMatchObject({
      resolutionDue: '2026-05-12',
      originalResolutionDue: '2026-04-21',
      extensionReason: 'Extern onderzoek nodig.',
      extensionCount: 1,
    });
    expect(result.metadata).toEqual({ fromDue: '2026-04-21', toDue: '2026-05-12' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [
        ...ALWAYS,
        'extensionCount',
        'extensionReason',
        'originalResolutionDue',
        'resolutionDue',
      ].sort(),
    );
  });

  it('a second extension (when allowed) keeps the original deadline of the first', () => {
    const twice = { ...DEFAULT_PROCEDURE, maxExtensions: 2 };
    const first = run(makeComplaint(), extend('2026-05-12'), handler, context({ rules: twice }));
    const second = run(
      first.complaint,
      extend('2026-06-02', 'Nog een keer.'),
      handler,
      context({ rules: twice }),
    );
    expect(second.complaint).toMatchObject({
      resolutionDue: '2026-06-02',
      originalResolutionDue: '2026-04-21',
      extensionCount: 2,
      extensionReason: 'Nog een keer.',
    });
    expect(
      domainError(() =>
        run(second.complaint, extend('2026-07-01'), handler, context({ rules: twice })),
      ).code,
    ).toBe('complaint.invalid_transition');
  });

  it('once by default (maxExtensions 1)', () => {
    const once = run(makeComplaint(), extend('2026-05-12')).complaint;
    expect(domainError(() => run(once, extend('2026-06-02'))).code).toBe(
      'complaint.invalid_transition',
    );
  });

  it('a date not after the current deadline is refused on newDueOn (not_later)', () => {
    for (const date of ['2026-04-21', '2026-04-20']) {
      const error = domainError(() => run(makeComplaint(), extend(date)));
      expect(error.code).toBe('input.invalid');
      expect(error.fields).toEqual({ newDueOn: 'not_later' });
    }
  });

  it('a later date that already passed is refused on newDueOn (in_past)', () => {
    const overdue = makeComplaint({ resolutionDue: '2026-03-02' });
    const error = domainError(() => run(overdue, extend('2026-03-05')));
    expect(error.fields).toEqual({ newDueOn: 'in_past' });
    expect(run(overdue, extend(TODAY)).complaint.resolutionDue).toBe(TODAY);
  });

  it('needs a reason', () => {
    const error = domainError(() =>
      parsePayload('extend_deadline', { newDueOn: '2026-05-12', reason: ' ' }),
    );
    expect(error.code).toBe('input.reason_required');
  });

  it('not once resolved', () => {
    expect(domainError(() => run(complaintIn('resolved'), extend('2026-05-12'))).code).toBe(
      'complaint.invalid_transition',
    );
  });
});

describe('transition: objection, independence and the committee', () => {
  const directorDecided = () =>
    complaintIn('objected', { decidedBy: people.director.id, objectedAt: EARLIER });
  const qaRoute = {
    directorConflicted: false,
    deciderIsDirector: true,
    objectionDecidedByDirector: 'quality_adviser' as const,
  };

  it('object: the objection deadline from the context; none when the caller gives none', () => {
    const result = run(
      complaintIn('resolved', { reactionDue: '2026-03-20' }),
      { command: 'object', payload: { reason: 'Oneens.' } },
      reporter,
      context({ objectionDueIfObjectedNow: undefined }),
    );
    expect(result.complaint.objectionDue).toBeNull();
  });

  it('the director who decided may not record the final outcome: conflict of interest', () => {
    const error = domainError(() =>
      run(
        directorDecided(),
        { command: 'record_final_outcome', payload: { outcome: 'Afgewezen.' } },
        director,
        context({ permissions: qaRoute }),
      ),
    );
    expect(error.code).toBe('complaint.conflict_of_interest');
  });

  it('the quality adviser decides instead', () => {
    const result = run(
      directorDecided(),
      { command: 'record_final_outcome', payload: { outcome: 'Gedeeltelijk tegemoetgekomen.' } },
      quinten,
      context({ permissions: qaRoute }),
    );
    expect(result.complaint.closeReason).toBe('final_outcome');
  });

  it('with the committee route nobody inside decides; the adviser takes it to the committee', () => {
    const permissions = { ...qaRoute, objectionDecidedByDirector: 'committee' as const };
    const refused = domainError(() =>
      run(
        directorDecided(),
        { command: 'record_final_outcome', payload: { outcome: 'x' } },
        quinten,
        context({ permissions }),
      ),
    );
    expect(refused.code).toBe('complaint.not_permitted');
    const referred = run(
      directorDecided(),
      { command: 'refer_to_committee', payload: {} },
      quinten,
      context({ permissions }),
    );
    expect(referred.complaint.referredToCommittee).toBe(true);
  });

  it('record_committee_verdict: the structured verdict; closed with committee_verdict', () => {
    const before = complaintIn('objected', { referredToCommittee: true, objectedAt: EARLIER });
    const result = run(
      before,
      {
        command: 'record_committee_verdict',
        payload: {
          verdict: 'partly_founded',
          verdictOn: '2026-03-09',
          binding: false,
          followUp: 'Excuses aanbieden.',
        },
      },
      director,
    );
    expect(result.toStatus).toBe('closed');
    expect(result.complaint).toMatchObject({
      committeeVerdict: 'partly_founded',
      committeeVerdictOn: '2026-03-09',
      committeeBinding: false,
      committeeFollowUp: 'Excuses aanbieden.',
      closedAt: NOW,
      closeReason: 'committee_verdict',
    });
    expect(result.metadata).toEqual({ verdict: 'partly_founded', binding: false, followUp: true });
    expect(changedKeys(before, result.complaint)).toEqual(
      [
        ...ALWAYS,
        'closeReason',
        'closedAt',
        'committeeBinding',
        'committeeFollowUp',
        'committeeVerdict',
        'committeeVerdictOn',
        'status',
      ].sort(),
    );
  });

  it('record_committee_verdict only after refer_to_committee', () => {
    const error = domainError(() =>
      run(
        complaintIn('objected'),
        {
          command: 'record_committee_verdict',
          payload: { verdict: 'founded', verdictOn: TODAY, binding: true, followUp: null },
        },
        director,
      ),
    );
    expect(error.code).toBe('complaint.invalid_transition');
  });

  it('a verdict dated in the future is refused on verdictOn; today is fine', () => {
    const referred = complaintIn('objected', { referredToCommittee: true });
    const verdict = (verdictOn: string): CommandRequest => ({
      command: 'record_committee_verdict',
      payload: { verdict: 'unfounded', verdictOn, binding: true, followUp: null },
    });
    const error = domainError(() => run(referred, verdict('2026-03-11'), director));
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ verdictOn: 'in_future' });
    expect(run(referred, verdict(TODAY), director).complaint.committeeVerdictOn).toBe(TODAY);
  });

  it('the verdict payload: a known verdict, a date, yes/no from a form', () => {
    expect(
      parsePayload('record_committee_verdict', {
        verdict: 'founded',
        verdictOn: '2026-03-09',
        binding: 'true',
        followUp: '',
      }),
    ).toEqual({ verdict: 'founded', verdictOn: '2026-03-09', binding: true, followUp: null });
    const error = domainError(() =>
      parsePayload('record_committee_verdict', {
        verdict: 'half',
        verdictOn: '9 maart',
        binding: 'true',
      }),
    );
    expect(error.fields).toEqual({ verdict: 'invalid', verdictOn: 'invalid' });
  });

  it('appoint_mediator before any objection (seed 004): an independent colleague', () => {
    const result = run(
      makeComplaint(),
      { command: 'appoint_mediator', payload: { mediatorId: people.mediator.id } },
      director,
      context({ target: people.mediator }),
    );
    expect(result.toStatus).toBe('registered');
    expect(result.complaint.mediatorId).toBe(people.mediator.id);
  });
});

describe('transition: the private note and the root cause', () => {
  it('record_private_note: nothing on the complaint, the audit says only that a note exists', () => {
    const before = makeEmployeeComplaint({ status: 'in_treatment' });
    const result = run(
      before,
      { command: 'record_private_note', payload: { note: 'Afspraak: excuses en coaching.' } },
      director,
    );
    expect(result.toStatus).toBe('in_treatment');
    expect(result.metadata).toEqual({ note: true });
    expect(changedKeys(before, result.complaint)).toEqual(ALWAYS);
    expect(JSON.stringify(result.complaint)).not.toContain('coaching');
  });

  it('only on a complaint about an employee', () => {
    const error = domainError(() =>
      run(makeComplaint(), { command: 'record_private_note', payload: { note: 'x' } }, director),
    );
    expect(error.code).toBe('complaint.invalid_transition');
  });

  it('only by the director: the handling quality adviser is refused while the director can act', () => {
    const error = domainError(() =>
      run(
        makeEmployeeComplaint({ handlerId: people.qualityAdviser.id }),
        { command: 'record_private_note', payload: { note: 'x' } },
        quinten,
      ),
    );
    expect(error.code).toBe('complaint.not_permitted');
  });

  it('record_resolution keeps the root cause and its category; the audit has the category only', () => {
    const result = run(complaintIn('in_treatment'), {
      command: 'record_resolution',
      payload: {
        resolution: 'Ander instrument.',
        cause: 'incidental',
        rootCause: 'Garantie leverancier, andere instrumentmaker.',
        causeCategory: 'supplier',
        correctiveMeasure: 'Vervangen.',
        preventiveMeasure: null,
        improvement: null,
      },
    });
    expect(result.complaint).toMatchObject({
      rootCause: 'Garantie leverancier, andere instrumentmaker.',
      causeCategory: 'supplier',
      decidedBy: people.handler.id,
    });
    expect(result.metadata).toMatchObject({ causeCategory: 'supplier', rootCause: true });
  });

  it('the root cause payload: optional text, a known category', () => {
    const base = { resolution: 'x', cause: 'structural', correctiveMeasure: 'y' };
    expect(parsePayload('record_resolution', base)).toMatchObject({ rootCause: null });
    const error = domainError(() =>
      parsePayload('record_resolution', { ...base, causeCategory: 'weather' }),
    );
    expect(error.fields).toEqual({ causeCategory: 'invalid' });
    expect(
      parsePayload('record_resolution', { ...base, causeCategory: null }).causeCategory,
    ).toBeNull();
  });
});

describe('transition: audit metadata never carries free text', () => {
  const T = {
    question: 'VRAAG-tekst: welk adres?',
    answer: 'ANTWOORD-tekst: Dorpsstraat 1',
    motivation: 'MOTIVATIE-tekst',
    resolution: 'OPLOSSING-tekst',
    corrective: 'CORRECTIEF-tekst',
    preventive: 'PREVENTIEF-tekst',
    improvement: 'VERBETER-tekst',
    measure: 'MAATREGEL-tekst',
    reason: 'REDEN-tekst',
    outcome: 'UITKOMST-tekst',
    rootCause: 'GRONDOORZAAK-tekst',
    partyName: 'PARTIJ-naam',
    partyOrg: 'PARTIJ-organisatie',
    partyContact: 'PARTIJ-contact',
    solution: 'AFSPRAAK-tekst',
    fixNote: 'UITGEVOERD-tekst',
    extension: 'VERLENGING-tekst',
    followUp: 'VERVOLG-tekst',
    privateNote: 'AANTEKENING-tekst',
    inadmissible: 'NIET-ONTVANKELIJK-tekst',
  } as const;
  const texts: readonly string[] = Object.values(T);

  const cases: { name: string; complaint: Complaint; request: CommandRequest; actor: Actor }[] = [
    {
      name: 'request_info',
      complaint: makeComplaint(),
      request: { command: 'request_info', payload: { question: T.question } },
      actor: handler,
    },
    {
      name: 'provide_info',
      complaint: complaintIn('awaiting_info'),
      request: { command: 'provide_info', payload: { answer: T.answer } },
      actor: reporter,
    },
    {
      name: 'declare_founded',
      complaint: makeComplaint(),
      request: { command: 'declare_founded', payload: { motivation: T.motivation } },
      actor: handler,
    },
    {
      name: 'declare_unfounded',
      complaint: makeComplaint(),
      request: { command: 'declare_unfounded', payload: { motivation: T.motivation } },
      actor: handler,
    },
    {
      name: 'record_resolution',
      complaint: complaintIn('in_treatment'),
      request: {
        command: 'record_resolution',
        payload: {
          resolution: T.resolution,
          cause: 'incidental',
          rootCause: T.rootCause,
          causeCategory: 'supplier',
          correctiveMeasure: T.corrective,
          preventiveMeasure: T.preventive,
          improvement: {
            scope: 'organisation',
            type: 'preventive',
            description: T.improvement,
            ownerId: people.qualityAdviser.id,
            dueOn: '2026-06-01',
            party: { name: T.partyName, organisation: T.partyOrg, contact: T.partyContact },
          },
        },
      },
      actor: handler,
    },
    {
      name: 'add_measure',
      complaint: complaintIn('in_treatment'),
      request: {
        command: 'add_measure',
        payload: {
          scope: 'client',
          type: 'corrective',
          description: T.measure,
          ownerId: people.otherHandler.id,
          dueOn: null,
          party: { name: T.partyName, organisation: T.partyOrg, contact: T.partyContact },
        },
      },
      actor: handler,
    },
    {
      name: 'object',
      complaint: complaintIn('resolved'),
      request: { command: 'object', payload: { reason: T.reason } },
      actor: reporter,
    },
    {
      name: 'refer_to_committee',
      complaint: complaintIn('objected'),
      request: { command: 'refer_to_committee', payload: {} },
      actor: director,
    },
    {
      name: 'record_final_outcome',
      complaint: complaintIn('objected'),
      request: { command: 'record_final_outcome', payload: { outcome: T.outcome } },
      actor: director,
    },
    {
      name: 'withdraw',
      complaint: makeComplaint(),
      request: { command: 'withdraw', payload: {} },
      actor: reporter,
    },
    {
      name: 'classify',
      complaint: makeComplaint({ formality: 'informal' }),
      request: { command: 'classify', payload: { kind: 'complaint', formality: 'formal' } },
      actor: handler,
    },
    {
      name: 'declare_admissible',
      complaint: makeComplaint(),
      request: { command: 'declare_admissible', payload: {} },
      actor: handler,
    },
    {
      name: 'declare_inadmissible',
      complaint: makeComplaint(),
      request: { command: 'declare_inadmissible', payload: { motivation: T.inadmissible } },
      actor: handler,
    },
    {
      name: 'note_feedback',
      complaint: makeComplaint({ kind: 'feedback' }),
      request: { command: 'note_feedback', payload: {} },
      actor: handler,
    },
    {
      name: 'agree_solution',
      complaint: complaintIn('in_treatment'),
      request: {
        command: 'agree_solution',
        payload: {
          solution: T.solution,
          termOn: '2026-04-01',
          complainantAgreed: true,
          party: { name: T.partyName, organisation: T.partyOrg, contact: T.partyContact },
        },
      },
      actor: handler,
    },
    {
      name: 'report_fix_done',
      complaint: complaintIn('resolved', {
        agreedTermOn: '2026-04-01',
        agreedSolution: T.solution,
      }),
      request: { command: 'report_fix_done', payload: { note: T.fixNote } },
      actor: handler,
    },
    {
      name: 'extend_deadline',
      complaint: complaintIn('in_treatment'),
      request: {
        command: 'extend_deadline',
        payload: { newDueOn: '2026-05-12', reason: T.extension },
      },
      actor: handler,
    },
    {
      name: 'record_committee_verdict',
      complaint: complaintIn('objected', { referredToCommittee: true }),
      request: {
        command: 'record_committee_verdict',
        payload: {
          verdict: 'partly_founded',
          verdictOn: TODAY,
          binding: true,
          followUp: T.followUp,
        },
      },
      actor: director,
    },
    {
      name: 'record_private_note',
      complaint: makeEmployeeComplaint({ status: 'closed' }),
      request: { command: 'record_private_note', payload: { note: T.privateNote } },
      actor: director,
    },
    {
      name: 'record_acceptance',
      complaint: complaintIn('resolved'),
      request: { command: 'record_acceptance', payload: { channel: 'phone', reactedOn: TODAY } },
      actor: handler,
    },
    {
      name: 'record_objection',
      complaint: complaintIn('rejected'),
      request: {
        command: 'record_objection',
        payload: { channel: 'letter', reactedOn: TODAY, reason: T.reason },
      },
      actor: handler,
    },
  ];

  it('covers every command but reassign, appoint_mediator and accept/auto_close (ids only)', () => {
    const covered = new Set(cases.map((c) => c.request.command));
    const rest = COMMANDS.filter((command) => !covered.has(command));
    expect(rest.sort()).toEqual(['accept', 'appoint_mediator', 'auto_close', 'reassign']);
  });

  it.each(cases)('$name', ({ complaint, request, actor }) => {
    const { metadata } = run(
      complaint,
      request,
      actor,
      context({ target: request.command === 'classify' ? people.director : null }),
    );
    for (const value of Object.values(metadata)) {
      expect(['string', 'number', 'boolean'].includes(typeof value) || value === null).toBe(true);
      expect(texts).not.toContain(value);
      if (typeof value === 'string') {
        for (const text of texts) expect(value).not.toContain(text);
      }
    }
  });
});

describe('parsePayload', () => {
  it('declare_unfounded without a motivation → input.motivation_required', () => {
    for (const raw of [{}, { motivation: '' }, { motivation: '   \n\t' }, null, undefined]) {
      const error = domainError(() => parsePayload('declare_unfounded', raw));
      expect(error.code).toBe('input.motivation_required');
      expect(error.fields).toEqual({ motivation: 'required' });
      expect(error.details).toEqual({ command: 'declare_unfounded', field: 'motivation' });
    }
  });

  it('declare_founded does not require a motivation', () => {
    expect(parsePayload('declare_founded', {})).toEqual({ motivation: null });
    expect(parsePayload('declare_founded', { motivation: '  ' })).toEqual({ motivation: null });
  });

  it('object without a reason → input.reason_required', () => {
    for (const raw of [{}, { reason: '' }, { reason: '  ' }]) {
      const error = domainError(() => parsePayload('object', raw));
      expect(error.code).toBe('input.reason_required');
      expect(error.fields).toEqual({ reason: 'required' });
    }
  });

  it('record_resolution without a cause → input.invalid, cause required', () => {
    const error = domainError(() =>
      parsePayload('record_resolution', { resolution: 'Opgelost.', correctiveMeasure: 'Gedaan.' }),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ cause: 'required' });
    expect(error.details).toEqual({ command: 'record_resolution', field: 'cause' });
  });

  it('a value of the wrong type is invalid, not required', () => {
    const reason = domainError(() => parsePayload('object', { reason: 42 }));
    expect(reason.code).toBe('input.invalid');
    expect(reason.fields).toEqual({ reason: 'invalid' });
    const motivation = domainError(() => parsePayload('declare_unfounded', { motivation: 42 }));
    expect(motivation.code).toBe('input.invalid');
    expect(motivation.fields).toEqual({ motivation: 'invalid' });
    const handlerId = domainError(() => parsePayload('reassign', { handlerId: 5 }));
    expect(handlerId.code).toBe('input.invalid');
    expect(handlerId.fields).toEqual({ handlerId: 'invalid' });
  });

  it('record_resolution with an unknown cause → invalid', () => {
    const error = domainError(() =>
      parsePayload('record_resolution', {
        resolution: 'Opgelost.',
        correctiveMeasure: 'Gedaan.',
        cause: 'bad luck',
      }),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ cause: 'invalid' });
  });

  it('text over the limit → too_long; text at the limit passes', () => {
    const atLimit = 'a'.repeat(TEXT_LIMITS.resolution);
    const payload = { resolution: atLimit, correctiveMeasure: 'Gedaan.', cause: 'incidental' };
    expect(parsePayload('record_resolution', payload).resolution).toHaveLength(
      TEXT_LIMITS.resolution,
    );
    const error = domainError(() =>
      parsePayload('record_resolution', { ...payload, resolution: `${atLimit}a` }),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ resolution: 'too_long' });
    const question = domainError(() =>
      parsePayload('request_info', { question: 'q'.repeat(TEXT_LIMITS.question + 1) }),
    );
    expect(question.fields).toEqual({ question: 'too_long' });
  });

  it('the limit counts after trimming', () => {
    const padded = `  ${'a'.repeat(TEXT_LIMITS.reason)}  `;
    expect(parsePayload('object', { reason: padded }).reason).toHaveLength(TEXT_LIMITS.reason);
  });

  it('a too-long motivation is not reported as "motivation required"', () => {
    const error = domainError(() =>
      parsePayload('declare_unfounded', { motivation: 'm'.repeat(TEXT_LIMITS.motivation + 1) }),
    );
    expect(error.fields).toEqual({ motivation: 'too_long' });
    expect(error.code).toBe('input.invalid');
  });

  it('a too-long objection reason is not reported as "reason required"', () => {
    const error = domainError(() =>
      parsePayload('object', { reason: 'r'.repeat(TEXT_LIMITS.reason + 1) }),
    );
    expect(error.fields).toEqual({ reason: 'too_long' });
    expect(error.code).toBe('input.invalid');
  });

  it('strips NUL bytes', () => {
    expect(parsePayload('object', { reason: 'te\u0000laat\u0000' })).toEqual({ reason: 'telaat' });
    expect(parsePayload('declare_founded', { motivation: '\u0000ok' })).toEqual({
      motivation: 'ok',
    });
    const onlyNul = domainError(() => parsePayload('object', { reason: '\u0000\u0000' }));
    expect(onlyNul.code).toBe('input.reason_required');
  });

  it('replaces lone surrogates', () => {
    expect(parsePayload('object', { reason: 'a\uD800b' })).toEqual({ reason: 'a\uFFFDb' });
  });

  it('an organisation-wide measure needs an owner', () => {
    const error = domainError(() =>
      parsePayload('add_measure', {
        scope: 'organisation',
        type: 'preventive',
        description: 'Checklist invoeren.',
        dueOn: '2026-06-01',
      }),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ ownerId: 'required' });
  });

  it('an organisation-wide measure needs a due date, reported on dueOn', () => {
    const error = domainError(() =>
      parsePayload('add_measure', {
        scope: 'organisation',
        type: 'preventive',
        description: 'Checklist invoeren.',
        ownerId: people.qualityAdviser.id,
      }),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ dueOn: 'required' });
  });

  it('an organisation-wide measure without owner and due date names both fields', () => {
    const error = domainError(() =>
      parsePayload('add_measure', {
        scope: 'organisation',
        type: 'preventive',
        description: 'Checklist invoeren.',
      }),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({ ownerId: 'required', dueOn: 'required' });
  });

  it('a client-level measure needs neither owner nor due date', () => {
    expect(
      parsePayload('add_measure', { scope: 'client', type: 'corrective', description: 'Bellen.' }),
    ).toMatchObject({ scope: 'client', type: 'corrective', description: 'Bellen.' });
  });

  it('an organisation-wide improvement inside record_resolution is checked too', () => {
    const error = domainError(() =>
      parsePayload('record_resolution', {
        resolution: 'Opgelost.',
        correctiveMeasure: 'Gedaan.',
        cause: 'structural',
        improvement: { scope: 'organisation', type: 'preventive', description: 'Beleid.' },
      }),
    );
    expect(error.code).toBe('input.invalid');
    expect(error.fields).toEqual({
      'improvement.ownerId': 'required',
      'improvement.dueOn': 'required',
    });
  });

  it('ids must be non-empty', () => {
    expect(domainError(() => parsePayload('reassign', { handlerId: '' })).fields).toEqual({
      handlerId: 'required',
    });
    expect(domainError(() => parsePayload('appoint_mediator', {})).fields).toEqual({
      mediatorId: 'required',
    });
  });

  it('commands without payload accept an empty object', () => {
    expect(parsePayload('accept', undefined)).toEqual({});
    expect(parsePayload('auto_close', {})).toEqual({});
    expect(parsePayload('withdraw', {})).toEqual({});
    expect(parsePayload('refer_to_committee', undefined)).toEqual({});
  });

  it('withdraw and refer_to_committee keep no free text', () => {
    expect(parsePayload('withdraw', { reason: 'r'.repeat(TEXT_LIMITS.reason + 1) })).toEqual({});
    expect(parsePayload('refer_to_committee', { note: 'Zie dossier.' })).toEqual({});
  });
});
