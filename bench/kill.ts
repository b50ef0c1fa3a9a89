/**
 * `npm run bench -- kill`: the kill soak outside `npm test`. At least 300
 * real SIGKILLs of Chromium, the host or both while operators book and sync
 * runs (the same loop as the chaos-kill e2e test), with the torn-tail checker
 * after every Chromium kill. Prints kills, torn tails seen, bookings
 * confirmed, bookings lost (must be 0) and restores from the host's copy.
 * TAKT_BENCH_KILLS sets the count (default 300). Chromium's tear rate here
 * was about 1 in 230 kills, so 300 kills usually see a tear or two; the
 * restores say how many of them Chromium answered by deleting the database.
 */
import { join } from 'node:path';
import { runKillSoak } from '../test/e2e/support/kill-soak';
import { ROOT } from '../test/e2e/support/processes';

export async function run(): Promise<unknown> {
  const cycles = Math.max(1, Number(process.env.TAKT_BENCH_KILLS ?? 300));
  const started = Date.now();
  const result = await runKillSoak({
    terminalId: 'T-SOAK-01',
    cycles,
    seed: Number(process.env.TAKT_BENCH_SEED ?? Date.now() % 100_000),
    failureDir: join(ROOT, '.takt', 'bench-kill-failure'),
    stopOnLoss: false,
    onCycle: (cycle, line) => {
      if ((cycle + 1) % 25 === 0) console.log(`  ${line} (${Math.round((Date.now() - started) / 1000)} s)`);
    },
  });
  const kills = result.kills.browser + result.kills.host + result.kills.both;
  console.log(`kills: ${kills} (Chromium ${result.kills.browser}, host ${result.kills.host}, both ${result.kills.both})`);
  console.log(`torn tails seen: ${result.tears}`);
  console.log(`bookings confirmed: ${result.confirmed}; journal events at the end: ${result.events}, all at the server once`);
  console.log(`bookings lost: ${result.lost}${result.lost === 0 ? '' : '  <-- MUST BE 0'}`);
  console.log(`restores from the host's copy: ${result.restores}`);
  console.log(`time: ${result.seconds} s (${(result.seconds / result.cycles).toFixed(1)} s per cycle)`);
  const { log, ...figures } = result;
  return { ...figures, kills, lines: log.length };
}
