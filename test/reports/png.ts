import { inflateSync } from 'node:zlib';

/** A decoded PNG: 8-bit RGBA, row by row. */
export interface DecodedPng {
  width: number;
  height: number;
  /** width × height × 4 bytes. */
  rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Decodes a PNG as the PNG specification says (chunks, zlib, per-row filters), written here
 * so the test reads the bytes the renderer produced and no library's idea of them. 8-bit,
 * not interlaced, grey / RGB / grey+alpha / RGBA: what resvg writes.
 */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const data = Buffer.from(bytes);
  if (!SIGNATURE.every((b, i) => data[i] === b)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colourType = body[9] ?? -1;
      if (depth !== 8) throw new Error(`bit depth ${depth} not supported`);
      if (body[12] !== 0) throw new Error('interlaced PNG not supported');
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const channels = CHANNELS[colourType];
  if (!channels) throw new Error(`colour type ${colourType} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const v = line[x] ?? 0;
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? a
            : filter === 2
              ? b
              : filter === 3
                ? (a + b) >> 1
                : filter === 4
                  ? paeth(a, b, c)
                  : Number.NaN;
      if (Number.isNaN(predicted)) throw new Error(`unknown filter ${filter}`);
      pixels[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    const grey = channels <= 2;
    rgba[i * 4] = p[0] ?? 0;
    rgba[i * 4 + 1] = grey ? (p[0] ?? 0) : (p[1] ?? 0);
    rgba[i * 4 + 2] = grey ? (p[0] ?? 0) : (p[2] ?? 0);
    rgba[i * 4 + 3] = channels === 4 ? (p[3] ?? 255) : channels === 2 ? (p[1] ?? 255) : 255;
  }
  return { width, height, rgba };
}

/**
 * Pixels of colour in a rectangle: not white, not grey (grid lines, axes and text are grey),
 * so what is left is the bars.
 */
export function colouredPixels(
  png: DecodedPng,
  rect: { left: number; top: number; width: number; height: number },
): number {
  let count = 0;
  const x0 = Math.max(0, Math.floor(rect.left));
  const y0 = Math.max(0, Math.floor(rect.top));
  const x1 = Math.min(png.width, Math.ceil(rect.left + rect.width));
  const y1 = Math.min(png.height, Math.ceil(rect.top + rect.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      const r = png.rgba[i] ?? 0;
      const g = png.rgba[i + 1] ?? 0;
      const b = png.rgba[i + 2] ?? 0;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
    }
  }
  return count;
}
