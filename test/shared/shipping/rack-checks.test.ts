import { describe, expect, it } from 'vitest';
import { applyCallOffRevision, beginRackCheck, checkRackSlot, pullAhead, verifyScan } from '../../../shared/jis';
import { afterLoad, batchKey, type Delivery, type HoldContext } from '../../../shared/shipping/checks';
import { checkRackLoad, type RackOnDock } from '../../../shared/shipping/rack-checks';
import { T0 } from '../production/journal';
import { callOff, leadApproval, Station } from '../jis/harness';

const delivery = (open: Record<string, number>, more: Partial<Delivery> = {}): Delivery => ({ customerId: 'AWS', openQuantity: open, loadedIds: new Set(), ...more });
const noHolds: HoldContext = { blockedBatches: new Set(), heldContainers: new Map(), shippedIds: new Set() };
const part = (n: number) => ({ partNumber: `P-${n % 3}`, variant: `V${n % 2}` });
const built = (config: { recheckSlots?: boolean } = {}) => {
  const s = new Station(callOff([1, 2, 3, 4, 5, 6]), { rackSlots: 2, ...config });
  for (const n of [1, 2, 3, 4, 5, 6]) s.run(verifyScan(s.state, part(n), T0));
  return s;
};
const open = { 'P-0': 10, 'P-1': 10, 'P-2': 10 };
const rackOnDock = (s: Station, id: string, more: Partial<RackOnDock> = {}): RackOnDock => ({ rack: s.state.racks.find((r) => r.rackId === id)!, jis: s.state, materialId: 'M-SEAT', batches: [{ batch: 'F-9' }], labelled: true, ...more });
const codeOf = (v: ReturnType<typeof checkRackLoad>) => (v.ok ? 'accepted' : v.reason.code);

describe('loading JIS racks', () => {
  it('takes racks in sequence order, one item per part in the rack with its positions', () => {
    const s = built();
    const v = checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1'), noHolds);
    expect(v).toMatchObject({
      ok: true,
      items: [
        { containerId: 'SEQ-1-R1', customerPartNumber: 'P-1', quantity: 1, sequenceId: 'SEQ-1', sequenceNumbers: [1] },
        { containerId: 'SEQ-1-R1', customerPartNumber: 'P-2', quantity: 1, sequenceNumbers: [2] },
      ],
    });
    const out = checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R2'), noHolds);
    expect(out).toMatchObject({ ok: false, reason: { code: 'rack-out-of-sequence', params: { expected: 'SEQ-1-R1' } } });
    // Once R1 is shipped (or on this truck), R2 is next.
    expect(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R2'), { ...noHolds, shippedIds: new Set(['SEQ-1-R1']) }).ok).toBe(true);
    expect(checkRackLoad(delivery(open, { loadedIds: new Set(['SEQ-1-R1']) }), rackOnDock(s, 'SEQ-1-R2'), noHolds).ok).toBe(true);
  });

  it('refuses a rack whose position a revision changed after it was built', () => {
    const s = built();
    const changed = callOff([1, 2, 3, 4, 5, 6], 2, (n) => (n === 2 ? { customerPartNumber: 'P-0', variant: 'V9' } : { customerPartNumber: `P-${n % 3}`, variant: `V${n % 2}` }));
    s.run(applyCallOffRevision(s.state, changed));
    expect(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1'), noHolds)).toMatchObject({ ok: false, reason: { code: 'rack-incomplete', params: { slot: 2, sequenceNumber: 2, changedAfterBuild: true } } });
  });

  it('refuses an open rack and one without its label', () => {
    const s = new Station(callOff([1, 2, 3]), { rackSlots: 2 });
    s.run(verifyScan(s.state, part(1), T0));
    expect(codeOf(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1'), noHolds))).toBe('rack-not-closed');
    expect(codeOf(checkRackLoad(delivery(open), rackOnDock(built(), 'SEQ-1-R1', { labelled: false }), noHolds))).toBe('rack-not-labelled');
  });

  it('refuses a rack quality put on hold, one already shipped and one already on the truck', () => {
    const s = built();
    expect(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1'), { ...noHolds, heldContainers: new Map([['SEQ-1-R1', 'Nacharbeit']]) })).toMatchObject({ ok: false, reason: { code: 'rack-on-hold', params: { rackId: 'SEQ-1-R1', reason: 'Nacharbeit' } } });
    expect(codeOf(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1'), { ...noHolds, shippedIds: new Set(['SEQ-1-R1']) }))).toBe('already-shipped');
    expect(codeOf(checkRackLoad(delivery(open, { loadedIds: new Set(['SEQ-1-R1']) }), rackOnDock(s, 'SEQ-1-R1'), noHolds))).toBe('already-loaded');
  });

  it('refuses a rack whose final check found a wrong part in a slot', () => {
    const s = built({ recheckSlots: true });
    const begun = s.run(beginRackCheck(s.state, 'SEQ-1-R1'));
    if (!begun.ok || !begun.session) throw new Error('check did not start');
    // Slot 1 holds position 1 (P-1/V1); a P-2 label there is the wrong part.
    expect(s.run(checkRackSlot(s.state, begun.session, { partNumber: 'P-2', variant: 'V0' })).ok).toBe(false);
    expect(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1'), noHolds)).toMatchObject({ ok: false, reason: { code: 'rack-check-failed', params: { rackId: 'SEQ-1-R1' } } });
  });

  it('refuses a rack with a hole in its range: a position pulled ahead past one not yet built', () => {
    const s = new Station(callOff([1, 2, 3, 4]), { rackSlots: 2 });
    s.run(verifyScan(s.state, part(1), T0));
    s.run(pullAhead(s.state, 3, leadApproval, 'customer-resequenced'));
    s.run(verifyScan(s.state, part(3), T0));
    expect(s.state.racks[0]).toMatchObject({ rackId: 'SEQ-1-R1', status: 'closed', filled: [{ sequenceNumber: 1 }, { sequenceNumber: 3 }] });
    expect(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1'), noHolds)).toMatchObject({ ok: false, reason: { code: 'rack-sequence-gap', params: { rackId: 'SEQ-1-R1', sequenceNumber: 2 } } });
  });

  it('refuses another customer\'s rack and a part the customer does not list', () => {
    const s = built();
    expect(checkRackLoad(delivery(open, { customerName: 'Other AG' }), rackOnDock(s, 'SEQ-1-R1'), noHolds)).toMatchObject({ ok: false, reason: { code: 'rack-wrong-customer', params: { sequenceCustomer: 'OEM' } } });
    expect(checkRackLoad(delivery(open, { customerName: 'OEM' }), rackOnDock(s, 'SEQ-1-R1'), noHolds).ok).toBe(true);
    expect(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1', { materialsByPart: { 'P-1': 'M-A' } }), noHolds)).toMatchObject({ ok: false, reason: { code: 'wrong-customer-part', params: { customerPartNumber: 'P-2' } } });
  });

  it('takes a part the DELFOR schedule does not list (the sequence is its call-off), caps one it lists, refuses a blocked batch', () => {
    const s = built();
    const materials = { 'P-1': 'M-A', 'P-2': 'M-B' };
    const batchesByMaterial = { 'M-A': [{ materialId: 'M-HSG', batch: 'A-1' }], 'M-B': [{ materialId: 'M-HSG', batch: 'B-1' }] };
    const v = checkRackLoad(delivery({}), rackOnDock(s, 'SEQ-1-R1', { materialsByPart: materials, batchesByMaterial }), noHolds);
    expect(v).toMatchObject({ ok: true, items: [{ customerPartNumber: 'P-1', materialId: 'M-A', batches: [{ batch: 'A-1' }] }, { customerPartNumber: 'P-2', materialId: 'M-B', batches: [{ batch: 'B-1' }] }] });
    expect(checkRackLoad(delivery({ 'P-2': 0 }), rackOnDock(s, 'SEQ-1-R1', { materialsByPart: materials }), noHolds)).toMatchObject({ ok: false, reason: { code: 'quantity-exceeds-call-off', params: { customerPartNumber: 'P-2', open: 0 } } });
    expect(codeOf(checkRackLoad(delivery(open), rackOnDock(s, 'SEQ-1-R1', { materialsByPart: materials, batchesByMaterial }), { ...noHolds, blockedBatches: new Set([batchKey('M-HSG', 'B-1')]) }))).toBe('batch-blocked');
  });
});

describe('racks one after the other', () => {
  it('a second rack of parts without a DELFOR line is not capped by the first', () => {
    const s = built();
    const first = checkRackLoad(delivery({}), rackOnDock(s, 'SEQ-1-R1'), noHolds);
    if (!first.ok) throw new Error('first rack refused');
    const next = afterLoad(delivery({}), first.items);
    expect(next.openQuantity).toEqual({});
    expect(checkRackLoad(next, rackOnDock(s, 'SEQ-1-R2'), noHolds).ok).toBe(true);
  });
});
