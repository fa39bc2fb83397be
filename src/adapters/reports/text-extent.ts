import { Resvg } from '@resvg/resvg-js';

/** The chart's font: resvg draws with it, and every text is measured with it. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
export const CHART_FONT_OPTIONS = {
  loadSystemFonts: true,
  defaultFontFamily: CHART_FONT_FAMILY,
} as const;

/** Widths are measured once per character at this size and scaled. */
const REFERENCE_SIZE = 100;
const advances = new Map<string, number>();

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The ink box of a text drawn by resvg with the chart's font, or null when it draws nothing. */
export function inkBox(
  text: string,
  size: number,
  bold = false,
): { x: number; y: number; width: number; height: number } | null {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${40 * size}" height="${4 * size}"><text x="${size}" y="${2 * size}" font-size="${size}" font-family="${CHART_FONT_FAMILY}" font-weight="${bold ? 'bold' : 'normal'}" xml:space="preserve">${escapeXml(text)}</text></svg>`;
  const box = new Resvg(svg, { font: CHART_FONT_OPTIONS }).getBBox();
  return box ? { x: box.x, y: box.y, width: box.width, height: box.height } : null;
}

/**
 * The advance width of one character at REFERENCE_SIZE: the ink of "|c|" less the ink of "||"
 * (the bars' own ink cancels out, so even a space has its width).
 */
function advance(char: string, bold: boolean): number {
  // Control characters draw nothing (and XML cannot hold them); echarts measures them all.
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff) {
    return 0;
  }
  const key = `${bold ? 'b' : 'n'}${char}`;
  const known = advances.get(key);
  if (known !== undefined) return known;
  const barsKey = `${bold ? 'b' : 'n'}||`;
  const bars = advances.get(barsKey) ?? inkBox('||', REFERENCE_SIZE, bold)?.width ?? 0;
  advances.set(barsKey, bars);
  const withChar = inkBox(`|${char}|`, REFERENCE_SIZE, bold)?.width ?? bars;
  const width = Math.max(0, withChar - bars);
  advances.set(key, width);
  return width;
}

/** The width of a text in pixels, as resvg draws it with the chart's font. */
export function textWidth(text: string, size: number, bold = false): number {
  let width = 0;
  for (const char of text) width += advance(char, bold);
  return (width * size) / REFERENCE_SIZE;
}

/**
 * echarts' text measurement (setPlatformAPI): a CSS font shorthand such as
 * "bold 18px DejaVu Sans, sans-serif". Without it echarts estimates widths from a table for
 * another font, narrower than the one resvg draws with: the legend's labels ran into each other.
 */
export function measureCssText(text: string, font?: string): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
  const bold = /\b(bold|bolder|[6-9]00)\b/.test(font ?? '');
  return { width: textWidth(text ?? '', size, bold) };
}
