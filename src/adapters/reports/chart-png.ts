import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartModel } from '../../app/jobs/digest-chart.js';
import type { DigestChart } from '../../app/jobs/ports.js';
import { CHART_FONT_FAMILY, CHART_FONT_OPTIONS, measureCssText, textWidth } from './text-extent.js';

// echarts lays out legends, axis labels and wrapping by measured widths: measured with the font
// resvg draws with, not estimated from another font's table (the legend labels overlapped).
echarts.setPlatformAPI({ measureText: measureCssText });

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 800;

const FONT = 12;
const HEADING = 14;
const ROW = 34;
const GAP = 12;
/** Where the measures panel starts (left of it: the deadlines). */
const SPLIT = 770;
const MARGIN = 30;
const LEGEND_ICON = 14;
const LEGEND_TEXT_MAX = 260;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The panels' plot areas (grids), in pixels of the PNG. */
export interface ChartLayout {
  periods: Rect;
  compliance: Rect;
  measures: Rect | null;
  legend: Rect;
}

const widest = (texts: readonly string[], size = FONT, bold = false) =>
  Math.ceil(Math.max(0, ...texts.map((text) => textWidth(text, size, bold))));

/** The measures, when the chart has them (a chart of the old shape has none). */
const measuresOf = (chart: DigestChart & Partial<ChartModel>) =>
  chart.measures && chart.measures.length > 0 ? chart.measures : null;

/** A bar's label: the model's, or its percentage. */
const complianceLabels = (chart: DigestChart & Partial<ChartModel>) =>
  chart.compliance.map((c) => {
    const labelled = c as { label?: string };
    return labelled.label ?? (c.percent === null ? '–' : `${c.percent}%`);
  });

/**
 * Where everything goes, from the measured widths of the texts: the legend as wide as its
 * widest label (up to LEGEND_TEXT_MAX, then cut with an ellipsis), each axis's labels in a
 * margin as wide as the widest of them, each bar's value label in room kept right of it.
 */
export function chartLayout(chart: DigestChart & Partial<ChartModel>): ChartLayout {
  const legendText = Math.min(LEGEND_TEXT_MAX, widest(chart.series.map((s) => s.name)));
  const legendWidth = LEGEND_ICON + 5 + legendText + 10;
  const periodsTop = 110;
  const periodsHeight = 290;
  const yLabels = widest(['0000']);
  const periods: Rect = {
    left: MARGIN + yLabels + GAP,
    top: periodsTop,
    width: CHART_WIDTH - 2 * MARGIN - yLabels - GAP - legendWidth - 2 * GAP,
    height: periodsHeight,
  };
  const legend: Rect = {
    left: CHART_WIDTH - MARGIN - legendWidth,
    top: periodsTop,
    width: legendWidth,
    height: periodsHeight,
  };
  const lowerTop = periodsTop + periodsHeight + 90;
  const measures = measuresOf(chart);
  const complianceRight = measures ? SPLIT - 2 * GAP : CHART_WIDTH - MARGIN;
  const names = Math.min(
    widest(chart.compliance.map((c) => c.name)),
    Math.floor((complianceRight - MARGIN) * 0.45),
  );
  const values = widest(complianceLabels(chart));
  const complianceLeft = MARGIN + names + GAP;
  const compliance: Rect = {
    left: complianceLeft,
    top: lowerTop,
    width: complianceRight - values - GAP - complianceLeft,
    height: Math.max(1, chart.compliance.length) * ROW,
  };
  let measuresRect: Rect | null = null;
  if (measures) {
    const left = SPLIT + widest(measures.map((m) => m.name)) + GAP;
    const right = CHART_WIDTH - MARGIN - widest(measures.map((m) => m.label)) - GAP;
    measuresRect = { left, top: lowerTop, width: right - left, height: measures.length * ROW };
  }
  return { periods, compliance, measures: measuresRect, legend };
}

/** A round axis maximum above `max` with room for the totals over the bars (≤ 6 steps). */
function axisMax(max: number): { max: number; step: number } {
  const target = Math.max(1, max * 1.15);
  for (const base of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]) {
    const steps = Math.ceil(target / base);
    if (steps <= 6) return { max: steps * base, step: base };
  }
  const step = 10 ** Math.ceil(Math.log10(target / 6));
  return { max: Math.ceil(target / step) * step, step };
}

const headingStyle = { fontSize: HEADING, fontWeight: 'bold' as const, color: '#333' };
const grid = (r: Rect) => ({
  left: r.left,
  top: r.top,
  width: r.width,
  height: r.height,
  containLabel: false,
});

/**
 * The digest chart: complaints per period stacked by category (top, a total over each bar,
 * a count in each segment tall enough for it), the share of each deadline met (bottom left)
 * and the measures from taken to effective (bottom right). echarts renders SVG server-side;
 * resvg turns it into a PNG with the system fonts.
 */
export function renderChartSvg(chart: DigestChart & Partial<ChartModel>): string {
  const layout = chartLayout(chart);
  const measures = measuresOf(chart);
  const totals = chart.months.map((_, i) =>
    chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
  );
  const { max, step } = axisMax(Math.max(0, ...totals));
  const pixelsPerUnit = layout.periods.height / max;
  // A count inside its segment only when the segment is taller than the text.
  const segment = (value: number | null) => ({
    value: value ?? 0,
    label: { show: value !== null && value > 0 && value * pixelsPerUnit >= FONT + 6 },
  });
  const labels = complianceLabels(chart);
  const measureMax = measures ? Math.max(1, ...measures.map((m) => m.value)) : 1;
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: `${CHART_FONT_FAMILY}, sans-serif`, fontSize: FONT },
      title: [
        { text: chart.title, left: 'center', top: 10, textStyle: { fontSize: 20 } },
        {
          text: chart.note,
          left: 'center',
          top: 42,
          textStyle: { fontSize: FONT, fontWeight: 'normal', color: '#555' },
        },
        ...(chart.periodsTitle
          ? [{ text: chart.periodsTitle, left: MARGIN, top: 76, textStyle: headingStyle }]
          : []),
        {
          text: chart.complianceTitle,
          left: MARGIN,
          top: layout.compliance.top - 36,
          textStyle: headingStyle,
        },
        ...(measures && layout.measures
          ? [
              {
                text: chart.measuresTitle ?? '',
                left: SPLIT,
                top: layout.measures.top - 36,
                textStyle: headingStyle,
              },
            ]
          : []),
      ],
      legend: {
        type: chart.series.length * (LEGEND_ICON + 10) > layout.legend.height ? 'scroll' : 'plain',
        orient: 'vertical',
        left: layout.legend.left,
        top: layout.legend.top,
        height: layout.legend.height,
        itemWidth: LEGEND_ICON,
        itemHeight: LEGEND_ICON,
        itemGap: 10,
        data: chart.series.map((s) => s.name),
        textStyle: { width: LEGEND_TEXT_MAX, overflow: 'truncate', ellipsis: '…' },
      },
      grid: [
        grid(layout.periods),
        grid(layout.compliance),
        ...(layout.measures ? [grid(layout.measures)] : []),
      ],
      xAxis: [
        { type: 'category', data: chart.months, gridIndex: 0 },
        {
          type: 'value',
          min: 0,
          max: 100,
          interval: 25,
          gridIndex: 1,
          axisLabel: { formatter: '{value}%' },
        },
        ...(layout.measures
          ? [
              {
                type: 'value',
                min: 0,
                max: measureMax,
                gridIndex: 2,
                axisLabel: { show: false },
                splitLine: { show: false },
              },
            ]
          : []),
      ],
      yAxis: [
        { type: 'value', min: 0, max, interval: step, gridIndex: 0 },
        {
          type: 'category',
          inverse: true,
          data: chart.compliance.map((c) => c.name),
          gridIndex: 1,
          axisTick: { show: false },
          axisLabel: {
            width: layout.compliance.left - MARGIN - GAP,
            overflow: 'break',
            lineHeight: 14,
          },
        },
        ...(measures
          ? [
              {
                type: 'category',
                inverse: true,
                data: measures.map((m) => m.name),
                gridIndex: 2,
                axisTick: { show: false },
              },
            ]
          : []),
      ],
      series: [
        ...chart.series.map((s) => ({
          type: 'bar',
          name: s.name,
          stack: 'periods',
          barMaxWidth: 90,
          data: s.values.map(segment),
          xAxisIndex: 0,
          yAxisIndex: 0,
          label: {
            position: 'inside',
            color: '#ffffff',
            textBorderColor: 'rgba(0, 0, 0, 0.55)',
            textBorderWidth: 2,
            fontSize: 11,
          },
        })),
        // The totals over the stacks: a bar of no height on top carrying the label.
        {
          type: 'bar',
          name: '',
          stack: 'periods',
          data: totals.map(() => 0),
          xAxisIndex: 0,
          yAxisIndex: 0,
          silent: true,
          label: {
            show: true,
            position: 'top',
            fontWeight: 'bold',
            color: '#333',
            formatter: (p: { dataIndex: number }) =>
              totals[p.dataIndex] ? String(totals[p.dataIndex]) : '',
          },
        },
        {
          type: 'bar',
          name: chart.complianceTitle,
          data: chart.compliance.map((c) => c.percent ?? 0),
          xAxisIndex: 1,
          yAxisIndex: 1,
          barMaxWidth: 20,
          itemStyle: { color: '#2f7d32' },
          label: {
            show: true,
            position: 'right',
            color: '#333',
            formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '',
          },
        },
        ...(measures
          ? [
              {
                type: 'bar',
                name: chart.measuresTitle ?? '',
                data: measures.map((m) => m.value),
                xAxisIndex: 2,
                yAxisIndex: 2,
                barMaxWidth: 20,
                itemStyle: { color: '#00838f' },
                label: {
                  show: true,
                  position: 'right',
                  color: '#333',
                  formatter: (p: { dataIndex: number }) => measures[p.dataIndex]?.label ?? '',
                },
              },
            ]
          : []),
      ],
      graphic:
        totals.every((n) => n === 0) && chart.empty
          ? [
              {
                type: 'text',
                left:
                  layout.periods.left + layout.periods.width / 2 - textWidth(chart.empty, 14) / 2,
                top: layout.periods.top + layout.periods.height / 2 - 10,
                style: { text: chart.empty, fontSize: 14, fill: '#777' },
              },
            ]
          : [],
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

export function renderChartPng(chart: DigestChart & Partial<ChartModel>): Uint8Array {
  const svg = renderChartSvg(chart);
  const png = new Resvg(svg, { background: '#ffffff', font: CHART_FONT_OPTIONS }).render().asPng();
  return new Uint8Array(png);
}
