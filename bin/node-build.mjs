// The `takt` command and the browser-transport host run as plain JavaScript
// built ahead of time, so the product needs no TypeScript loader (tsx) and no
// bundler at run time: only the packages in `dependencies`.
//
// Plain JavaScript itself, because it is what runs before anything is built.
// In a source checkout every start hashes the inputs and builds with esbuild
// (a devDependency) only when they changed; a deployed tree without sources
// runs the build that `dist/node/current` names.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Entry points, by their place in the tree; the build keeps that place (`scripts/cli.ts` → `<build>/scripts/cli.mjs`). */
export const NODE_ENTRIES = ['scripts/cli.ts', 'electron/host/browser-host-main.ts'];
const INPUTS = ['server', 'shared', 'scripts', 'electron', 'package.json', 'package-lock.json', 'tsconfig.json', 'bin/node-build.mjs'];
const BUILDS = join('dist', 'node');
const CURRENT = join(BUILDS, 'current');
/** Marks a finished build: a folder without it is a build that was interrupted. */
const DONE = 'build.done';

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
}

export function nodeInputsHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((entry) => filesUnder(join(root, entry))).sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const isSourceCheckout = (root) => existsSync(join(root, NODE_ENTRIES[0]));

/**
 * The folder of the current build, building it first when the sources changed.
 * Content-addressed (one folder per input hash) and moved into place whole, so
 * two commands started at the same moment never see half a build.
 */
export async function currentNodeBuild(root = ROOT) {
  if (!isSourceCheckout(root)) {
    const current = join(root, CURRENT);
    if (!existsSync(current)) throw new Error(`no built takt in ${join(root, BUILDS)}: build it in a source checkout (node bin/node-build.mjs) and ship dist/`);
    return join(root, BUILDS, readFileSync(current, 'utf8').trim());
  }
  const hash = nodeInputsHash(root);
  const dir = join(root, BUILDS, hash);
  if (!existsSync(join(dir, DONE))) await buildInto(root, dir);
  pointCurrentAt(root, hash);
  return dir;
}

async function buildInto(root, dir) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('the sources changed and esbuild (a devDependency) is not installed: run npm install, or ship a built dist/');
  }
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: NODE_ENTRIES,
    outdir: staging,
    outbase: '.',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Lazily loaded commands stay lazy: `takt scan` does not load a database driver.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // node_modules stay outside the bundle: they are the product's `dependencies`, resolved at run time.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // `new URL('../package.json', import.meta.url)` from an entry finds this one, as it finds the tree's own in development.
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify({ name: 'takt-build', version, type: 'module', private: true })}\n`);
  writeFileSync(join(staging, DONE), `${new Date().toISOString()}\n`);
  try {
    renameSync(staging, dir);
  } catch (err) {
    // Another command built the same inputs first: theirs is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, DONE))) throw err;
  }
  pruneOldBuilds(root, dir);
}

function pointCurrentAt(root, hash) {
  const current = join(root, CURRENT);
  if (existsSync(current) && readFileSync(current, 'utf8').trim() === hash) return;
  const tmp = `${current}.tmp-${process.pid}`;
  writeFileSync(tmp, `${hash}\n`);
  renameSync(tmp, current);
}

/** Keeps the newest builds; an older one may still serve a running process its lazily loaded chunks, so only an hour-old one goes. */
function pruneOldBuilds(root, keep) {
  const base = join(root, BUILDS);
  const hourAgo = Date.now() - 3_600_000;
  const dirs = readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && join(base, entry.name) !== keep)
    .map((entry) => ({ path: join(base, entry.name), mtime: statSync(join(base, entry.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of dirs.slice(2)) if (old.mtime < hourAgo) rmSync(old.path, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(join(ROOT, BUILDS), { recursive: true });
  process.stdout.write(`${await currentNodeBuild()}\n`);
}
