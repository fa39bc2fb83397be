import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_SHEET,
  REGISTER_SHEET,
  renderRegisterCsv,
  renderRegisterXlsx,
} from '../../src/adapters/reports/register-files.js';
import type { RegisterSheets } from '../../src/app/jobs/ports.js';
import { random } from '../support/random.js';

type Cell = string | number | null;

const AWKWARD: Cell[] = [
  null,
  '',
  ' ',
  'a;b',
  'zei "nee"',
  'regel\nregel',
  'eindigt op CR\r',
  'CR\rmidden',
  'CRLF\r\nmidden',
  '\ttab',
  'spatie ',
  ' spatie',
  "<b>&amp;</b> 'x'",
  'stuur\u0001\u0008\u000b\u000c\u001f\u007ftekens',
  'emoji 😀, é, ß, 中文',
  '=SUM(A1:A2)',
  '__proto__',
  'constructor',
  0,
  -0,
  7,
  -3,
  0.1 + 0.2,
  1e21,
  1e-7,
  1234567890123456800,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

/** A register with every awkward value, enough rows to cross the writers' chunk sizes. */
function sampleSheets(rows: number): RegisterSheets {
  const rnd = random(42);
  const headers = [
    'Kenmerk',
    'Omschrijving met een heel lange kop die breder is dan veertig',
    'x',
    'Getal',
    'Tekst',
  ];
  const body: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    const pick = () => AWKWARD[Math.floor(rnd() * AWKWARD.length)] as Cell;
    body.push([`KL-${r}`, `omschrijving ${r}`, pick(), pick(), pick()]);
  }
  body.push([null, null, null, null, null]);
  body.push([]);
  body.push(['langer', 1, 2, 3, 4, 'zesde kolom']);
  body.push(AWKWARD.slice(0, 5));
  return {
    headers,
    rows: body,
    analysisHeaders: ['Maatstaf', 'Waarde'],
    analysis: [
      ['Klachten', 12],
      ['Ratio', 0.625],
      ['Stijgers', null],
      ['Doorlooptijd', '3 / 7.5'],
    ],
  };
}

/** Which cell values differ after a round trip through exceljs (ignoring XML-illegal characters). */
async function roundTripDifferences(sheets: RegisterSheets): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await renderRegisterXlsx(sheets)) as never);
  const register = workbook.getWorksheet(REGISTER_SHEET);
  if (!register) throw new Error('register sheet missing');
  // exceljs drops the characters XML cannot hold (controls other than tab, LF, CR), and XML
  // reads every line end as LF.
  const xmlText = (text: string) =>
    [...text]
      .filter((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        return code === 9 || code === 10 || code === 13 || (code >= 32 && code !== 127);
      })
      .join('')
      .replace(/\r\n?/g, '\n');
  const expected = (cell: Cell) => (typeof cell === 'string' ? xmlText(cell) : cell);
  const differences: string[] = [];
  [sheets.headers, ...sheets.rows].forEach((row, r) => {
    row.forEach((cell, c) => {
      const value = register.getRow(r + 1).getCell(c + 1).value ?? null;
      const want = expected(cell);
      const same =
        typeof want === 'number' && Number.isNaN(want)
          ? true // Excel has no NaN; what a spreadsheet shows for it is not ours to fix
          : want === ''
            ? value === null || value === ''
            : Object.is(value, want) || value === want;
      if (!same)
        differences.push(`R${r + 1}C${c + 1}: ${JSON.stringify(want)} → ${JSON.stringify(value)}`);
    });
  });
  return differences;
}

describe('register XLSX', () => {
  it('holds every value as written, across many rows', async () => {
    expect(await roundTripDifferences(sampleSheets(4_500))).toEqual([]);
  });

  it('opens in exceljs with a bold frozen header, filter and column widths', async () => {
    const sheets = sampleSheets(50);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderRegisterXlsx(sheets)) as never);
    const register = workbook.getWorksheet(REGISTER_SHEET);
    if (!register) throw new Error('register sheet missing');
    expect(register.getRow(1).font?.bold).toBe(true);
    expect(register.getRow(2).font?.bold).toBeFalsy();
    expect(register.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(register.autoFilter).toBe('A1:E1');
    expect(register.getColumn(2).width).toBe(40);
    expect(register.getColumn(3).width).toBe(10);
    expect(register.getRow(2).getCell(1).value).toBe('KL-0');
    const analysis = workbook.getWorksheet(ANALYSIS_SHEET);
    expect(analysis?.getRow(1).font?.bold).toBe(true);
    expect(analysis?.getColumn(1).width).toBe(60);
    expect(analysis?.getRow(3).getCell(2).value).toBe(0.625);
  });
});

describe('register CSV', () => {
  it('is what csv-stringify writes for the whole register at once, also across chunks', async () => {
    const sheets = sampleSheets(5200);
    const reference = new TextEncoder().encode(
      stringify([sheets.headers, ...sheets.rows], {
        delimiter: ';',
        bom: true,
        record_delimiter: 'windows',
        quoted_match: /[\r\n]/,
        cast: { number: (n) => String(n) },
      }),
    );
    const mine = await renderRegisterCsv(sheets);
    expect(Buffer.from(mine).equals(Buffer.from(reference))).toBe(true);
    expect([...mine.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('register CSV line breaks', () => {
  it('quotes a field with a line break, so a multi-line description stays in its row', async () => {
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await renderRegisterCsv({
        headers: ['Kenmerk', 'Omschrijving'],
        rows: [['KL-2026-0001', 'eerste regel\ntweede regel']],
        analysisHeaders: [],
        analysis: [],
      }),
    );
    expect(csv).toBe('\uFEFFKenmerk;Omschrijving\r\nKL-2026-0001;"eerste regel\ntweede regel"\r\n');
  });
});
