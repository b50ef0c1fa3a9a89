import { hashPin } from '../../../shared/pin';
import type { MasterChange, PullResponse } from '../../../shared/sync-protocol';

let counter = 0;
/** A fresh terminal id per test, so each test gets its own IndexedDB databases. */
export function uniqueTerminalId(prefix = 'T'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export const fixedClock = (iso = '2025-03-01T06:00:00.000Z') => {
  let t = new Date(iso).getTime();
  return Object.assign(() => new Date(t), { advance: (ms: number) => (t += ms) });
};

/** Low-cost scrypt so PIN tests stay fast; the format is the same as production hashes. */
export const FAST_PIN_PARAMS = { N: 2 ** 4, r: 8, p: 1, dkLen: 32 };
export const LEAD_PIN = '246810';
export const LEAD_PIN_HASH = hashPin(LEAD_PIN, new Uint8Array(16).fill(7), FAST_PIN_PARAMS);

export function change(kind: MasterChange['kind'], id: string, rev: number, data: unknown): MasterChange {
  return { kind, id, rev, deleted: false, data };
}

export function tombstone(kind: MasterChange['kind'], id: string, rev: number): MasterChange {
  return { kind, id, rev, deleted: true };
}

/** A small plant: line L1 with terminal, two operators (one shift lead with PIN), materials and orders. */
export function demoPage(terminalId: string, extra: MasterChange[] = []): PullResponse {
  const changes: MasterChange[] = [
    change('line', 'L1', 1, { id: 'L1', plantId: 'P1', name: 'Line 1 – Assembly' }),
    change('line', 'L2', 2, { id: 'L2', plantId: 'P1', name: 'Line 2' }),
    change('terminal', terminalId, 3, { id: terminalId, lineId: 'L1', name: 'Terminal 1' }),
    change('operator', 'op-anna', 4, { id: 'op-anna', name: 'Anna Becker', badge: 'B1001', role: 'operator' }),
    change('operator', 'op-petra', 5, { id: 'op-petra', name: 'Petra Schmidt', badge: 'B9001', role: 'shift-lead', pinHash: LEAD_PIN_HASH }),
    change('material', 'm-1', 6, { id: 'm-1', number: '4711-A', name: 'Bracket left' }),
    change('order', 'o-1', 7, { id: 'o-1', number: 'PO-1001', lineId: 'L1', materialId: 'm-1', quantity: 250, dueDate: '2025-03-02', status: 'released' }),
    change('order', 'o-2', 8, { id: 'o-2', number: 'PO-1002', lineId: 'L1', materialId: 'm-1', quantity: 100, dueDate: '2025-03-03', status: 'started' }),
    change('order', 'o-3', 9, { id: 'o-3', number: 'PO-1003', lineId: 'L1', materialId: 'm-1', quantity: 10, dueDate: '2025-03-01', status: 'completed' }),
    change('order', 'o-4', 10, { id: 'o-4', number: 'PO-2001', lineId: 'L2', materialId: 'm-1', quantity: 5, dueDate: '2025-03-01', status: 'released' }),
    ...extra,
  ];
  return { changes, rev: Math.max(...changes.map((c) => c.rev)), hasMore: false };
}
