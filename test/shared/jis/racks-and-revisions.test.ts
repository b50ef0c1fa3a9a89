import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import {
  acknowledgeGap,
  applyCallOffRevision,
  beginRackCheck,
  callOffStale,
  checkRackSlot,
  closeRack,
  currentPosition,
  findPosition,
  override,
  positionStatus,
  readyForGoodsOut,
  verifyScan,
  type RackCheckSession,
} from '../../../shared/jis';
import { T0 } from '../production/journal';
import { callOff, leadApproval, Station } from './harness';

const part = (n: number) => ({ partNumber: `P-${n % 3}`, variant: `V${n % 2}` });
const build = (s: Station, ...numbers: number[]) => numbers.map((n) => s.run(verifyScan(s.state, part(n), T0)));

describe('racks', () => {
  it('fills slots in build order, closes a full rack (label) and opens the next', () => {
    const s = new Station(callOff([1, 2, 3, 4, 5]), { rackSlots: 2 });
    const [first, second] = build(s, 1, 2);
    expect(first).toMatchObject({ rackId: 'SEQ-1-R1', slot: 1, rackLabelRequired: false });
    expect(second).toMatchObject({ rackId: 'SEQ-1-R1', slot: 2, rackLabelRequired: true, closedRackId: 'SEQ-1-R1' });
    expect(second?.ok && second.events.map((e) => e.type)).toEqual(['SequencePartVerified', 'RackSlotFilled', 'RackClosed', 'RackOpened']);
    expect(s.state.openRackId).toBe('SEQ-1-R2');
    build(s, 3, 4, 5);
    // The last position closed R3 without opening an empty R4.
    expect(s.state.racks.map((r) => [r.rackId, r.status, r.filled.map((f) => f.sequenceNumber)])).toEqual([
      ['SEQ-1-R1', 'closed', [1, 2]],
      ['SEQ-1-R2', 'closed', [3, 4]],
      ['SEQ-1-R3', 'open', [5]],
    ]);
    const close = s.run(closeRack(s.state));
    expect(close).toMatchObject({ ok: true, rackLabelRequired: true, rackId: 'SEQ-1-R3' });
    expect(closeRack(s.state)).toMatchObject({ ok: false, reason: { code: 'no-open-rack' } });
  });

  it('an overridden part takes its slot like a verified one', () => {
    const s = new Station(callOff([1, 2]), { rackSlots: 4 });
    s.run(verifyScan(s.state, part(2), T0));
    expect(s.run(override(s.state, leadApproval))).toMatchObject({ ok: true, slot: 1 });
  });

  describe('final check before goods-out', () => {
    it('passes on the rack label alone when slots are not re-checked', () => {
      const s = new Station(callOff([1, 2]), { rackSlots: 2 });
      build(s, 1);
      expect(beginRackCheck(s.state, 'SEQ-1-R1')).toMatchObject({ ok: false, reason: { code: 'rack-not-closed' } });
      build(s, 2);
      expect(beginRackCheck(s.state, 'SEQ-1-R9')).toMatchObject({ ok: false, reason: { code: 'rack-unknown' } });
      expect(readyForGoodsOut(s.state, 'SEQ-1-R1')).toBe(false);
      const check = s.run(beginRackCheck(s.state, parseBarcode('SEQ-1-R1')));
      expect(check).toMatchObject({ ok: true, passed: true, session: null });
      expect(readyForGoodsOut(s.state, 'SEQ-1-R1')).toBe(true);
      expect(beginRackCheck(s.state, 'SEQ-1-R1')).toMatchObject({ ok: false, reason: { code: 'rack-already-checked' } });
    });

    it('re-scans every slot where configured; a wrong slot fails the rack and the check starts over', () => {
      const s = new Station(callOff([1, 2, 3]), { rackSlots: 3, recheckSlots: true });
      build(s, 1);
      s.run(verifyScan(s.state, part(1), T0)); // wrong part at 2 …
      s.run(override(s.state, leadApproval)); // … accepted by the shift lead
      build(s, 3);
      const begin = s.run(beginRackCheck(s.state, 'SEQ-1-R1'));
      expect(begin).toMatchObject({ ok: true, passed: false, session: { rackId: 'SEQ-1-R1', nextIndex: 0 } });
      let session = (begin.ok ? begin.session : null) as RackCheckSession;
      const slot1 = s.run(checkRackSlot(s.state, session, part(1)));
      session = (slot1.ok ? slot1.session : null) as RackCheckSession;
      // Slot 2 holds the overridden part: the part accepted then is what must be there now.
      const wrong = s.run(checkRackSlot(s.state, session, part(2)));
      expect(wrong).toMatchObject({ ok: false, reason: { code: 'rack-slot-mismatch', params: { slot: 2, sequenceNumber: 2 } } });
      expect(wrong.events).toEqual([{ type: 'RackChecked', payload: { rackId: 'SEQ-1-R1', sequenceId: 'SEQ-1', result: 'failed', slotsRechecked: 2, failedSlot: 2 } }]);
      expect(readyForGoodsOut(s.state, 'SEQ-1-R1')).toBe(false);

      const again = s.run(beginRackCheck(s.state, 'SEQ-1-R1'));
      session = (again.ok ? again.session : null) as RackCheckSession;
      for (const p of [part(1), part(1), part(3)]) {
        const step = s.run(checkRackSlot(s.state, session, p));
        expect(step.ok).toBe(true);
        if (step.ok && step.session) session = step.session;
      }
      expect(readyForGoodsOut(s.state, 'SEQ-1-R1')).toBe(true);
      expect(s.state.racks[0]?.check).toBe('passed');
    });
  });
});

describe('applyCallOffRevision', () => {
  it('adds, changes and cancels positions and records the revision', () => {
    const s = new Station(callOff([1, 2, 3, 5]));
    const next = callOff([1, 2, 3, 4, 5, 6], 2, (n) => ({ customerPartNumber: n === 3 ? 'P-NEW' : `P-${n % 3}`, variant: `V${n % 2}` }));
    const cancelled = { ...next, positions: next.positions.map((p) => (p.sequenceNumber === 5 ? { ...p, status: 'cancelled' as const } : p)) };
    const verdict = s.run(applyCallOffRevision(s.state, cancelled));
    expect(verdict).toMatchObject({ ok: true, added: [4, 6], changed: [3], cancelled: [5], alerts: [] });
    expect(s.state.revision).toBe(2);
    expect(s.state.positions.map((p) => [p.data.sequenceNumber, p.data.customerPartNumber, positionStatus(p)])).toEqual([
      [1, 'P-1', 'open'],
      [2, 'P-2', 'open'],
      [3, 'P-NEW', 'open'],
      [4, 'P-1', 'open'],
      [5, 'P-2', 'cancelled'],
      [6, 'P-0', 'open'],
    ]);
  });

  it('raises built-position-changed for a built position that changes or is cancelled', () => {
    const s = new Station(callOff([1, 2, 3]));
    build(s, 1, 2);
    const next = callOff([1, 2, 3], 2, (n) => ({ customerPartNumber: n === 1 ? 'P-X' : `P-${n % 3}`, variant: `V${n % 2}` }));
    next.positions[1] = { ...next.positions[1]!, status: 'cancelled' };
    const verdict = s.run(applyCallOffRevision(s.state, next));
    expect(verdict.ok && verdict.alerts.map((a) => [a.code, a.params.sequenceNumber, a.params.cancelled])).toEqual([
      ['built-position-changed', 1, false],
      ['built-position-changed', 2, true],
    ]);
    expect(s.state.alerts).toEqual([
      { code: 'built-position-changed', params: { sequenceNumber: 1, revision: 2 } },
      { code: 'built-position-changed', params: { sequenceNumber: 2, revision: 2 } },
    ]);
    // The build stays on record; the position is marked for the operator to check the rack.
    expect(findPosition(s.state, 1)).toMatchObject({ build: { kind: 'verified' }, changedAfterBuild: true });
  });

  it('keeps positions a revision no longer lists, and a late position added behind becomes current', () => {
    const s = new Station(callOff([1, 2, 4]));
    build(s, 1, 2);
    s.run(acknowledgeGap(s.state)); // 3 is missing …
    build(s, 4);
    s.run(applyCallOffRevision(s.state, callOff([3, 4], 2)));
    expect(s.state.positions.map((p) => p.data.sequenceNumber)).toEqual([1, 2, 3, 4]);
    expect(positionStatus(findPosition(s.state, 4)!)).toBe('verified');
    expect(currentPosition(s.state)?.data.sequenceNumber).toBe(3); // … and arrives late: it is built now, not dropped
  });

  it.each([
    { name: 'same revision', sequence: callOff([1], 1), code: 'call-off-not-newer' },
    { name: 'older revision', sequence: callOff([1], 0), code: 'call-off-not-newer' },
    { name: 'another sequence', sequence: { ...callOff([1], 2), id: 'SEQ-2' }, code: 'call-off-other-sequence' },
  ])('refuses $name', ({ sequence, code }) => {
    expect(applyCallOffRevision(new Station(callOff([1])).state, sequence)).toMatchObject({ ok: false, reason: { code } });
  });
});

describe('callOffStale', () => {
  const hour = 3_600_000;
  it.each([
    { name: 'fresh', fetchedAt: T0 - hour, stale: false },
    { name: 'exactly at the limit', fetchedAt: new Date(T0 - 2 * hour).toISOString(), stale: false },
    { name: 'older than the limit', fetchedAt: new Date(T0 - 2 * hour - 1), stale: true },
    { name: 'an unreadable time', fetchedAt: 'yesterday', stale: true },
  ])('$name → stale: $stale', ({ fetchedAt, stale }) => {
    const result = callOffStale(callOff([1]), fetchedAt, T0, 2 * hour);
    expect(result.stale).toBe(stale);
    expect(result.warning?.code ?? null).toBe(stale ? 'call-off-stale' : null);
  });
});
