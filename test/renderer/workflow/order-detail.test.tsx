import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LEAD_PIN } from '../support/fixtures';
import { acknowledge, clickForVerdict, FOREIGN, HOUSING, journal, PART, scan, SCREW, startRunning, typePad, workflowSetup } from './workflow-rig';

describe('order detail', () => {
  it('shows BOM, operation, target vs good and refuses a start while batches are missing', async () => {
    const { rig } = await workflowSetup();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Order PO-3001');
    expect(screen.getByTestId('wf-operation').textContent).toBe('0010 · Assemble');
    expect(screen.getByTestId('wf-good').textContent).toBe('0 / 100');
    expect(screen.getByTestId('wf-status').textContent).toContain('released');
    expect(screen.getByTestId('bom-SCR-M6').getAttribute('data-missing')).toBe('true');

    const before = (await journal(rig)).length;
    const v = await clickForVerdict(rig, 'wf-start');
    expect(v.tone).toBe('nok');
    expect(v.text).toBe('Load a batch first for: SCR-M6, HSG-1');
    expect(screen.getByTestId('wf-ack')).toBeTruthy();
    acknowledge();
    expect((await journal(rig)).length).toBe(before);
  });

  it('runs an order: load, start, +1, +n, pause with reason, resume, handover, complete', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    expect(screen.getByTestId('batch-SCR-M6').textContent).toContain('L1');
    expect(screen.getByTestId('batch-HSG-1').textContent).toContain('H7');

    expect((await clickForVerdict(rig, 'wf-plus-one')).text).toBe('1 good part booked');
    fireEvent.click(screen.getByTestId('wf-plus-n'));
    typePad('numpad', '5');
    await clickForVerdict(rig, 'numpad-submit');
    expect(screen.getByTestId('wf-good').textContent).toBe('6 / 100');

    fireEvent.click(screen.getByTestId('wf-pause'));
    await clickForVerdict(rig, 'pause-reason-machine-fault');
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('paused');
    expect(screen.getByTestId('wf-paused-reason').textContent).toContain('Machine fault');
    await clickForVerdict(rig, 'wf-resume');
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started');

    fireEvent.click(screen.getByTestId('wf-handover'));
    expect(screen.getByTestId('wf-handover-panel')).toBeTruthy();
    expect((await scan(rig, 'B1002')).text).toBe('Order handed over to Ben Wolf');
    expect(screen.getByTestId('wf-operator').textContent).toBe('Ben Wolf');
    expect(rig.store.getState().terminal.operator?.id).toBe('op-ben');
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started');

    // A differing count is a question: cancelling it books nothing and leaves the order running.
    const before = (await journal(rig)).length;
    fireEvent.click(screen.getByTestId('wf-complete'));
    typePad('numpad', '3');
    fireEvent.click(screen.getByTestId('numpad-submit'));
    await waitFor(() => expect(screen.getByTestId('wf-completion-dialog').getAttribute('data-step')).toBe('confirm-count'));
    expect(screen.getByTestId('wf-completion-text').textContent).toContain('Counted 3, but 6 good parts are booked. Book the difference (-3) as a correction?');
    fireEvent.click(screen.getByTestId('wf-completion-cancel'));
    expect(screen.queryByTestId('wf-completion-dialog')).toBeNull();
    expect((await journal(rig)).length).toBe(before);
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started');

    // Counted 10 with 6 booked: asked once, +4 booked as a correction, then the 4 parts in no container are named.
    fireEvent.click(screen.getByTestId('wf-complete'));
    typePad('numpad', '10');
    fireEvent.click(screen.getByTestId('numpad-submit'));
    await screen.findByTestId('wf-completion-dialog');
    expect((await clickForVerdict(rig, 'wf-completion-correct')).text).toBe('Good quantity corrected to 10 (+4)');
    await waitFor(() => expect(screen.getByTestId('wf-completion-dialog').getAttribute('data-step')).toBe('unpacked'));
    expect(screen.getByTestId('wf-completion-text').textContent).toContain('4 good parts are in no container.');
    expect((await clickForVerdict(rig, 'wf-completion-place-rework')).text).toBe('Order PO-3001 completed with 10 good parts');
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('completed');

    const types = (await journal(rig)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['MaterialLoaded', 'OrderStarted', 'GoodQuantityBooked', 'OrderPaused', 'OrderResumed', 'OrderHandedOver', 'GoodQuantityCorrected', 'OrderCompleted']),
    );
    const events = await journal(rig);
    expect(events.find((e) => e.type === 'OrderPaused')?.payload).toEqual({ reason: 'machine-fault' });
    expect(events.find((e) => e.type === 'OperatorLoggedOut')?.payload).toEqual({ reason: 'handover' });
    const good = events.filter((e) => e.type === 'GoodQuantityBooked').map((e) => e.payload.quantity);
    expect(good).toEqual([1, 5]);
    expect(events.find((e) => e.type === 'GoodQuantityCorrected')?.payload).toEqual({ delta: 4, kind: 'count', correctedTo: 10 });
    expect(events.find((e) => e.type === 'OrderCompleted')?.payload).toEqual({ short: true, unpacked: { quantity: 4, where: 'rework' } });
  });

  it('a shift lead takes over at a handover with badge and PIN; a wrong PIN hands over nothing', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-handover'));
    act(() => rig.bridge.emit('scanner:scan', { raw: 'B9001', source: 'serial', receivedAt: new Date().toISOString() }));
    await waitFor(() => expect(screen.getByTestId('approval-layer').getAttribute('data-step')).toBe('awaiting-pin'));
    expect(screen.getByTestId('approval-what').textContent).toBe('Order PO-3001 handed over to Petra Schmidt');

    typePad('approval', '9999');
    fireEvent.click(screen.getByTestId('approval-submit'));
    await screen.findByTestId('approval-wrong');
    expect((await journal(rig)).some((e) => e.type === 'OrderHandedOver')).toBe(false);
    expect(rig.store.getState().terminal.operator?.id).toBe('op-anna');

    typePad('approval', LEAD_PIN);
    expect((await clickForVerdict(rig, 'approval-submit')).text).toBe('Order handed over to Petra Schmidt');
    expect(screen.queryByTestId('approval-layer')).toBeNull();
    expect(rig.store.getState().terminal.operator?.id).toBe('op-petra');
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started');
    const events = await journal(rig);
    expect(events.find((e) => e.type === 'OperatorLoggedIn' && e.operatorId === 'op-petra')?.payload).toMatchObject({ method: 'badge+pin', role: 'shift-lead' });
    expect(events.find((e) => e.type === 'OrderHandedOver')?.payload).toMatchObject({ toOperatorId: 'op-petra' });
  });

  it('shows German text', async () => {
    await workflowSetup('de');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Auftrag PO-3001');
    expect(screen.getByTestId('wf-start').textContent).toContain('Starten');
  });
});

describe('material scan', () => {
  it('OK: appends MaterialLoaded and shows green; a new batch replaces the loaded one', async () => {
    const { rig } = await workflowSetup();
    const v = await scan(rig, SCREW('L1'));
    expect(v).toEqual({ tone: 'ok', text: 'Batch L1 of SCR-M6 loaded' });
    const loaded = (await journal(rig)).filter((e) => e.type === 'MaterialLoaded');
    expect(loaded).toHaveLength(1);
    expect(loaded[0]?.orderId).toBe('o-5');
    expect(loaded[0]?.operatorId).toBe(rig.store.getState().terminal.operator?.id);
    expect(loaded[0]?.operatorId).toBeTruthy();
    expect(loaded[0]?.payload).toMatchObject({ materialId: 'm-2', batch: 'L1', expiresAt: '2026-12-31' });
    expect((await scan(rig, SCREW('L2'))).text).toBe('Batch change: L2 replaces L1 (SCR-M6)');
    expect(screen.getByTestId('batch-SCR-M6').textContent).toContain('L2');
  });

  it('loses no scan that arrives while the previous booking is still being written', async () => {
    const { rig } = await workflowSetup();
    act(() => {
      for (const batch of ['Q1', 'Q2', 'Q3']) rig.bridge.emit('scanner:scan', { raw: SCREW(batch), source: 'serial', receivedAt: new Date().toISOString() });
    });
    await waitFor(async () => expect((await journal(rig)).filter((e) => e.type === 'MaterialLoaded')).toHaveLength(3));
    const batches = (await journal(rig)).filter((e) => e.type === 'MaterialLoaded').map((e) => e.payload.batch);
    expect(batches).toEqual(['Q1', 'Q2', 'Q3']);
  });

  it.each([
    ['material not in BOM', FOREIGN('X1'), 'FRGN-9 is not part of order PO-3001.'],
    ['blocked batch', SCREW('BAD1'), 'Batch BAD1 is blocked: Quality hold'],
    ['expired batch', SCREW('OLD1', '250101'), 'Batch OLD1 expired on Jan 1, 2025.'],
    ['not a batch label', 'hello', 'This is not a material batch label.'],
    ['implausible quantity', `${SCREW('Q1')}(30)50000`, 'The label says 50,000; the order needs 200.'],
  ])('NOK %s: red, reason text, acknowledgement, nothing booked', async (_name, raw, text) => {
    const { rig } = await workflowSetup();
    const before = (await journal(rig)).length;
    const v = await scan(rig, raw);
    expect(v).toEqual({ tone: 'nok', text });
    const overlay = screen.getByTestId('wf-verdict');
    expect(overlay.getAttribute('role')).toBe('alertdialog');
    expect(overlay.querySelector('svg[data-icon="nok"]')).toBeTruthy();
    // A NOK waits: the next scan is not taken until the operator acknowledges.
    rig.bridge.emit('scanner:scan', { raw: HOUSING('H1'), source: 'serial', receivedAt: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('wf-verdict-text').textContent).toBe(text);
    acknowledge();
    expect((await journal(rig)).length).toBe(before);
    expect(screen.getByTestId('bom-SCR-M6').getAttribute('data-missing')).toBe('true');
  });
});

describe('good parts by serial', () => {
  it('links each scanned part to the batches loaded at that moment; a duplicate is refused', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    expect((await scan(rig, PART('SN0001'))).text).toBe('Part SN0001 booked');
    const produced = (await journal(rig)).find((e) => e.type === 'PartProduced');
    expect(produced?.payload).toEqual({
      serial: 'SN0001',
      materialId: 'm-1',
      components: [
        { materialId: 'm-2', batch: 'L1' },
        { materialId: 'm-3', batch: 'H7' },
      ],
    });
    const dup = await scan(rig, PART('SN0001'));
    expect(dup).toEqual({ tone: 'nok', text: 'Part SN0001 was already booked.' });
    acknowledge();
    await waitFor(() => expect(screen.getByTestId('wf-good').textContent).toBe('1 / 100'));
  });
});
