/// <reference types="vite/client" />
// The app's own copy of the ZXing-C++ WebAssembly binary: Vite copies it into
// dist/renderer/assets and this import yields its URL under the app's origin.
import zxingReaderWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export const ZXING_WASM_URL: string = zxingReaderWasmUrl;
