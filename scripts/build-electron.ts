import { build } from 'esbuild';

/**
 * Bundles the Electron main process and the preload into dist/electron. The
 * preload must be one CommonJS file: a sandboxed preload cannot load modules.
 */
export async function buildElectron(outDir = 'dist/electron'): Promise<void> {
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
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildElectron();
}
