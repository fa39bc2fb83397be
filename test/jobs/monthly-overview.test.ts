import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { sendMonthlyOverview } from '../../src/app/jobs/send-monthly-overview.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import type { Locale } from '../../src/domain/people.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { insertComplaint, jobDepsFor, outboxKinds } from './support.js';

/**
 * The monthly overview in the quality channel: category labels and the month's name, counts
 * as they are (DESIGN.md §5: masking protects people, not numbers), and a text that says so.
 * Complaints about an employee are in none of its figures (issue 13: never broken down, not
 * per month either; they count only in the yearly digest's total).
 */
describe.each(DATABASE_KINDS)('monthly overview on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
    const march = (day: number) => new Date(`2027-03-${String(day).padStart(2, '0')}T10:00:00Z`);
    await insertComplaint(database.handle, {
      categoryKey: 'dienstverlening',
      registeredAt: march(3),
    });
    for (const day of [4, 5]) {
      await insertComplaint(database.handle, {
        categoryKey: 'communicatie',
        handlerId: 'hanna',
        registeredAt: march(day),
      });
    }
    // About an employee: in no figure of the month (new, open, overdue, per category), and
    // a tip about one neither; one closed in the month neither.
    for (const day of [8, 11, 12]) {
      await insertComplaint(database.handle, {
        categoryKey: 'dienstverlening',
        registeredAt: march(day),
        concernsEmployee: true,
        subjectPersonId: 'piet',
        handlerId: 'dirk',
      });
    }
    await insertComplaint(database.handle, {
      kind: 'feedback',
      categoryKey: 'product',
      registeredAt: march(15),
      concernsEmployee: true,
      subjectPersonId: 'piet',
      handlerId: 'dirk',
    });
    await insertComplaint(database.handle, {
      categoryKey: 'communicatie',
      registeredAt: new Date('2027-02-15T10:00:00Z'),
      status: 'closed',
      closedAt: march(20),
      closeReason: 'accepted',
      concernsEmployee: true,
      subjectPersonId: 'piet',
      handlerId: 'dirk',
    });
    // Two tips: counted apart, not new complaints, never overdue (no deadlines).
    for (const day of [9, 10]) {
      await insertComplaint(database.handle, {
        kind: 'feedback',
        categoryKey: 'product',
        registeredAt: march(day),
        feedbackDue: '2027-03-17',
        decisionDue: '2027-03-24',
      });
    }
    // Earlier: an objection past its deadline, and an agreed term passed without the fix.
    await insertComplaint(database.handle, {
      registeredAt: new Date('2027-01-11T10:00:00Z'),
      status: 'objected',
      firstFeedbackAt: new Date('2027-01-12T10:00:00Z'),
      decidedAt: new Date('2027-01-13T10:00:00Z'),
      decision: 'unfounded',
      objectedAt: new Date('2027-01-20T10:00:00Z'),
      objectionDue: '2027-02-17',
    });
    await insertComplaint(database.handle, {
      registeredAt: new Date('2027-02-01T10:00:00Z'),
      status: 'in_treatment',
      firstFeedbackAt: new Date('2027-02-02T10:00:00Z'),
      decidedAt: new Date('2027-02-03T10:00:00Z'),
      decision: 'founded',
      resolutionDue: '2027-05-01',
      agreedTermOn: '2027-03-15',
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  async function rendered(locale: Locale) {
    const [row] = await outboxKinds(database.handle, 'monthly_overview');
    const message = await composeOutboxMessage(
      deps,
      {
        id: 1,
        idempotencyKey: 'monthly',
        kind: 'monthly_overview',
        recipient: { channel: 'quality' },
        complaintId: null,
        payload: (row?.payload ?? {}) as Record<string, string>,
        attempts: 1,
        deliveredVia: [],
      },
      locale,
    );
    return message?.model;
  }

  it('names the month and the categories, shows the counts as they are, none about an employee', async () => {
    const summary = await sendMonthlyOverview(deps, '2027-04-01');
    expect(summary).toMatchObject({ month: '2027-03', newInMonth: 3 });

    const nl = await rendered('nl');
    expect(nl?.title).toBe('Maandoverzicht klachten maart 2027');
    expect(nl?.facts).toEqual([
      { label: 'Nieuw in maart 2027', value: '3' },
      { label: 'Tips in maart 2027', value: '2' },
      { label: 'Afgesloten in maart 2027', value: '0' },
      // Three in March, the objected one and the one in treatment; not the employee ones.
      { label: 'Nu open', value: '5' },
      // The tips' feedback and decision deadlines passed: not overdue, they have none.
      { label: 'Termijn verstreken: Inhoudelijke terugkoppeling', value: '3' },
      { label: 'Termijn verstreken: Besluit (gegrond/ongegrond)', value: '3' },
      { label: 'Termijn verstreken: Afhandeling', value: '0' },
      { label: 'Termijn verstreken: Uw reactie op de uitkomst', value: '0' },
      { label: 'Termijn verstreken: Beslissing op bezwaar', value: '1' },
      { label: 'Termijn verstreken: Afgesproken oplossing uitgevoerd', value: '1' },
    ]);
    expect(nl?.sections).toEqual([
      { heading: 'Nieuw per rubriek', text: 'Dienstverlening: 1\nCommunicatie: 2' },
    ]);
    // Nothing to subtract: the month's new complaints are the sum of those per category.
    const perCategory = (nl?.sections[0]?.text ?? '')
      .split('\n')
      .reduce((sum, line) => sum + Number(line.split(': ')[1]), 0);
    expect(perCategory).toBe(summary.newInMonth);
    const all = JSON.stringify(nl);
    expect(all).not.toContain('<3');
    expect(all).not.toContain('medewerker"');
    expect(nl?.intro).toContain('zoals ze zijn');
    expect(nl?.intro).toContain('Klachten over een medewerker tellen hier niet mee');
    expect(all).not.toContain('2027-03');
    expect(all).not.toContain('dienstverlening:');
    // Counts and the organisation file's labels only: no complaint text.
    expect(all).not.toContain('Vertrouwelijke omschrijving');
    expect(all).not.toContain('Familie Jansen');

    const en = await rendered('en');
    expect(en?.title).toBe('Monthly complaints overview March 2027');
    expect(en?.sections[0]?.text).toBe('Service: 1\nCommunication: 2');
    expect(en?.intro).toContain('Complaints about an employee are not counted here');
  });
});
