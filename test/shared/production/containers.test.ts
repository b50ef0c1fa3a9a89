import { describe, expect, it } from 'vitest';
import {
  closeContainer,
  executionOf,
  foldProductionEvents,
  packParts,
  reprintContainerLabel,
  type PackInput,
  type ProductionState,
} from '../../../shared/production';
import { createJournal } from './journal';

function line() {
  const j = createJournal();
  let state: ProductionState = foldProductionEvents(
    j.record([{ type: 'OrderStarted', orderId: 'o-1', payload: { orderNumber: 'FA-1001', materialId: 'm-product', quantity: 100 } }]),
  );
  let n = 0;
  const nextContainerId = () => `C${++n}`;
  return {
    j,
    get state() {
      return state;
    },
    pack(input: Partial<PackInput> = {}) {
      const verdict = packParts({ state, execution: executionOf(state, 'o-1'), capacity: 4, nextContainerId, ...input });
      if (verdict.ok) state = foldProductionEvents(j.record(verdict.events), state);
      return verdict;
    },
    apply(events: Parameters<typeof j.record>[0]) {
      state = foldProductionEvents(j.record(events), state);
    },
  };
}

describe('packing into containers', () => {
  it('opens a container, fills it, closes it full (label) and opens the next', () => {
    const l = line();
    expect(l.pack()).toMatchObject({ ok: true, labelRequired: false, openContainerId: 'C1' });
    l.pack({ quantity: 2 });
    const full = l.pack();
    expect(full).toMatchObject({ ok: true, labelRequired: true, closedContainerIds: ['C1'], openContainerId: 'C2' });
    expect(full.ok && full.events.map((e) => e.type)).toEqual(['PartPacked', 'ContainerClosed', 'ContainerOpened']);
    expect(l.state.containers['C1']).toMatchObject({ status: 'closed', quantity: 4 });
    expect(executionOf(l.state, 'o-1')).toMatchObject({ openContainerId: 'C2', containerIds: ['C1', 'C2'] });
  });

  it('splits a counted quantity over as many containers as it takes', () => {
    const l = line();
    const verdict = l.pack({ quantity: 10 });
    expect(verdict).toMatchObject({ ok: true, closedContainerIds: ['C1', 'C2'], openContainerId: 'C3' });
    expect(Object.values(l.state.containers).map((c) => [c.containerId, c.quantity, c.status])).toEqual([
      ['C1', 4, 'closed'],
      ['C2', 4, 'closed'],
      ['C3', 2, 'open'],
    ]);
  });

  it('keeps the capacity a container was opened with', () => {
    const l = line();
    l.pack({ capacity: 2 });
    expect(l.pack({ capacity: 10 })).toMatchObject({ ok: true, closedContainerIds: ['C1'] });
  });

  it.each<{ name: string; input: Partial<PackInput>; code: string }>([
    { name: 'capacity 0', input: { capacity: 0 }, code: 'capacity-invalid' },
    { name: 'quantity 0', input: { quantity: 0 }, code: 'quantity-invalid' },
    { name: 'serial with quantity 3', input: { serial: 'S1', quantity: 3 }, code: 'pack-serial-quantity' },
  ])('refuses $name', ({ input, code }) => {
    expect(line().pack(input)).toMatchObject({ ok: false, reason: { code } });
  });

  it('packs a serial once only', () => {
    const l = line();
    l.pack({ serial: 'SN-1' });
    expect(l.state.containers['C1']?.serials).toEqual(['SN-1']);
    expect(l.pack({ serial: 'SN-1' })).toMatchObject({ ok: false, reason: { code: 'serial-already-packed', params: { containerId: 'C1' } } });
  });

  it('refuses packing when the order is not running', () => {
    const l = line();
    l.apply([{ type: 'OrderPaused', orderId: 'o-1', payload: { reason: 'break' } }]);
    expect(l.pack()).toMatchObject({ ok: false, reason: { code: 'order-not-running' } });
  });

  it('closes a partial container on demand; refuses to close an empty one', () => {
    const l = line();
    l.pack({ quantity: 3 });
    const partial = closeContainer(l.state, executionOf(l.state, 'o-1'));
    expect(partial).toMatchObject({ ok: true, labelRequired: true, containerId: 'C1' });
    l.apply(partial.ok ? partial.events : []);
    expect(closeContainer(l.state, executionOf(l.state, 'o-1'))).toMatchObject({ ok: false, reason: { code: 'no-open-container' } });
    l.pack({ quantity: 4 }); // C2 full, C3 opened empty
    expect(closeContainer(l.state, executionOf(l.state, 'o-1'))).toMatchObject({ ok: false, reason: { code: 'container-empty', params: { containerId: 'C3' } } });
  });

  it('reprints a closed container label with a reason only', () => {
    const l = line();
    l.pack({ quantity: 4 });
    const reprint = (containerId: string, reason: string) => reprintContainerLabel({ state: l.state, containerId, reason, jobId: 'job-2', templateId: 'tpl-vda' });
    expect(reprint('C1', ' ')).toMatchObject({ ok: false, reason: { code: 'reprint-reason-required' } });
    expect(reprint('C2', 'smudged')).toMatchObject({ ok: false, reason: { code: 'container-not-closed' } });
    expect(reprint('C9', 'smudged')).toMatchObject({ ok: false, reason: { code: 'container-unknown' } });
    const ok = reprint('C1', 'label smudged');
    expect(ok.ok && ok.events).toEqual([
      { type: 'LabelReprinted', orderId: 'o-1', payload: { jobId: 'job-2', templateId: 'tpl-vda', reason: 'label smudged', containerId: 'C1' } },
    ]);
    l.apply(ok.ok ? ok.events : []);
  });
});
