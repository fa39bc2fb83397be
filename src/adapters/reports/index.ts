import type { ReportRenderer } from '../../app/jobs/ports.js';
import { renderChartPng } from './chart-png.js';
import { renderRegisterCsv, renderRegisterXlsx } from './register-files.js';

/** The digest's files: echarts + resvg (PNG), exceljs streaming (XLSX), csv-stringify (CSV). */
export function createReportRenderer(): ReportRenderer {
  return {
    chartPng: async (chart) => renderChartPng(chart),
    registerXlsx: (sheets) => renderRegisterXlsx(sheets),
    registerCsv: (sheets) => renderRegisterCsv(sheets),
  };
}
