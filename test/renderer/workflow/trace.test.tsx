import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { containerShortId } from '../../../renderer/state/workflow-logic';
import { clickForVerdict, PART, scan, SCREW, startRunning, workflowSetup } from './workflow-rig';
import { act } from '@testing-library/react';

async function traceScan(rig: Awaited<ReturnType<typeof workflowSetup>>['rig'], raw: string) {
  act(() => rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: new Date().toISOString() }));
  await waitFor(() => {
    const wf = rig.store.getState().workflow;
    expect(wf.trace, `no trace for ${JSON.stringify(raw)}; verdict ${JSON.stringify(wf.verdict)}, busy ${wf.busy}, tracing ${wf.tracing}`).not.toBeNull();
  }, { timeout: 15_000 });
  const text = screen.getByTestId('wf-trace-result').textContent ?? '';
  act(() => rig.store.getState().setTracing(true));
  return text;
}

describe('local trace', () => {
  it('answers where a batch went and what went into a part and a container, without booking anything', async () => {
    const { rig } = await workflowSetup();
    rig.store.getState().configureWorkflow({ containerCapacity: 2 });
    await startRunning(rig);
    await scan(rig, PART('SN1'));
    await scan(rig, PART('SN2'));
    await screen.findByTestId('wf-label-preview');
    await clickForVerdict(rig, 'wf-print');
    const containerId = Object.keys(rig.store.getState().workflow.production.containers)[0] ?? '';

    fireEvent.click(screen.getByTestId('wf-trace-open'));
    const before = (await rig.journal.eventsAfter(0, 1000)).length;
    const batch = await traceScan(rig, SCREW('L1'));
    expect(batch).toContain('Batch L1 of SCR-M6');
    expect(batch).toContain('Orders: PO-3001');
    expect(batch).toContain('Parts: SN1, SN2');
    expect(batch).toContain(`Containers: ${containerShortId(containerId)} (2)`);

    const part = await traceScan(rig, PART('SN2'));
    expect(part).toContain('Batches: SCR-M6 L1, HSG-1 H7');

    // The container label carries its package number in Code 39 (VDA 4902), read with AIM ]A0.
    const container = await traceScan(rig, `]A0S${containerShortId(containerId)}`);
    expect(container).toContain('Parts: SN1, SN2');
    expect(container).toContain('Batches: SCR-M6 L1, HSG-1 H7');

    expect((await rig.journal.eventsAfter(0, 1000)).length).toBe(before);
    fireEvent.click(screen.getByTestId('wf-trace-close'));
    expect(screen.queryByTestId('wf-trace')).toBeNull();
  });
});
