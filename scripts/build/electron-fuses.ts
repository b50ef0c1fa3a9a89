import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

/**
 * Electron fuses for the kiosk binary, flipped by electron-builder's
 * afterPack hook (scripts/build/after-pack.ts) before signing. Whoever can start
 * the terminal's binary with a variable or a flag must not get a Node.js
 * shell or an inspector out of it, nor run a patched app.asar:
 *  - RunAsNode off: ELECTRON_RUN_AS_NODE=1 no longer turns it into node;
 *  - NODE_OPTIONS and --inspect / --inspect-brk ignored;
 *  - the app is loaded only from app.asar, whose integrity is checked
 *    (where Electron supports it: macOS, and Windows from Electron 30).
 * Cookie encryption on, file:// without extra privileges (the app is served
 * from its own takt:// scheme).
 */
export const KIOSK_FUSES: FuseConfig = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The parts of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** The Electron executable electron-builder just laid out, per platform. */
export function electronBinaryPath({ appOutDir, electronPlatformName, packager }: PackedApp): string {
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${product}.exe`);
  return join(appOutDir, packager.executableName ?? product);
}

export async function flipKioskFuses(context: PackedApp, flip: typeof flipFuses = flipFuses): Promise<void> {
  await flip(electronBinaryPath(context), { ...KIOSK_FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
}
