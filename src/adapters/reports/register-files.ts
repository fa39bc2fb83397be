import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RegisterSheets } from '../../app/jobs/ports.js';

/** Sheet names (Excel allows 31 characters, no []:*?/\). */
export const REGISTER_SHEET = 'Overzicht klachten';
export const ANALYSIS_SHEET = 'Analyse';

/** The register as a workbook: the register sheet (frozen header, filter) and the analysis. */
export async function renderRegisterXlsx(sheets: RegisterSheets): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Klachtenbot';
  const register = workbook.addWorksheet(REGISTER_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  register.addRow(sheets.headers).font = { bold: true };
  for (const row of sheets.rows) register.addRow(row);
  register.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: sheets.headers.length },
  };
  register.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, (sheets.headers[i]?.length ?? 10) + 2));
  });
  const analysis = workbook.addWorksheet(ANALYSIS_SHEET);
  analysis.addRow(sheets.analysisHeaders).font = { bold: true };
  for (const row of sheets.analysis) analysis.addRow(row);
  analysis.getColumn(1).width = 60;
  analysis.getColumn(2).width = 20;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The register as CSV for Excel in a Dutch locale: UTF-8 with BOM, `;` as separator (Excel
 * reads `,` as the decimal mark there), every line CRLF.
 */
export function renderRegisterCsv(sheets: RegisterSheets): Uint8Array {
  const text = stringify([sheets.headers, ...sheets.rows], {
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
    cast: { number: (n) => String(n) },
  });
  return new TextEncoder().encode(text);
}
