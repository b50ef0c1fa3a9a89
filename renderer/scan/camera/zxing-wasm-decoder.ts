import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { BarcodeDecoder, Frame } from './decoder';

/**
 * zxing-wasm (ZXing-C++ as WebAssembly). The .wasm is never fetched from the
 * internet: the app passes the URL of its own copy (renderer/scan/camera/
 * wasm-url.ts, bundled by Vite), Node passes the bytes from node_modules.
 * ZXing-C++ reports the AIM symbology identifier itself, FNC1 as GS.
 */
export type WasmSource = { readonly url: string } | { readonly binary: ArrayBuffer | Uint8Array };

const OPTIONS: ReaderOptions = {
  formats: ['Code128', 'Code39', 'DataMatrix', 'QRCode', 'EAN13', 'EAN8', 'ITF', 'DataBar', 'DataBarExpanded'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  maxNumberOfSymbols: 1,
  textMode: 'Plain',
};

let prepared: WasmSource | undefined;

function prepare(source: WasmSource): void {
  if (prepared === source) return;
  prepared = source;
  prepareZXingModule({
    overrides:
      'url' in source
        ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? source.url : prefix + path) }
        : { wasmBinary: toArrayBuffer(source.binary) },
    fireImmediately: false,
  });
}

function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function createZxingWasmDecoder(source: WasmSource): BarcodeDecoder {
  prepare(source);
  return {
    name: 'zxing-wasm',
    async decode(frame: Frame) {
      prepare(source);
      const image = { data: frame.data, width: frame.width, height: frame.height, colorSpace: 'srgb' } as ImageData;
      let results;
      try {
        results = await readBarcodes(image, OPTIONS);
      } catch {
        return null;
      }
      const first = results.find((r) => r.isValid);
      if (!first) return null;
      return { raw: `${first.symbologyIdentifier}${first.text}`, format: first.format };
    },
  };
}
