import type { BridgeClient } from '../../shared/bridge';
import type { TaktBridge } from '../bridge/types';
import { KeyboardWedge } from '../scan/keyboard-wedge';
import type { AppStore } from '../state/app-store';

export interface HostWiringOptions {
  bridge: Pick<BridgeClient, 'call' | 'on'> & Partial<Pick<TaktBridge, 'connection' | 'onConnectionChange'>>;
  store: AppStore;
  /** Where the keyboard wedge listens (the window). */
  keyTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  now?: () => number;
}

/**
 * Connects host events to store actions: serial scans and wedge scans both
 * go to handleScan; scanner status from `scanner:status` and `device:status`;
 * the bridge's connection state. Returns the function that undoes it all.
 */
export function wireHost({ bridge, store, keyTarget, now }: HostWiringOptions): () => void {
  const actions = () => store.getState();
  const disposers: (() => void)[] = [];

  disposers.push(bridge.on('scanner:scan', (scan) => void actions().handleScan(scan)));
  disposers.push(bridge.on('device:status', (status) => actions().setScanner(status.status)));

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
    const wedge = new KeyboardWedge({ onScan: (raw) => void actions().handleScan({ raw }), ...(now ? { now } : {}) });
    disposers.push(wedge.attach(keyTarget));
  }

  return () => {
    for (const dispose of disposers.reverse()) dispose();
  };
}
