// @vitest-environment node
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import { DEFAULT_DECODER, toLuminance, type BarcodeDecoder, type Frame } from '../../../renderer/scan/camera/decoder';
import { createZxingJsDecoder, withAimPrefix } from '../../../renderer/scan/camera/zxing-js-decoder';
import { createZxingWasmDecoder } from '../../../renderer/scan/camera/zxing-wasm-decoder';
import { BarcodeFormat } from '@zxing/library';
import { CAMERA_SYMBOLS, composeFrame, renderSymbol } from './support/symbol-frames';

/** Both camera decoders on generated symbols (bwip-js → PNG → RGBA), in Node. */
const WASM = readFileSync(new URL('../../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url));

const decoders: BarcodeDecoder[] = [createZxingJsDecoder(), createZxingWasmDecoder({ binary: WASM })];
const symbols = new Map<string, Frame>();

beforeAll(async () => {
  for (const s of CAMERA_SYMBOLS) symbols.set(s.name, await renderSymbol(s));
});

describe.each(decoders.map((d) => [d.name, d] as const))('%s decoder', (_name, decoder) => {
  it.each(CAMERA_SYMBOLS.map((s) => [s.name, s] as const))('reads %s in a 640×480 frame with its AIM identifier and control characters', async (_n, spec) => {
    const frame = composeFrame(symbols.get(spec.name)!, { rotate: 0, blur: 0 });
    expect(frame.width * frame.height).toBe(640 * 480);
    const decoded = await decoder.decode(frame);
    expect(decoded?.raw).toBe(spec.expected);
    // What the camera reads parses like what a serial scanner sends.
    expect(parseBarcode(decoded!.raw, { referenceYear: 2026 }).ok).toBe(true);
  });

  it('reads a rotated, slightly blurred Data Matrix', async () => {
    const spec = CAMERA_SYMBOLS.find((s) => s.name === 'GS1 DataMatrix')!;
    const decoded = await decoder.decode(composeFrame(symbols.get(spec.name)!, { rotate: 15, blur: 1 }));
    expect(decoded?.raw).toBe(spec.expected);
  });

  it('returns null for an empty frame instead of throwing', async () => {
    const blank = composeFrame({ data: new Uint8ClampedArray(4 * 4 * 4).fill(255), width: 4, height: 4 });
    expect(await decoder.decode(blank)).toBeNull();
  });
});

describe('decoder helpers', () => {
  it('the default decoder is the benchmark winner, zxing-wasm', () => {
    expect(DEFAULT_DECODER).toBe('zxing-wasm');
  });

  it('derives AIM identifiers for @zxing/library results', () => {
    expect(withAimPrefix(BarcodeFormat.DATA_MATRIX, '\u001d0109501101530003').raw).toBe(']d20109501101530003');
    expect(withAimPrefix(BarcodeFormat.DATA_MATRIX, 'ABC').raw).toBe(']d1ABC');
    expect(withAimPrefix(BarcodeFormat.CODE_128, ']C1010950').raw).toBe(']C1010950');
    expect(withAimPrefix(BarcodeFormat.CODE_128, 'B1001').raw).toBe(']C0B1001');
    expect(withAimPrefix(BarcodeFormat.CODE_39, 'P123').raw).toBe(']A0P123');
  });

  it('converts RGBA to luma', () => {
    const frame = { data: Uint8ClampedArray.from([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]), width: 3, height: 1 };
    expect([...toLuminance(frame)]).toEqual([255, 0, 76]);
  });
});
