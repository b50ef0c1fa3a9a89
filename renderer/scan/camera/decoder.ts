/**
 * The camera channel's decoder interface (DESIGN §6: "camera, decoder behind an
 * interface"). A frame goes in; the symbol's data comes out with its AIM
 * symbology identifier in front (`]C1`, `]d2`, `]Q1`, …), FNC1 as GS, so the
 * camera's scans parse exactly like a serial scanner's.
 *
 * Two implementations: @zxing/library (pure JavaScript) and zxing-wasm
 * (ZXing-C++ compiled to WebAssembly, its .wasm served by the app). The
 * default is the one `npm run bench -- camera` shows decoding more frames.
 */

/** What a canvas gives: RGBA pixels, row by row (the shape of the DOM's ImageData). */
export interface Frame {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface DecodedSymbol {
  /** The data with the AIM symbology identifier in front, control characters kept. */
  readonly raw: string;
  /** The decoder's name of the symbology, for logs and the Scan test screen. */
  readonly format: string;
}

export type DecoderName = 'zxing-js' | 'zxing-wasm';

export interface BarcodeDecoder {
  readonly name: DecoderName;
  /** The first symbol found in the frame, or null. Never throws for an unreadable frame. */
  decode(frame: Frame): Promise<DecodedSymbol | null>;
}

/** The benchmark's winner (see bench/camera.ts and bench/results/camera.json). */
export const DEFAULT_DECODER: DecoderName = 'zxing-wasm';

/** Grey values (ITU-R BT.601 luma) of an RGBA frame, for decoders that binarise themselves. */
export function toLuminance(frame: Frame): Uint8ClampedArray {
  const { data, width, height } = frame;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114) / 1000;
  }
  return out;
}
