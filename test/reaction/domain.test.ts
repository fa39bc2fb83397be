import { describe, expect, it } from 'vitest';
import { notificationsForCommand } from '../../src/app/notifications.js';
import type { OutboxMessage } from '../../src/app/ports.js';
import { REACTION_CHANNELS } from '../../src/domain/commands.js';
import type { Complaint } from '../../src/domain/complaint.js';
import { DomainError } from '../../src/domain/errors.js';
import { allowedCommands, TRANSITIONS } from '../../src/domain/lifecycle.js';
import { type Actor, COMPLAINANT_ACTOR } from '../../src/domain/people.js';
import { authorise } from '../../src/domain/permissions.js';
import {
  type CommandRequest,
  parsePayload,
  type TransitionContext,
  transition,
} from '../../src/domain/transition.js';
import {
  asActor,
  complaintIn,
  makeComplaint,
  makeEmployeeComplaint,
  makePerson,
  people,
  systemActor,
} from '../fixtures/domain.js';

/**
 * Issue 11, part 6: staff record the complainant's reaction that came by phone, letter, e-mail
 * or in person: `record_acceptance` and `record_objection`, with the same effects as the
 * reporter's `accept` and `object`, the channel and day in the audit.
 */
const NOW = new Date('2026-03-10T14:30:00Z');
const TODAY = '2026-03-10';
const OBJECTION_DUE_NOW = '2026-04-07';

function context(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return {
    now: NOW,
    permissions: { directorConflicted: false },
    reactionDueIfOutcomeNow: '2026-03-24',
    objectionDueIfObjectedNow: OBJECTION_DUE_NOW,
    today: TODAY,
    target: null,
    ...overrides,
  };
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const handler = asActor(people.handler);
const rejected = () =>
  complaintIn('rejected', {
    decidedBy: people.handler.id,
    decidedAt: new Date('2026-03-05T10:00:00Z'),
    reactionDue: '2026-03-19',
  });
const resolved = () =>
  complaintIn('resolved', {
    resolvedAt: new Date('2026-03-06T10:00:00Z'),
    reactionDue: '2026-03-20',
  });

describe('the lifecycle: exactly where the reporter accepts or objects', () => {
  it('record_acceptance and record_objection go where accept and object go, nowhere else', () => {
    for (const [status, row] of Object.entries(TRANSITIONS)) {
      const commands = row as Record<string, string | undefined>;
      expect(commands.record_acceptance, status).toBe(commands.accept);
      expect(commands.record_objection, status).toBe(commands.object);
    }
  });

  it('not while an agreed fix is pending, like accept and object', () => {
    const pending = complaintIn('resolved', { agreedTermOn: '2026-04-01', reactionDue: null });
    const allowed = allowedCommands(pending);
    expect(allowed).not.toContain('accept');
    expect(allowed).not.toContain('record_acceptance');
    expect(allowed).not.toContain('record_objection');
    expect(allowedCommands(resolved())).toEqual(
      expect.arrayContaining(['accept', 'object', 'record_acceptance', 'record_objection']),
    );
  });
});

describe('the payloads', () => {
  it('a channel of phone, letter, e-mail or in person and a day; the objection a reason', () => {
    expect([...REACTION_CHANNELS]).toEqual(['phone', 'letter', 'email', 'in_person']);
    expect(parsePayload('record_acceptance', { channel: 'phone', reactedOn: TODAY })).toEqual({
      channel: 'phone',
      reactedOn: TODAY,
    });
    expect(
      parsePayload('record_objection', {
        channel: 'letter',
        reactedOn: TODAY,
        reason: '  Niet eens  ',
      }),
    ).toEqual({ channel: 'letter', reactedOn: TODAY, reason: 'Niet eens' });
  });

  it('refuses a missing reason, a chat or unknown channel and a malformed day, by field', () => {
    const noReason = refusal(() =>
      parsePayload('record_objection', { channel: 'phone', reactedOn: TODAY, reason: ' ' }),
    );
    expect(noReason.code).toBe('input.reason_required');
    for (const channel of ['chat', 'web_form', 'fax', undefined]) {
      const error = refusal(() => parsePayload('record_acceptance', { channel, reactedOn: TODAY }));
      expect(error.code, String(channel)).toBe('input.invalid');
      expect(Object.keys(error.fields)).toEqual(['channel']);
    }
    const badDay = refusal(() =>
      parsePayload('record_acceptance', { channel: 'phone', reactedOn: '10-03-2026' }),
    );
    expect(Object.keys(badDay.fields)).toEqual(['reactedOn']);
  });
});

describe('the transition: the effects of accept and object, channel and day in the audit', () => {
  it('record_acceptance closes as accepted; the audit says how and when, nothing else', () => {
    const before = resolved();
    const request: CommandRequest = {
      command: 'record_acceptance',
      payload: { channel: 'phone', reactedOn: '2026-03-09' },
    };
    const recorded = transition(before, request, handler, context());
    const accepted = transition(
      before,
      { command: 'accept', payload: {} },
      asActor(people.reporter),
      context(),
    );
    expect(recorded.toStatus).toBe('closed');
    expect(recorded.complaint).toEqual(accepted.complaint);
    expect(recorded.complaint).toMatchObject({ closeReason: 'accepted', closedAt: NOW });
    expect(recorded.metadata).toEqual({ channel: 'phone', receivedOn: '2026-03-09' });
  });

  it('record_objection objects with the reason; its term runs from the day it came in', () => {
    const before = rejected();
    const reason = 'REDEN: de uitkomst klopt niet';
    const request: CommandRequest = {
      command: 'record_objection',
      payload: { channel: 'letter', reactedOn: '2026-03-06', reason },
    };
    const from: string[] = [];
    const recorded = transition(
      before,
      request,
      handler,
      context({
        objectionDueFrom: (day) => {
          from.push(day);
          return '2026-04-03';
        },
      }),
    );
    expect(from).toEqual(['2026-03-06']);
    expect(recorded.toStatus).toBe('objected');
    expect(recorded.complaint).toMatchObject({
      status: 'objected',
      objectedAt: NOW,
      objectionReason: reason,
      objectionDue: '2026-04-03',
    });
    expect(recorded.metadata).toEqual({
      channel: 'letter',
      receivedOn: '2026-03-06',
      decision: 'unfounded',
      objectionDue: '2026-04-03',
    });
    expect(JSON.stringify(recorded.metadata)).not.toContain('REDEN');
    // Without the calendar function, the term runs from today, as for the reporter's object.
    const plain = transition(before, request, handler, context());
    const objected = transition(
      before,
      { command: 'object', payload: { reason } },
      asActor(people.reporter),
      context(),
    );
    expect(plain.complaint).toEqual(objected.complaint);
    expect(plain.complaint.objectionDue).toBe(OBJECTION_DUE_NOW);
  });

  it('refuses a day in the future and a day before the outcome, by field', () => {
    const future = refusal(() =>
      transition(
        resolved(),
        { command: 'record_acceptance', payload: { channel: 'phone', reactedOn: '2026-03-11' } },
        handler,
        context(),
      ),
    );
    expect(future.code).toBe('input.invalid');
    expect(future.fields).toEqual({ reactedOn: 'in_future' });
    // Resolved on 6 March: a reaction of the 5th predates it; one of the 6th does not.
    const early = refusal(() =>
      transition(
        resolved(),
        {
          command: 'record_objection',
          payload: { channel: 'email', reactedOn: '2026-03-05', reason: 'Nee' },
        },
        handler,
        context(),
      ),
    );
    expect(early.fields).toEqual({ reactedOn: 'in_past' });
    const sameDay = transition(
      resolved(),
      { command: 'record_acceptance', payload: { channel: 'in_person', reactedOn: '2026-03-06' } },
      handler,
      context(),
    );
    expect(sameDay.toStatus).toBe('closed');
    // Rejected on 5 March: the decision's day counts.
    const beforeDecision = refusal(() =>
      transition(
        rejected(),
        { command: 'record_acceptance', payload: { channel: 'phone', reactedOn: '2026-03-04' } },
        handler,
        context(),
      ),
    );
    expect(beforeDecision.fields).toEqual({ reactedOn: 'in_past' });
  });

  it("the outcome's day is the organisation's: just after midnight it is already the next day", () => {
    // 23:30 UTC on 5 March is 00:30 on 6 March in Amsterdam.
    const lateNight = complaintIn('resolved', { resolvedAt: new Date('2026-03-05T23:30:00Z') });
    const request: CommandRequest = {
      command: 'record_acceptance',
      payload: { channel: 'phone', reactedOn: '2026-03-05' },
    };
    const amsterdam = (at: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);
    expect(
      refusal(() => transition(lateNight, request, handler, context({ localDate: amsterdam })))
        .fields,
    ).toEqual({ reactedOn: 'in_past' });
  });
});

describe('who may record a reaction', () => {
  const ok = (actor: Actor, complaint: Complaint) => {
    try {
      authorise(actor, 'record_objection', complaint, { directorConflicted: false });
      authorise(actor, 'record_acceptance', complaint, { directorConflicted: false });
      return 'ok';
    } catch (error) {
      return (error as DomainError).code;
    }
  };

  it('the reporter who took it in for someone else, the handler and the secretariat; nobody else', () => {
    const complaint = { ...rejected(), intakeChannel: 'phone' as const };
    expect(ok(asActor(people.reporter), complaint)).toBe('ok');
    // Typed into chat by the reporter themselves: they react with Akkoord / Bezwaar instead.
    expect(ok(asActor(people.reporter), rejected())).toBe('complaint.not_permitted');
    expect(ok(handler, complaint)).toBe('ok');
    expect(ok(asActor(people.secretariat), complaint)).toBe('ok');
    for (const other of [people.otherHandler, people.director, people.qualityAdviser]) {
      expect(ok(asActor(other), complaint), other.id).toBe('complaint.not_permitted');
    }
    expect(ok(asActor(people.mediator), { ...complaint, mediatorId: people.mediator.id })).toBe(
      'complaint.not_permitted',
    );
  });

  it('not an inactive secretary, the system or the complainant (they accept or object themselves)', () => {
    const complaint = rejected();
    const former = makePerson('saskia', ['secretariat'], { active: false });
    expect(ok(asActor(former), complaint)).toBe('complaint.not_permitted');
    expect(ok(systemActor, complaint)).toBe('complaint.not_permitted');
    expect(ok(COMPLAINANT_ACTOR, complaint)).toBe('complaint.not_permitted');
  });

  it('about an employee: the reporter and the handling director; not the secretariat, never the subject', () => {
    const complaint = makeEmployeeComplaint({ status: 'resolved', intakeChannel: 'letter' });
    expect(ok(asActor(people.reporter), complaint)).toBe('ok');
    expect(ok(asActor(people.director), complaint)).toBe('ok');
    expect(ok(asActor(people.secretariat), complaint)).toBe('complaint.not_permitted');
    expect(ok(asActor(people.subject), complaint)).toBe('complaint.not_permitted');
    // A secretary who is the subject, even as its handler on paper, may not record it.
    const secretary = asActor(makePerson('sofie', ['secretariat', 'handler']));
    const aboutSecretary = makeEmployeeComplaint({
      status: 'resolved',
      subjectPersonId: 'sofie',
      handlerId: 'sofie',
    });
    expect(ok(secretary, aboutSecretary)).toBe('complaint.not_permitted');
  });

  it('a handler who also reported it may record it (recording is not deciding)', () => {
    const complaint = makeComplaint({
      status: 'resolved',
      reporterId: people.handler.id,
      resolvedAt: new Date('2026-03-06T10:00:00Z'),
    });
    expect(ok(handler, complaint)).toBe('ok');
  });
});

describe('who is told', () => {
  const sent = (messages: OutboxMessage[]) =>
    messages.map((m) => [m.kind, 'personId' in m.recipient ? m.recipient.personId : null]);

  function step(complaint: Complaint, request: CommandRequest, actor: Actor = handler) {
    const { complaint: after } = transition(complaint, request, actor, context());
    return notificationsForCommand(request.command, {
      before: complaint,
      after,
      objectionDeciders: [people.director.id],
      created: {},
      actorId: actor.kind === 'person' ? actor.person.id : null,
    });
  }

  it('an objection: the live card, the reporter, and the objection deciders, as for object', () => {
    const messages = step(rejected(), {
      command: 'record_objection',
      payload: { channel: 'phone', reactedOn: TODAY, reason: 'Nee' },
    });
    expect(sent(messages)).toEqual([
      ['handler_card', people.handler.id],
      ['reaction_recorded', people.reporter.id],
      ['objection', people.director.id],
    ]);
    for (const message of messages) expect(JSON.stringify(message.payload)).not.toContain('Nee');
  });

  it('an acceptance: the live card and the reporter', () => {
    const messages = step(resolved(), {
      command: 'record_acceptance',
      payload: { channel: 'email', reactedOn: TODAY },
    });
    expect(sent(messages)).toEqual([
      ['handler_card', people.handler.id],
      ['reaction_recorded', people.reporter.id],
    ]);
  });
});
