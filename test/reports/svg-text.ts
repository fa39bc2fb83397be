import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_OPTIONS } from '../../src/adapters/reports/text-extent.js';

export interface TextBox {
  text: string;
  /** The text's fill colour as the SVG has it. */
  fill: string | null;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Every text of an SVG with the box of its ink as resvg draws it (the renderer's font): each
 * `<text>` element is drawn alone on a canvas of the SVG's size and measured there.
 */
export function textBoxes(svg: string): { width: number; height: number; boxes: TextBox[] } {
  const width = Number(/<svg[^>]*\bwidth="(\d+)"/.exec(svg)?.[1]);
  const height = Number(/<svg[^>]*\bheight="(\d+)"/.exec(svg)?.[1]);
  const boxes: TextBox[] = [];
  for (const match of svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)) {
    const element = match[0];
    const text = (match[1] ?? '').replace(/<[^>]+>/g, '');
    if (!text.trim()) continue;
    const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${element}</svg>`;
    const box = new Resvg(alone, { font: CHART_FONT_OPTIONS }).getBBox();
    if (!box) continue;
    boxes.push({
      text,
      fill: /\bfill="([^"]+)"/.exec(element)?.[1] ?? null,
      left: box.x,
      top: box.y,
      right: box.x + box.width,
      bottom: box.y + box.height,
    });
  }
  return { width, height, boxes };
}

/** The pairs of texts whose ink overlaps. */
export function overlappingTexts(boxes: readonly TextBox[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as TextBox;
      const b = boxes[j] as TextBox;
      const apart =
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      if (!apart) pairs.push([a.text, b.text]);
    }
  }
  return pairs;
}

/**
 * The texts drawn over a coloured shape (a bar, a legend symbol): the SVG is drawn without its
 * texts, and under each text's box there must be no coloured pixel (white, grey grid lines and
 * axes do not count). Labels drawn in white sit inside their own bar by design: not checked.
 */
export function textsOverShapes(svg: string): string[] {
  const { boxes } = textBoxes(svg);
  const shapes = new Resvg(svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, ''), {
    font: CHART_FONT_OPTIONS,
    background: '#ffffff',
  }).render();
  const { width, pixels } = shapes;
  const over: string[] = [];
  for (const box of boxes) {
    if (box.fill?.toLowerCase() === '#ffffff' || box.fill?.toLowerCase() === '#fff') continue;
    let coloured = 0;
    for (let y = Math.ceil(box.top); y < Math.floor(box.bottom); y++) {
      for (let x = Math.ceil(box.left); x < Math.floor(box.right); x++) {
        const i = (y * width + x) * 4;
        const r = pixels[i] ?? 0;
        const g = pixels[i + 1] ?? 0;
        const b = pixels[i + 2] ?? 0;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
    }
    if (coloured > 0) over.push(box.text);
  }
  return over;
}
