import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES, STATUSES, type Status } from '../../src/domain/complaint.js';
import { DomainError } from '../../src/domain/errors.js';
import { allowedCommands, COMMANDS, type Command, nextStatus } from '../../src/domain/lifecycle.js';

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
 * Every other status × command pair must be rejected.
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

function expectedLifecycle(): Map<string, Status> {
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
  const expected = new Map<string, Status>();
  for (const [from, command, to] of edges) {
    const key = `${from} ${command}`;
    if (expected.has(key)) throw new Error(`two arrows for ${key}`);
    expected.set(key, to);
  }
  return expected;
}

const EXPECTED = expectedLifecycle();
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

describe('nextStatus: every status × command', () => {
  it('covers the full product, with the statuses of DESIGN.md §3', () => {
    expect(PAIRS).toHaveLength(STATUSES.length * COMMANDS.length);
    expect([...STATUSES].sort()).toEqual([...DESIGN_STATUSES].sort());
    expect([...OPEN_STATUSES].sort()).toEqual([...DESIGN_OPEN].sort());
    expect(COMMANDS).toHaveLength(14);
    expect(EXPECTED.size).toBe(29);
  });

  describe.each(STATUSES)('from %s', (status) => {
    const rows = PAIRS.filter((pair) => pair.status === status);
    for (const { command, expected } of rows) {
      if (expected === null) {
        it(`${command} is rejected with complaint.invalid_transition`, () => {
          const error = thrown(() => nextStatus(status, command));
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('complaint.invalid_transition');
          expect((error as DomainError).details).toEqual({ status, command });
        });
      } else {
        it(`${command} → ${expected}`, () => {
          expect(nextStatus(status, command)).toBe(expected);
        });
      }
    }
  });
});

describe('allowedCommands', () => {
  it.each(STATUSES)('%s lists exactly the legal commands, in COMMANDS order', (status) => {
    const expected = COMMANDS.filter((command) => expectedNext(status, command) !== null);
    expect(allowedCommands(status)).toEqual(expected);
  });

  it('nothing is allowed once withdrawn; only measures once closed', () => {
    expect(allowedCommands('withdrawn')).toEqual([]);
    expect(allowedCommands('closed')).toEqual(['add_measure']);
  });

  it('auto_close only applies while waiting for the reporter', () => {
    const withAutoClose = STATUSES.filter((status) =>
      allowedCommands(status).includes('auto_close'),
    );
    expect(withAutoClose).toEqual(['resolved', 'rejected']);
  });

  it('reassign keeps the status wherever it is allowed', () => {
    for (const status of STATUSES) {
      if (allowedCommands(status).includes('reassign')) {
        expect(nextStatus(status, 'reassign')).toBe(status);
      }
    }
  });

  it('withdraw is allowed from every open state (DESIGN.md §3)', () => {
    const withWithdraw = STATUSES.filter((status) => allowedCommands(status).includes('withdraw'));
    expect(withWithdraw).toEqual([...OPEN_STATUSES]);
  });

  it('terminal states are exactly the non-open states', () => {
    for (const status of STATUSES) {
      const leaves = allowedCommands(status).some(
        (command) => nextStatus(status, command) !== status,
      );
      expect(leaves).toBe(OPEN_STATUSES.includes(status));
    }
  });
});
