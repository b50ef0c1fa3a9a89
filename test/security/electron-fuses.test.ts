import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AFTER_PACK_HOOK, buildElectron } from '../../scripts/build/build-electron';
import { electronBinaryPath } from '../../scripts/build/electron-fuses';

/**
 * Probe: the packaged kiosk cannot be started as Node.js, with NODE_OPTIONS
 * or with an inspector, and runs only its integrity-checked app.asar. The
 * Electron binary is not installed here, so the bundled afterPack hook runs
 * with the real @electron/fuses on a stand-in binary that carries Electron's
 * fuse wire (sentinel, version 1, eight fuses, all enabled).
 */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

describe('Electron fuses of the kiosk build', () => {
  // Inside the checkout, as dist/build is: the bundled hook resolves @electron/fuses from node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'takt-fuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flips RunAsNode, NODE_OPTIONS and inspect off and asar integrity on, through the bundled afterPack hook', async () => {
    const hook = join(dir, 'after-pack.cjs');
    await buildElectron(join(dir, 'electron'), hook);
    const appOutDir = join(dir, 'linux-unpacked');
    const binary = join(appOutDir, 'takt-terminal');
    mkdirSync(appOutDir);
    writeFileSync(binary, Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('11111111'), Buffer.from('…rest')]));

    const afterPack = (createRequire(import.meta.url)(hook) as { default: (context: unknown) => Promise<void> }).default;
    await afterPack({ appOutDir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Takt' }, executableName: 'takt-terminal' } });

    const bytes = readFileSync(binary);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    const wire = Object.fromEntries(FUSES.map((name, i) => [name, String.fromCharCode(bytes[at + i]!)]));
    expect(wire).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '1',
      GrantFileProtocolExtraPrivileges: '0',
    });
  });

  it('finds the binary electron-builder laid out on each platform', () => {
    const packager = { appInfo: { productFilename: 'Takt' }, executableName: 'takt-terminal' };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(join('/o', 'takt-terminal'));
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(join('/o', 'Takt.exe'));
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(join('/o', 'Takt.app'));
  });

  it('is wired into electron-builder.yml, and the hook itself is not packaged', () => {
    const config = readFileSync('electron-builder.yml', 'utf8');
    expect(config).toContain(`afterPack: ./${AFTER_PACK_HOOK}`);
    expect(config).toContain('"!dist/build/**"');
  });
});
