import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** docs/ARCHITECTURE.md walks a scan through the code; a renamed or moved file must not leave it pointing nowhere. */
describe('docs/ARCHITECTURE.md', () => {
  const text = readFileSync(join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const paths = [...text.matchAll(/`((?:shared|electron|renderer|server|test|bench|scripts|docs)\/[\w./-]+)`/g)].map((m) => m[1]!);

  it('names files and folders that exist', () => {
    expect(paths.length).toBeGreaterThan(30);
    const missing = paths.filter((p) => !p.includes('<') && !existsSync(join(ROOT, p)));
    expect(missing).toEqual([]);
  });
});
