import { describe, expect, it } from 'vitest';
import { afterLoad, batchKey, checkContainerLoad, type ContainerOnDock, type Delivery, type HoldContext } from '../../../shared/shipping/checks';
import { ShipmentDispatchedPayload } from '../../../shared/events';

const delivery = (open: Record<string, number>): Delivery => ({ customerId: 'AWS', openQuantity: open, loadedIds: new Set() });
const noHolds: HoldContext = { blockedBatches: new Set(), heldContainers: new Map(), shippedIds: new Set() };
const box: ContainerOnDock = { containerId: 'C-1', status: 'closed', labelled: true, sscc: '340123450000000017', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 48, batches: [{ materialId: 'M-RAW', batch: 'B-1' }] };

describe('loading a container onto a delivery', () => {
  it('accepts a closed, labelled container of the right part within the call-off, as a shipment item', () => {
    const v = checkContainerLoad(delivery({ A0004711: 96 }), box, noHolds);
    expect(v).toMatchObject({ ok: true, items: [{ containerId: 'C-1', sscc: '340123450000000017', customerPartNumber: 'A0004711', quantity: 48, batches: [{ materialId: 'M-RAW', batch: 'B-1' }] }] });
  });

  it.each<[string, Partial<ContainerOnDock>, Partial<HoldContext>, Record<string, number>, string]>([
    ['open', { status: 'open' }, {}, { A0004711: 96 }, 'container-not-closed'],
    ['unlabelled', { labelled: false }, {}, { A0004711: 96 }, 'container-not-labelled'],
    ['of another part', { customerPartNumber: 'A0009999' }, {}, { A0004711: 96 }, 'wrong-customer-part'],
    ['of a material the customer does not buy', { customerPartNumber: undefined }, {}, { A0004711: 96 }, 'wrong-customer-part'],
    ['on hold', {}, { heldContainers: new Map([['C-1', 'sorting']]) }, { A0004711: 96 }, 'container-on-hold'],
    ['holding a blocked batch', {}, { blockedBatches: new Set([batchKey('M-RAW', 'B-1')]) }, { A0004711: 96 }, 'batch-blocked'],
    ['already shipped', {}, { shippedIds: new Set(['C-1']) }, { A0004711: 96 }, 'already-shipped'],
    ['more than the call-off asks', {}, {}, { A0004711: 40 }, 'quantity-exceeds-call-off'],
  ])('refuses a container %s', (_name, change, holds, open, code) => {
    const v = checkContainerLoad(delivery(open), { ...box, ...change }, { ...noHolds, ...holds });
    expect(v.ok ? 'accepted' : v.reason.code).toBe(code);
  });

  it('refuses the same container twice on one delivery and counts what is loaded against the call-off', () => {
    const first = checkContainerLoad(delivery({ A0004711: 96 }), box, noHolds);
    if (!first.ok) throw new Error('first load refused');
    const next = afterLoad(delivery({ A0004711: 96 }), first.items);
    expect(next.openQuantity).toEqual({ A0004711: 48 });
    expect(checkContainerLoad(next, box, noHolds)).toMatchObject({ ok: false, reason: { code: 'already-loaded' } });
    expect(checkContainerLoad(next, { ...box, containerId: 'C-2', quantity: 49 }, noHolds)).toMatchObject({ ok: false, reason: { code: 'quantity-exceeds-call-off', params: { open: 48 } } });
  });
});

describe('ShipmentDispatched', () => {
  it('carries delivery note, customer and items; an event without them stays valid', () => {
    expect(ShipmentDispatchedPayload.safeParse({ shipmentId: 'SH-1', containerIds: ['C-1'] }).success).toBe(true);
    const full = ShipmentDispatchedPayload.safeParse({ shipmentId: 'SH-1', containerIds: ['C-1'], deliveryNoteNumber: '40001234', customerId: 'AWS', items: [{ containerId: 'C-1', materialId: 'M', customerPartNumber: 'A1', quantity: 4 }] });
    expect(full.success && full.data.items?.[0]?.batches).toEqual([]);
    expect(ShipmentDispatchedPayload.safeParse({ shipmentId: 'SH-1', containerIds: ['C-1'], deliveryNoteNumber: 'LS-1' }).success).toBe(false);
  });
});
