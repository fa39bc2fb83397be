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
  maySeePrivateNotes,
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

/** The handler's part: assess, classify, admit, treat, extend, resolve, add measures. */
const ASSESS: readonly Command[] = [
  'classify',
  'declare_admissible',
  'declare_inadmissible',
  'note_feedback',
  'request_info',
  'declare_founded',
  'declare_unfounded',
  'agree_solution',
  'report_fix_done',
  'extend_deadline',
  'record_resolution',
  'add_measure',
  'reassign',
];
const OWN: readonly Command[] = ['provide_info', 'accept', 'object', 'withdraw'];
/** Deciding an objection and the steps towards it. */
const OBJECTION: readonly Command[] = [
  'appoint_mediator',
  'refer_to_committee',
  'record_final_outcome',
  'record_committee_verdict',
];
const COMMITTEE: readonly Command[] = ['refer_to_committee', 'record_committee_verdict'];
/** Seed 002: the director's private note (the lifecycle limits it to behaviour complaints). */
const NOTE: readonly Command[] = ['record_private_note'];
/**
 * Issue 11: the complainant's reaction by phone, letter, e-mail or in person, recorded by the
 * handler or the secretariat (where it may see the complaint), never the subject; also by the
 * reporter who took the complaint in for someone else (not here: these are typed into chat,
 * see test/reaction/domain.test.ts).
 */
const RECORD: readonly Command[] = ['record_acceptance', 'record_objection'];
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
    reporter: row({ ok: OWN, conflict: [...ASSESS, ...OBJECTION, ...NOTE] }),
    handler: row({ ok: [...ASSESS, ...RECORD] }),
    otherHandler: NOTHING,
    director: row({ ok: [...ASSESS, ...OBJECTION, ...NOTE] }),
    qualityAdviser: row({ ok: ASSESS }),
    secretariat: row({ ok: RECORD }),
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
    reporter: row({ ok: OWN, conflict: [...ASSESS, ...OBJECTION, ...NOTE] }),
    handler: NOTHING,
    otherHandler: NOTHING,
    director: row({ ok: [...ASSESS, ...OBJECTION, ...NOTE, ...RECORD] }),
    qualityAdviser: NOTHING,
    secretariat: NOTHING,
    mediator: row({ ok: ['record_final_outcome'] }),
    subject: row({ conflict: [...ASSESS, ...OBJECTION, ...NOTE] }),
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
    reporter: row({ ok: OWN, conflict: [...ASSESS, ...OBJECTION, ...NOTE] }),
    handler: NOTHING,
    otherHandler: NOTHING,
    director: row({ conflict: [...ASSESS, ...OBJECTION, ...NOTE] }),
    qualityAdviser: row({ ok: [...ASSESS, ...OBJECTION, ...NOTE, ...RECORD] }),
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

/**
 * (d) Objection independence (seeds 003, 004): the director decided the ordinary complaint,
 * Rita objected. The director may not decide the objection (a conflict, said as such); the
 * quality adviser decides it instead (organisation file: quality_adviser, the default).
 */
const directorDecided: Scenario = {
  name: 'objection against the director, the quality adviser decides',
  complaint: makeComplaint({
    status: 'objected',
    mediatorId: people.mediator.id,
    decidedBy: people.director.id,
    objectedAt: new Date('2026-03-20T10:00:00Z'),
  }),
  context: {
    directorConflicted: false,
    deciderIsDirector: true,
    objectionDecidedByDirector: 'quality_adviser',
  },
  expected: {
    ...ordinary.expected,
    director: row({ ok: [...ASSESS, ...NOTE], conflict: OBJECTION }),
    qualityAdviser: row({ ok: [...ASSESS, ...OBJECTION] }),
  },
  visible: ordinary.visible,
};

/**
 * (e) As (d), with `objectionDecidedByDirector: committee`: nobody inside decides. The quality
 * adviser (and any other director who did not decide) takes the case to the committee and
 * records its verdict; a mediator appointed earlier may still record an agreed outcome.
 */
const onlyCommittee: Scenario = {
  name: 'objection against the director, only the committee decides',
  complaint: directorDecided.complaint,
  context: { ...directorDecided.context, objectionDecidedByDirector: 'committee' },
  expected: {
    ...ordinary.expected,
    director: row({ ok: [...ASSESS, ...NOTE], conflict: OBJECTION }),
    qualityAdviser: row({ ok: [...ASSESS, ...COMMITTEE] }),
  },
  visible: ordinary.visible,
};

/**
 * (f) A behaviour complaint the director decided, the quality adviser decides the objection:
 * the adviser, who otherwise never sees a complaint about an employee, may open this one.
 */
const behaviourDirectorDecided: Scenario = {
  name: 'objection against the director on a behaviour complaint',
  complaint: makeEmployeeComplaint({
    status: 'objected',
    mediatorId: people.mediator.id,
    decidedBy: people.director.id,
    objectedAt: new Date('2026-03-20T10:00:00Z'),
  }),
  context: directorDecided.context,
  expected: {
    ...aboutEmployee.expected,
    director: row({ ok: [...ASSESS, ...NOTE, ...RECORD], conflict: OBJECTION }),
    qualityAdviser: row({ ok: OBJECTION }),
  },
  visible: { ...aboutEmployee.visible, qualityAdviser: true },
};

/**
 * (g) A complaint about the (only) director that the quality adviser decided: nobody inside is
 * independent. The adviser may not decide the objection or appoint its mediator, but may take
 * it to the committee and record the verdict, or the objection could never end.
 */
const adviserDecidedAboutDirector: Scenario = {
  name: 'objection against the quality adviser standing in for the director',
  complaint: makeDirectorComplaint({
    status: 'objected',
    mediatorId: people.mediator.id,
    decidedBy: people.qualityAdviser.id,
    objectedAt: new Date('2026-03-20T10:00:00Z'),
  }),
  context: { directorConflicted: true, deciderIsDirector: false },
  expected: {
    ...aboutDirector.expected,
    qualityAdviser: row({
      ok: [...ASSESS, ...COMMITTEE, ...NOTE, ...RECORD],
      conflict: ['appoint_mediator', 'record_final_outcome'],
    }),
  },
  visible: aboutDirector.visible,
};

/** (h) The handler decided an ordinary complaint: the director decides, as always. */
const handlerDecided: Scenario = {
  name: 'objection against the handler',
  complaint: makeComplaint({
    status: 'objected',
    mediatorId: people.mediator.id,
    decidedBy: people.handler.id,
    objectedAt: new Date('2026-03-20T10:00:00Z'),
  }),
  context: { directorConflicted: false, deciderIsDirector: false },
  expected: {
    ...ordinary.expected,
    handler: row({ ok: [...ASSESS, ...RECORD], conflict: OBJECTION }),
  },
  visible: ordinary.visible,
};

const SCENARIOS = [
  ordinary,
  aboutEmployee,
  aboutDirector,
  directorDecided,
  onlyCommittee,
  behaviourDirectorDecided,
  adviserDecidedAboutDirector,
  handlerDecided,
];

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

describe('authorise: the second edition', () => {
  const decidedByDiana = { decidedBy: people.director.id };
  const qaRoute: PermissionContext = {
    directorConflicted: false,
    deciderIsDirector: true,
    objectionDecidedByDirector: 'quality_adviser',
  };
  const committeeRoute: PermissionContext = { ...qaRoute, objectionDecidedByDirector: 'committee' };
  const second = makePerson('daan', ['reporter', 'director']);

  it('the director who decided is refused on the objection with conflict_of_interest', () => {
    const complaint = makeComplaint({ status: 'objected', ...decidedByDiana });
    for (const context of [qaRoute, committeeRoute]) {
      for (const command of OBJECTION) {
        expect(outcomeOf(() => authorise(ACTORS.director, command, complaint, context))).toBe(
          'conflict',
        );
      }
    }
  });

  it('another director who did not decide may decide (quality_adviser route), not with committee', () => {
    const complaint = makeComplaint({ status: 'objected', ...decidedByDiana });
    expect(hasObjectionAuthority(second, complaint, qaRoute)).toBe(true);
    expect(hasObjectionAuthority(second, complaint, committeeRoute)).toBe(false);
    for (const command of COMMITTEE) {
      expect(outcomeOf(() => authorise(asActor(second), command, complaint, committeeRoute))).toBe(
        'ok',
      );
    }
    for (const command of ['appoint_mediator', 'record_final_outcome'] as const) {
      expect(outcomeOf(() => authorise(asActor(second), command, complaint, committeeRoute))).toBe(
        'not_permitted',
      );
    }
  });

  it('without a decision by a director, the quality adviser does not refer to the committee', () => {
    const complaint = makeComplaint({ status: 'objected', decidedBy: people.handler.id });
    for (const command of COMMITTEE) {
      expect(
        outcomeOf(() =>
          authorise(ACTORS.qualityAdviser, command, complaint, {
            directorConflicted: false,
            deciderIsDirector: false,
            objectionDecidedByDirector: 'committee',
          }),
        ),
      ).toBe('not_permitted');
    }
  });

  it('a mediator can be appointed before any objection, also by the director who decided', () => {
    for (const status of ['registered', 'in_treatment', 'resolved', 'rejected'] as const) {
      const complaint = makeComplaint({ status, ...decidedByDiana });
      expect(
        outcomeOf(() => authorise(ACTORS.director, 'appoint_mediator', complaint, qaRoute)),
      ).toBe('ok');
      expect(
        outcomeOf(() => authorise(ACTORS.qualityAdviser, 'appoint_mediator', complaint, qaRoute)),
      ).toBe('ok');
      // The handler, decider or not, has no part in appointing one: not a conflict.
      const byHanna = makeComplaint({ status, decidedBy: people.handler.id });
      expect(
        outcomeOf(() =>
          authorise(ACTORS.handler, 'appoint_mediator', byHanna, { directorConflicted: false }),
        ),
      ).toBe('not_permitted');
    }
  });

  it('before an objection, the quality adviser appoints no mediator on a behaviour complaint', () => {
    const complaint = makeEmployeeComplaint({ status: 'in_treatment', ...decidedByDiana });
    expect(
      outcomeOf(() => authorise(ACTORS.qualityAdviser, 'appoint_mediator', complaint, qaRoute)),
    ).toBe('not_permitted');
    expect(
      outcomeOf(() =>
        authorise(ACTORS.qualityAdviser, 'appoint_mediator', makeDirectorComplaint(), {
          directorConflicted: true,
        }),
      ),
    ).toBe('ok');
  });

  it('the private note: the director; the quality adviser only for a conflicted director', () => {
    const complaint = makeEmployeeComplaint();
    const context = { directorConflicted: false };
    expect(
      outcomeOf(() => authorise(ACTORS.director, 'record_private_note', complaint, context)),
    ).toBe('ok');
    for (const key of ['handler', 'qualityAdviser', 'secretariat', 'mediator'] as const) {
      expect(
        outcomeOf(() => authorise(ACTORS[key], 'record_private_note', complaint, context)),
      ).toBe('not_permitted');
    }
    expect(
      outcomeOf(() =>
        authorise(ACTORS.qualityAdviser, 'record_private_note', makeDirectorComplaint(), {
          directorConflicted: true,
        }),
      ),
    ).toBe('ok');
    expect(
      outcomeOf(() =>
        authorise(ACTORS.subject, 'record_private_note', complaint, { directorConflicted: false }),
      ),
    ).toBe('conflict');
  });

  it('a handler who decided is refused a private note as not permitted, not as a conflict', () => {
    const complaint = makeComplaint({ status: 'objected', decidedBy: people.handler.id });
    expect(
      outcomeOf(() =>
        authorise(ACTORS.handler, 'record_private_note', complaint, { directorConflicted: false }),
      ),
    ).toBe('not_permitted');
  });
});

describe('maySeePrivateNotes', () => {
  const behaviour = makeEmployeeComplaint({ status: 'closed' });
  const none = { directorConflicted: false };

  it('only the director on a behaviour complaint', () => {
    const seers = Object.values(people).filter((p) => maySeePrivateNotes(p, behaviour, none));
    expect(seers).toEqual([people.director]);
  });

  it('nobody on an ordinary complaint, not even the director', () => {
    const seers = Object.values(people).filter((p) => maySeePrivateNotes(p, makeComplaint(), none));
    expect(seers).toEqual([]);
  });

  it('the quality adviser instead, when the director is the subject', () => {
    const aboutDiana = makeDirectorComplaint();
    const seers = Object.values(people).filter((p) =>
      maySeePrivateNotes(p, aboutDiana, { directorConflicted: true }),
    );
    expect(seers).toEqual([people.qualityAdviser]);
  });

  it('not the director who reported the complaint, nor a former director', () => {
    const byDiana = makeEmployeeComplaint({ reporterId: people.director.id });
    expect(maySeePrivateNotes(people.director, byDiana, none)).toBe(false);
    expect(maySeePrivateNotes(people.inactiveDirector, behaviour, none)).toBe(false);
  });
});

describe('canSee: whoever decides an objection sees its complaint', () => {
  const objected = makeEmployeeComplaint({
    status: 'objected',
    decidedBy: people.director.id,
    objectedAt: new Date('2026-03-20T10:00:00Z'),
  });
  const qaRoute: PermissionContext = {
    directorConflicted: false,
    deciderIsDirector: true,
    objectionDecidedByDirector: 'quality_adviser',
  };

  it('the quality adviser sees a behaviour complaint only as the objection decider', () => {
    expect(canSee(people.qualityAdviser, objected, qaRoute)).toBe(true);
    expect(canSee(people.qualityAdviser, objected)).toBe(false);
    const before = { ...objected, status: 'resolved' as const, objectedAt: null };
    expect(canSee(people.qualityAdviser, before, qaRoute)).toBe(false);
  });

  it('also with the committee route (the adviser takes it there), and after it closed', () => {
    const committee = { ...qaRoute, objectionDecidedByDirector: 'committee' as const };
    expect(canSee(people.qualityAdviser, objected, committee)).toBe(true);
    expect(canSee(people.qualityAdviser, { ...objected, status: 'closed' }, committee)).toBe(true);
  });

  it('never the secretariat, the subject or an inactive adviser', () => {
    expect(canSee(people.secretariat, objected, qaRoute)).toBe(false);
    expect(canSee(people.subject, objected, qaRoute)).toBe(false);
    const former = makePerson('quinten', people.qualityAdviser.roles, { active: false });
    expect(canSee(former, objected, qaRoute)).toBe(false);
  });

  it('without a decision by a director the adviser still does not see it', () => {
    const byHanna = { ...objected, decidedBy: people.handler.id };
    expect(
      canSee(people.qualityAdviser, byHanna, {
        directorConflicted: false,
        deciderIsDirector: false,
      }),
    ).toBe(false);
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
    expect(canSee(person, scenario.complaint, scenario.context)).toBe(visible);
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
