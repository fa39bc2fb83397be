import { describe, expect, it } from 'vitest';
import { type Complaint, TEXT_LIMITS } from '../../src/domain/complaint.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Actor } from '../../src/domain/people.js';
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

const handler = asActor(people.handler);
const reporter = asActor(people.reporter);
const director = asActor(people.director);

function context(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return {
    now: NOW,
    permissions: { directorConflicted: false },
    reactionDueIfOutcomeNow: REACTION_DUE,
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
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'decidedAt', 'decision', 'firstFeedbackAt', 'motivation', 'status'].sort(),
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
        'decidedAt',
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
        correctiveMeasure: 'Planning aangepast.',
        preventiveMeasure: null,
        improvement: {
          scope: 'organisation',
          type: 'preventive',
          description: 'Planningsregel herzien.',
          ownerId: people.qualityAdviser.id,
          dueOn: '2026-06-01',
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
      preventiveMeasure: false,
      improvement: true,
    });
    expect(changedKeys(before, result.complaint)).toEqual(
      [
        ...ALWAYS,
        'cause',
        'correctiveMeasure',
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
      payload: { scope: 'client', type: 'corrective', description: 'Extra controle.' },
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
    expect(result.metadata).toEqual({ decision: 'unfounded' });
    expect(changedKeys(before, result.complaint)).toEqual(
      [...ALWAYS, 'objectedAt', 'objectionReason', 'status'].sort(),
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

  it('refer_to_committee: flag only', () => {
    const before = complaintIn('objected');
    const result = run(before, { command: 'refer_to_committee', payload: {} }, director);
    expect(result.toStatus).toBe('objected');
    expect(result.complaint.referredToCommittee).toBe(true);
    expect(result.metadata).toEqual({});
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
          correctiveMeasure: T.corrective,
          preventiveMeasure: T.preventive,
          improvement: {
            scope: 'organisation',
            type: 'preventive',
            description: T.improvement,
            ownerId: people.qualityAdviser.id,
            dueOn: '2026-06-01',
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
        payload: { scope: 'client', type: 'corrective', description: T.measure },
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
  ];

  it.each(cases)('$name', ({ complaint, request, actor }) => {
    const { metadata } = run(complaint, request, actor);
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
