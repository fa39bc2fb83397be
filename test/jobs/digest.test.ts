import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measures, outbox } from '../../db/schema/index.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { sendMonthlyOverview } from '../../src/app/jobs/send-monthly-overview.js';
import { sendYearlyDigest } from '../../src/app/jobs/send-yearly-digest.js';
import { composeOutboxMessage } from '../../src/app/messages/outbox-messages.js';
import { addCalendarDays, WorkingDayCalendar } from '../../src/domain/calendar.js';
import {
  createTestDatabase,
  DATABASE_KINDS,
  type FixedClock,
  type TestDatabase,
} from '../support/databases.js';
import { random } from '../support/random.js';
import { type ComplaintRow, insertComplaint, jobDepsFor, outboxKinds } from './support.js';

/** Percentile with linear interpolation, written here again so the test does not trust the code. */
function expectedPercentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const frac = pos - lo;
  return frac === 0
    ? (s[lo] as number)
    : (s[lo] as number) * (1 - frac) + (s[lo + 1] as number) * frac;
}

interface Generated {
  row: Partial<ComplaintRow>;
  f: number;
  d: number;
  r: number | null;
  k: number | null;
  ack: number;
  founded: boolean;
}

const calendar = new WorkingDayCalendar();
const at = (date: string) => new Date(`${date}T10:00:00Z`);

/** A year of complaints with known stage offsets in working days. */
function generateYear(
  year: number,
  perCategory: Record<string, number>,
  seed: number,
): Generated[] {
  const rnd = random(seed);
  const out: Generated[] = [];
  for (const [categoryKey, n] of Object.entries(perCategory)) {
    for (let i = 0; i < n; i++) {
      const reg = calendar.addWorkingDays(
        addCalendarDays(`${year}-01-01`, Math.floor(rnd() * 300)),
        0,
      );
      const kind = rnd() < 0.15 ? 'feedback' : 'complaint';
      const f = Math.floor(rnd() * 8);
      const d = f + Math.floor(rnd() * 8);
      const founded = rnd() < 0.6;
      const r = founded && rnd() < 0.9 ? d + Math.floor(rnd() * 40) : null;
      const k = founded
        ? r === null
          ? null
          : r + Math.floor(rnd() * 12)
        : d + Math.floor(rnd() * 12);
      const wd = (n: number) => at(calendar.addWorkingDays(reg, n));
      out.push({
        f,
        d,
        r,
        k,
        founded,
        ack: Math.floor(rnd() * 3),
        row: {
          categoryKey,
          kind,
          registeredAt: at(reg),
          lastProgressAt: wd(k ?? r ?? d),
          feedbackDue: calendar.addWorkingDays(reg, 5),
          decisionDue: calendar.addWorkingDays(reg, 10),
          resolutionDue: calendar.addWorkingDays(reg, 34),
          firstFeedbackAt: wd(f),
          decidedAt: wd(d),
          decision: founded ? 'founded' : 'unfounded',
          cause: founded ? (rnd() < 0.3 ? 'structural' : 'incidental') : null,
          resolvedAt: r === null ? null : wd(r),
          closedAt: k === null ? null : wd(k),
          status: k !== null ? 'closed' : 'in_treatment',
          closeReason: k !== null ? 'accepted' : null,
          concernsEmployee: i === 0 && categoryKey === 'dienstverlening',
          subjectPersonId: i === 0 && categoryKey === 'dienstverlening' ? 'hanna' : null,
          description:
            i === 0 && categoryKey === 'dienstverlening' ? 'Gedrag van Hanna' : 'Omschrijving',
        },
      });
    }
  }
  return out;
}

describe.each(DATABASE_KINDS)('yearly digest on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps & { clock: FixedClock };
  const current = generateYear(
    2025,
    { dienstverlening: 40, product: 20, communicatie: 2, facturatie: 12 },
    7,
  );
  const previous = generateYear(
    2024,
    { dienstverlening: 30, product: 25, communicatie: 1, facturatie: 5 },
    11,
  );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
    deps.clock.set('2026-01-05T08:00:00Z');
    for (const g of [...current, ...previous]) {
      const id = await insertComplaint(database.handle, g.row);
      await database.handle.db.insert(outbox).values({
        idempotencyKey: `ack:${id}`,
        kind: 'acknowledgement',
        recipientPersonId: 'mo',
        complaintId: id,
        status: 'delivered',
        nextAttemptAt: g.row.registeredAt as Date,
        createdAt: g.row.registeredAt as Date,
        deliveredAt: at(
          calendar.addWorkingDays(calendar.localDate(g.row.registeredAt as Date), g.ack),
        ),
      });
      if (g.founded && g.row.registeredAt && g.row.registeredAt.getUTCFullYear() === 2025) {
        await database.handle.db.insert(measures).values({
          complaintId: id,
          scope: g.row.cause === 'structural' ? 'organisation' : 'client',
          type: 'corrective',
          description: 'Maatregel',
          ownerId: 'hanna',
          dueOn: '2025-12-31',
          status: g.r === null ? 'open' : 'implemented',
          effective: g.r === null ? null : g.r < 30,
          createdBy: 'piet',
          createdAt: g.row.registeredAt,
        });
      }
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('computes the figures by SQL as the test computes them, as they are, none about an employee', async () => {
    const result = await sendYearlyDigest(deps, 2025, '2026-01-05');
    const { digest } = result;
    // Complaints about an employee are in no figure: only in their year total.
    const ordinary = (rows: Generated[]) => rows.filter((g) => !g.row.concernsEmployee);
    const complaintsIn = (rows: Generated[], cat: string) =>
      ordinary(rows).filter((g) => g.row.categoryKey === cat && g.row.kind === 'complaint').length;

    for (const cat of ['dienstverlening', 'product', 'facturatie', 'communicatie']) {
      const c = digest.categories.find((x) => x.categoryKey === cat);
      const n = complaintsIn(current, cat);
      const p = complaintsIn(previous, cat);
      expect(c?.complaints).toBe(n);
      expect(c?.previousComplaints).toBe(p);
      const rows = ordinary(current).filter((g) => g.row.categoryKey === cat);
      const founded = rows.filter((g) => g.founded).length;
      expect(c?.foundedRatio).toBeCloseTo(founded / rows.length, 3);
      expect(c?.change).toBe(n - p);
    }
    // A category of two is shown as it is (masking protects people, not numbers).
    const small = digest.categories.find((x) => x.categoryKey === 'communicatie');
    expect(small?.complaints).toBe(complaintsIn(current, 'communicatie'));
    expect(complaintsIn(current, 'communicatie')).toBeLessThan(3);
    // The one complaint about an employee: "<3" as the year's total, and nowhere else.
    expect(digest.totals.concerningEmployee).toBe('<3');
    const { concerningEmployee: _employee, ...totals } = digest.totals;
    expect(JSON.stringify({ ...digest, totals })).not.toContain('<3');

    const total = ordinary(current).filter((g) => g.row.kind === 'complaint').length;
    expect(digest.totals.complaints).toBe(total);
    expect(digest.totals.feedback).toBe(ordinary(current).length - total);
    expect(digest.totals.previousComplaints).toBe(
      ordinary(previous).filter((g) => g.row.kind === 'complaint').length,
    );

    // Tips are counted apart: no deadlines, no lead times.
    const ratio = (met: number, due: number) => Math.round((met / due) * 1000) / 1000;
    const complaints = ordinary(current).filter((g) => g.row.kind === 'complaint');
    const founded = ordinary(current).filter((g) => g.founded);
    const foundedComplaints = complaints.filter((g) => g.founded);
    const milestone = (name: string, due: number, met: number) => ({
      milestone: name,
      due,
      met,
      ratio: due === 0 ? null : ratio(met, due),
    });
    const resolvedInTime = foundedComplaints.filter((g) => g.r !== null && g.r <= 34).length;
    expect(digest.compliance).toEqual([
      milestone('acknowledged', complaints.length, complaints.filter((g) => g.ack <= 1).length),
      milestone('feedback', complaints.length, complaints.filter((g) => g.f <= 5).length),
      milestone('decision', complaints.length, complaints.filter((g) => g.d <= 10).length),
      milestone('resolution', foundedComplaints.length, resolvedInTime),
      // Never extended: the original deadline is the one in force.
      milestone('resolution_original', foundedComplaints.length, resolvedInTime),
      milestone('objection', 0, 0),
      milestone('agreed_term', 0, 0),
    ]);

    const stages: [string, (g: Generated) => number | null][] = [
      ['first_feedback', (g) => g.f],
      ['decision', (g) => g.d],
      ['resolved', (g) => g.r],
      ['closed', (g) => g.k],
    ];
    // Shown with one decimal (a p90 of 7.200000000000005 reads 7.2).
    const oneDecimal = (n: number) => Math.round(n * 10) / 10;
    for (const [stage, pick] of stages) {
      const values = complaints.map(pick).filter((v): v is number => v !== null);
      const lead = digest.leadTimes.find((l) => l.stage === stage);
      expect(lead?.n).toBe(values.length);
      expect(lead?.median).toBe(oneDecimal(expectedPercentile(values, 0.5)));
      expect(lead?.p90).toBe(oneDecimal(expectedPercentile(values, 0.9)));
    }
    const implemented = founded.filter((g) => g.r !== null);
    expect(digest.measures).toEqual({
      taken: founded.length,
      organisationWide: founded.filter((g) => g.row.cause === 'structural').length,
      implemented: implemented.length,
      judged: implemented.length,
      effective: implemented.filter((g) => (g.r as number) < 30).length,
    });
    const rising = ['dienstverlening', 'facturatie', 'product', 'communicatie'].filter(
      (cat) => complaintsIn(current, cat) > complaintsIn(previous, cat),
    );
    expect([...digest.rising].sort()).toEqual(rising.sort());
  });

  it('renders the chart PNG and the register XLSX/CSV, and posts figures and the chart to the quality channel', async () => {
    const result = await sendYearlyDigest(deps, 2025, '2026-01-05');
    const png = result.files.chartPng as Uint8Array;
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5_000);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(result.files.registerXlsx as Uint8Array) as never);
    const sheet = workbook.getWorksheet('Overzicht klachten');
    if (!sheet) throw new Error('register sheet missing');
    expect(sheet.rowCount).toBe(current.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['Kenmerk', 'Rubriek', 'Besluit', 'Behandelaar', 'Omschrijving']),
    );
    const descriptionColumn = header.indexOf('Omschrijving') + 1;
    const descriptions = sheet.getColumn(descriptionColumn).values.slice(2) as string[];
    expect(descriptions).toContain('(niet opgenomen: gaat over een medewerker)');
    expect(descriptions).not.toContain('Gedrag van Hanna');
    expect(workbook.getWorksheet('Analyse')?.rowCount).toBeGreaterThan(10);

    const csv = new TextDecoder().decode(result.files.registerCsv as Uint8Array);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(current.length + 1);

    const forDirector = await sendYearlyDigest(deps, 2025, '2026-01-05', {
      audience: 'director',
      post: false,
    });
    expect(new TextDecoder().decode(forDirector.files.registerCsv as Uint8Array)).toContain(
      'Gedrag van Hanna',
    );

    const posted = await outboxKinds(database.handle, 'yearly_digest');
    expect(posted.length).toBeGreaterThanOrEqual(1);
    const rendered = await composeOutboxMessage(
      deps,
      {
        id: 1,
        idempotencyKey: 'x',
        kind: 'yearly_digest',
        recipient: { channel: 'quality' },
        complaintId: null,
        payload: (posted.at(-1)?.payload ?? {}) as Record<string, string>,
        attempts: 1,
        deliveredVia: [],
      },
      'nl',
    );
    expect(rendered?.model.title).toBe('Trendanalyse klachten 2025');
    // Figures and the chart: no register file in the channel (issue 13).
    expect(rendered?.attachments?.map((a) => a.mediaType)).toEqual(['image/png']);
    expect(JSON.stringify(rendered?.model)).not.toContain('Gedrag');
    expect(rendered?.model.facts).toContainEqual({
      label: 'Over een medewerker (jaartotaal)',
      value: '<3',
    });
  });

  it('sends a monthly overview with counts only', async () => {
    const summary = await sendMonthlyOverview(deps, '2025-11-03');
    const month = current.filter((g) =>
      (g.row.registeredAt as Date).toISOString().startsWith('2025-10'),
    );
    // Tips are counted apart from the complaints.
    expect(summary).toMatchObject({
      month: '2025-10',
      newInMonth: month.filter((g) => g.row.kind === 'complaint' && !g.row.concernsEmployee).length,
    });
    const posted = await outboxKinds(database.handle, 'monthly_overview');
    expect(posted).toHaveLength(1);
  });
});
