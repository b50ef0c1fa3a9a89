import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutWebDir } from '../../server/http/web-pages';

describe('where takt server finds the built web pages', () => {
  const root = mkdtempSync(join(tmpdir(), 'takt-webdir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'dist', 'web'), { recursive: true });
  mkdirSync(join(root, 'server', 'http'), { recursive: true });
  // The bundled build has a package.json of its own: the search must not stop there.
  mkdirSync(join(root, 'dist', 'node', '0ba4680df3b5f0bb', 'chunks'), { recursive: true });
  writeFileSync(join(root, 'dist', 'node', '0ba4680df3b5f0bb', 'package.json'), '{"name":"takt-build"}');

  it('is dist/web of the checkout, from the source module and from a bundled chunk alike', () => {
    expect(checkoutWebDir(pathToFileURL(join(root, 'server', 'http', 'web-pages.ts')).href)).toBe(join(root, 'dist', 'web'));
    expect(checkoutWebDir(pathToFileURL(join(root, 'dist', 'node', '0ba4680df3b5f0bb', 'chunks', 'chunk-M2MIPY2B.mjs')).href)).toBe(join(root, 'dist', 'web'));
  });
});
