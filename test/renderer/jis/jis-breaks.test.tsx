import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LEAD_PIN } from '../support/fixtures';
import type { AppRig } from '../support/app-rig';
import { journalEvents, PART, SEQ_ID, typesOf } from './jis-fixtures';
import { closeJisScreens, jisScan, openJisScreen } from './jis-screen-rig';

/** Breaks on the JIS screen: skip the current position or pull a later one ahead, each with a shift lead's badge, PIN and reason. */

async function setup(language: 'en' | 'de' = 'en') {
  return (await openJisScreen({ language })).rig;
}
const scan = jisScan;
afterEach(closeJisScreens);

/** The shift lead approves: badge, PIN, then the reason button. */
async function approve(rig: AppRig, reason: string) {
  await scan(rig, 'B9001');
  for (const d of LEAD_PIN) fireEvent.click(screen.getByTestId(`approval-key-${d}`));
  fireEvent.click(screen.getByTestId('approval-submit'));
  fireEvent.click(await screen.findByTestId(`approval-reason-${reason}`));
  await waitFor(() => expect(screen.queryByTestId('approval-layer')).toBeNull());
}

const currentSeq = () => screen.getByTestId('jis-current-seq').textContent;

describe('JIS breaks', () => {
  it('skip: touch button with icon and text, shift lead + reason, SequenceBreak recorded, the chain shows the break', async () => {
    const rig = await setup();
    const skip = screen.getByTestId('jis-skip');
    expect(skip.className).toContain('jis-btn-big'); // ≥ 64 px touch target
    expect(skip.textContent).toBe('Skip position');
    expect(skip.querySelector('svg[data-icon="skip"]')).toBeTruthy();
    fireEvent.click(skip);
    expect(screen.getByTestId('approval-layer').getAttribute('data-kind')).toBe('jis-skip');
    expect(screen.getByTestId('approval-what').textContent).toBe('JIS break: skip position 1');
    await scan(rig, 'B1001'); // an operator may not approve
    expect(screen.getByTestId('approval-error').textContent).toContain('Only a shift lead');
    await approve(rig, 'quality-hold');

    const breaks = (await journalEvents(rig)).filter((e) => e.type === 'SequenceBreak');
    expect(breaks.map((e) => e.payload)).toEqual([{ sequenceId: SEQ_ID, sequenceNumber: 1, kind: 'skipped', reason: 'quality-hold', approvedBy: 'op-petra' }]);
    expect(currentSeq()).toBe('2');
    const done = screen.getByTestId('jis-pos-1');
    expect(done.getAttribute('data-status')).toBe('skipped');
    expect(within(done).getByText('skipped (break)').querySelector('svg[data-icon="skip"]')).toBeTruthy();
    expect(within(done).getByText('approved by Petra Schmidt')).toBeTruthy();
    expect(screen.getByTestId('jis-pos-1-break').textContent).toBe('reason: Quality hold');
    expect(screen.getByTestId('jis-breaks').textContent).toContain('1: skipped – Quality hold (Petra Schmidt)');
    expect(screen.getByTestId('jis-verdict').getAttribute('data-code')).toBe('skipped');
    // The skipped position takes no rack slot; building goes on at 2.
    await scan(rig, PART[2]);
    expect(rig.store.getState().jis?.racks[0]?.filled).toEqual([{ slot: 1, sequenceNumber: 2 }]);
  });

  it('pull ahead: a later position is built next; the ones passed over come back afterwards', async () => {
    const rig = await setup();
    fireEvent.click(screen.getByTestId('jis-pull-3'));
    expect(screen.getByTestId('approval-what').textContent).toBe('JIS break: pull position 3 ahead');
    await approve(rig, 'customer-resequenced');
    expect(currentSeq()).toBe('3');
    expect(screen.getByTestId('jis-verdict').textContent).toContain('Position 3 pulled ahead (break), approved by Petra Schmidt');
    // The passed-over positions stay in the chain as open.
    expect(within(screen.getByTestId('jis-next')).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual(['jis-pos-1', 'jis-pos-2', 'jis-pos-5', 'jis-pos-6']);
    await scan(rig, PART[3]);
    expect(currentSeq()).toBe('1');
    const pulled = screen.getByTestId('jis-pos-3');
    expect(within(pulled).getByText('pulled ahead').querySelector('svg[data-icon="pullAhead"]')).toBeTruthy();
    expect(await typesOf(rig)).toEqual(['SequenceBreak', 'SequencePartVerified', 'RackOpened', 'RackSlotFilled']);
    expect((await journalEvents(rig)).find((e) => e.type === 'SequenceBreak')?.payload).toMatchObject({ sequenceNumber: 3, kind: 'pulled-ahead', reason: 'customer-resequenced' });
  });

  it('no break while a wrong part waits for acknowledgement; cancelling records nothing', async () => {
    const rig = await setup();
    await scan(rig, PART[2]); // wrong part at 1
    expect((screen.getByTestId('jis-skip') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('jis-pull-3') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('jis-mismatch-ack'));
    await waitFor(() => expect((screen.getByTestId('jis-skip') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('jis-skip'));
    fireEvent.click(screen.getByTestId('approval-cancel'));
    expect(screen.queryByTestId('approval-layer')).toBeNull();
    expect(await typesOf(rig)).toEqual(['SequenceMismatch', 'SequenceMismatchAcknowledged']);
  });

  it('speaks German', async () => {
    const rig = await setup('de');
    expect(screen.getByTestId('jis-skip').textContent).toBe('Position überspringen');
    expect(screen.getByTestId('jis-skip').querySelector('svg[data-icon="skip"]')).toBeTruthy();
    expect(screen.getByTestId('jis-pull-3').textContent).toBe('Vorziehen');
    expect(screen.getByTestId('jis-pull-3').querySelector('svg[data-icon="pullAhead"]')).toBeTruthy();
    fireEvent.click(screen.getByTestId('jis-skip'));
    await approve(rig, 'part-damaged');
    expect(screen.getByTestId('jis-pos-1-break').textContent).toBe('Grund: Teil beschädigt');
  });
});
