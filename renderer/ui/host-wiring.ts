import type { BridgeClient } from '../../shared/bridge';
import type { TaktBridge } from '../bridge/types';
import { logger } from '../lib/log';
import { markScanReceived } from '../lib/perf-marks';
import { markScanFrame } from '../lib/scan-stages';
import { DEFAULT_MAX_WEDGE_LENGTH, KeyboardWedge, type KeyboardWedgeOptions } from '../scan/keyboard-wedge';
import { replayTyping } from '../scan/replay-typing';
import { appScanRouter, type ScanRouter } from '../scan/scan-router';
import type { AppStore } from '../state/app-store';

export interface HostWiringOptions {
  bridge: Pick<BridgeClient, 'call' | 'on'> & Partial<Pick<TaktBridge, 'connection' | 'onConnectionChange'>>;
  store: AppStore;
  /** Where the keyboard wedge listens (the window). */
  keyTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  now?: () => number;
  /** Where scans of every channel go (default: the app's router, which the Scan test screen can capture). */
  router?: ScanRouter;
  /** Keyboard-wedge tuning (gap, substitutes, …). */
  wedge?: Omit<KeyboardWedgeOptions, 'onScan' | 'now'>;
}

/**
 * Connects host events to store actions: serial scans and wedge scans both
 * go to handleScan; scanner status from `scanner:status` and `device:status`;
 * printer status from `printer:status` events; the bridge's connection state. Returns the function that undoes it all.
 */
const log = logger('scan');

export function wireHost({ bridge, store, keyTarget, now, router = appScanRouter, wedge: wedgeOptions }: HostWiringOptions): () => void {
  const actions = () => store.getState();
  const disposers: (() => void)[] = [];

  // A scan's handling that fails (the journal closing under it at shutdown, a bug) is logged with the scan's
  // channel: an unhandled rejection would say nothing useful in the kiosk's log and none of it is the operator's.
  disposers.push(
    router.setDefault((scan) => {
      actions()
        .handleScan(scan)
        .catch((err: unknown) => log.error(`a ${scan.source} scan was not handled: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`));
    }),
  );
  disposers.push(
    bridge.on('scanner:scan', (scan) => {
      markScanFrame();
      markScanReceived(scan);
      router.dispatch(scan);
    }),
  );
  disposers.push(bridge.on('device:status', (status) => actions().setScanner(status.status)));
  disposers.push(bridge.on('printer:status', (status) => actions().setPrinterStatus(status)));

  const refreshScanner = () => {
    void bridge.call('scanner:status', {}).then((res) => {
      if (res.ok) actions().setScanner(res.value);
    });
  };
  refreshScanner();

  if (bridge.connection && bridge.onConnectionChange) {
    actions().setHostLink(bridge.connection());
    disposers.push(
      bridge.onConnectionChange((state) => {
        actions().setHostLink(state);
        if (state === 'connected') refreshScanner();
      }),
    );
  } else {
    actions().setHostLink('connected');
  }

  if (keyTarget) {
    const wedge = new KeyboardWedge({
      replay: replayTyping,
      ...wedgeOptions,
      onScan: (raw) => router.dispatch({ raw, source: 'wedge', receivedAt: new Date().toISOString() }),
      onOverflow: (length) => actions().showFeedback('nok', 'security.scanTooLong', { length, max: DEFAULT_MAX_WEDGE_LENGTH }),
      ...(now ? { now } : {}),
    });
    disposers.push(wedge.attach(keyTarget));
    // The terminal's configured burst gap (TAKT_WEDGE_GAP_MS), unless the caller fixed one.
    if (wedgeOptions?.maxGapMs === undefined) {
      void bridge.call('host:info', {}).then((res) => {
        if (res.ok && res.value.wedgeGapMs !== undefined) wedge.setMaxGap(res.value.wedgeGapMs);
      });
    }
  }

  return () => {
    for (const dispose of disposers.reverse()) dispose();
  };
}
