import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a built renderer (`dist/renderer`) makes the browser load before the
 * first screen can paint: the entry script of index.html, the chunks it
 * preloads, and every chunk those import statically (followed through the
 * files, not taken from the HTML alone). A chunk reached only by `import()`
 * is loaded on demand and is not in the set. Which libraries a chunk holds
 * comes from its source map's `sources`, so a renamed or merged chunk is
 * still recognised.
 */

export interface BuiltChunk {
  file: string;
  bytes: number;
  /** Package names under node_modules the chunk contains (e.g. `bwip-js`, `@zxing/library`). */
  packages: string[];
}

export interface RendererChunks {
  /** Loaded before login can paint. */
  startup: BuiltChunk[];
  /** Loaded only on demand (dynamic import, workers). */
  onDemand: BuiltChunk[];
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?["'](\.\/[^"']+\.js)["']/g;

function packageOf(source: string): string | null {
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const [scopeOrName, name] = source.slice(at + 'node_modules/'.length).split('/');
  if (!scopeOrName) return null;
  return scopeOrName.startsWith('@') && name ? `${scopeOrName}/${name}` : scopeOrName;
}

async function chunkOf(assets: string, file: string): Promise<BuiltChunk> {
  const path = join(assets, file);
  const bytes = (await stat(path)).size;
  let packages: string[] = [];
  try {
    const map = JSON.parse(await readFile(`${path}.map`, 'utf8')) as { sources?: string[] };
    packages = [...new Set((map.sources ?? []).map(packageOf).filter((p): p is string => p !== null))].sort();
  } catch {
    // A chunk without a map (the worker's) holds no package the startup check looks for.
  }
  return { file, bytes, packages };
}

export async function rendererChunks(outDir: string): Promise<RendererChunks> {
  const assets = join(outDir, 'assets');
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const fromHtml = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  const startup = new Set<string>();
  const pending = [...fromHtml];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (startup.has(file)) continue;
    startup.add(file);
    const code = await readFile(join(assets, file), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) pending.push((m[1] as string).slice(2));
  }
  const all = (await readdir(assets)).filter((f) => f.endsWith('.js'));
  const chunks = await Promise.all(all.map((f) => chunkOf(assets, f)));
  return { startup: chunks.filter((c) => startup.has(c.file)), onDemand: chunks.filter((c) => !startup.has(c.file)) };
}

export function chunkTable(chunks: RendererChunks): string {
  const row = (c: BuiltChunk, when: string) => `${when.padEnd(9)} ${String(c.bytes).padStart(10)} B  ${c.file}${c.packages.length ? `  (${c.packages.join(', ')})` : ''}`;
  const total = chunks.startup.reduce((sum, c) => sum + c.bytes, 0);
  return [
    ...chunks.startup.map((c) => row(c, 'startup')),
    ...chunks.onDemand.map((c) => row(c, 'on demand')),
    `startup total ${total.toLocaleString('en')} B`,
  ].join('\n');
}
