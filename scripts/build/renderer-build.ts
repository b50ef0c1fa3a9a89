import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * `npm start` builds the terminal UI only when its inputs changed: a SHA-256
 * over every source file of the renderer and shared/, the Vite config and the
 * lockfile (which pins every bundled package) is kept next to the build, and
 * an equal hash with the build present means the build is current.
 */
export const RENDERER_INPUTS = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
export const RENDERER_OUT_DIR = join('dist', 'renderer');
/** Outside the served folder, so the host never serves it. */
export const RENDERER_HASH_FILE = join('dist', 'renderer.inputs-sha256');

export function rendererInputsHash(root: string): string {
  const hash = createHash('sha256');
  for (const file of RENDERER_INPUTS.flatMap((entry) => filesUnder(join(root, entry))).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
}

export function rendererBuildIsCurrent(root: string, hash: string): boolean {
  const file = join(root, RENDERER_HASH_FILE);
  if (!existsSync(join(root, RENDERER_OUT_DIR, 'index.html')) || !existsSync(file)) return false;
  return readFileSync(file, 'utf8').trim() === hash;
}

export function recordRendererBuild(root: string, hash: string): void {
  writeFileSync(join(root, RENDERER_HASH_FILE), `${hash}\n`);
}

/** Builds with Vite unless the build on disk came from these very inputs; says which. */
export async function buildRendererIfChanged(root: string, build: () => Promise<unknown>): Promise<'built' | 'current'> {
  const hash = rendererInputsHash(root);
  if (rendererBuildIsCurrent(root, hash)) return 'current';
  await build();
  recordRendererBuild(root, hash);
  return 'built';
}
