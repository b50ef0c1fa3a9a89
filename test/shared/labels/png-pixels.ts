import { inflateSync } from 'node:zlib';

/**
 * The pixels of an 8-bit greyscale, non-interlaced PNG (what zpl-renderer-js
 * writes), so a test can look at a region of a rendered label: PNG
 * specification (ISO/IEC 15948) chunks IHDR/IDAT and the five row filters.
 */
export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom; 0 is black. */
  pixels: Uint8Array;
}

export function decodeGreyPng(png: Uint8Array): GreyImage {
  const buf = Buffer.from(png);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  if (buf[24] !== 8 || buf[25] !== 0 || buf[28] !== 0) throw new Error(`not an 8-bit greyscale non-interlaced PNG (depth ${buf[24]}, colour type ${buf[25]})`);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)]!;
    const row = raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1));
    for (let x = 0; x < width; x++) {
      const a = x > 0 ? pixels[y * width + x - 1]! : 0;
      const b = y > 0 ? pixels[(y - 1) * width + x]! : 0;
      const c = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      pixels[y * width + x] = (row[x]! + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** Dark pixels (below half grey) inside the rectangle. */
export function darkPixels(img: GreyImage, box: { x: number; y: number; width: number; height: number }): number {
  let n = 0;
  for (let y = box.y; y < Math.min(img.height, box.y + box.height); y++) for (let x = box.x; x < Math.min(img.width, box.x + box.width); x++) if (img.pixels[y * img.width + x]! < 128) n++;
  return n;
}

/** Pixels that differ between two images of one size, outside the rectangle. */
export function differencesOutside(a: GreyImage, b: GreyImage, box: { x: number; y: number; width: number; height: number }): number {
  let n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const inside = x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
      if (!inside && a.pixels[y * a.width + x] !== b.pixels[y * b.width + x]) n++;
    }
  }
  return n;
}
