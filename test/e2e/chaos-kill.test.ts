import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKillSoak } from './support/kill-soak';
import { ROOT } from './support/processes';

/**
 * Kill test: operators log in by badge on the serial scanner and log out on
 * the touch screen while sync runs; at random moments Chromium, the host, or
 * both are killed with SIGKILL and restarted (the loop is in
 * support/kill-soak.ts, shared with `npm run bench -- kill`, which runs 300
 * and more). Every booking the UI showed as done must be in the journal after
 * the restart, nothing twice, and in the end the server holds exactly the
 * journal, seq → id. When Chromium throws its database away after a torn log
 * record, the host's journal copy brings it back (a JournalRestored event
 * marks that). On failure, every Chromium's stderr and the profile's
 * IndexedDB folder are kept in .takt/chaos-kill-failure/.
 */
const CYCLES = 30;

describe('chaos: SIGKILL of browser and host while scans flow and sync runs', () => {
  it(`keeps every confirmed booking through ${CYCLES} kill cycles and delivers each exactly once`, async () => {
    const result = await runKillSoak({
      terminalId: 'T-KILL-01',
      cycles: CYCLES,
      seed: 2024,
      failureDir: join(ROOT, '.takt', 'chaos-kill-failure'),
      stopOnLoss: true,
      // The status screen tells plant IT the same, and the loop ran in the worker.
      atEnd: async (page, journal) => {
        await page.getByTestId('open-status').click();
        await page.getByTestId('status-screen').waitFor();
        // The worker reports its first status a moment after boot; poll instead of reading once.
        await expect.poll(() => page.getByTestId('st-runs-in').textContent(), { timeout: 15_000 }).toBe('worker');
        expect(await page.getByTestId('st-pending').textContent()).toBe('0');
        expect(await page.getByTestId('st-acked').textContent()).toBe(String(journal.length));
      },
    }).catch((err: unknown) => {
      console.log(`[chaos-kill] failed; evidence kept in .takt/chaos-kill-failure/`);
      throw err;
    });
    expect(result.cycles).toBe(CYCLES);
    expect(result.lost).toBe(0);
    expect(result.confirmed).toBeGreaterThanOrEqual(CYCLES);
    expect(result.events).toBeGreaterThanOrEqual(result.confirmed);
    console.log(`[chaos-kill] ${result.events} events, ${result.cycles} cycles, ${result.tears} torn tails seen, ${result.restores} restores, ${result.seconds} s\n${result.log.join('\n')}`);
  }, 240_000);
});
