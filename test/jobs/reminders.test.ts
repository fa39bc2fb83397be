import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderLedger } from '../../db/schema/index.js';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/postgres/database.js';
import type { JobDeps, LedgerEntry } from '../../src/app/jobs/ports.js';
import {
  lastStartDueBy,
  REMINDER_CAP,
  remindHandlers,
} from '../../src/app/jobs/remind-handlers.js';
import { addCalendarDays, type LocalDate, WorkingDayCalendar } from '../../src/domain/calendar.js';
import { reminderDue } from '../../src/domain/deadlines.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { insertComplaint, jobDepsFor, nineAm, query } from './support.js';

const datesFrom = (from: LocalDate, to: LocalDate): LocalDate[] => {
  const dates: LocalDate[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) dates.push(d);
  return dates;
};

describe('the reminder cut-off', () => {
  it('is the last start date due by today: addWorkingDays(d, n) ≤ today ⇔ d ≤ cut-off', () => {
    const calendar = new WorkingDayCalendar({ goodFriday: true, extraClosedDays: ['2026-12-24'] });
    // Weekends, Easter, Koningsdag, Ascension, Whitsun, Christmas and the turn of the year;
    // today is sometimes a weekend day or a holiday (the scan can be started by hand).
    const todays = [
      ...datesFrom('2026-03-28', '2026-06-01'),
      ...datesFrom('2026-12-18', '2027-01-12'),
    ];
    for (const n of [0, 1, 2, 5, 10]) {
      for (const today of todays) {
        const cutoff = lastStartDueBy(calendar, n, today);
        for (const d of datesFrom(addCalendarDays(today, -30), today)) {
          expect(`${d} ${calendar.addWorkingDays(d, n) <= today}`).toBe(`${d} ${d <= cutoff}`);
        }
      }
    }
  });
});

interface Seed {
  id: string;
  status: string;
  lastProgressAt: Date;
  count: number;
  last: LocalDate | null;
}

describe.each(DATABASE_KINDS)('reminder scan on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Each test starts with no reminders sent and none of the earlier complaints open. */
  const clearReminders = async () => {
    const { db } = database.handle;
    await db.execute(sql`delete from outbox where kind = 'reminder'`);
    await db.execute(sql`delete from reminder_ledger where kind = 'reminder'`);
    await db.execute(sql`update complaints set status = 'closed', closed_at = now()`);
  };
  const remindersOf = async (ids: readonly string[]) =>
    (
      await query<{ complaint_id: string; person: string; payload: Record<string, unknown> }>(
        database.handle,
        sql`select complaint_id, recipient_person_id as person, payload from outbox
            where kind = 'reminder' order by id`,
      )
    ).filter((row) => ids.includes(row.complaint_id));

  it('selects by SQL exactly what the in-memory rule selected, batch after batch', async () => {
    await clearReminders();
    const { calendar, deadlines } = deps;
    const statuses = ['registered', 'in_treatment', 'awaiting_info', 'resolved'];
    // Last progress at the first and the last millisecond and at noon of each local day,
    // across both DST changes of 2026 (29 March, 25 October), Easter and Koningsdag.
    const days = [
      ...datesFrom('2026-03-20', '2026-05-08'),
      ...datesFrom('2026-10-16', '2026-10-30'),
    ];
    const seeds: Seed[] = [];
    let i = 0;
    for (const day of days) {
      const first = new Date(calendar.endOfDay(addCalendarDays(day, -1)).getTime() + 1);
      const last = calendar.endOfDay(day);
      for (const at of [first, new Date((first.getTime() + last.getTime()) / 2), last]) {
        i += 1;
        const status = statuses[i % statuses.length] as string;
        const id = await insertComplaint(database.handle, {
          status,
          registeredAt: at,
          lastProgressAt: at,
          handlerId: i % 2 ? 'piet' : 'hanna',
        });
        // Some start with a history: up to the cap, the last one some days back.
        const count = i % 5 === 0 ? i % (REMINDER_CAP + 1) : 0;
        const lastDay = count > 0 ? addCalendarDays(day, 7 + (i % 4)) : null;
        for (let k = 0; k < count; k++) {
          await database.handle.db.insert(reminderLedger).values({
            complaintId: id,
            kind: 'reminder',
            recipientPersonId: 'piet',
            forDate: k === count - 1 ? (lastDay as string) : addCalendarDays(day, 1 + k),
            onceKey: `seed:${id}:${k}`,
            sentAt: at,
          });
        }
        seeds.push({ id, status, lastProgressAt: at, count, last: lastDay });
      }
    }
    const ids = seeds.map((s) => s.id);
    const handler = new Map<string, string>(
      (
        await query<{ id: string; handler_id: string; reference: string }>(
          database.handle,
          sql`select id, handler_id, reference from complaints`,
        )
      ).map((row) => [row.id, `${row.handler_id} ${row.reference}`]),
    );

    // The rule as it was applied to the loaded open complaints, kept here as the reference.
    const expected = (today: LocalDate) => {
      const sent: { complaint_id: string; person: string; payload: Record<string, unknown> }[] = [];
      let skipped = 0;
      for (const s of seeds) {
        if (s.status !== 'registered' && s.status !== 'in_treatment') continue;
        if (reminderDue(calendar, deadlines, s.lastProgressAt) > today) continue;
        if (
          s.count >= REMINDER_CAP ||
          (s.last && calendar.addWorkingDays(s.last, deadlines.reminderAfter) > today)
        ) {
          skipped++;
          continue;
        }
        const [person, reference] = (handler.get(s.id) as string).split(' ');
        sent.push({
          complaint_id: s.id,
          person: person as string,
          payload: {
            reference,
            idleWorkingDays: calendar.workingDaysBetween(
              calendar.localDate(s.lastProgressAt),
              today,
            ),
            number: s.count + 1,
          },
        });
        s.count += 1;
        s.last = today;
      }
      return { sent, skipped };
    };

    const todays = [
      '2026-03-27', // Friday: the cut-off is Friday 20 March
      '2026-04-03', // Good Friday (a working day here): cut-off Sunday 29 March, DST day
      '2026-04-06', // Easter Monday, a holiday: the scan started by hand
      '2026-04-10',
      '2026-04-25', // Saturday
      '2026-04-28', // after Koningsdag
      '2026-04-28', // the same day again: nothing new, the same skipped count as before
      '2026-05-05',
      '2026-05-12',
      '2026-05-20',
      '2026-10-30', // cut-off Sunday 25 October, the 25-hour day
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ];
    let before = 0;
    for (const today of todays) {
      deps.clock.set(nineAm(today));
      const want = expected(today);
      const count = await remindHandlers(deps, today, 7);
      const all = await remindersOf(ids);
      const got = all.slice(before);
      before = all.length;
      const byId = (a: { complaint_id: string }, b: { complaint_id: string }) =>
        a.complaint_id.localeCompare(b.complaint_id);
      expect({ today, sent: got.sort(byId) }).toEqual({ today, sent: want.sent.sort(byId) });
      expect(count).toEqual({ sent: want.sent.length, skipped: want.skipped, failed: 0 });
    }
    expect(before).toBeGreaterThan(30);
  });

  it('writes a batch with one transaction; a failing batch is rolled back whole and its items go one by one', async () => {
    await clearReminders();
    const ids: string[] = [];
    for (let n = 0; n < 8; n++) {
      ids.push(
        await insertComplaint(database.handle, {
          registeredAt: new Date('2026-04-13T08:00:00Z'),
          lastProgressAt: new Date('2026-04-13T08:00:00Z'),
        }),
      );
    }
    const sorted = [...ids].sort();
    const bad = sorted[4] as string; // second batch of three, in the middle
    let transactions = 0;
    let failOutbox = false;
    const counting: JobDeps = {
      ...deps,
      jobs: {
        ...deps.jobs,
        transaction: (work) => {
          transactions++;
          return deps.jobs.transaction((tx) =>
            work({
              ...tx,
              repo: {
                ...tx.repo,
                // Fails after the ledger INSERT of the same transaction has run.
                enqueue: async (messages, at) => {
                  if (failOutbox && messages.some((m) => m.complaintId === bad)) {
                    throw new Error('outbox down for this one');
                  }
                  return tx.repo.enqueue(messages, at);
                },
              },
            }),
          );
        },
      },
    };
    deps.clock.set(nineAm('2026-04-21'));
    failOutbox = true;
    const first = await remindHandlers(counting, '2026-04-21', 3);
    expect(first).toEqual({ sent: 7, skipped: 0, failed: 1 });
    // Batches [0-2], [3-5] failing, then 3, 4, 5 alone, then [6-7].
    expect(transactions).toBe(6);
    const sent = await remindersOf(ids);
    expect(sent.map((r) => r.complaint_id).sort()).toEqual(sorted.filter((id) => id !== bad));
    // Nothing half-written: the failed item has no ledger row either.
    const ledger = await query<{ complaint_id: string }>(
      database.handle,
      sql`select complaint_id from reminder_ledger where kind = 'reminder'`,
    );
    expect(ledger.map((r) => r.complaint_id).sort()).toEqual(sorted.filter((id) => id !== bad));

    // The next run sends only the one that failed; the rest are skipped (reminded today).
    failOutbox = false;
    transactions = 0;
    expect(await remindHandlers(counting, '2026-04-21', 3)).toEqual({
      sent: 1,
      skipped: 7,
      failed: 0,
    });
    expect(transactions).toBe(1);
    expect((await remindersOf([bad])).map((r) => r.payload.number)).toEqual([1]);
  });

  it('records a batch of once-keys with one statement, each call told whether its row went in', async () => {
    const id = await insertComplaint(database.handle);
    const entry = (key: string): LedgerEntry => ({
      kind: 'test',
      complaintId: id,
      measureId: null,
      recipientPersonId: 'piet',
      forDate: '2026-04-21',
      onceKey: key,
      sentAt: new Date('2026-04-21T07:00:00Z'),
    });
    const keys = [`a:${id}`, `b:${id}`, `a:${id}`, `c:${id}`];
    const first = await deps.jobs.transaction(({ ledger }) =>
      Promise.all(keys.map((key) => ledger.record(entry(key)))),
    );
    expect(first).toEqual([true, true, false, true]);
    const again = await deps.jobs.transaction(({ ledger }) =>
      Promise.all([...keys, `d:${id}`].map((key) => ledger.record(entry(key)))),
    );
    expect(again).toEqual([false, false, false, false, true]);
    const rows = await query<{ once_key: string; for_date: string; sent_at: Date }>(
      database.handle,
      sql`select once_key, for_date::text, sent_at from reminder_ledger
          where kind = 'test' order by id`,
    );
    expect(rows.map((r) => [r.once_key, r.for_date])).toEqual(
      ['a', 'b', 'c', 'd'].map((k) => [`${k}:${id}`, '2026-04-21']),
    );
    expect(new Date(rows[0]?.sent_at as Date).toISOString()).toBe('2026-04-21T07:00:00.000Z');
    // A failing statement fails every call of its batch and leaves nothing behind.
    await expect(
      deps.jobs.transaction(({ ledger }) =>
        Promise.all([
          ledger.record(entry(`e:${id}`)),
          ledger.record({ ...entry(`f:${id}`), recipientPersonId: 'nobody' }),
        ]),
      ),
    ).rejects.toThrow();
    const after = await query<{ n: number }>(
      database.handle,
      sql`select count(*)::int as n from reminder_ledger where kind = 'test'`,
    );
    expect(after[0]?.n).toBe(4);
  });

  it('two replicas scanning at once send each reminder once, batch by batch', async () => {
    await clearReminders();
    const second: DatabaseHandle = database.url
      ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: 5 })
      : database.handle;
    try {
      const other = await jobDepsFor(second, deps.clock);
      const ids: string[] = [];
      for (let n = 0; n < 40; n++) {
        ids.push(
          await insertComplaint(database.handle, {
            registeredAt: new Date('2026-04-13T08:00:00Z'),
            lastProgressAt: new Date('2026-04-13T08:00:00Z'),
          }),
        );
      }
      deps.clock.set(nineAm('2026-04-21'));
      const [a, b] = await Promise.all([
        remindHandlers(deps, '2026-04-21', 5),
        remindHandlers(other, '2026-04-21', 5),
      ]);
      expect(a.failed + b.failed).toBe(0);
      expect(a.sent + b.sent).toBe(40);
      const sent = await remindersOf(ids);
      expect(sent.map((r) => r.complaint_id).sort()).toEqual([...ids].sort());
      expect(new Set(sent.map((r) => r.payload.number))).toEqual(new Set([1]));
    } finally {
      if (second !== database.handle) await second.close();
    }
  });
});
