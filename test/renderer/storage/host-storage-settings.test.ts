import { describe, expect, it } from 'vitest';
import type { HostInfo } from '../../../shared/bridge';
import { boot } from '../../../renderer/boot';
import type { WorkerLike } from '../../../renderer/sync/sync-runner';
import type { ToWorker } from '../../../renderer/sync/worker-protocol';
import { FakeBridge } from '../support/fake-bridge';
import { demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

/** The renderer applies the storage settings the host delivers in host:info (TAKT_STORAGE_*, TAKT_RETENTION_DAYS). */

const MB = 1024 * 1024;
const ev = { type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } } as const;

/** A worker that records what it is told and never answers. */
function recordingWorker(messages: ToWorker[]): WorkerLike {
  return { postMessage: (m) => void messages.push(m), addEventListener: () => undefined, terminate: () => undefined };
}

async function bootWith(extra: Partial<HostInfo>, freeMb: number) {
  const terminalId = uniqueTerminalId();
  const bridge = new FakeBridge()
    .handle('host:info', () => ({ ok: true, value: { terminalId, serverUrl: 'http://127.0.0.1:7400', version: '0.1.0', transport: 'browser', ...extra } }))
    .handle('host:disk', () => ({ ok: true, value: { freeBytes: freeMb * MB, totalBytes: 10_000 * MB } }))
    .handle('sync:pull', () => ({ ok: true, value: demoPage(terminalId) }));
  const toWorker: ToWorker[] = [];
  const booted = await boot({ bridge, timers: new ManualTimers(), clock: fixedClock(), createWorker: () => recordingWorker(toWorker), estimateStorage: async () => null });
  await booted.space.refresh();
  return { booted, toWorker };
}

describe('storage settings delivered by the host', () => {
  it('a configured free-disk minimum refuses bookings the default would allow', async () => {
    const defaults = await bootWith({}, 300);
    const configured = await bootWith({ storage: { minFreeBytes: 500 * MB } }, 300);
    try {
      expect((await defaults.booted.journal.append([ev], { clock: fixedClock() })).ok).toBe(true); // 300 MB ≥ the default 200 MB
      const refused = await configured.booted.journal.append([ev], { clock: fixedClock() });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toMatchObject({ code: 'storage-low', shortage: { reason: 'disk', freeMb: 300, neededMb: 500 } });
    } finally {
      defaults.booted.shutdown();
      configured.booted.shutdown();
    }
  });

  it('a configured retention age goes to the sync worker, which runs the retention', async () => {
    const days = 3;
    const { booted, toWorker } = await bootWith({ retentionMaxAgeMs: days * 24 * 3600_000 }, 5_000);
    const { booted: unset, toWorker: unsetMessages } = await bootWith({}, 5_000);
    try {
      expect(toWorker.find((m) => m.type === 'init')).toMatchObject({ type: 'init', settings: { retentionMaxAgeMs: days * 24 * 3600_000 } });
      const init = unsetMessages.find((m) => m.type === 'init');
      expect(init?.type === 'init' && init.settings.retentionMaxAgeMs).toBe(undefined); // the runner's own 30-day default applies
    } finally {
      booted.shutdown();
      unset.shutdown();
    }
  });
});
