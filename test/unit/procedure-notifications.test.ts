import { describe, expect, it } from 'vitest';
import { eventPayload, readEventFacts } from '../../src/app/messages/event-facts.js';
import { notificationsForCommand, notificationsForReport } from '../../src/app/notifications.js';
import type { OutboxMessage } from '../../src/app/ports.js';
import type { Complaint } from '../../src/domain/complaint.js';
import type { Command } from '../../src/domain/lifecycle.js';
import type { Actor } from '../../src/domain/people.js';
import { parsePayload, transition } from '../../src/domain/transition.js';
import { asActor, makeComplaint, makeEmployeeComplaint, people } from '../fixtures/domain.js';

/**
 * The outbox messages each step of the procedure's second edition implies (issue 12), from
 * the real transition: who is told, with which facts, and never a complaint's text.
 */
const NOW = new Date('2026-03-10T14:30:00Z');

function step(
  complaint: Complaint,
  command: Command,
  payload: unknown = {},
  actor: Actor = asActor(people.handler),
) {
  const request = { command, payload: parsePayload(command, payload) } as Parameters<
    typeof transition
  >[1];
  const { complaint: after } = transition(complaint, request, actor, {
    now: NOW,
    permissions: { directorConflicted: false },
    reactionDueIfOutcomeNow: '2026-03-24',
    objectionDueIfObjectedNow: '2026-04-07',
    today: '2026-03-10',
    target: command === 'classify' ? people.director : null,
  });
  const actorId = actor.kind === 'person' ? actor.person.id : null;
  const messages = notificationsForCommand(command, {
    before: complaint,
    after,
    objectionDeciders: [people.director.id],
    created: {},
    actorId,
  });
  return { after, messages };
}

const sent = (messages: OutboxMessage[]) =>
  messages.map((m) => [m.kind, 'personId' in m.recipient ? m.recipient.personId : null]);

const treated = () =>
  makeComplaint({ status: 'in_treatment', decision: 'founded', decidedBy: people.handler.id });

describe('messages of the procedure steps', () => {
  it('classify moves a formal complaint to the director like a reassignment, else only refreshes the card', () => {
    const informal = makeComplaint({ formality: 'informal' });
    const moved = step(informal, 'classify', { kind: 'complaint', formality: 'formal' });
    expect(sent(moved.messages)).toEqual([
      ['handler_card', people.director.id],
      ['reassigned_away', people.handler.id],
    ]);
    expect(moved.messages[1]?.payload).toMatchObject({
      event: 'classify',
      handlerId: people.director.id,
      previousHandlerId: people.handler.id,
    });
    const stays = step(informal, 'classify', { kind: 'feedback', formality: 'informal' });
    expect(sent(stays.messages)).toEqual([['handler_card', people.handler.id]]);
  });

  it('tells the reporter of an inadmissible complaint and a noted tip', () => {
    const inadmissible = step(makeComplaint(), 'declare_inadmissible', {
      motivation: 'Buiten onze dienstverlening.',
    });
    expect(sent(inadmissible.messages)).toEqual([
      ['handler_card', people.handler.id],
      ['inadmissible', people.reporter.id],
    ]);
    expect(inadmissible.messages[1]?.payload).toMatchObject({ closeReason: 'inadmissible' });
    expect(JSON.stringify(inadmissible.messages)).not.toContain('Buiten');

    const tip = step(makeComplaint({ kind: 'feedback' }), 'note_feedback');
    expect(sent(tip.messages)).toEqual([
      ['handler_card', people.handler.id],
      ['tip_noted', people.reporter.id],
    ]);
    expect(tip.messages[1]?.payload).toMatchObject({ closeReason: 'noted' });
  });

  it('a tip at report goes to the handler with an acknowledgement like any report', () => {
    const messages = notificationsForReport(makeComplaint({ kind: 'feedback' }));
    expect(messages.map((m) => m.kind)).toEqual([
      'acknowledgement',
      'handler_card',
      'quality_notice',
    ]);
  });

  it('an extension carries the new and the previous deadline, not the reason', () => {
    const { messages } = step(treated(), 'extend_deadline', {
      newDueOn: '2026-05-29',
      reason: 'Onderzoek bij de leverancier.',
    });
    const reporter = messages.find((m) => m.kind === 'deadline_extended');
    expect(reporter?.recipient).toEqual({ personId: people.reporter.id });
    expect(reporter?.payload).toMatchObject({
      resolutionDue: '2026-05-29',
      previousResolutionDue: '2026-04-21',
    });
    expect(JSON.stringify(messages)).not.toContain('leverancier');
  });

  it('an agreed solution goes to the reporter with its term, except about an employee', () => {
    const payload = {
      solution: 'Vaste monteursdag.',
      termOn: '2026-03-31',
      complainantAgreed: true,
    };
    const { messages } = step(treated(), 'agree_solution', payload);
    const reporter = messages.find((m) => m.kind === 'solution_agreed');
    expect(reporter?.payload).toMatchObject({ termOn: '2026-03-31' });
    expect(JSON.stringify(messages)).not.toContain('monteursdag');

    const aboutEmployee = makeEmployeeComplaint({
      status: 'in_treatment',
      decision: 'founded',
      decidedBy: people.director.id,
    });
    const quiet = step(aboutEmployee, 'agree_solution', payload, asActor(people.director));
    expect(sent(quiet.messages)).toEqual([['handler_card', people.director.id]]);
  });

  it('the satisfaction question waits for the agreed fix, then goes out with it', () => {
    const agreed = step(treated(), 'agree_solution', {
      solution: 'Vaste monteursdag.',
      termOn: '2026-03-31',
      complainantAgreed: true,
    }).after;
    const resolved = step(agreed, 'record_resolution', {
      resolution: 'Opgelost.',
      cause: 'incidental',
      correctiveMeasure: 'Afspraak.',
    });
    const outcome = resolved.messages.find((m) => m.kind === 'outcome');
    expect(outcome?.payload).toMatchObject({ questionDeferred: true, termOn: '2026-03-31' });
    expect(outcome?.payload).not.toHaveProperty('reactionDue');

    const done = step(resolved.after, 'report_fix_done', {});
    expect(sent(done.messages)).toEqual([
      ['handler_card', people.handler.id],
      ['satisfaction_question', people.reporter.id],
    ]);
    expect(done.messages[1]?.payload).toMatchObject({ reactionDue: '2026-03-24' });

    // Done before the resolution: nothing to ask yet (the outcome will ask).
    const early = step(agreed, 'report_fix_done', {});
    expect(sent(early.messages)).toEqual([['handler_card', people.handler.id]]);
  });

  it('an objection tells its deciders the objection deadline', () => {
    const rejected = makeComplaint({
      status: 'rejected',
      decision: 'unfounded',
      decidedBy: people.handler.id,
      reactionDue: '2026-03-24',
    });
    const { messages } = step(
      rejected,
      'object',
      { reason: 'Niet eens.' },
      asActor(people.reporter),
    );
    const objection = messages.find((m) => m.kind === 'objection');
    expect(objection?.recipient).toEqual({ personId: people.director.id });
    expect(objection?.payload).toMatchObject({ objectionDue: '2026-04-07' });
    expect(readEventFacts(objection?.payload)?.objectionDue).toBe('2026-04-07');
  });

  it("a committee's verdict goes to the reporter as facts, a non-binding one too", () => {
    const objected = makeComplaint({
      status: 'objected',
      decision: 'unfounded',
      decidedBy: people.handler.id,
      referredToCommittee: true,
    });
    const { messages } = step(
      objected,
      'record_committee_verdict',
      { verdict: 'partly_founded', verdictOn: '2026-03-09', binding: false, followUp: 'Script.' },
      asActor(people.director),
    );
    expect(sent(messages)).toEqual([
      ['handler_card', people.handler.id],
      ['committee_verdict', people.reporter.id],
    ]);
    expect(readEventFacts(messages[1]?.payload)).toMatchObject({
      closeReason: 'committee_verdict',
      verdict: 'partly_founded',
      verdictOn: '2026-03-09',
      binding: false,
    });
    expect(JSON.stringify(messages)).not.toContain('Script');
  });

  it('a private note only refreshes the handler card, without the note or its id', () => {
    const complaint = makeEmployeeComplaint({ status: 'in_treatment' });
    const request = {
      command: 'record_private_note' as const,
      payload: parsePayload('record_private_note', { note: 'Afspraak in het dossier.' }),
    };
    const { complaint: after } = transition(complaint, request, asActor(people.director), {
      now: NOW,
      permissions: { directorConflicted: false },
      reactionDueIfOutcomeNow: '2026-03-24',
      target: null,
    });
    const messages = notificationsForCommand('record_private_note', {
      before: complaint,
      after,
      objectionDeciders: [],
      created: { privateNoteId: 'note-1' },
      actorId: people.director.id,
    });
    expect(sent(messages)).toEqual([['handler_card', people.director.id]]);
    const text = JSON.stringify(messages);
    expect(text).not.toContain('dossier');
    expect(text).not.toContain('note-1');
  });

  it('reads back every fact it writes', () => {
    const before = makeComplaint({ status: 'in_treatment' });
    const after = { ...before, resolutionDue: '2026-05-29', version: 2 };
    const payload = eventPayload('extend_deadline', people.handler.id, before, after);
    expect(readEventFacts(payload)).toMatchObject({
      event: 'extend_deadline',
      resolutionDue: '2026-05-29',
      previousResolutionDue: '2026-04-21',
      questionDeferred: null,
    });
    expect(readEventFacts({ event: 'accept', closeReason: 'no_such_reason' })?.closeReason).toBe(
      null,
    );
  });
});
