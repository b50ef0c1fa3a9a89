#!/usr/bin/env node
// `npm test`: installs what a fresh Debian machine lacks (as root), then runs
// typecheck, lint, unit + component tests, the PostgreSQL pass of the server
// tests (when TAKT_TEST_DATABASE_URL is set) and the end-to-end tests, and
// ends with one "N passed, N failed" line over everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REQUIRED = [
  { bin: 'chromium', pkg: 'chromium', why: 'browser tests run in real Chromium' },
  { bin: 'socat', pkg: 'socat', why: 'serial tests use socat pseudo-terminal pairs' },
  { bin: 'openssl', pkg: 'openssl', why: 'the HTTPS test makes a throw-away certificate' },
];

function have(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function ensureSystemPackages() {
  const missing = REQUIRED.filter((r) => !have(r.bin));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg).join(' ');
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log(`Installing missing Debian packages: ${names}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const cmd of [['apt-get', ['update', '-q']], ['apt-get', ['install', '-y', '-q', ...missing.map((m) => m.pkg)]]]) {
      const r = spawnSync(cmd[0], cmd[1], { stdio: 'inherit', env });
      if (r.status !== 0) break;
    }
  }
  const still = REQUIRED.filter((r) => !have(r.bin));
  if (still.length > 0) {
    for (const s of still) console.error(`missing: ${s.pkg} (${s.why})`);
    console.error(`Install them first, for example: sudo apt-get install ${still.map((s) => s.pkg).join(' ')}`);
    process.exit(1);
  }
}

/** `buffered`: the step runs beside another one, so its output is held and printed whole when it ends. */
function run(name, cmd, args, env = {}, buffered = false) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    const held = [];
    if (buffered) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => held.push(chunk));
    child.on('exit', (code, signal) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (buffered) process.stdout.write(Buffer.concat(held));
      console.log(`\n[${name}] ${code === 0 ? 'ok' : `FAILED (${signal ?? code})`} in ${secs}s\n`);
      resolve(code === 0);
    });
  });
}

const counts = { passed: 0, failed: 0 };
async function vitest(name, args, env = {}, buffered = false) {
  mkdirSync('.takt', { recursive: true });
  const out = `.takt/vitest-${name}.json`;
  rmSync(out, { force: true });
  const ok = await run(name, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env, buffered);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    counts.passed += r.numPassedTests;
    counts.failed += r.numFailedTests + (ok ? 0 : r.numFailedTests === 0 ? 1 : 0);
  } else {
    counts.failed += 1;
  }
  return ok;
}

ensureSystemPackages();
const steps = [];
const [typesOk, lintOk] = await Promise.all([
  // The whole tree, then each layer alone: shared/ without DOM or Node types, the renderer without Node's, server and host without the DOM.
  run('typecheck', 'npm', ['run', '--silent', 'typecheck']),
  run('lint', 'npx', ['eslint', '.']),
]);
for (const [name, ok] of [['typecheck', typesOk], ['lint', lintOk]]) {
  steps.push([name, ok]);
  if (!ok) counts.failed += 1;
}
// The PostgreSQL pass runs beside the unit tests: it waits on the database much of the time, and the whole run must stay short on 2 cores.
const [unitOk, pgOk] = await Promise.all([
  vitest('unit', ['--project', 'unit', '--project', 'component']),
  process.env.TAKT_TEST_DATABASE_URL ? vitest('server-pg', ['--project', 'unit', 'test/server', '--maxWorkers=1'], { TAKT_TEST_DB: 'postgres' }, true) : null,
]);
steps.push(['unit+component', unitOk]);
if (pgOk !== null) steps.push(['server on PostgreSQL', pgOk]);
steps.push(['e2e', await vitest('e2e', ['--project', 'e2e'])]);

console.log('Summary:');
for (const [name, ok] of steps) console.log(`  ${ok ? 'ok    ' : 'FAILED'} ${name}`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed`);
process.exit(steps.every(([, ok]) => ok) ? 0 : 1);
