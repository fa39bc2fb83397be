import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { measures, privateNotes } from '../../db/schema/index.js';
import type { DatabaseHandle } from '../../src/adapters/postgres/database.js';
import { insertComplaint, query } from './support.js';

/**
 * Every free text the procedure records, each with a marker no figure or label contains: what
 * the quality channel gets may hold none of them (issue 13: figures only, no free text).
 */
export const FREE_TEXT_MARKER = 'VRIJETEKST';

const text = (what: string) => `${FREE_TEXT_MARKER}-${what}`;

/**
 * A year (2025) of complaints in `categories` (two or more keys of the organisation file)
 * with every free text filled in, some about an employee, a tip, measures with their texts
 * and a private note. March has complaints of each kind (for the monthly overview of
 * 2025-03, run on 2025-04-01).
 */
export async function seedFreeTextYear(
  handle: DatabaseHandle,
  categories: readonly [string, string, ...string[]],
): Promise<void> {
  const [first, second] = categories;
  const at = (date: string) => new Date(`${date}T09:00:00Z`);
  const texts = (what: string) => ({
    description: text(`omschrijving-${what}`),
    desiredOutcome: text(`gewenst-${what}`),
    complainantName: text(`naam-${what}`),
    complainantContact: text(`contact-${what}`),
    relatedTo: text(`betreft-${what}`),
  });
  const ids: string[] = [];
  const rows = [
    { date: '2025-01-20', categoryKey: first, concernsEmployee: false },
    { date: '2025-03-04', categoryKey: first, concernsEmployee: false },
    { date: '2025-03-11', categoryKey: second, concernsEmployee: false },
    { date: '2025-03-18', categoryKey: first, concernsEmployee: true },
    { date: '2025-06-09', categoryKey: second, concernsEmployee: false },
    { date: '2025-09-15', categoryKey: first, concernsEmployee: false },
    { date: '2025-11-03', categoryKey: second, concernsEmployee: true },
  ];
  for (const [i, row] of rows.entries()) {
    ids.push(
      await insertComplaint(handle, {
        ...texts(String(i)),
        categoryKey: row.categoryKey,
        registeredAt: at(row.date),
        lastProgressAt: at(row.date),
        feedbackDue: row.date,
        decisionDue: row.date,
        resolutionDue: row.date,
        status: 'closed',
        closedAt: at(row.date),
        closeReason: 'final_outcome',
        decision: 'founded',
        decidedAt: at(row.date),
        decidedBy: 'piet',
        firstFeedbackAt: at(row.date),
        resolvedAt: at(row.date),
        motivation: text(`motivering-${i}`),
        resolution: text(`oplossing-${i}`),
        cause: 'structural',
        rootCause: text(`grondoorzaak-${i}`),
        causeCategory: 'process',
        correctiveMeasure: text(`correctief-${i}`),
        preventiveMeasure: text(`preventief-${i}`),
        admissibility: 'admissible',
        admissibilityMotivation: text(`ontvankelijk-${i}`),
        agreedSolution: text(`afspraak-${i}`),
        agreedTermOn: row.date,
        extensionReason: text(`verlenging-${i}`),
        objectedAt: at(row.date),
        objectionReason: text(`bezwaar-${i}`),
        objectionDue: row.date,
        finalOutcome: text(`einduitkomst-${i}`),
        committeeFollowUp: text(`opvolging-${i}`),
        ...(row.concernsEmployee
          ? { concernsEmployee: true, subjectPersonId: 'hanna', handlerId: 'dirk' }
          : {}),
      }),
    );
  }
  await insertComplaint(handle, {
    ...texts('tip'),
    kind: 'feedback',
    categoryKey: second,
    registeredAt: at('2025-03-20'),
  });
  for (const [i, complaintId] of ids.entries()) {
    await handle.db.insert(measures).values({
      complaintId,
      scope: i % 2 === 0 ? 'organisation' : 'client',
      type: 'corrective',
      description: text(`maatregel-${i}`),
      ownerId: 'hanna',
      dueOn: '2025-12-31',
      status: 'effective',
      implementedAt: at('2025-12-01'),
      evidence: text(`bewijs-${i}`),
      effective: true,
      reviewedAt: at('2025-12-15'),
      reviewedBy: 'kim',
      reviewNote: text(`beoordeling-${i}`),
      createdBy: 'piet',
      createdAt: at('2025-06-01'),
    });
  }
  await handle.db.insert(privateNotes).values({
    complaintId: ids[3] as string,
    authorId: 'dirk',
    note: text('prive-notitie'),
    at: at('2025-03-19'),
  });
}

/** Waits until every message for a channel is delivered (or given up); throws after 15 s. */
export async function channelMessagesSettled(handle: DatabaseHandle): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    const [row] = await query<{ pending: number; total: number }>(
      handle,
      sql`select count(*) filter (where status = 'pending')::int as pending,
            count(*)::int as total
          from outbox where recipient_channel is not null`,
    );
    if (Number(row?.total) > 0 && Number(row?.pending) === 0) return;
    if (Date.now() > until) throw new Error('channel messages not delivered');
    await delay(25);
  }
}
