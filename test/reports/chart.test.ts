import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measures } from '../../db/schema/index.js';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartLayout,
  renderChartPng,
  renderChartSvg,
} from '../../src/adapters/reports/chart-png.js';
import { inkBox, textWidth } from '../../src/adapters/reports/text-extent.js';
import { type ChartModel, digestChart } from '../../src/app/jobs/digest-chart.js';
import type { JobDeps } from '../../src/app/jobs/ports.js';
import { addCalendarDays } from '../../src/domain/calendar.js';
import { buildDigest, type YearFigures } from '../../src/domain/digest.js';
import { insertComplaint, jobDepsFor } from '../jobs/support.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { colouredPixels, decodePng } from './png.js';
import { overlappingTexts, textBoxes, textsOverShapes } from './svg-text.js';

/** A year of 12 complaints: registration date, category, first feedback in time. */
const YEAR: [date: string, category: string, feedbackInTime: boolean][] = [
  ['2025-01-14', 'dienstverlening', true],
  ['2025-02-03', 'dienstverlening', true],
  ['2025-03-20', 'product', false],
  ['2025-04-08', 'communicatie', true],
  ['2025-05-12', 'dienstverlening', true],
  ['2025-07-01', 'facturatie', true],
  ['2025-08-19', 'product', false],
  ['2025-09-09', 'product', true],
  ['2025-10-06', 'overig', true],
  ['2025-11-11', 'dienstverlening', true],
  ['2025-12-01', 'communicatie', false],
  ['2025-12-15', 'facturatie', true],
];
const ORG_ORDER = ['dienstverlening', 'product', 'communicatie', 'facturatie', 'overig'];
const LABELS = new Map([
  ['dienstverlening', 'Dienstverlening'],
  ['product', 'Product'],
  ['communicatie', 'Communicatie'],
  ['facturatie', 'Facturatie'],
  ['overig', 'Overig'],
]);
const at = (date: string) => new Date(`${date}T10:00:00Z`);

/** The test's own count: complaints per category per quarter, from the dates above. */
function expectedQuarters(): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [date, category] of YEAR) {
    const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
    const counts = out.get(category) ?? [0, 0, 0, 0];
    counts[quarter] = (counts[quarter] ?? 0) + 1;
    out.set(category, counts);
  }
  return out;
}

describe.each(DATABASE_KINDS)('the digest chart of a year of 12 complaints on %s', (kind) => {
  let database: TestDatabase;
  let deps: JobDeps;
  let figures: YearFigures;
  let chart: ChartModel;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = await jobDepsFor(database.handle);
    const ids: string[] = [];
    for (const [date, categoryKey, inTime] of YEAR) {
      ids.push(
        await insertComplaint(database.handle, {
          categoryKey,
          registeredAt: at(date),
          lastProgressAt: at(date),
          feedbackDue: addCalendarDays(date, 7),
          decisionDue: addCalendarDays(date, 14),
          resolutionDue: addCalendarDays(date, 40),
          firstFeedbackAt: at(addCalendarDays(date, inTime ? 2 : 10)),
          status: 'in_treatment',
        }),
      );
    }
    // Two about an employee, one a tip: none of them is a bar of the chart.
    for (const date of ['2025-02-10', '2025-02-11']) {
      const id = await insertComplaint(database.handle, {
        categoryKey: 'dienstverlening',
        registeredAt: at(date),
        concernsEmployee: true,
        subjectPersonId: 'hanna',
        handlerId: 'dirk',
      });
      ids.push(id);
    }
    await insertComplaint(database.handle, {
      kind: 'feedback',
      categoryKey: 'product',
      registeredAt: at('2025-06-02'),
    });
    // Four measures on ordinary complaints (three judged, two effective), one on a complaint
    // about an employee (left out).
    const measure = (complaintId: string, effective: boolean | null) =>
      database.handle.db.insert(measures).values({
        complaintId,
        scope: 'client',
        type: 'corrective',
        description: 'Maatregel',
        ownerId: 'hanna',
        dueOn: '2025-12-31',
        status: effective === null ? 'implemented' : effective ? 'effective' : 'not_effective',
        effective,
        createdBy: 'piet',
        createdAt: at('2025-06-01'),
      });
    await measure(ids[0] as string, true);
    await measure(ids[1] as string, true);
    await measure(ids[2] as string, false);
    await measure(ids[3] as string, null);
    await measure(ids[12] as string, true);

    figures = await deps.digest.yearFigures({ year: 2025, asOf: '2026-01-05' });
    const previous = await deps.digest.yearFigures({ year: 2024, asOf: '2026-01-05' });
    chart = digestChart('nl', figures, buildDigest(figures, previous), LABELS);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('has a non-zero series per category, per quarter as the test counts them', () => {
    expect(chart.months).toEqual(['K1', 'K2', 'K3', 'K4']);
    const expected = expectedQuarters();
    // In the order of the organisation file; only categories with complaints.
    const order = ORG_ORDER.filter((key) => expected.has(key));
    expect(chart.series.map((s) => s.name)).toEqual(order.map((key) => LABELS.get(key)));
    for (const key of order) {
      const series = chart.series.find((s) => s.name === LABELS.get(key));
      expect([key, series?.values]).toEqual([key, expected.get(key)]);
    }
    const drawn = chart.series.flatMap((s) => s.values).reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(drawn).toBe(12);
    // Shown as they are: nothing masked, though every cell is below three.
    expect(JSON.stringify(chart.series)).not.toContain('<3');
    expect(chart.note).toContain('(jaartotaal: <3)');
  });

  it('has the deadline compliance and the measures, as the test counts them', () => {
    const inTime = YEAR.filter(([, , ok]) => ok).length;
    const feedback = chart.compliance.find((c) => c.name === 'Inhoudelijke terugkoppeling');
    const percent = Math.round((inTime / 12) * 1000) / 10;
    expect(feedback).toEqual({
      name: 'Inhoudelijke terugkoppeling',
      percent,
      label: `${String(percent).replace('.', ',')}% (${inTime} van 12)`,
    });
    // Nothing due: not applicable, no bar.
    expect(chart.compliance.find((c) => c.name === 'Beslissing op bezwaar')).toMatchObject({
      percent: null,
      label: 'n.v.t.',
    });
    expect(chart.measures).toEqual([
      { name: 'Genomen', value: 4, label: '4' },
      { name: 'Uitgevoerd', value: 4, label: '4' },
      { name: 'Beoordeeld', value: 3, label: '3' },
      { name: 'Effectief', value: 2, label: '2 (66,7% van de beoordeelde)' },
    ]);
  });

  it('draws the bars: the plot areas of the PNG are not blank', () => {
    const png = decodePng(renderChartPng(chart));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    const layout = chartLayout(chart);
    const { periods } = layout;
    expect(colouredPixels(png, periods)).toBeGreaterThan(5_000);
    // A bar in every quarter (each has complaints), in its quarter's slot.
    const slot = periods.width / 4;
    for (let q = 0; q < 4; q++) {
      const column = { ...periods, left: periods.left + q * slot, width: slot };
      expect([q, colouredPixels(png, column) > 500]).toEqual([q, true]);
    }
    expect(colouredPixels(png, layout.compliance)).toBeGreaterThan(1_000);
    expect(colouredPixels(png, layout.measures ?? periods)).toBeGreaterThan(1_000);

    // The same chart without complaints: the plot area has no bar (the count can fail).
    const empty = decodePng(
      renderChartPng({
        ...chart,
        series: chart.series.map((s) => ({ ...s, values: [0, 0, 0, 0] })),
      }),
    );
    expect(colouredPixels(empty, periods)).toBe(0);
  });

  it('lays its texts out without any two overlapping, all on the canvas', () => {
    for (const locale of ['nl', 'en'] as const) {
      const localized = digestChart(
        locale,
        figures,
        buildDigest(figures, { ...figures, perMonth: [] }),
        LABELS,
      );
      const svg = renderChartSvg(localized);
      const { width, height, boxes } = textBoxes(svg);
      expect(boxes.length).toBeGreaterThan(30);
      expect(overlappingTexts(boxes)).toEqual([]);
      // Nor over a legend symbol or a bar it does not belong in.
      expect(textsOverShapes(svg)).toEqual([]);
      for (const box of boxes) {
        expect([box.text, box.left >= 0 && box.top >= 0]).toEqual([box.text, true]);
        expect([box.text, box.right <= width && box.bottom <= height]).toEqual([box.text, true]);
      }
    }
  });
});

describe('the chart at 100 complaints in nine categories with long names', () => {
  const names = [
    'Dienstverlening aan de balie en telefonisch',
    'Communicatie en bejegening',
    'Facturatie en betalingsregelingen',
    'Product',
    'Levering en bezorging van bestellingen op afstand',
    'Planning',
    'Privacy en gegevensbescherming',
    'Overig',
    'Toegankelijkheid van het gebouw',
  ];
  const chart: ChartModel = {
    title: 'Klachten 2025',
    note: 'Aantallen zoals ze zijn. Klachten over een medewerker staan niet in de grafiek (jaartotaal: 4).',
    periodsTitle: 'Klachten per kwartaal en rubriek',
    months: ['K1', 'K2', 'K3', 'K4'],
    series: names.map((name, i) => ({
      name,
      values: [0, 1, 2, 3].map((q) => ((i * 7 + q * 3) % 5) + (i === 0 ? 6 : 0)),
    })),
    complianceTitle: 'Termijnen gehaald',
    compliance: [
      'Ontvangstbevestiging',
      'Inhoudelijke terugkoppeling',
      'Besluit of niet-ontvankelijk',
      'Afhandeling (geldende termijn)',
      'Afhandeling (oorspronkelijke termijn)',
      'Beslissing op bezwaar',
      'Afgesproken oplossing uitgevoerd',
    ].map((name, i) => ({ name, percent: 100 - i * 7, label: `${100 - i * 7}% (99 van 100)` })),
    measuresTitle: 'Maatregelen',
    measures: [
      { name: 'Genomen', value: 40, label: '40' },
      { name: 'Uitgevoerd', value: 31, label: '31' },
      { name: 'Beoordeeld', value: 25, label: '25' },
      { name: 'Effectief', value: 19, label: '19 (76% van de beoordeelde)' },
    ],
  };

  it('keeps every text apart: the legend cuts long names, segment counts only where they fit', () => {
    const total = chart.series.flatMap((s) => s.values).reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(total).toBeGreaterThanOrEqual(90);
    const svg = renderChartSvg(chart);
    const { width, height, boxes } = textBoxes(svg);
    expect(overlappingTexts(boxes)).toEqual([]);
    expect(textsOverShapes(svg)).toEqual([]);
    for (const box of boxes) {
      expect([box.text, box.right <= width && box.bottom <= height]).toEqual([box.text, true]);
    }
    // The longest names are cut with an ellipsis, the short ones are whole.
    const texts = boxes.map((b) => b.text);
    expect(texts).toContain('Product');
    expect(texts.some((t) => t.startsWith('Levering en bezorging') && t.endsWith('…'))).toBe(true);
  });

  it('finds texts over texts and over shapes when there are (the checks can fail)', () => {
    const svg = `<svg width="300" height="100" xmlns="http://www.w3.org/2000/svg"><text x="10" y="50" style="font-size:12px">Dienstverlening</text><text x="60" y="52" style="font-size:12px">Communicatie</text><text x="10" y="90" style="font-size:12px">Apart</text></svg>`;
    expect(overlappingTexts(textBoxes(svg).boxes)).toEqual([['Dienstverlening', 'Communicatie']]);
    // A label running into the next legend symbol (the old legend): found too.
    const legend = `<svg width="300" height="100" xmlns="http://www.w3.org/2000/svg"><text x="10" y="50" fill="#333" style="font-size:12px">Dienstverlening</text><rect x="80" y="40" width="14" height="14" fill="#5070dd"/><text x="200" y="50" fill="#333" style="font-size:12px">Los</text><rect x="230" y="40" width="14" height="14" fill="#5070dd"/></svg>`;
    expect(textsOverShapes(legend)).toEqual(['Dienstverlening']);
  });
});

describe('text extents', () => {
  it('measures a text as wide as resvg draws it', () => {
    for (const [text, size, bold] of [
      ['Dienstverlening', 12, false],
      ['Communicatie en bejegening van klanten', 12, false],
      ['Termijnen gehaald', 14, true],
      ['WWW iii', 20, false],
    ] as const) {
      const ink = inkBox(text, size, bold)?.width ?? 0;
      const measured = textWidth(text, size, bold);
      // Never narrower than the ink (a label measured short runs into its neighbour); wider by
      // no more than the side bearings at either end and kerning, a fraction of the font size.
      expect([text, measured >= ink && measured - ink < 0.3 * size]).toEqual([text, true]);
    }
    // A space has width too, and a wider font size gives a wider text.
    expect(textWidth('a b', 12)).toBeGreaterThan(textWidth('ab', 12));
    expect(textWidth('Klachten', 18)).toBeCloseTo((textWidth('Klachten', 12) * 18) / 12, 5);
  });
});
