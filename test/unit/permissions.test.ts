import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint.js';
import { DomainError, type ErrorCode } from '../../src/domain/errors.js';
import { COMMANDS, type Command } from '../../src/domain/lifecycle.js';
import type { Actor, Person } from '../../src/domain/people.js';
import {
  authorise,
  canSee,
  directorConflicted,
  hasObjectionAuthority,
  isEligibleHandler,
  isEligibleMediator,
  isInvolved,
  type PermissionContext,
} from '../../src/domain/permissions.js';
import {
  asActor,
  makeComplaint,
  makeDirectorComplaint,
  makeEmployeeComplaint,
  makePerson,
  people,
  systemActor,
} from '../fixtures/domain.js';

type Outcome = 'ok' | 'not_permitted' | 'conflict';
type ActorKey =
  | 'reporter'
  | 'handler'
  | 'otherHandler'
  | 'director'
  | 'qualityAdviser'
  | 'secretariat'
  | 'mediator'
  | 'subject'
  | 'inactive'
  | 'system';

const ACTORS: Record<ActorKey, Actor> = {
  reporter: asActor(people.reporter),
  handler: asActor(people.handler),
  otherHandler: asActor(people.otherHandler),
  director: asActor(people.director),
  qualityAdviser: asActor(people.qualityAdviser),
  secretariat: asActor(people.secretariat),
  mediator: asActor(people.mediator),
  subject: asActor(people.subject),
  inactive: asActor(people.inactive),
  system: systemActor,
};
const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

/** A row of the matrix: the commands listed are `ok` or `conflict`; every other one is denied. */
function row(spec: { ok?: readonly Command[]; conflict?: readonly Command[] }) {
  const out = {} as Record<Command, Outcome>;
  for (const command of COMMANDS) {
    out[command] = spec.ok?.includes(command)
      ? 'ok'
      : spec.conflict?.includes(command)
        ? 'conflict'
        : 'not_permitted';
  }
  return out;
}

const ASSESS: readonly Command[] = [
  'request_info',
  'declare_founded',
  'declare_unfounded',
  'record_resolution',
  'add_measure',
  'reassign',
];
const OWN: readonly Command[] = ['provide_info', 'accept', 'object', 'withdraw'];
const OBJECTION: readonly Command[] = [
  'appoint_mediator',
  'refer_to_committee',
  'record_final_outcome',
];
const NOTHING = row({});

interface Scenario {
  name: string;
  complaint: Complaint;
  context: PermissionContext;
  expected: Record<ActorKey, Record<Command, Outcome>>;
  visible: Record<ActorKey, boolean | null>;
}

/**
 * (a) An ordinary complaint: Rita reports, Hanna handles, Mo mediates. Sem has no part in it.
 * Involved people (subject, reporter) attempting to assess, reassign or decide an objection get
 * `complaint.conflict_of_interest`; everybody else without the right gets `not_permitted`.
 */
const ordinary: Scenario = {
  name: 'ordinary complaint',
  complaint: makeComplaint({ status: 'objected', mediatorId: people.mediator.id }),
  context: { directorConflicted: false },
  expected: {
    reporter: row({ ok: OWN, conflict: [...ASSESS, ...OBJECTION] }),
    handler: row({ ok: ASSESS }),
    otherHandler: NOTHING,
    director: row({ ok: [...ASSESS, ...OBJECTION] }),
    qualityAdviser: row({ ok: ASSESS }),
    secretariat: NOTHING,
    mediator: row({ ok: ['record_final_outcome'] }),
    subject: NOTHING,
    inactive: NOTHING,
    system: row({ ok: ['auto_close'] }),
  },
  visible: {
    reporter: true,
    handler: true,
    otherHandler: false,
    director: true,
    qualityAdviser: true,
    secretariat: true,
    mediator: true,
    subject: false,
    inactive: false,
    system: null,
  },
};

/** (b) A complaint about Sem's behaviour: the director handles it; QA and secretariat stay out. */
const aboutEmployee: Scenario = {
  name: 'complaint about an employee',
  complaint: makeEmployeeComplaint({ status: 'objected', mediatorId: people.mediator.id }),
  context: { directorConflicted: false },
  expected: {
    reporter: row({ ok: OWN, conflict: [...ASSESS, ...OBJECTION] }),
    handler: NOTHING,
    otherHandler: NOTHING,
    director: row({ ok: [...ASSESS, ...OBJECTION] }),
    qualityAdviser: NOTHING,
    secretariat: NOTHING,
    mediator: row({ ok: ['record_final_outcome'] }),
    subject: row({ conflict: [...ASSESS, ...OBJECTION] }),
    inactive: NOTHING,
    system: row({ ok: ['auto_close'] }),
  },
  visible: {
    reporter: true,
    handler: false,
    otherHandler: false,
    director: true,
    qualityAdviser: false,
    secretariat: false,
    mediator: true,
    subject: false,
    inactive: false,
    system: null,
  },
};

/** (c) A complaint about the director: the quality adviser handles it and takes the director's part. */
const aboutDirector: Scenario = {
  name: 'complaint about the director',
  complaint: makeDirectorComplaint({ status: 'objected', mediatorId: people.mediator.id }),
  context: { directorConflicted: true },
  expected: {
    reporter: row({ ok: OWN, conflict: [...ASSESS, ...OBJECTION] }),
    handler: NOTHING,
    otherHandler: NOTHING,
    director: row({ conflict: [...ASSESS, ...OBJECTION] }),
    qualityAdviser: row({ ok: [...ASSESS, ...OBJECTION] }),
    secretariat: NOTHING,
    mediator: row({ ok: ['record_final_outcome'] }),
    subject: NOTHING,
    inactive: NOTHING,
    system: row({ ok: ['auto_close'] }),
  },
  visible: {
    reporter: true,
    handler: false,
    otherHandler: false,
    director: false,
    qualityAdviser: true,
    secretariat: false,
    mediator: true,
    subject: false,
    inactive: false,
    system: null,
  },
};

const SCENARIOS = [ordinary, aboutEmployee, aboutDirector];

function outcomeOf(fn: () => void): Outcome | ErrorCode | 'other error' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (!(error instanceof DomainError)) return 'other error';
    if (error.code === 'complaint.not_permitted') return 'not_permitted';
    if (error.code === 'complaint.conflict_of_interest') return 'conflict';
    return error.code;
  }
}

describe.each(SCENARIOS)('authorise: $name', (scenario) => {
  for (const actorKey of ACTOR_KEYS) {
    describe(actorKey, () => {
      for (const command of COMMANDS) {
        const expected = scenario.expected[actorKey][command];
        it(`${command}: ${expected}`, () => {
          const outcome = outcomeOf(() =>
            authorise(ACTORS[actorKey], command, scenario.complaint, scenario.context),
          );
          expect(outcome).toBe(expected);
        });
      }
    });
  }
});

describe('authorise: details', () => {
  it('an involved person gets a conflict for assessing, reassigning or deciding, whatever their role', () => {
    const complaint = makeEmployeeComplaint({ status: 'objected' });
    const context = { directorConflicted: false };
    for (const actor of [ACTORS.subject, ACTORS.reporter]) {
      for (const command of [...ASSESS, ...OBJECTION]) {
        expect(outcomeOf(() => authorise(actor, command, complaint, context))).toBe('conflict');
      }
    }
  });

  it("the subject's use of reporter commands is simply not permitted", () => {
    const complaint = makeEmployeeComplaint({ status: 'resolved' });
    for (const command of OWN) {
      expect(
        outcomeOf(() =>
          authorise(ACTORS.subject, command, complaint, { directorConflicted: false }),
        ),
      ).toBe('not_permitted');
    }
  });

  it('a handler who is also the reporter gets a conflict, not permission', () => {
    const complaint = makeComplaint({ reporterId: people.handler.id, status: 'objected' });
    const context = { directorConflicted: false };
    for (const command of [...ASSESS, ...OBJECTION]) {
      expect(outcomeOf(() => authorise(ACTORS.handler, command, complaint, context))).toBe(
        'conflict',
      );
    }
    for (const command of OWN) {
      expect(outcomeOf(() => authorise(ACTORS.handler, command, complaint, context))).toBe('ok');
    }
  });

  it('a quality adviser who reported an ordinary complaint may not assess it', () => {
    const complaint = makeComplaint({ reporterId: people.qualityAdviser.id });
    const context = { directorConflicted: false };
    for (const command of ASSESS) {
      expect(outcomeOf(() => authorise(ACTORS.qualityAdviser, command, complaint, context))).toBe(
        'conflict',
      );
    }
  });

  it('a director who reported an ordinary complaint may not assess it or decide the objection', () => {
    const complaint = makeComplaint({ reporterId: people.director.id, status: 'objected' });
    const context = { directorConflicted: true };
    for (const command of [...ASSESS, ...OBJECTION]) {
      expect(outcomeOf(() => authorise(ACTORS.director, command, complaint, context))).toBe(
        'conflict',
      );
    }
  });

  it('an inactive director or inactive assigned handler may do nothing at all', () => {
    const inactiveHandler = makePerson('hanna', people.handler.roles, { active: false });
    for (const complaint of [makeComplaint(), makeEmployeeComplaint()]) {
      for (const person of [people.inactiveDirector, inactiveHandler]) {
        for (const command of COMMANDS) {
          expect(
            outcomeOf(() =>
              authorise(asActor(person), command, complaint, { directorConflicted: false }),
            ),
          ).toBe('not_permitted');
        }
      }
    }
  });

  it('an inactive reporter may not withdraw or react', () => {
    const reporter = makePerson('rita', people.reporter.roles, { active: false });
    for (const command of OWN) {
      expect(
        outcomeOf(() =>
          authorise(asActor(reporter), command, makeComplaint(), { directorConflicted: false }),
        ),
      ).toBe('not_permitted');
    }
  });

  it('a mediator of a different complaint may not record the final outcome', () => {
    const complaint = makeComplaint({ status: 'objected', mediatorId: null });
    expect(
      outcomeOf(() =>
        authorise(ACTORS.mediator, 'record_final_outcome', complaint, {
          directorConflicted: false,
        }),
      ),
    ).toBe('not_permitted');
  });

  it('the quality adviser does not decide objections on ordinary complaints', () => {
    expect(
      hasObjectionAuthority(people.qualityAdviser, makeComplaint(), { directorConflicted: false }),
    ).toBe(false);
    expect(
      hasObjectionAuthority(people.qualityAdviser, makeComplaint(), { directorConflicted: true }),
    ).toBe(true);
  });

  it('refusals carry the command but no personal data in details', () => {
    try {
      authorise(ACTORS.otherHandler, 'declare_founded', makeComplaint(), {
        directorConflicted: false,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual({ command: 'declare_founded' });
    }
  });
});

describe.each(SCENARIOS)('canSee: $name', (scenario) => {
  const rows = ACTOR_KEYS.flatMap((key) => {
    const actor = ACTORS[key];
    const visible = scenario.visible[key];
    return actor.kind === 'person' && visible !== null
      ? [{ key, person: actor.person, visible }]
      : [];
  });
  it.each(rows)('$key → $visible', ({ person, visible }) => {
    expect(canSee(person, scenario.complaint)).toBe(visible);
  });
});

describe('canSee: edge cases', () => {
  it('the subject never sees the complaint, whatever else they are', () => {
    const asReporter = makeEmployeeComplaint({ reporterId: people.subject.id });
    const asHandler = makeEmployeeComplaint({ handlerId: people.subject.id });
    const asMediator = makeEmployeeComplaint({ mediatorId: people.subject.id });
    for (const complaint of [asReporter, asHandler, asMediator]) {
      expect(canSee(people.subject, complaint)).toBe(false);
    }
    const subjectDirector = makeDirectorComplaint({ reporterId: people.director.id });
    expect(canSee(people.director, subjectDirector)).toBe(false);
  });

  it('a mediator only sees the complaint they mediate', () => {
    expect(canSee(people.mediator, makeComplaint({ mediatorId: people.mediator.id }))).toBe(true);
    expect(canSee(people.mediator, makeComplaint())).toBe(false);
  });

  it('the director sees every complaint they are not the subject of', () => {
    for (const complaint of [makeComplaint(), makeEmployeeComplaint({ handlerId: 'someone' })]) {
      expect(canSee(people.director, complaint)).toBe(true);
    }
  });

  it('a quality adviser who handles an employee complaint sees it (as handler)', () => {
    const complaint = makeEmployeeComplaint({ handlerId: people.qualityAdviser.id });
    expect(canSee(people.qualityAdviser, complaint)).toBe(true);
  });

  it('an inactive person sees nothing, not even as reporter, handler, mediator or director', () => {
    const formerRita = makePerson('rita', people.reporter.roles, { active: false });
    const formerHanna = makePerson('hanna', people.handler.roles, { active: false });
    const formerMo = makePerson('mo', people.mediator.roles, { active: false });
    const formerQuinten = makePerson('quinten', people.qualityAdviser.roles, { active: false });
    const complaint = makeComplaint({ mediatorId: people.mediator.id });
    for (const person of [
      formerRita,
      formerHanna,
      formerMo,
      formerQuinten,
      people.inactiveDirector,
      people.inactive,
    ]) {
      expect(canSee(person, complaint)).toBe(false);
    }
    expect(canSee(people.inactiveDirector, makeEmployeeComplaint())).toBe(false);
  });
});

describe('isInvolved', () => {
  it('is the subject or the reporter, nobody else', () => {
    const complaint = makeEmployeeComplaint();
    expect(isInvolved(people.subject.id, complaint)).toBe(true);
    expect(isInvolved(people.reporter.id, complaint)).toBe(true);
    expect(isInvolved(people.director.id, complaint)).toBe(false);
    expect(isInvolved(people.mediator.id, complaint)).toBe(false);
  });
});

describe('isEligibleHandler', () => {
  const cases: {
    name: string;
    complaint: Complaint;
    context: PermissionContext;
    eligible: readonly Person[];
  }[] = [
    {
      name: 'ordinary complaint',
      complaint: makeComplaint(),
      context: { directorConflicted: false },
      eligible: [
        people.handler,
        people.otherHandler,
        people.director,
        people.qualityAdviser,
        people.subject,
      ],
    },
    {
      name: 'complaint about an employee',
      complaint: makeEmployeeComplaint(),
      context: { directorConflicted: false },
      eligible: [people.director],
    },
    {
      name: 'complaint about an employee, director conflicted',
      complaint: makeEmployeeComplaint(),
      context: { directorConflicted: true },
      eligible: [people.director, people.qualityAdviser],
    },
    {
      name: 'complaint about the director',
      complaint: makeDirectorComplaint(),
      context: { directorConflicted: true },
      eligible: [people.qualityAdviser],
    },
  ];
  const everyone = Object.values(people);
  describe.each(cases)('$name', ({ complaint, context, eligible }) => {
    it.each(everyone.map((person) => ({ id: person.id, person })))('$id', ({ person }) => {
      expect(isEligibleHandler(person, complaint, context)).toBe(eligible.includes(person));
    });
  });

  it('a handler who reported the complaint is not eligible for it', () => {
    const complaint = makeComplaint({ reporterId: people.otherHandler.id });
    expect(isEligibleHandler(people.otherHandler, complaint, { directorConflicted: false })).toBe(
      false,
    );
  });
});

describe('isEligibleMediator', () => {
  it('an ordinary complaint: anyone active who is not the reporter or the handler', () => {
    const complaint = makeComplaint();
    expect(isEligibleMediator(people.mediator, complaint)).toBe(true);
    expect(isEligibleMediator(people.otherHandler, complaint)).toBe(true);
    expect(isEligibleMediator(people.director, complaint)).toBe(true);
    expect(isEligibleMediator(people.handler, complaint)).toBe(false);
    expect(isEligibleMediator(people.reporter, complaint)).toBe(false);
    expect(isEligibleMediator(people.inactive, complaint)).toBe(false);
  });

  it('a complaint about an employee: not the subject, not the deciding director', () => {
    const complaint = makeEmployeeComplaint();
    expect(isEligibleMediator(people.subject, complaint)).toBe(false);
    expect(isEligibleMediator(people.director, complaint)).toBe(false);
    expect(isEligibleMediator(people.reporter, complaint)).toBe(false);
    expect(isEligibleMediator(people.mediator, complaint)).toBe(true);
  });
});

describe('directorConflicted', () => {
  const org = [people.director, people.qualityAdviser, people.handler, people.reporter];

  it('is false when the director is not involved', () => {
    expect(directorConflicted(org, makeComplaint())).toBe(false);
    expect(directorConflicted(org, makeEmployeeComplaint())).toBe(false);
  });

  it('is true when the only director is the subject or the reporter', () => {
    expect(directorConflicted(org, makeDirectorComplaint())).toBe(true);
    expect(directorConflicted(org, makeComplaint({ reporterId: people.director.id }))).toBe(true);
  });

  it('is false while another active director is uninvolved', () => {
    const second = makePerson('daan', ['director']);
    expect(directorConflicted([...org, second], makeDirectorComplaint())).toBe(false);
  });

  it('ignores inactive directors, and is true when there is no director at all', () => {
    const withFormer = [...org, people.inactiveDirector];
    expect(directorConflicted(withFormer, makeDirectorComplaint())).toBe(true);
    expect(directorConflicted([people.qualityAdviser], makeComplaint())).toBe(true);
  });
});
