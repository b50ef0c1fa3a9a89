import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('scripts/build/gen-gs1-table.mjs', () => {
  it('committed table matches the committed dictionary', () => {
    expect(() => execFileSync(process.execPath, ['scripts/build/gen-gs1-table.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
});
