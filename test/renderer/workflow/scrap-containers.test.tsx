import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LEAD_PIN } from '../support/fixtures';
import { acknowledge, clickForVerdict, journal, PART, scan, startRunning, typePad, workflowSetup } from './workflow-rig';

describe('scrap booking', () => {
  it('groups reasons most used first, books scrap with a comment and undoes it within the window', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-scrap-open'));
    const panel = screen.getByTestId('wf-scrap-panel');
    expect(within(panel).getAllByRole('group').map((g) => g.querySelector('legend')?.textContent)).toEqual(['Dimension', 'Surface']);

    fireEvent.click(screen.getByTestId('scrap-reason-scratch'));
    fireEvent.change(screen.getByTestId('scrap-comment'), { target: { value: 'edge' } });
    fireEvent.click(screen.getByTestId('scrap-pad-backspace'));
    typePad('scrap-pad', '2');
    expect((await clickForVerdict(rig, 'scrap-pad-submit')).text).toBe('2 parts scrapped');
    expect(screen.getByTestId('wf-scrap').textContent).toBe('2');
    const booked = (await journal(rig)).find((e) => e.type === 'ScrapBooked');
    expect(booked?.payload).toEqual({ quantity: 2, reasonId: 'sr-2', note: 'edge' });
    // Used once: Surface now comes first, scratch first within it.
    const groups = within(screen.getByTestId('wf-scrap-panel')).getAllByRole('group');
    expect(groups[0]?.querySelector('legend')?.textContent).toBe('Surface');
    expect(within(groups[0] as HTMLElement).getAllByRole('button')[0]?.textContent).toBe('Scratch');

    expect((await clickForVerdict(rig, 'scrap-undo')).text).toBe('Scrap booking undone');
    expect(screen.getByTestId('wf-scrap').textContent).toBe('0');
    const undone = (await journal(rig)).find((e) => e.type === 'ScrapUndone');
    expect(undone?.payload).toEqual({ scrapEventId: booked?.id, reasonId: 'sr-2', quantity: 2 });
  });

  it('a part serial scanned while the scrap panel is open names the scrapped part instead of booking it good', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-scrap-open'));
    expect((await scan(rig, PART('SN7'))).text).toBe('Part SN7 selected for scrap');
    expect(screen.getByTestId('scrap-serial').textContent).toContain('SN7');
    fireEvent.click(screen.getByTestId('scrap-reason-dent'));
    await clickForVerdict(rig, 'scrap-pad-submit');
    const events = await journal(rig);
    expect(events.find((e) => e.type === 'ScrapBooked')?.payload).toEqual({ quantity: 1, reasonId: 'sr-1', serial: 'SN7' });
    expect(events.some((e) => e.type === 'PartProduced')).toBe(false);
    fireEvent.click(screen.getByTestId('scrap-close'));
    expect((await scan(rig, PART('SN8'))).text).toBe('Part SN8 booked');
  });

  it('refuses an undo after the window', async () => {
    const { rig, clock } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-scrap-open'));
    fireEvent.click(screen.getByTestId('scrap-reason-dent'));
    await clickForVerdict(rig, 'scrap-pad-submit');
    clock.advance(61_000);
    const v = await clickForVerdict(rig, 'scrap-undo');
    expect(v).toEqual({ tone: 'nok', text: 'The undo time is over; ask quality for a correction.' });
    acknowledge();
    expect((await journal(rig)).some((e) => e.type === 'ScrapUndone')).toBe(false);
  });

  it('above the threshold a shift lead confirms with badge and PIN; a wrong PIN is refused', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-scrap-open'));
    fireEvent.click(screen.getByTestId('scrap-reason-dim'));
    fireEvent.click(screen.getByTestId('scrap-pad-backspace'));
    typePad('scrap-pad', '12');
    fireEvent.click(screen.getByTestId('scrap-pad-submit'));
    // A request for approval, said in words and numbers: not a red NOK that must be acknowledged first.
    const layer = await screen.findByTestId('approval-layer');
    expect(layer.getAttribute('data-step')).toBe('awaiting-badge');
    expect(screen.getByTestId('approval-what').textContent).toBe('Scrap 12 parts · Reason: Out of tolerance');
    expect(screen.queryByTestId('wf-verdict')?.getAttribute('data-tone')).not.toBe('nok');
    expect((await journal(rig)).some((e) => e.type === 'ScrapBooked')).toBe(false);

    // An operator's badge cannot approve; the request stays open for the shift lead.
    act(() => rig.bridge.emit('scanner:scan', { raw: 'B1002', source: 'serial', receivedAt: new Date().toISOString() }));
    await waitFor(() => expect(screen.getByTestId('approval-error').textContent).toBe('Only a shift lead may approve this.'));
    act(() => rig.bridge.emit('scanner:scan', { raw: 'B9001', source: 'serial', receivedAt: new Date().toISOString() }));
    await waitFor(() => expect(screen.getByTestId('approval-layer').getAttribute('data-step')).toBe('awaiting-pin'));

    typePad('approval', '9999');
    fireEvent.click(screen.getByTestId('approval-submit'));
    await screen.findByTestId('approval-wrong');
    expect((await journal(rig)).some((e) => e.type === 'ScrapBooked')).toBe(false);

    typePad('approval', LEAD_PIN);
    expect((await clickForVerdict(rig, 'approval-submit')).text).toBe('12 parts scrapped');
    expect(screen.queryByTestId('approval-layer')).toBeNull();
    const events = await journal(rig);
    const approved = events.find((e) => e.type === 'ScrapApproved');
    expect(approved?.payload).toMatchObject({ reasonId: 'sr-3', quantity: 12, approvedBy: 'op-petra' });
    expect(events.find((e) => e.type === 'ScrapBooked')?.payload).toMatchObject({ quantity: 12, reasonId: 'sr-3' });
  });

  it('cancelling the approval books nothing and leaves the scrap panel as it was', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-scrap-open'));
    fireEvent.click(screen.getByTestId('scrap-reason-dim'));
    fireEvent.click(screen.getByTestId('scrap-pad-backspace'));
    typePad('scrap-pad', '12');
    fireEvent.click(screen.getByTestId('scrap-pad-submit'));
    await screen.findByTestId('approval-layer');
    fireEvent.click(screen.getByTestId('approval-cancel'));
    await waitFor(() => expect(screen.queryByTestId('approval-layer')).toBeNull());
    expect(screen.getByTestId('wf-scrap-panel')).toBeTruthy();
    expect((await journal(rig)).some((e) => e.type === 'ScrapBooked' || e.type === 'ScrapApproved')).toBe(false);
    // Scans go to the order screen again: the open scrap panel takes the part.
    expect((await scan(rig, PART('SN9'))).text).toBe('Part SN9 selected for scrap');
  });
});

describe('containers', () => {
  it('a full container closes, shows the label preview and prints it through the bridge; partial close and reprint with a reason', async () => {
    const { rig } = await workflowSetup();
    rig.store.getState().configureWorkflow({ containerCapacity: 3 });
    await startRunning(rig);
    expect(screen.getByTestId('wf-no-container')).toBeTruthy();

    fireEvent.click(screen.getByTestId('wf-plus-n'));
    typePad('numpad', '4');
    await clickForVerdict(rig, 'numpad-submit');
    const preview = await screen.findByTestId('wf-label-preview');
    expect(within(preview).getByRole('heading').textContent).toBe('Container label (3 parts)');
    expect(screen.getByTestId('wf-label-svg').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(rig.bridge.callsTo('printer:print')).toHaveLength(0); // preview first
    expect(screen.getByTestId('wf-open-container').textContent).toBe('Open container: 1 / 3');

    expect((await clickForVerdict(rig, 'wf-print')).text).toBe('Label printed (3 parts)');
    const [request] = rig.bridge.callsTo('printer:print') as { jobId: string; model: { widthDots: number } }[];
    expect(request?.model.widthDots).toBe(1680);
    let events = await journal(rig);
    expect(events.filter((e) => e.type === 'PartPacked').map((e) => e.payload.quantity)).toEqual([3, 1]);
    expect(events.filter((e) => e.type === 'ContainerClosed')).toHaveLength(1);
    expect(events.find((e) => e.type === 'LabelPrinted')?.payload).toMatchObject({ jobId: request?.jobId, templateId: 'vda-4902' });

    // Partial close on demand.
    await clickForVerdict(rig, 'wf-close-container');
    await screen.findByTestId('wf-label-preview');
    expect((await clickForVerdict(rig, 'wf-print')).text).toBe('Label printed (1 part)');
    expect(screen.getAllByTestId('wf-closed-container')).toHaveLength(2);

    // Reprint asks for a reason (the first container is listed last: newest first).
    fireEvent.click(screen.getAllByTestId('wf-reprint')[1] as HTMLElement);
    fireEvent.click(screen.getByTestId('reprint-reason-label-damaged'));
    await screen.findByTestId('wf-label-preview');
    await clickForVerdict(rig, 'wf-print');
    const reprintReq = rig.bridge.callsTo('printer:print')[2] as { reprintReason?: string };
    expect(reprintReq.reprintReason).toBe('label-damaged');
    expect((reprintReq as { reprintOf?: string }).reprintOf).toBe(request?.jobId);
    events = await journal(rig);
    expect(events.find((e) => e.type === 'LabelReprinted')?.payload).toMatchObject({ reason: 'label-damaged', templateId: 'vda-4902' });
  });

  it('lists the two newest closed containers above the bill of materials, a label set aside first, and says where the older ones are', async () => {
    const { rig } = await workflowSetup();
    rig.store.getState().configureWorkflow({ containerCapacity: 1 });
    await startRunning(rig);
    for (let i = 0; i < 2; i++) {
      await clickForVerdict(rig, 'wf-plus-one');
      await screen.findByTestId('wf-label-preview');
      await clickForVerdict(rig, 'wf-print');
    }
    // The third label is put aside for later: its container comes first, with Print now.
    await clickForVerdict(rig, 'wf-plus-one');
    await screen.findByTestId('wf-label-preview');
    fireEvent.click(screen.getByTestId('wf-label-cancel'));
    const rows = screen.getAllByTestId('wf-closed-container');
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByTestId('wf-print-later')).toBeTruthy();
    expect(screen.getByTestId('wf-containers-more').textContent).toBe('1 more container: under Print jobs');
    // Above the bill of materials, so it stays in view while the list of materials may scroll.
    const containers = screen.getByTestId('wf-containers');
    expect(containers.compareDocumentPosition(screen.getByTestId('wf-bom')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('a failed print keeps the label to print again', async () => {
    const { rig } = await workflowSetup();
    rig.store.getState().configureWorkflow({ containerCapacity: 1 });
    rig.bridge.handle('printer:print', () => ({ ok: false, error: { code: 'printer-offline', message: 'Printer offline' } }));
    await startRunning(rig);
    await clickForVerdict(rig, 'wf-plus-one');
    await screen.findByTestId('wf-label-preview');
    const v = await clickForVerdict(rig, 'wf-print');
    expect(v).toEqual({ tone: 'nok', text: 'Label not printed: Printer offline' });
    acknowledge();
    expect(screen.getByTestId('wf-label-preview')).toBeTruthy();
    expect((await journal(rig)).some((e) => e.type === 'LabelPrinted')).toBe(false);
  });
});

describe('auto-logout', () => {
  it('logs the operator out after inactivity with reason inactivity', async () => {
    const { rig } = await workflowSetup();
    act(() => rig.store.getState().configureWorkflow({ inactivityMs: 150 }));
    await screen.findByTestId('login-screen', {}, { timeout: 3000 });
    const out = (await journal(rig)).filter((e) => e.type === 'OperatorLoggedOut');
    expect(out.at(-1)?.payload).toEqual({ reason: 'inactivity' });
    expect(out.at(-1)?.operatorId).toBe('op-anna');
  });

  it('a touch restarts the timer', async () => {
    const { rig } = await workflowSetup();
    act(() => rig.store.getState().configureWorkflow({ inactivityMs: 300 }));
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      fireEvent.pointerDown(window);
    }
    expect(screen.getByTestId('order-detail')).toBeTruthy();
    expect(rig.store.getState().terminal.operator?.id).toBe('op-anna');
  });
});
