import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkTable, rendererChunks, type RendererChunks } from './support/login-chunks';

/**
 * The login screen waits only for what login uses: the renderer is built
 * (the real vite config, into a temporary folder) and the chunks the first
 * screen loads statically must hold neither the label symbol renderer
 * (bwip-js) nor a camera decoder; both are still in the build, on demand.
 */
const LAZY_PACKAGES = ['bwip-js', '@zxing/library', 'zxing-wasm'];

describe('renderer bundle at login', () => {
  let outDir: string;
  let chunks: RendererChunks;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'takt-login-bundle-'));
    // Vitest sets NODE_ENV=test, which would bundle React's development build: build what `npm run build` builds.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: resolve('vite.config.ts'), mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    chunks = await rendererChunks(outDir);
    process.stdout.write(`renderer chunks:\n${chunkTable(chunks)}\n`);
  }, 120_000);
  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('loads the app and React at startup, and no symbol renderer or camera decoder', () => {
    const startupPackages = chunks.startup.flatMap((c) => c.packages);
    expect(startupPackages).toEqual(expect.arrayContaining(['react', 'react-dom', 'i18next']));
    for (const lazy of LAZY_PACKAGES) expect(startupPackages, lazy).not.toContain(lazy);
  });

  it('still ships each of them, in a chunk loaded on demand', () => {
    const onDemandPackages = chunks.onDemand.flatMap((c) => c.packages);
    for (const lazy of LAZY_PACKAGES) expect(onDemandPackages, lazy).toContain(lazy);
  });
});
