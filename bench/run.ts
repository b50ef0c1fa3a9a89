/**
 * `npm run bench [-- <name>…]`: runs the named benchmarks (all when none is
 * named). Each benchmark module exports `run(): Promise<unknown>`, runs its
 * baseline or competitor in the same run, prints medians and ratios, and writes
 * bench/results/<name>.json. Never part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<unknown> }>> = {
  server: () => import('./server'),
  labels: () => import('./labels'),
  barcode: () => import('./barcode'),
  camera: () => import('./camera'),
  sequence: () => import('./sequence'),
  scan: () => import('./scan'),
  open: () => import('./open'),
  sync: () => import('./sync'),
  pin: () => import('./pin'),
  kill: () => import('./kill'),
  edi: () => import('./edi'),
  web: () => import('./web'),
  oee: () => import('./oee'),
  start: () => import('./start'),
};

/** Benchmark names; `--option value` and `--option=value` are the benchmarks' own (`web --events 100000`). */
function namesIn(args: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) names.push(arg);
    else if (!arg.includes('=') && args[i + 1] !== undefined && !args[i + 1]!.startsWith('-') && !(args[i + 1]! in BENCHMARKS)) i++;
  }
  return names;
}

const asked = namesIn(process.argv.slice(2));
const unknown = asked.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
for (const name of asked.length > 0 ? asked : Object.keys(BENCHMARKS)) {
  console.log(`\n=== bench: ${name} ===`);
  const mod = await BENCHMARKS[name]!();
  const result = await mod.run();
  const file = new URL(`./results/${name}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, result }, null, 2)}\n`);
  console.log(`wrote bench/results/${name}.json`);
}
