/**
 * Draws the Teams app icons from SVG (run once; the PNGs are committed):
 * color.png 192×192 (full colour) and outline.png 32×32 (white on transparent).
 *   npx tsx scripts/teams-icons.ts
 */
import { writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';

const DIR = new URL('../manifest/teams/', import.meta.url);

// A speech bubble with an exclamation mark: "something to report".
const bubble = (fill: string, mark: string) => `
  <path d="M40 44h112a16 16 0 0 1 16 16v60a16 16 0 0 1-16 16H92l-32 26v-26H40a16 16 0 0 1-16-16V60a16 16 0 0 1 16-16z" fill="${fill}"/>
  <rect x="89" y="60" width="14" height="40" rx="7" fill="${mark}"/>
  <circle cx="96" cy="116" r="8" fill="${mark}"/>`;

const color = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="0" fill="#C4314B"/>${bubble('#FFFFFF', '#C4314B')}
</svg>`;

const outline = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 192 192">
  <path d="M40 44h112a16 16 0 0 1 16 16v60a16 16 0 0 1-16 16H92l-32 26v-26H40a16 16 0 0 1-16-16V60a16 16 0 0 1 16-16z" fill="none" stroke="#FFFFFF" stroke-width="12"/>
  <rect x="89" y="60" width="14" height="40" rx="7" fill="#FFFFFF"/>
  <circle cx="96" cy="116" r="8" fill="#FFFFFF"/>
</svg>`;

for (const [name, svg, size] of [
  ['color.png', color, 192],
  ['outline.png', outline, 32],
] as const) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  await writeFile(new URL(name, DIR), png);
  console.log(`manifest/teams/${name} (${size}×${size}, ${png.length} bytes)`);
}
