import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ready } from 'zpl-renderer-js';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { DOTS_PER_MM, type LabelModel } from '../../../shared/labels';

/**
 * Print and scan without a printer: ZPL → PNG with zpl-renderer-js (a ZPL
 * renderer independent of our compiler), then zxing-wasm reads every symbol.
 * The wasm comes from node_modules; zxing-wasm would fetch it otherwise.
 */
const require = createRequire(import.meta.url);
let prepared = false;

function prepare(): void {
  if (prepared) return;
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  prepared = true;
}

export async function zplToPng(zpl: string, model: Pick<LabelModel, 'widthDots' | 'heightDots' | 'dpi'>): Promise<Uint8Array> {
  const { api } = await ready;
  const d = DOTS_PER_MM[model.dpi];
  return new Uint8Array(Buffer.from(await api.zplToBase64Async(zpl, model.widthDots / d, model.heightDots / d, d), 'base64'));
}

/** Every symbol in the image as AIM identifier + transmitted text (FNC1 as GS). */
export async function scanImage(png: Uint8Array): Promise<string[]> {
  prepare();
  const results = await readBarcodes(png, { tryHarder: true, textMode: 'Plain', maxNumberOfSymbols: 32 });
  return results.map((r) => r.symbologyIdentifier + r.text).sort();
}
