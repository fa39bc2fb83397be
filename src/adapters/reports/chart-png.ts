import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { DigestChart } from '../../app/jobs/ports.js';

const WIDTH = 1200;
const HEIGHT = 800;

/**
 * The digest chart: complaints per month stacked by category (top) and the share of each
 * deadline met (bottom). echarts renders SVG server-side; resvg turns it into a PNG with the
 * system fonts (text falls back to DejaVu Sans when the chart's font is missing).
 */
export function renderChartSvg(chart: DigestChart): string {
  const instance = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: WIDTH,
    height: HEIGHT,
  });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'DejaVu Sans, sans-serif' },
      title: [
        { text: chart.title, left: 'center', top: 8 },
        { text: chart.note, left: 'center', top: 38, textStyle: { fontSize: 12, color: '#666' } },
        { text: chart.complianceTitle, left: 40, top: 460, textStyle: { fontSize: 14 } },
      ],
      legend: { top: 62, type: 'plain', data: chart.series.map((s) => s.name) },
      grid: [
        { top: 110, height: 300, left: 60, right: 30 },
        { top: 500, height: 240, left: 250, right: 60 },
      ],
      xAxis: [
        { type: 'category', data: chart.months, gridIndex: 0 },
        { type: 'value', max: 100, gridIndex: 1 },
      ],
      yAxis: [
        { type: 'value', minInterval: 1, gridIndex: 0 },
        {
          type: 'category',
          data: chart.compliance.map((c) => c.name),
          gridIndex: 1,
          // Seven deadlines with longer names: wrapped within the margin, never over the bars.
          axisLabel: { width: 235, overflow: 'break' },
        },
      ],
      series: [
        ...chart.series.map((s) => ({
          type: 'bar',
          name: s.name,
          stack: 'complaints',
          data: s.values,
          xAxisIndex: 0,
          yAxisIndex: 0,
        })),
        {
          type: 'bar',
          name: chart.complianceTitle,
          data: chart.compliance.map((c) => c.percent),
          xAxisIndex: 1,
          yAxisIndex: 1,
          label: { show: true, position: 'right', formatter: '{c}%' },
          itemStyle: { color: '#2f7d32' },
        },
      ],
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

export function renderChartPng(chart: DigestChart): Uint8Array {
  const svg = renderChartSvg(chart);
  const png = new Resvg(svg, {
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
