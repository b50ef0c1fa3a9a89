import { afterEach, describe, expect, it } from 'vitest';
import { rendererLog } from '../../../renderer/lib/log';
import { wireHost } from '../../../renderer/ui/host-wiring';
import type { AppStore } from '../../../renderer/state/app-store';
import { FakeBridge } from '../support/fake-bridge';

/** A scan whose handling rejects (the journal closed under it at shutdown) is logged, never an unhandled rejection. */
describe('host wiring: a scan that fails to be handled', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('logs the failure with the scan channel and leaves no unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    const lines: string[] = [];
    rendererLog.setSink((r) => lines.push(`${r.level} ${r.message}`));
    const state = {
      handleScan: () => Promise.reject(new Error('DatabaseClosedError: Database has been closed')),
      setScanner: () => undefined,
      setPrinterStatus: () => undefined,
      setHostLink: () => undefined,
    };
    const store = { getState: () => state } as unknown as AppStore;
    const bridge = new FakeBridge();
    const undo = wireHost({ bridge, store, keyTarget: new EventTarget() });
    bridge.emit('scanner:scan', { raw: 'B1002', source: 'serial', receivedAt: new Date().toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 20));
    undo();
    rendererLog.setSink(null);
    expect(unhandled).toEqual([]);
    expect(lines.some((l) => l.startsWith('error a serial scan was not handled: Error: DatabaseClosedError'))).toBe(true);
  });
});
