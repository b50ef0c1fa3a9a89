import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../test/e2e/support/processes';

/**
 * Bundles the Chromium sync bench's pages with esbuild from the same modules
 * the app ships: the Takt page (renderer Journal, Cache, bridge client,
 * sync runner), the renderer's own sync worker entry, and the PouchDB page.
 * Production-minified like the app's Vite build; into a temp folder the
 * browser host serves as its static folder.
 */
export interface SyncPages {
  dir: string;
  /** The Takt page, served by the browser host as its index. */
  taktPage: 'index.html';
  pouchPage: 'pouch.html';
}

const page = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sync bench</title><script type="module" src="./${script}"></script></head><body></body></html>\n`;

export async function buildSyncPages(): Promise<SyncPages> {
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-sync-page-'));
  await build({
    entryPoints: {
      'takt-page': join(ROOT, 'bench/sync-page/takt-page.ts'),
      'pouch-page': join(ROOT, 'bench/sync-page/pouch-page.ts'),
      'sync-worker': join(ROOT, 'renderer/sync/sync-worker.ts'),
    },
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    // PouchDB's browser build still reads these Node globals.
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
  });
  writeFileSync(join(dir, 'index.html'), page('takt-page.js'));
  writeFileSync(join(dir, 'pouch.html'), page('pouch-page.js'));
  return { dir, taktPage: 'index.html', pouchPage: 'pouch.html' };
}
