import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript: it runs before anything is built, so it has no types
import { currentNodeBuild } from '../../bin/node-build.mjs';

/**
 * The product runs from the ahead-of-time build with plain `node` and only the
 * packages an `npm ci --omit=dev` installs: a tree with the build, bin/ and a
 * node_modules holding exactly the lockfile's non-dev packages (symlinked, and
 * resolved through the links, so a dev package is really out of reach).
 */
const ROOT = join(import.meta.dirname, '../..');
const NODE_FLAGS = ['--preserve-symlinks', '--preserve-symlinks-main'];

function productionTree(build: string): string {
  const tree = mkdtempSync(join(tmpdir(), 'takt-prod-'));
  cpSync(build, join(tree, relative(ROOT, build)), { recursive: true });
  writeFileSync(join(tree, 'dist', 'node', 'current'), `${relative(join(ROOT, 'dist', 'node'), build)}\n`);
  for (const file of ['takt.mjs', 'takt-browser-host.mjs', 'node-build.mjs']) cpSync(join(ROOT, 'bin', file), join(tree, 'bin', file));
  cpSync(join(ROOT, 'package.json'), join(tree, 'package.json'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level packages only: nested ones come inside their parent's folder.
    if (!path.startsWith('node_modules/') || path.slice('node_modules/'.length).includes('node_modules/') || entry.dev) continue;
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    symlinkSync(join(ROOT, path), join(tree, path));
  }
  return tree;
}

function run(tree: string, args: string[], env: Record<string, string> = {}, bin = 'takt.mjs') {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(tree, 'bin', bin), ...args], {
    cwd: tree,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('the built product', () => {
  let tree: string;
  beforeAll(async () => {
    tree = productionTree(await currentNodeBuild());
  }, 60_000);
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it('has no build tool within reach: tsx, vite and esbuild are dev packages', () => {
    const requireFromTree = createRequire(join(tree, 'bin', 'takt.mjs'));
    for (const name of ['tsx', 'vite', 'esbuild', '@vitejs/plugin-react']) expect(() => requireFromTree.resolve(name), name).toThrow();
    expect(() => requireFromTree.resolve('fastify')).not.toThrow();
  });

  it('prints the usage for takt --help', async () => {
    const p = run(tree, ['--help']);
    let out = '';
    p.child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await p.exited, p.stderr()).toBe(0);
    expect(out).toMatch(/^usage: takt <command>/);
    expect(out).toContain('takt server');
  });

  it('runs takt server on SQLite: listening, answers /health, stops on SIGTERM', async () => {
    const data = join(tree, 'server-data');
    const p = run(tree, ['server', '--port', '0', '--host', '127.0.0.1', '--data', data, '--json'], { TAKT_LOG_LEVEL: 'silent' });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: p.child.stdout }).once('line', resolve);
      void p.exited.then((code) => reject(new Error(`exited ${code}: ${p.stderr()}`)));
    });
    const listening = JSON.parse(line) as { event: string; url: string; database: string };
    expect(listening).toMatchObject({ event: 'listening', database: 'sqlite' });
    const health = await fetch(`${listening.url}/health`);
    expect(health.status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited, p.stderr()).toBe(0);
  }, 30_000);

  it('runs the browser-transport host: one ready line, serves the renderer', async () => {
    const staticDir = join(tree, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<title>Takt</title>');
    const env = { TAKT_TERMINAL_ID: 'T-prod', TAKT_USER_DATA: join(tree, 'terminal'), TAKT_STATIC_DIR: staticDir, TAKT_HOST_PORT: '0', TAKT_SCANNER_PORT: '' };
    const p = run(tree, [], env, 'takt-browser-host.mjs');
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: p.child.stdout }).once('line', resolve);
      void p.exited.then((code) => reject(new Error(`exited ${code}: ${p.stderr()}`)));
    });
    const ready = JSON.parse(line) as { event: string; port: number };
    expect(ready.event).toBe('ready');
    const page = await fetch(`http://127.0.0.1:${ready.port}/`);
    expect(await page.text()).toContain('<title>Takt</title>');
    p.child.kill('SIGTERM');
    expect(await p.exited, p.stderr()).toBe(0);
  }, 30_000);
});
