import { describe, expect, it } from 'vitest';
import { packageNumberOf } from '../../../shared/labels/container-label';
import { Customer, type Line, type Order } from '../../../shared/master-data';
import type { DockContainer } from '../../../shared/master-data-shipping';
import { initialProductionState, type ProductionState } from '../../../shared/production';
import { batchKey } from '../../../shared/shipping/checks';
import { initialDispatchState, type DispatchState } from '../../../shared/shipping/delivery';
import { dockRowsFor, knownContainer, loadKnownContainer } from '../../../renderer/state/dispatch-containers';

/**
 * The dispatch screen's two views of a container, merged: the containers
 * this terminal packed and those the server offers to shipping terminals.
 * The newer fact wins, a hold or a shipment known to either refuses, and a
 * container neither knows is refused as not known here yet.
 */

const customer = Customer.parse({ id: 'AWS', name: 'Autowerk Süd', supplierNumber: '4711', shipTo: { name: 'Werk 1' }, parts: [{ materialId: 'M-HSG', customerPartNumber: 'A0004711' }] });
const orders = [{ id: 'ORD-1', materialId: 'M-HSG' }] as Order[];
const callOffs = [{ id: 'AWS/A0004711', customerId: 'AWS', customerPartNumber: 'A0004711', materialId: 'M-HSG', scheduleNumber: 'S1', open: 400, openFirm: 400, updatedAt: '2025-03-03T05:00:00.000Z' }];
const open: DispatchState = { ...initialDispatchState, open: { shipmentId: 'SH-1', customerId: 'AWS', startedAt: '2025-03-03T07:00:00.000Z', items: [] } };

/** This terminal packed OWN-1 (closed) and OWN-2 (still open as far as it knows) from batch B-7. */
const production = {
  ...initialProductionState,
  orders: { 'ORD-1': { loaded: { raw: { materialId: 'M-RAW', batch: 'B-7' } } } },
  containers: {
    'OWN-1': { containerId: 'OWN-1', orderId: 'ORD-1', capacity: 20, quantity: 20, serials: [], status: 'closed', openedAt: '2025-03-03T06:00:00.000Z', closedAt: '2025-03-03T06:10:00.000Z' },
    'OWN-2': { containerId: 'OWN-2', orderId: 'ORD-1', capacity: 20, quantity: 12, serials: [], status: 'open', openedAt: '2025-03-03T06:20:00.000Z', closedAt: null },
  },
} as unknown as ProductionState;

const dock = (id: string, over: Partial<DockContainer> = {}): DockContainer => ({
  id,
  packageNumber: packageNumberOf(id),
  materialId: 'M-HSG',
  quantity: 20,
  batches: [{ materialId: 'M-RAW', batch: 'B-8' }],
  status: 'closed',
  labelled: true,
  plantId: 'P1',
  terminalId: 'T-OTHER',
  updatedAt: '2025-03-03T06:30:00.000Z',
  ...over,
});

const scan = (key: string, pulled: DockContainer[], opts: { holds?: { id: string; containerId: string; reason: string }[]; blocked?: string[]; state?: DispatchState } = {}) =>
  loadKnownContainer(opts.state ?? open, knownContainer(production, orders, pulled, customer, key), key, opts.holds ?? [], new Set(opts.blocked ?? []), callOffs);

describe('dispatch: own and pulled containers', () => {
  it('loads a container only the pulled feed knows, by its id or the package number its label prints', () => {
    for (const key of ['REMOTE-1', packageNumberOf('REMOTE-1')]) {
      const v = scan(key, [dock('REMOTE-1')]);
      expect(v.ok, key).toBe(true);
      if (v.ok) expect(v.items).toEqual([{ containerId: 'REMOTE-1', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 20, batches: [{ materialId: 'M-RAW', batch: 'B-8' }] }]);
    }
  });

  it('refuses a container neither view knows, as not known here yet', () => {
    const v = scan('NOWHERE-9', [dock('REMOTE-1')]);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatchObject({ code: 'container-unknown', params: { containerId: 'NOWHERE-9' } });
  });

  it('takes the newer fact when both know it: the record closed what this terminal last saw open', () => {
    const closedLater = dock('OWN-2', { quantity: 20, updatedAt: '2025-03-03T06:40:00.000Z' });
    const v = scan('OWN-2', [closedLater]);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.items[0]).toMatchObject({ containerId: 'OWN-2', quantity: 20, batches: [{ materialId: 'M-RAW', batch: 'B-7' }, { materialId: 'M-RAW', batch: 'B-8' }] });
    // An older pulled row does not overrule what this terminal knows later.
    const stale = scan('OWN-2', [dock('OWN-2', { updatedAt: '2025-03-03T06:05:00.000Z' })]);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.reason.code).toBe('container-not-closed');
  });

  it('refuses a container on hold by any name, whichever view knows it', () => {
    const byPackage = [{ id: 'H-1', containerId: packageNumberOf('REMOTE-1'), reason: 'Sichtprüfung' }];
    const v = scan('REMOTE-1', [dock('REMOTE-1')], { holds: byPackage });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatchObject({ code: 'container-on-hold', params: { containerId: 'REMOTE-1', reason: 'Sichtprüfung' } });
    const bySscc = scan('OWN-1', [dock('OWN-1', { sscc: '340123450000000017' })], { holds: [{ id: 'H-2', containerId: '340123450000000017', reason: 'Maß' }] });
    expect(!bySscc.ok && bySscc.reason.code).toBe('container-on-hold');
  });

  it("refuses a blocked batch that only the other view lists", () => {
    const v = scan('OWN-1', [dock('OWN-1', { updatedAt: '2025-03-03T06:00:00.000Z' })], { blocked: [batchKey('M-RAW', 'B-8')] });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatchObject({ code: 'batch-blocked', params: { batch: 'B-8' } });
  });

  it('refuses a container the record has on a shipment, and one this terminal shipped offline the feed still offers', () => {
    const shipped = scan('REMOTE-1', [dock('REMOTE-1', { shippedIn: 'SH-0' })]);
    expect(!shipped.ok && shipped.reason.code).toBe('already-shipped');
    const shippedHere: DispatchState = { ...open, shippedIds: new Set(['REMOTE-2']) };
    const offline = scan(packageNumberOf('REMOTE-2'), [dock('REMOTE-2')], { state: shippedHere });
    expect(!offline.ok && offline.reason.code).toBe('already-shipped');
  });

  it('loads from pulled rows only while its own terminal row ships, and only those of its line’s plant', () => {
    const rows = [dock('REMOTE-1'), dock('SOUTH-1', { plantId: 'P2' })];
    const line = { id: 'DOCK', plantId: 'P1', name: 'Versand' } as Line;
    const terminal = { id: 'T-DOCK', lineId: 'DOCK', name: 'Tor 3' };
    expect(dockRowsFor(rows, terminal, line)).toEqual([]);
    expect(dockRowsFor(rows, null, line)).toEqual([]);
    expect(dockRowsFor(rows, { ...terminal, ships: true }, line).map((d) => d.id)).toEqual(['REMOTE-1']);
    expect(scan('REMOTE-1', dockRowsFor(rows, terminal, line)).ok).toBe(false);
    expect(scan('REMOTE-1', dockRowsFor(rows, { ...terminal, ships: true }, line)).ok).toBe(true);
  });
});
