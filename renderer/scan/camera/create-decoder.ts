import { DEFAULT_DECODER, type BarcodeDecoder, type DecoderName } from './decoder';

/**
 * The camera decoder for the app, loaded on first use so neither decoder
 * weighs on the start-up bundle. zxing-wasm gets the URL of the app's own
 * copy of its .wasm (never a CDN).
 */
export async function createDecoder(name: DecoderName = DEFAULT_DECODER): Promise<BarcodeDecoder> {
  if (name === 'zxing-js') return (await import('./zxing-js-decoder')).createZxingJsDecoder();
  const [{ createZxingWasmDecoder }, { ZXING_WASM_URL }] = await Promise.all([import('./zxing-wasm-decoder'), import('./wasm-url')]);
  return createZxingWasmDecoder({ url: ZXING_WASM_URL });
}
