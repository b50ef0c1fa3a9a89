import { join, resolve } from 'node:path';

/** Where `npm start` keeps its demo state: one folder, ignored by git. */
export function demoRoot(): string {
  return resolve(process.env.TAKT_DEMO_DIR ?? '.takt');
}
export const demoScannerHostPath = (): string => join(demoRoot(), 'scanner-host');
export const demoScannerDevicePath = (): string => join(demoRoot(), 'scanner-device');
