import { describe, expect, it } from 'vitest';
import {
  type Complaint,
  OPEN_STATUSES,
  STATUSES,
  type Status,
} from '../../src/domain/complaint.js';
import { DomainError } from '../../src/domain/errors.js';
import { allowedCommands, COMMANDS, type Command, nextStatus } from '../../src/domain/lifecycle.js';
import { DEFAULT_PROCEDURE, type ProcedureRules } from '../../src/domain/procedure.js';
import { makeComplaint } from '../fixtures/domain.js';

/**
 * The lifecycle of DESIGN.md §3, derived here from the diagram and its sentences (not from,
 * nor shaped like, TRANSITIONS in lifecycle.ts):
 * - the arrows of the diagram, copied as they are drawn;
 * - "`rejected` accepts `accept`, `object` and auto-close like `resolved`";
 * - "any open state ── withdraw (reporter) ──▶ [withdrawn]";
 * - "`reassign` keeps the state", while the handler still has to act (decide or resolve);
 * - "Measures … can be added from `in_treatment` on": every state the diagram reaches from
 *   `in_treatment`, closed included;
 * - the documented addition in lifecycle.ts: a handler may decide while awaiting information.
 * Every other status × command pair must be rejected. The second edition (issue 12,
 * DESIGN.md §5) follows below, as changes to this first-edition table.
 */
const DIAGRAM = [
  'registered      request_info          awaiting_info',
  'awaiting_info   provide_info          registered',
  'registered      declare_founded       in_treatment',
  'registered      declare_unfounded     rejected',
  'in_treatment    record_resolution     resolved',
  'resolved        accept                closed',
  'resolved        auto_close            closed',
  'resolved        object                objected',
  'objected        appoint_mediator      objected',
  'objected        refer_to_committee    objected',
  'objected        record_final_outcome  closed',
].map((line) => line.split(/\s+/) as [Status, Command, Status]);

const DESIGN_STATUSES: Status[] = [
  'registered',
  'awaiting_info',
  'in_treatment',
  'resolved',
  'rejected',
  'objected',
  'closed',
  'withdrawn',
];
const DESIGN_OPEN: Status[] = DESIGN_STATUSES.filter((s) => s !== 'closed' && s !== 'withdrawn');

function reachableFrom(start: Status, edges: readonly [Status, Command, Status][]): Set<Status> {
  const seen = new Set<Status>([start]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [from, , to] of edges) {
      if (seen.has(from) && !seen.has(to)) {
        seen.add(to);
        grew = true;
      }
    }
  }
  return seen;
}

function firstEdition(): [Status, Command, Status][] {
  const edges: [Status, Command, Status][] = [...DIAGRAM];
  const like = (status: Status, model: Status, commands: Command[]) => {
    for (const [from, command, to] of DIAGRAM) {
      if (from === model && commands.includes(command)) edges.push([status, command, to]);
    }
  };
  like('rejected', 'resolved', ['accept', 'object', 'auto_close']);
  like('awaiting_info', 'registered', ['declare_founded', 'declare_unfounded']);
  const measuresFrom = reachableFrom('in_treatment', edges);
  const handlerActs = new Set(
    edges
      .filter(([, c]) => ['declare_founded', 'declare_unfounded', 'record_resolution'].includes(c))
      .map(([from]) => from),
  );
  for (const status of DESIGN_OPEN) edges.push([status, 'withdraw', 'withdrawn']);
  for (const status of handlerActs) edges.push([status, 'reassign', status]);
  for (const status of measuresFrom) edges.push([status, 'add_measure', status]);
  return edges;
}

/**
 * The second edition for a plain complaint (a complaint, not a tip; not about an employee; no
 * agreed solution, extension or committee yet; the organisation's default procedure):
 * - "kind and formality" and "admissibility as its own step before the assessment", with a
 *   non-admissible decision that ends the complaint: before the assessment, i.e. wherever the
 *   handler may still decide on the merits;
 * - "the handler extends the resolution deadline": while the complaint is not yet resolved;
 * - "the handler records a proposed solution, an agreed term": while it is being treated;
 * - "a mediator can be appointed at any stage": every open status.
 * Issue 11: "staff record the complainant's reaction (agree or object)": wherever the reporter
 * could accept or object, to the same status.
 */
function plainEdges(): [Status, Command, Status][] {
  const edges = firstEdition();
  const beforeAssessment = edges
    .filter(([, command]) => command === 'declare_founded')
    .map(([from]) => from);
  for (const status of beforeAssessment) {
    edges.push([status, 'classify', status]);
    edges.push([status, 'declare_admissible', status]);
    edges.push([status, 'declare_inadmissible', 'closed']);
  }
  for (const status of [...beforeAssessment, 'in_treatment' as const]) {
    edges.push([status, 'extend_deadline', status]);
  }
  edges.push(['in_treatment', 'agree_solution', 'in_treatment']);
  for (const status of DESIGN_OPEN) {
    if (!edges.some(([from, c]) => from === status && c === 'appoint_mediator')) {
      edges.push([status, 'appoint_mediator', status]);
    }
  }
  const recorded: Partial<Record<Command, Command>> = {
    accept: 'record_acceptance',
    object: 'record_objection',
  };
  for (const [from, command, to] of [...edges]) {
    const record = recorded[command];
    if (record) edges.push([from, record, to]);
  }
  return edges;
}

/** The facts of a complaint that change what may happen to it (issue 12). */
interface Facts {
  tip?: boolean;
  behaviour?: boolean;
  /** An agreed solution whose fix is not yet reported done. */
  fixPending?: boolean;
  /** An agreed solution whose fix was reported done. */
  fixDone?: boolean;
  referred?: boolean;
  /** Admissibility decided (admissible). */
  admitted?: boolean;
  /** The organisation requires the admissibility step. */
  admissibilityStep?: boolean;
  /** Every extension the organisation allows is used. */
  extensionsUsed?: boolean;
}

const ASSESSMENT: Command[] = ['declare_founded', 'declare_unfounded'];
const ADMISSIBILITY: Command[] = ['declare_admissible', 'declare_inadmissible'];
const REACTION: Command[] = [
  'accept',
  'object',
  'record_acceptance',
  'record_objection',
  'auto_close',
];

function expectedEdges(facts: Facts): Map<string, Status> {
  let edges = plainEdges();
  const drop = (commands: Command[], from?: Status[]) => {
    edges = edges.filter(([f, c]) => !(commands.includes(c) && (!from || from.includes(f))));
  };
  const beforeAssessment = edges.filter(([, c]) => c === 'classify').map(([from]) => from);
  // Tips: "no assessment, no deadline escalations … close once noted".
  if (facts.tip) {
    drop([...ASSESSMENT, ...ADMISSIBILITY, 'extend_deadline']);
    for (const status of beforeAssessment) edges.push([status, 'note_feedback', 'closed']);
  }
  // "Admissibility as its own step before the assessment" (when the organisation has it).
  if (facts.admissibilityStep && !facts.admitted) drop(ASSESSMENT);
  // Once decided, admissibility and the classification before it are settled.
  if (facts.admitted) drop([...ADMISSIBILITY, 'classify']);
  // "The satisfaction question goes out after the fix is reported done": no reaction before.
  if (facts.fixPending) {
    drop(REACTION);
    edges.push(['in_treatment', 'report_fix_done', 'in_treatment']);
    edges.push(['resolved', 'report_fix_done', 'resolved']);
  }
  if (facts.fixDone) drop(['agree_solution']);
  // "How often: an organisation rule, default once".
  if (facts.extensionsUsed) drop(['extend_deadline']);
  // The committee's verdict ends a referred objection; it is referred once.
  if (facts.referred) {
    drop(['refer_to_committee', 'record_final_outcome']);
    edges.push(['objected', 'record_committee_verdict', 'closed']);
  }
  // "The director keeps a private note": at any stage, also after closing; not once withdrawn.
  if (facts.behaviour) {
    for (const status of DESIGN_STATUSES.filter((s) => s !== 'withdrawn')) {
      edges.push([status, 'record_private_note', status]);
    }
  }
  const expected = new Map<string, Status>();
  for (const [from, command, to] of edges) {
    const key = `${from} ${command}`;
    if (expected.has(key)) throw new Error(`two arrows for ${key}`);
    expected.set(key, to);
  }
  return expected;
}

/** A complaint in `status` with the given facts, as the domain records them. */
function complaintWith(status: Status, facts: Facts): Complaint {
  return makeComplaint({
    status,
    formality: 'informal',
    kind: facts.tip ? 'feedback' : 'complaint',
    concernsEmployee: facts.behaviour === true,
    subjectPersonId: facts.behaviour ? 'sem' : null,
    agreedTermOn: facts.fixPending || facts.fixDone ? '2026-04-01' : null,
    fixDoneAt: facts.fixDone ? new Date('2026-03-30T10:00:00Z') : null,
    referredToCommittee: facts.referred === true,
    admissibility: facts.admitted ? 'admissible' : null,
    extensionCount: facts.extensionsUsed ? DEFAULT_PROCEDURE.maxExtensions : 0,
  });
}

const rulesFor = (facts: Facts): ProcedureRules => ({
  ...DEFAULT_PROCEDURE,
  admissibilityStep: facts.admissibilityStep === true,
});

const EXPECTED = expectedEdges({});
const expectedNext = (status: Status, command: Command) =>
  EXPECTED.get(`${status} ${command}`) ?? null;

const PAIRS = STATUSES.flatMap((status) =>
  COMMANDS.map((command) => ({ status, command, expected: expectedNext(status, command) })),
);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const plain = (status: Status) => complaintWith(status, {});

describe('nextStatus: every status × command (a plain complaint)', () => {
  it('covers the full product, with the statuses of DESIGN.md §3', () => {
    expect(PAIRS).toHaveLength(STATUSES.length * COMMANDS.length);
    expect([...STATUSES].sort()).toEqual([...DESIGN_STATUSES].sort());
    expect([...OPEN_STATUSES].sort()).toEqual([...DESIGN_OPEN].sort());
    expect(COMMANDS).toHaveLength(25);
    expect(firstEdition()).toHaveLength(29);
    expect(EXPECTED.size).toBe(48);
  });

  describe.each(STATUSES)('from %s', (status) => {
    const rows = PAIRS.filter((pair) => pair.status === status);
    for (const { command, expected } of rows) {
      if (expected === null) {
        it(`${command} is rejected with complaint.invalid_transition`, () => {
          const error = thrown(() => nextStatus(plain(status), command, DEFAULT_PROCEDURE));
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('complaint.invalid_transition');
          expect((error as DomainError).details).toEqual({ status, command });
        });
      } else {
        it(`${command} → ${expected}`, () => {
          expect(nextStatus(plain(status), command, DEFAULT_PROCEDURE)).toBe(expected);
        });
      }
    }
  });
});

/**
 * The same product for complaints whose facts open or close commands. Each scenario checks,
 * per status, the exact list of allowed commands and every command's outcome.
 */
const SCENARIOS: { name: string; facts: Facts }[] = [
  { name: 'a tip', facts: { tip: true } },
  { name: 'a tip about an employee', facts: { tip: true, behaviour: true } },
  { name: 'a behaviour complaint', facts: { behaviour: true } },
  { name: 'with the admissibility step, not yet decided', facts: { admissibilityStep: true } },
  {
    name: 'with the admissibility step, admissible',
    facts: { admissibilityStep: true, admitted: true },
  },
  { name: 'admissible without the step', facts: { admitted: true } },
  { name: 'an agreed fix pending', facts: { fixPending: true } },
  { name: 'an agreed fix done', facts: { fixDone: true } },
  { name: 'extensions used up', facts: { extensionsUsed: true } },
  { name: 'referred to the committee', facts: { referred: true } },
  {
    name: 'a behaviour complaint, referred, fix pending',
    facts: { behaviour: true, referred: true, fixPending: true },
  },
];

describe.each(SCENARIOS)('nextStatus and allowedCommands: $name', ({ facts }) => {
  const expected = expectedEdges(facts);
  const rules = rulesFor(facts);
  it.each(STATUSES)('from %s', (status) => {
    const complaint = complaintWith(status, facts);
    const legal = COMMANDS.filter((command) => expected.has(`${status} ${command}`));
    expect(allowedCommands(complaint, rules)).toEqual(legal);
    for (const command of COMMANDS) {
      const next = expected.get(`${status} ${command}`);
      if (next === undefined) {
        const error = thrown(() => nextStatus(complaint, command, rules));
        expect((error as DomainError).code, `${status} ${command}`).toBe(
          'complaint.invalid_transition',
        );
      } else {
        expect(nextStatus(complaint, command, rules), `${status} ${command}`).toBe(next);
      }
    }
  });
});

describe('allowedCommands', () => {
  it.each(STATUSES)('%s lists exactly the legal commands, in COMMANDS order', (status) => {
    const expected = COMMANDS.filter((command) => expectedNext(status, command) !== null);
    expect(allowedCommands(plain(status), DEFAULT_PROCEDURE)).toEqual(expected);
  });

  it('defaults to the default procedure', () => {
    for (const status of STATUSES) {
      expect(allowedCommands(plain(status))).toEqual(
        allowedCommands(plain(status), DEFAULT_PROCEDURE),
      );
    }
  });

  it('nothing is allowed once withdrawn; only measures once closed (and the private note)', () => {
    expect(allowedCommands(plain('withdrawn'))).toEqual([]);
    expect(allowedCommands(plain('closed'))).toEqual(['add_measure']);
    const behaviour = complaintWith('closed', { behaviour: true });
    expect(allowedCommands(behaviour)).toEqual(['add_measure', 'record_private_note']);
    expect(allowedCommands(complaintWith('withdrawn', { behaviour: true }))).toEqual([]);
  });

  it('auto_close only applies while waiting for the reporter', () => {
    const withAutoClose = STATUSES.filter((status) =>
      allowedCommands(plain(status)).includes('auto_close'),
    );
    expect(withAutoClose).toEqual(['resolved', 'rejected']);
  });

  it('reassign keeps the status wherever it is allowed', () => {
    for (const status of STATUSES) {
      if (allowedCommands(plain(status)).includes('reassign')) {
        expect(nextStatus(plain(status), 'reassign')).toBe(status);
      }
    }
  });

  it('withdraw is allowed from every open state (DESIGN.md §3)', () => {
    const withWithdraw = STATUSES.filter((status) =>
      allowedCommands(plain(status)).includes('withdraw'),
    );
    expect(withWithdraw).toEqual([...OPEN_STATUSES]);
  });

  it('a mediator can be appointed at every open stage, and never after (seed 004)', () => {
    const withMediator = STATUSES.filter((status) =>
      allowedCommands(plain(status)).includes('appoint_mediator'),
    );
    expect(withMediator).toEqual([...OPEN_STATUSES]);
  });

  it('terminal states are exactly the non-open states, whatever the facts', () => {
    for (const { facts } of [{ facts: {} }, ...SCENARIOS]) {
      for (const status of STATUSES) {
        const complaint = complaintWith(status, facts);
        const rules = rulesFor(facts);
        const leaves = allowedCommands(complaint, rules).some(
          (command) => nextStatus(complaint, command, rules) !== status,
        );
        expect(leaves).toBe(OPEN_STATUSES.includes(status));
      }
    }
  });
});

describe('the second edition, rule by rule', () => {
  const rules = DEFAULT_PROCEDURE;
  const withStep = { ...DEFAULT_PROCEDURE, admissibilityStep: true };

  it('the admissibility step: founded/unfounded only after a complaint is declared admissible', () => {
    const open = makeComplaint({ admissibility: null });
    expect(() => nextStatus(open, 'declare_founded', withStep)).toThrow(DomainError);
    expect(() => nextStatus(open, 'declare_unfounded', withStep)).toThrow(DomainError);
    expect(nextStatus(open, 'declare_admissible', withStep)).toBe('registered');
    const admitted = makeComplaint({ admissibility: 'admissible' });
    expect(nextStatus(admitted, 'declare_founded', withStep)).toBe('in_treatment');
    expect(nextStatus(admitted, 'declare_unfounded', withStep)).toBe('rejected');
  });

  it('without the step, deciding on the merits is allowed at once', () => {
    const open = makeComplaint({ admissibility: null });
    expect(nextStatus(open, 'declare_founded', rules)).toBe('in_treatment');
    expect(nextStatus(open, 'declare_admissible', rules)).toBe('registered');
  });

  it('an inadmissible complaint is closed: nothing but measures is left', () => {
    const closed = makeComplaint({
      status: 'closed',
      admissibility: 'inadmissible',
      closeReason: 'inadmissible',
    });
    for (const r of [rules, withStep]) {
      expect(allowedCommands(closed, r)).toEqual(['add_measure']);
    }
    // And a complaint declared inadmissible could not have been assessed before.
    const declared = makeComplaint({ admissibility: 'inadmissible' });
    expect(() => nextStatus(declared, 'declare_founded', rules)).toThrow(DomainError);
  });

  it('a tip is noted and closed; it is never assessed, admitted or extended', () => {
    const tip = makeComplaint({ kind: 'feedback' });
    expect(nextStatus(tip, 'note_feedback', rules)).toBe('closed');
    for (const command of [...ASSESSMENT, ...ADMISSIBILITY, 'extend_deadline'] as Command[]) {
      expect(() => nextStatus(tip, command, rules), command).toThrow(DomainError);
    }
    expect(() => nextStatus(makeComplaint(), 'note_feedback', rules)).toThrow(DomainError);
  });

  it('a tip can be reclassified as a complaint (and back) until admissibility is decided', () => {
    expect(nextStatus(makeComplaint({ kind: 'feedback' }), 'classify', rules)).toBe('registered');
    const admitted = makeComplaint({ admissibility: 'admissible' });
    expect(() => nextStatus(admitted, 'classify', rules)).toThrow(DomainError);
  });

  it('while an agreed fix is pending: no accept, object or auto-close; the fix can be reported', () => {
    const pending = makeComplaint({ status: 'resolved', agreedTermOn: '2026-04-01' });
    for (const command of REACTION) {
      expect(() => nextStatus(pending, command, rules), command).toThrow(DomainError);
    }
    expect(nextStatus(pending, 'report_fix_done', rules)).toBe('resolved');
    const done = { ...pending, fixDoneAt: new Date('2026-03-31T10:00:00Z') };
    expect(nextStatus(done, 'accept', rules)).toBe('closed');
    expect(nextStatus(done, 'object', rules)).toBe('objected');
    expect(() => nextStatus(done, 'report_fix_done', rules)).toThrow(DomainError);
  });

  it('report_fix_done needs an agreed solution', () => {
    const none = makeComplaint({ status: 'in_treatment' });
    expect(() => nextStatus(none, 'report_fix_done', rules)).toThrow(DomainError);
  });

  it('extensions: as many as the organisation allows, counted on the complaint', () => {
    const twice = { ...DEFAULT_PROCEDURE, maxExtensions: 2 };
    const once = makeComplaint({ status: 'in_treatment', extensionCount: 1 });
    expect(() => nextStatus(once, 'extend_deadline', rules)).toThrow(DomainError);
    expect(nextStatus(once, 'extend_deadline', twice)).toBe('in_treatment');
    const never = { ...DEFAULT_PROCEDURE, maxExtensions: 0 };
    expect(() => nextStatus(makeComplaint(), 'extend_deadline', never)).toThrow(DomainError);
  });

  it('the committee: referred once; then only its verdict closes the objection', () => {
    const objected = makeComplaint({ status: 'objected' });
    expect(() => nextStatus(objected, 'record_committee_verdict', rules)).toThrow(DomainError);
    const referred = { ...objected, referredToCommittee: true };
    expect(nextStatus(referred, 'record_committee_verdict', rules)).toBe('closed');
    expect(() => nextStatus(referred, 'record_final_outcome', rules)).toThrow(DomainError);
    expect(() => nextStatus(referred, 'refer_to_committee', rules)).toThrow(DomainError);
  });

  it('the private note: behaviour complaints only', () => {
    expect(() => nextStatus(makeComplaint(), 'record_private_note', rules)).toThrow(DomainError);
    const behaviour = makeComplaint({ concernsEmployee: true, subjectPersonId: 'sem' });
    expect(nextStatus(behaviour, 'record_private_note', rules)).toBe('registered');
  });
});
