import { inflateSync } from 'node:zlib';
import bwipjs from 'bwip-js/node';
import type { Frame } from '../../../../renderer/scan/camera/decoder';

/**
 * Camera-like test frames: bwip-js draws a symbol as PNG, a small PNG reader
 * turns it into RGBA pixels, and the symbol is placed on a 640×480 grey-white
 * frame, rotated and blurred. Deterministic, Node only (tests and bench).
 */

/** RGBA pixels of an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA), the kinds bwip-js writes. */
export function decodePng(png: Uint8Array): Frame {
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  let depth = 0;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < view.length) {
    const length = view.readUInt32BE(offset);
    const type = view.toString('latin1', offset + 4, offset + 8);
    const body = view.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      colorType = body[9]!;
      if (body[12] !== 0) throw new Error('interlaced PNG not supported');
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (depth !== 8) throw new Error(`PNG bit depth ${depth} not supported`);
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (channels === undefined) throw new Error(`PNG colour type ${colorType} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    let rgb: [number, number, number];
    let alpha = 255;
    if (colorType === 3) {
      const k = pixels[s]! * 3;
      rgb = [palette![k]!, palette![k + 1]!, palette![k + 2]!];
    } else if (channels <= 2) {
      rgb = [pixels[s]!, pixels[s]!, pixels[s]!];
      if (channels === 2) alpha = pixels[s + 1]!;
    } else {
      rgb = [pixels[s]!, pixels[s + 1]!, pixels[s + 2]!];
      if (channels === 4) alpha = pixels[s + 3]!;
    }
    // Composite on white, as the label's paper is.
    for (let k = 0; k < 3; k++) data[i * 4 + k] = (rgb[k]! * alpha + 255 * (255 - alpha)) / 255;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

export interface SymbolSpec {
  readonly bcid: string;
  readonly text: string;
  /** Module size in pixels. */
  readonly scale?: number;
  readonly height?: number;
  readonly parse?: boolean;
}

/** The symbol as bwip-js draws it (PNG), decoded to RGBA. */
export async function renderSymbol(spec: SymbolSpec): Promise<Frame> {
  const png = await bwipjs.toBuffer({
    bcid: spec.bcid,
    text: spec.text,
    scale: spec.scale ?? 3,
    ...(spec.height !== undefined ? { height: spec.height } : {}),
    ...(spec.parse ? { parse: true } : {}),
    paddingwidth: 6,
    paddingheight: 6,
    backgroundcolor: 'FFFFFF',
  });
  return decodePng(png);
}

export interface FrameOptions {
  readonly width?: number;
  readonly height?: number;
  /** Degrees, clockwise. */
  readonly rotate?: number;
  /** Box-blur radius in pixels (0 = sharp). */
  readonly blur?: number;
}

/** Puts a symbol in the middle of a camera-sized frame (light grey background), rotated and blurred. */
export function composeFrame(symbol: Frame, options: FrameOptions = {}): Frame {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const angle = ((options.rotate ?? 0) * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const grey = new Float32Array(width * height).fill(225);
  const cx = width / 2;
  const cy = height / 2;
  const sx = symbol.width / 2;
  const sy = symbol.height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse rotation, bilinear sampling.
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = cos * dx + sin * dy + sx - 0.5;
      const v = -sin * dx + cos * dy + sy - 0.5;
      if (u < 0 || v < 0 || u > symbol.width - 1 || v > symbol.height - 1) continue;
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const fx = u - x0;
      const fy = v - y0;
      const at = (px: number, py: number) => symbol.data[(Math.min(py, symbol.height - 1) * symbol.width + Math.min(px, symbol.width - 1)) * 4]!;
      grey[y * width + x] =
        at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy;
    }
  }
  const blurred = options.blur ? boxBlur(grey, width, height, options.blur) : grey;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = blurred[i]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

/** Two passes (horizontal, vertical) of a box blur: a cheap stand-in for an out-of-focus lens. */
function boxBlur(src: Float32Array, width: number, height: number, radius: number): Float32Array {
  const pass = (input: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(input.length);
    const n = horizontal ? width : height;
    const lines = horizontal ? height : width;
    for (let line = 0; line < lines; line++) {
      const idx = (i: number) => (horizontal ? line * width + i : i * width + line);
      let sum = 0;
      let count = 0;
      for (let i = -radius; i <= radius; i++) {
        if (i >= 0 && i < n) {
          sum += input[idx(i)]!;
          count++;
        }
      }
      for (let i = 0; i < n; i++) {
        out[idx(i)] = sum / count;
        const leaving = i - radius;
        const entering = i + radius + 1;
        if (leaving >= 0) {
          sum -= input[idx(leaving)]!;
          count--;
        }
        if (entering < n) {
          sum += input[idx(entering)]!;
          count++;
        }
      }
    }
    return out;
  };
  return pass(pass(src, true), false);
}

const GS = '\u001d';
const RS = '\u001e';
const EOT = '\u0004';

/** The camera test set: the symbols of issue 4 and what a decoder must report for each (AIM prefix, GS/RS/EOT). */
export const CAMERA_SYMBOLS: readonly (SymbolSpec & { name: string; expected: string })[] = [
  {
    name: 'Code 128 GS1',
    bcid: 'gs1-128',
    text: '(01)09501101530003(10)12345A',
    scale: 2,
    height: 20,
    expected: `]C1010950110153000310` + '12345A',
  },
  {
    name: 'GS1 DataMatrix',
    bcid: 'gs1datamatrix',
    text: '(01)09506000134352(17)250630(10)ABC123(21)12345',
    scale: 5,
    expected: `]d201095060001343521725063010ABC123${GS}2112345`,
  },
  {
    name: 'ISO 15434 DataMatrix',
    bcid: 'datamatrix',
    text: '[)>^03006^029P4711-0815^029Q240^0291T2026-0042^030^004',
    parse: true,
    scale: 5,
    expected: `]d1[)>${RS}06${GS}P4711-0815${GS}Q240${GS}1T2026-0042${RS}${EOT}`,
  },
  { name: 'QR', bcid: 'qrcode', text: 'ORD-1001', scale: 6, expected: ']Q1ORD-1001' },
];

export const CONDITIONS: readonly { name: string; rotate: number; blur: number }[] = [
  { name: 'sharp', rotate: 0, blur: 0 },
  { name: 'rotated 15°', rotate: 15, blur: 0 },
  { name: 'rotated 90°', rotate: 90, blur: 0 },
  { name: 'blur 1', rotate: 0, blur: 1 },
  { name: 'rotated 30° + blur 1', rotate: 30, blur: 1 },
  { name: 'blur 2', rotate: 0, blur: 2 },
  { name: 'rotated 45° + blur 2', rotate: 45, blur: 2 },
];
