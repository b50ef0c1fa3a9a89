/**
 * `npm run bench -- pin`: what a PIN check costs the terminal and what a
 * stolen hash costs an attacker. The terminal verifies in Chromium's renderer
 * (@noble/hashes scrypt, plain JavaScript), so the same bundle of
 * shared/pin.ts is timed there, at each scrypt cost; Node's native scrypt
 * stands in for the attacker's per-core speed. The chosen cost is the
 * largest N whose median check stays within the 250 ms budget.
 */
import { scryptSync } from 'node:crypto';
import { build } from 'esbuild';
import { launchChromium } from '../test/e2e/support/browser';
import type * as PinModule from '../shared/pin';
import { PIN_SCRYPT_PARAMS } from '../shared/pin';

const BUDGET_MS = 250;
const COSTS = [14, 15, 16, 17];
const RUNS = Number(process.env.BENCH_PIN_RUNS || 5);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number): number => Math.round(n * 10) / 10;

interface CostFigures {
  N: number;
  chromiumVerifyMs: number;
  nodeNativeGuessMs: number;
  /** One core of the attacker's kind, all 6-digit PINs. */
  sixDigitSearchHours: number;
  fourDigitSearchMinutes: number;
}

async function pinBundle(): Promise<string> {
  const out = await build({ entryPoints: ['shared/pin.ts'], bundle: true, format: 'iife', globalName: 'takt', write: false, platform: 'browser', logLevel: 'warning' });
  return out.outputFiles[0]!.text;
}

function nativeGuessMs(N: number): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    scryptSync('246810', 'salt-salt-salt-1', 32, { N, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(): Promise<{ budgetMs: number; chosenN: number; defaultN: number; costs: CostFigures[] }> {
  const browser = await launchChromium();
  const costs: CostFigures[] = [];
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: await pinBundle() });
    for (const log2 of COSTS) {
      const N = 2 ** log2;
      const chromium = await page.evaluate(
        ({ N, runs }) => {
          const pin = (globalThis as unknown as { takt: typeof PinModule }).takt;
          const stored = pin.hashPin('246810', undefined, { N, r: 8, p: 1, dkLen: 32 });
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            if (!pin.verifyPin('246810', stored)) throw new Error('verify failed');
            times.push(performance.now() - t0);
          }
          return times;
        },
        { N, runs: RUNS },
      );
      const guess = nativeGuessMs(N);
      costs.push({
        N,
        chromiumVerifyMs: round(median(chromium)),
        nodeNativeGuessMs: round(guess),
        sixDigitSearchHours: round((guess * 1e6) / 3_600_000),
        fourDigitSearchMinutes: round((guess * 1e4) / 60_000),
      });
      console.log(
        `scrypt N=2^${log2}: terminal (Chromium, noble) verify median ${round(median(chromium))} ms; attacker (Node native, 1 core) ${round(guess)} ms/guess: ` +
          `all 4-digit PINs ${round((guess * 1e4) / 60_000)} min, all 6-digit PINs ${round((guess * 1e6) / 3_600_000)} h`,
      );
    }
  } finally {
    await browser.close();
  }
  const within = costs.filter((c) => c.chromiumVerifyMs <= BUDGET_MS);
  const chosenN = within.at(-1)?.N ?? costs[0]!.N;
  console.log(`largest cost within ${BUDGET_MS} ms on this machine: N=${chosenN}; shared/pin.ts hashes with N=${PIN_SCRYPT_PARAMS.N}`);
  return { budgetMs: BUDGET_MS, chosenN, defaultN: PIN_SCRYPT_PARAMS.N, costs };
}
