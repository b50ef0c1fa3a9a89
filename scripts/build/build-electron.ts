import { build } from 'esbuild';

/** Where electron-builder.yml's afterPack looks; electron-builder.yml leaves dist/build out of the package. */
export const AFTER_PACK_HOOK = 'dist/build/after-pack.cjs';

/**
 * Bundles the Electron main process and the preload into dist/electron (the
 * preload must be one CommonJS file: a sandboxed preload cannot load
 * modules), and the packaging hook that sets the Electron fuses.
 */
export async function buildElectron(outDir = 'dist/electron', afterPackHook = AFTER_PACK_HOOK): Promise<void> {
  const common = { bundle: true, platform: 'node' as const, target: 'node20', sourcemap: true, logLevel: 'warning' as const };
  await build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: `${outDir}/main.cjs`,
    format: 'cjs',
    external: ['electron', 'serialport', '@serialport/*', 'ws'],
  });
  await build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: `${outDir}/preload.cjs`,
    format: 'cjs',
    external: ['electron'],
  });
  // electron-builder's afterPack hook: flips the kiosk's Electron fuses (scripts/build/electron-fuses.ts). Not shipped.
  await build({
    ...common,
    entryPoints: ['scripts/build/after-pack.ts'],
    outfile: afterPackHook,
    format: 'cjs',
    external: ['@electron/fuses'],
  });
}


if (import.meta.url === `file://${process.argv[1]}`) {
  await buildElectron();
}
