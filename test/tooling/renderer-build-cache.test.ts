import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRendererIfChanged } from '../../scripts/build/renderer-build';

/** `npm start` reuses the built UI while its inputs are unchanged, and rebuilds after any change. */
describe('renderer build cache', () => {
  let root: string;
  let builds: number;
  const build = async () => {
    builds++;
    await mkdir(join(root, 'dist', 'renderer'), { recursive: true });
    await writeFile(join(root, 'dist', 'renderer', 'index.html'), `<title>build ${builds}</title>`);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'takt-build-cache-'));
    builds = 0;
    await mkdir(join(root, 'renderer', 'ui'), { recursive: true });
    await mkdir(join(root, 'shared'), { recursive: true });
    await writeFile(join(root, 'renderer', 'ui', 'App.tsx'), 'export const a = 1;');
    await writeFile(join(root, 'shared', 'x.ts'), 'export const x = 1;');
    await writeFile(join(root, 'package-lock.json'), '{}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('builds once, then reuses the build until a source, the lockfile or the build itself changes', async () => {
    expect(await buildRendererIfChanged(root, build)).toBe('built');
    expect(await buildRendererIfChanged(root, build)).toBe('current');
    expect(builds).toBe(1);

    await writeFile(join(root, 'renderer', 'ui', 'App.tsx'), 'export const a = 2;');
    expect(await buildRendererIfChanged(root, build)).toBe('built');
    await writeFile(join(root, 'shared', 'y.ts'), 'export const y = 1;');
    expect(await buildRendererIfChanged(root, build)).toBe('built');
    await writeFile(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(await buildRendererIfChanged(root, build)).toBe('built');
    expect(await buildRendererIfChanged(root, build)).toBe('current');

    await rm(join(root, 'dist', 'renderer'), { recursive: true });
    expect(await buildRendererIfChanged(root, build)).toBe('built');
    expect(builds).toBe(5);
  });
});
