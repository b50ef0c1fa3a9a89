import { createStore } from 'zustand/vanilla';
import type { BridgeClient } from '../../shared/bridge';
import type { MachineStatus } from '../../shared/bridge-machine';

/**
 * The host's link to the plant's MQTT broker as the Status screen shows it:
 * connected or retrying (with the backoff's next attempt), what came over it
 * and what was refused (malformed, unknown payloads), items not yet
 * journalled. Outside the app store: only the Status screen reads it.
 */
export interface MachineLinkState {
  status: MachineStatus | null;
}

export const machineLink = createStore<MachineLinkState>(() => ({ status: null }));

/** Asks the host once and then follows its `machine:status` events; returns the function that stops following. */
export function followMachineLink(bridge: Pick<BridgeClient, 'call' | 'on'>, store = machineLink): () => void {
  const off = bridge.on('machine:status', (status) => store.setState({ status }));
  void bridge.call('machine:status', {}).then((res) => {
    if (res.ok) store.setState({ status: res.value });
  });
  return off;
}
