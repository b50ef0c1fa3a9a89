import { describe, expect, it } from 'vitest';
import { batchWindows, traceBatch, traceContainer, tracePart } from '../../../shared/production';
import { packageNumberOf } from '../../../shared/labels';
import { createJournal } from './journal';

/**
 * One order on the line: housing batch H1, then a batch change to H2; two
 * serial parts with scanned components, two made in H1's window without
 * components, counted parts packed; then a second order that reuses H2.
 */
function shift() {
  const j = createJournal();
  const at = (min: number) => (j.now = Date.parse('2026-11-25T06:00:00.000Z') + min * 60_000);
  const o1 = 'o-1';
  at(0);
  j.record([
    { type: 'MaterialLoaded', orderId: o1, payload: { materialId: 'm-housing', batch: 'H1' } },
    { type: 'MaterialLoaded', orderId: o1, payload: { materialId: 'm-pcb', batch: 'P1' } },
    { type: 'OrderStarted', orderId: o1, payload: { orderNumber: 'FA-1', materialId: 'm-product', quantity: 10 } },
    { type: 'ContainerOpened', orderId: o1, payload: { containerId: 'C1', capacity: 10 } },
  ]);
  at(5);
  j.record([
    { type: 'PartProduced', orderId: o1, payload: { serial: 'SN-1' } },
    { type: 'PartPacked', orderId: o1, payload: { containerId: 'C1', serial: 'SN-1', quantity: 1 } },
    { type: 'PartPacked', orderId: o1, payload: { containerId: 'C1', quantity: 3 } },
  ]);
  at(30);
  j.record([{ type: 'MaterialLoaded', orderId: o1, payload: { materialId: 'm-housing', batch: 'H2' } }]);
  at(35);
  j.record([
    { type: 'PartProduced', orderId: o1, payload: { serial: 'SN-2' } },
    // Scanned for this very part: the link beats the window.
    { type: 'PartProduced', orderId: o1, payload: { serial: 'SN-3', components: [{ materialId: 'm-housing', batch: 'H1' }] } },
    { type: 'PartPacked', orderId: o1, payload: { containerId: 'C1', serial: 'SN-2', quantity: 1 } },
    { type: 'ContainerClosed', orderId: o1, payload: { containerId: 'C1', quantity: 5 } },
    { type: 'ContainerOpened', orderId: o1, payload: { containerId: 'C2', capacity: 10 } },
    { type: 'PartPacked', orderId: o1, payload: { containerId: 'C2', serial: 'SN-3', quantity: 1 } },
  ]);
  at(60);
  j.record([
    { type: 'OrderCompleted', orderId: o1, payload: {} },
    { type: 'MaterialLoaded', orderId: 'o-2', payload: { materialId: 'm-housing', batch: 'H2' } },
    { type: 'PartPacked', orderId: o1, payload: { containerId: 'C2', quantity: 2 } },
  ]);
  return j.events;
}

describe('local trace', () => {
  const events = shift();

  it('derives batch windows per order, ended by a batch change or the completion', () => {
    expect(batchWindows(events).map((w) => [w.orderId, w.materialId, w.batch, w.from.slice(11, 16), w.to?.slice(11, 16) ?? null])).toEqual([
      ['o-1', 'm-housing', 'H1', '06:00', '06:30'],
      ['o-1', 'm-pcb', 'P1', '06:00', '07:00'],
      ['o-1', 'm-housing', 'H2', '06:30', '07:00'],
      ['o-2', 'm-housing', 'H2', '07:00', null],
    ]);
  });

  it('forward: where did batch H1 go', () => {
    const trace = traceBatch(events, { materialId: 'm-housing', batch: 'H1' });
    expect(trace.orderIds).toEqual(['o-1']);
    expect(trace.serials.map((s) => [s.serial, s.link])).toEqual([
      ['SN-1', 'window'],
      ['SN-3', 'component'],
    ]);
    expect(trace.containers).toEqual([
      { containerId: 'C1', quantity: 4, link: 'serial' },
      { containerId: 'C2', quantity: 1, link: 'serial' },
    ]);
  });

  it('forward: H2 reaches two orders; packing after the window ended is not H2', () => {
    const trace = traceBatch(events, { materialId: 'm-housing', batch: 'H2' });
    expect(trace.orderIds).toEqual(['o-1', 'o-2']);
    expect(trace.serials.map((s) => s.serial)).toEqual(['SN-2']);
    expect(trace.containers).toEqual([{ containerId: 'C1', quantity: 1, link: 'serial' }]);
  });

  it('backward: what went into a part', () => {
    expect(tracePart(events, 'SN-2')).toMatchObject({
      orderId: 'o-1',
      batches: [
        { materialId: 'm-pcb', batch: 'P1', link: 'window' },
        { materialId: 'm-housing', batch: 'H2', link: 'window' },
      ],
      containerIds: ['C1'],
    });
    expect(tracePart(events, 'SN-3')?.batches).toEqual([{ materialId: 'm-housing', batch: 'H1', link: 'component' }]);
    expect(tracePart(events, 'SN-404')).toBeUndefined();
  });

  it('backward: what went into a container', () => {
    const c1 = traceContainer(events, 'C1');
    expect(c1.orderIds).toEqual(['o-1']);
    expect(c1.serials).toEqual(['SN-1', 'SN-2']);
    expect(c1.batches.map((b) => `${b.batch}:${b.link}`).sort()).toEqual(['H1:window', 'H2:window', 'P1:window']);
    const c2 = traceContainer(events, 'C2');
    expect(c2.batches).toEqual([{ materialId: 'm-housing', batch: 'H1', link: 'component' }]);
  });

  it('finds a container by the package number its label prints (VDA 4902 field 14) as well as by its id', () => {
    const j = createJournal();
    const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    j.record([
      { type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H9' } },
      { type: 'ContainerOpened', orderId: 'o-1', payload: { containerId: id, capacity: 10 } },
      { type: 'PartPacked', orderId: 'o-1', payload: { containerId: id, quantity: 3 } },
    ]);
    const printed = packageNumberOf(id);
    expect(printed).toMatch(/^\d{12}$/);
    const byNumber = traceContainer(j.events, printed);
    expect(byNumber).toEqual(traceContainer(j.events, id));
    expect(byNumber).toMatchObject({ containerId: id, batches: [{ materialId: 'm-housing', batch: 'H9', link: 'window' }] });
    expect(traceContainer(j.events, '000000000000')).toMatchObject({ containerId: '000000000000', batches: [] });
  });

  it('does not depend on the order events are handed in', () => {
    const shuffled = [...events].reverse();
    expect(traceBatch(shuffled, { materialId: 'm-housing', batch: 'H1' })).toEqual(traceBatch(events, { materialId: 'm-housing', batch: 'H1' }));
  });
});
