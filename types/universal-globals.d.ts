/**
 * The few globals shared/ may use: Web-standard APIs present in every runtime
 * Takt runs in (Chromium, Electron, Node ≥ 20), declared here because the
 * shared layer compiles without DOM or Node types on purpose.
 */
declare global {
  /** WHATWG Encoding: UTF-8 only. */
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
}
export {};
