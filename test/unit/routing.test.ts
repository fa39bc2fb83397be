import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Person } from '../../src/domain/people.js';
import { directorConflicted, isEligibleHandler } from '../../src/domain/permissions.js';
import { type RoutingInput, routeComplaint } from '../../src/domain/routing.js';
import { makePerson, people } from '../fixtures/domain.js';

const org: readonly Person[] = [
  people.reporter,
  people.handler,
  people.otherHandler,
  people.director,
  people.qualityAdviser,
  people.secretariat,
  people.subject,
];

function input(overrides: Partial<RoutingInput> = {}): RoutingInput {
  return {
    categoryHandlerId: people.handler.id,
    concernsEmployee: false,
    subjectPersonId: null,
    reporterId: people.reporter.id,
    formal: false,
    formalToDirector: true,
    ...overrides,
  };
}

function routingError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('routeComplaint: ordinary complaints', () => {
  it("goes to the category's handler", () => {
    expect(routeComplaint(input(), org)).toBe(people.handler.id);
    expect(routeComplaint(input({ categoryHandlerId: people.otherHandler.id }), org)).toBe(
      people.otherHandler.id,
    );
  });

  it('falls back to the quality adviser when the category handler is inactive', () => {
    const inactiveHandler = makePerson(people.handler.id, people.handler.roles, { active: false });
    const withInactive = org.map((person) =>
      person.id === people.handler.id ? inactiveHandler : person,
    );
    expect(routeComplaint(input(), withInactive)).toBe(people.qualityAdviser.id);
  });

  it('falls back to the quality adviser when the category handler is the reporter', () => {
    expect(routeComplaint(input({ reporterId: people.handler.id }), org)).toBe(
      people.qualityAdviser.id,
    );
  });

  it('falls back to the quality adviser when the category has no handler or an unknown one', () => {
    expect(routeComplaint(input({ categoryHandlerId: null }), org)).toBe(people.qualityAdviser.id);
    expect(routeComplaint(input({ categoryHandlerId: 'nobody' }), org)).toBe(
      people.qualityAdviser.id,
    );
  });

  it('then to the director when the quality adviser is unavailable too', () => {
    const input1 = input({ reporterId: people.qualityAdviser.id, categoryHandlerId: null });
    expect(routeComplaint(input1, org)).toBe(people.director.id);
    const noAdviser = org.filter((person) => person.id !== people.qualityAdviser.id);
    expect(routeComplaint(input({ categoryHandlerId: null }), noAdviser)).toBe(people.director.id);
  });
});

describe('routeComplaint: complaints about an employee', () => {
  const aboutSem = input({ concernsEmployee: true, subjectPersonId: people.subject.id });

  it('go to the director, never the category handler', () => {
    expect(routeComplaint(aboutSem, org)).toBe(people.director.id);
  });

  it('go to the director even when the category handler is the subject', () => {
    expect(routeComplaint({ ...aboutSem, categoryHandlerId: people.subject.id }, org)).toBe(
      people.director.id,
    );
  });

  it('go to an uninvolved director when another director is the subject', () => {
    const second = makePerson('daan', ['director']);
    const aboutDiana = { ...aboutSem, subjectPersonId: people.director.id };
    expect(routeComplaint(aboutDiana, [...org, second])).toBe(second.id);
  });

  it('go to the quality adviser when the director is the subject', () => {
    const aboutDiana = { ...aboutSem, subjectPersonId: people.director.id };
    expect(routeComplaint(aboutDiana, org)).toBe(people.qualityAdviser.id);
  });

  it('go to the quality adviser when the director reported it', () => {
    expect(routeComplaint({ ...aboutSem, reporterId: people.director.id }, org)).toBe(
      people.qualityAdviser.id,
    );
  });

  it('skip an inactive director', () => {
    const withFormerOnly = org
      .filter((person) => person.id !== people.director.id)
      .concat(people.inactiveDirector);
    expect(routeComplaint(aboutSem, withFormerOnly)).toBe(people.qualityAdviser.id);
  });
});

describe('routeComplaint: formal complaints (seed 002)', () => {
  const formal = input({ formal: true });

  it('go to the director, not the category handler, when the organisation says so', () => {
    expect(routeComplaint(formal, org)).toBe(people.director.id);
  });

  it("go to the category's handler when the organisation keeps them on the ordinary route", () => {
    expect(routeComplaint({ ...formal, formalToDirector: false }, org)).toBe(people.handler.id);
  });

  it('an informal complaint is not affected by the rule', () => {
    expect(routeComplaint(input({ formal: false, formalToDirector: true }), org)).toBe(
      people.handler.id,
    );
  });

  it('go to an uninvolved director when the director reported it', () => {
    const second = makePerson('daan', ['director']);
    const byDiana = { ...formal, reporterId: people.director.id };
    expect(routeComplaint(byDiana, [...org, second])).toBe(second.id);
  });

  it('fall back to the quality adviser when no director is uninvolved or active', () => {
    expect(routeComplaint({ ...formal, reporterId: people.director.id }, org)).toBe(
      people.qualityAdviser.id,
    );
    const withFormerOnly = org
      .filter((person) => person.id !== people.director.id)
      .concat(people.inactiveDirector);
    expect(routeComplaint(formal, withFormerOnly)).toBe(people.qualityAdviser.id);
  });

  it("then to the category's handler, the last one left", () => {
    const noDirectorNoAdviser = [people.reporter, people.handler, people.secretariat];
    expect(routeComplaint(formal, noDirectorNoAdviser)).toBe(people.handler.id);
    expect(() =>
      routeComplaint({ ...formal, categoryHandlerId: null }, noDirectorNoAdviser),
    ).toThrow(DomainError);
  });

  it('a formal complaint about an employee follows the employee rule (director, then adviser)', () => {
    const aboutDiana = {
      ...formal,
      concernsEmployee: true,
      subjectPersonId: people.director.id,
    };
    expect(routeComplaint(aboutDiana, org)).toBe(people.qualityAdviser.id);
    expect(routeComplaint({ ...aboutDiana, formalToDirector: false }, org)).toBe(
      people.qualityAdviser.id,
    );
  });
});

describe('routeComplaint: nobody available', () => {
  it('throws routing.no_handler for an employee complaint with no uninvolved director or adviser', () => {
    const aboutDiana = input({
      concernsEmployee: true,
      subjectPersonId: people.director.id,
      reporterId: people.qualityAdviser.id,
    });
    const error = routingError(() => routeComplaint(aboutDiana, org));
    expect(error.code).toBe('routing.no_handler');
  });

  it('throws routing.no_handler for an ordinary complaint when everyone is unavailable', () => {
    const onlyReporterAndHandler = [people.reporter, people.handler];
    const error = routingError(() =>
      routeComplaint(input({ reporterId: people.handler.id }), onlyReporterAndHandler),
    );
    expect(error.code).toBe('routing.no_handler');
    expect(routingError(() => routeComplaint(input(), [])).code).toBe('routing.no_handler');
  });
});

describe('routeComplaint agrees with isEligibleHandler', () => {
  const inputs: { name: string; input: RoutingInput }[] = [
    { name: 'ordinary', input: input() },
    { name: 'handler reports', input: input({ reporterId: people.handler.id }) },
    {
      name: 'about an employee',
      input: input({ concernsEmployee: true, subjectPersonId: people.subject.id }),
    },
    {
      name: 'about the director',
      input: input({ concernsEmployee: true, subjectPersonId: people.director.id }),
    },
    { name: 'formal', input: input({ formal: true }) },
    {
      name: 'formal, reported by the director',
      input: input({ formal: true, reporterId: people.director.id }),
    },
  ];
  it.each(inputs)('$name: the routed person is an eligible handler', ({ input: routing }) => {
    const handlerId = routeComplaint(routing, org);
    const handler = org.find((person) => person.id === handlerId);
    expect(handler).toBeDefined();
    const parties = { ...routing, handlerId, mediatorId: null };
    const context = { directorConflicted: directorConflicted(org, parties) };
    expect(isEligibleHandler(handler!, parties, context)).toBe(true);
  });
});
