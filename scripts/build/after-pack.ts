import { flipKioskFuses, type PackedApp } from './electron-fuses';

/**
 * electron-builder's afterPack hook (electron-builder.yml points at the
 * bundle build-electron.ts makes of this file): sets the kiosk's fuses on
 * the packed binary, before electron-builder signs it.
 */
export default async function afterPack(context: PackedApp): Promise<void> {
  await flipKioskFuses(context);
}
