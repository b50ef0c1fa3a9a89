import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { change } from '../support/fixtures';
import type { AppRig } from '../support/app-rig';
import { clickForVerdict, journal, startRunning, typePad, workflowSetup } from './workflow-rig';

/**
 * Workflow settings come from the line's master data: a pull that
 * changes them changes what the open order screen does at the next booking.
 */

let rev = 100;
async function pullLine(rig: AppRig, settings: Record<string, unknown>, extra: ReturnType<typeof change>[] = []) {
  rev += 10;
  await act(async () => {
    await rig.cache.applyPull({ changes: [change('line', 'L1', rev, { id: 'L1', plantId: 'P1', name: 'Line 1 – Assembly', settings }), ...extra], rev: rev + extra.length, hasMore: false });
    await rig.store.getState().refreshMaster();
  });
}

function enterScrap(quantity: string) {
  fireEvent.click(screen.getByTestId('wf-scrap-open'));
  fireEvent.click(screen.getByTestId('scrap-reason-dim'));
  fireEvent.click(screen.getByTestId('scrap-pad-backspace'));
  typePad('scrap-pad', quantity);
}

async function scrap(rig: AppRig, quantity: string) {
  enterScrap(quantity);
  return clickForVerdict(rig, 'scrap-pad-submit');
}

describe('line settings from master data', () => {
  it('the line’s scrap threshold decides when the shift lead must confirm, and follows a pull', async () => {
    const { rig } = await workflowSetup();
    await pullLine(rig, { scrapApprovalThreshold: 20 });
    await startRunning(rig);

    // 12 needs the shift lead under the built-in threshold of 10; this line allows up to 20.
    expect(await scrap(rig, '12')).toEqual({ tone: 'ok', text: '12 parts scrapped' });
    fireEvent.click(screen.getByTestId('scrap-close'));
    expect(screen.getByTestId('wf-scrap').textContent).toBe('12');

    // Plant IT tightens the line while the order is open: the next booking follows.
    await pullLine(rig, { scrapApprovalThreshold: 5 });
    enterScrap('6');
    fireEvent.click(screen.getByTestId('scrap-pad-submit'));
    expect((await screen.findByTestId('approval-layer')).getAttribute('data-step')).toBe('awaiting-badge');
    expect(screen.getByTestId('approval-what').textContent).toBe('Scrap 6 parts · Reason: Out of tolerance');
    expect((await journal(rig)).filter((e) => e.type === 'ScrapBooked').map((e) => e.payload.quantity)).toEqual([12]);
  });

  it('the product’s packaging beats the line’s container capacity', async () => {
    const { rig } = await workflowSetup();
    await pullLine(rig, { containerCapacity: 50 }, [change('material', 'm-1', rev + 1, { id: 'm-1', number: '4711-A', name: 'Bracket left', gtin: '04000000000044', containerCapacity: 3 })]);
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-plus-n'));
    typePad('numpad', '4');
    await clickForVerdict(rig, 'numpad-submit');
    const preview = await screen.findByTestId('wf-label-preview');
    expect(within(preview).getByRole('heading').textContent).toBe('Container label (3 parts)');
    expect(screen.getByTestId('wf-open-container').textContent).toBe('Open container: 1 / 3');
    const opened = (await journal(rig)).filter((e) => e.type === 'ContainerOpened').map((e) => e.payload.capacity);
    expect(opened).toEqual([3, 3]);
  });
});
