import type { RawScan, ScannerStatus } from '../../shared/bridge';
import type { Scanner } from '../../electron/host/serial-scanner';

/** A scanner whose scans and status changes the test triggers by hand. */
export function createFakeScanner(port = '/dev/fake-scanner') {
  const scanListeners = new Set<(scan: RawScan) => void>();
  const statusListeners = new Set<(status: ScannerStatus) => void>();
  let status: ScannerStatus = { state: 'disconnected', port };
  const scanner: Scanner & { started: boolean; stopped: boolean } = {
    started: false,
    stopped: false,
    start() {
      scanner.started = true;
      setStatus({ state: 'connected', port });
    },
    async stop() {
      scanner.stopped = true;
    },
    status: () => status,
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
  function setStatus(next: ScannerStatus) {
    status = next;
    statusListeners.forEach((l) => l(next));
  }
  return {
    scanner,
    scan(raw: string) {
      const scan: RawScan = { raw, source: 'serial', receivedAt: new Date().toISOString(), port };
      scanListeners.forEach((l) => l(scan));
    },
    setStatus,
  };
}
