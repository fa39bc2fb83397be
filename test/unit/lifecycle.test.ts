import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES, STATUSES, type Status } from '../../src/domain/complaint.js';
import { DomainError } from '../../src/domain/errors.js';
import { allowedCommands, COMMANDS, type Command, nextStatus } from '../../src/domain/lifecycle.js';

/**
 * The lifecycle of DESIGN.md §3, written out by hand (not read from TRANSITIONS): `withdraw` from
 * every open state ("any open state ── withdraw (reporter) ──▶ [withdrawn]"), plus the two
 * documented additions in lifecycle.ts: deciding while awaiting information, and measures from
 * `in_treatment` on (also after closing). Every pair not listed must be rejected.
 */
const EXPECTED: Record<Status, Partial<Record<Command, Status>>> = {
  registered: {
    request_info: 'awaiting_info',
    declare_founded: 'in_treatment',
    declare_unfounded: 'rejected',
    withdraw: 'withdrawn',
    reassign: 'registered',
  },
  awaiting_info: {
    provide_info: 'registered',
    declare_founded: 'in_treatment',
    declare_unfounded: 'rejected',
    withdraw: 'withdrawn',
    reassign: 'awaiting_info',
  },
  in_treatment: {
    record_resolution: 'resolved',
    add_measure: 'in_treatment',
    withdraw: 'withdrawn',
    reassign: 'in_treatment',
  },
  resolved: {
    accept: 'closed',
    object: 'objected',
    auto_close: 'closed',
    add_measure: 'resolved',
    withdraw: 'withdrawn',
  },
  rejected: {
    accept: 'closed',
    object: 'objected',
    auto_close: 'closed',
    withdraw: 'withdrawn',
  },
  objected: {
    appoint_mediator: 'objected',
    refer_to_committee: 'objected',
    record_final_outcome: 'closed',
    add_measure: 'objected',
    withdraw: 'withdrawn',
  },
  closed: {
    add_measure: 'closed',
  },
  withdrawn: {},
};

const PAIRS = STATUSES.flatMap((status) =>
  COMMANDS.map((command) => ({ status, command, expected: EXPECTED[status][command] ?? null })),
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
  it('covers the full product', () => {
    expect(PAIRS).toHaveLength(STATUSES.length * COMMANDS.length);
    expect(STATUSES).toHaveLength(8);
    expect(COMMANDS).toHaveLength(14);
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
    const expected = COMMANDS.filter((command) => EXPECTED[status][command] !== undefined);
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
