import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { hostJournalCopy } from '../../../renderer/storage/journal-copy-client';
import { LEAD_PIN } from '../support/fixtures';
import { appRig } from '../support/app-rig';
import { JIS_CONFIG, jisChange, journalEvents, PART, SEQ_ID, typesOf } from './jis-fixtures';
import { closeJisScreens, jisScan, openJisScreen, trackRig } from './jis-screen-rig';

const setup = openJisScreen;
const scan = jisScan;
afterEach(closeJisScreens);

const currentSeq = () => screen.getByTestId('jis-current-seq').textContent;

describe('JIS pearl chain', () => {
  it('shows the current position large with vehicle, part, variant, rack and slot, and the next ones', async () => {
    await setup();
    expect(currentSeq()).toBe('1');
    expect(screen.getByTestId('jis-current-vehicle').textContent).toBe('VIN700101');
    expect(screen.getByTestId('jis-current-part').textContent).toBe('PA100');
    expect(screen.getByTestId('jis-current-variant').textContent).toBe('SW');
    expect(screen.getByTestId('jis-current-rack').textContent).toBe('R1 / 1');
    const next = screen.getByTestId('jis-next');
    expect(within(next).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual(['jis-pos-2', 'jis-pos-3', 'jis-pos-5', 'jis-pos-6']);
  });

  it('the right part advances, records SequencePartVerified and takes its rack slot', async () => {
    const { rig } = await setup();
    await scan(rig, PART[1]);
    expect(screen.getByTestId('jis-verdict').getAttribute('data-tone')).toBe('ok');
    expect(screen.getByTestId('jis-verdict').textContent).toContain('Position 1 correct');
    expect(currentSeq()).toBe('2');
    expect(await typesOf(rig)).toEqual(['SequencePartVerified', 'RackOpened', 'RackSlotFilled']);
    const done = screen.getByTestId('jis-pos-1');
    expect(done.getAttribute('data-status')).toBe('verified');
    expect(within(done).getByText('verified').querySelector('svg[data-icon="ok"]')).toBeTruthy();
    expect(screen.getByTestId(`jis-slot-${SEQ_ID}-R1-1`).textContent).toContain(' 1');
    expect(screen.getByTestId(`jis-slot-${SEQ_ID}-R1-1`).querySelector('svg[data-icon="ok"]')).toBeTruthy();
    const verified = (await journalEvents(rig)).find((e) => e.type === 'SequencePartVerified');
    expect(verified?.operatorId).toBe('op-anna');
  });

  it('scans arriving back to back are all verified, in order, none dropped', async () => {
    const { rig } = await setup();
    await act(async () => {
      for (const n of [1, 2, 3] as const) rig.bridge.emit('scanner:scan', { raw: PART[n], source: 'serial', receivedAt: '2025-03-01T06:00:00.000Z' });
      await new Promise((r) => setTimeout(r, 0));
    });
    await waitFor(() => expect(currentSeq()).toBe('5'));
    const verified = (await journalEvents(rig)).filter((e) => e.type === 'SequencePartVerified').map((e) => e.payload['sequenceNumber']);
    expect(verified).toEqual([1, 2, 3]);
  });

  it('a wrong part blocks full-screen red until acknowledged; nothing advances meanwhile', async () => {
    const { rig } = await setup();
    await scan(rig, PART[2]);
    const block = screen.getByTestId('jis-mismatch');
    expect(block.getAttribute('role')).toBe('alertdialog');
    expect(within(block).getByText('WRONG PART – STOP')).toBeTruthy();
    expect(screen.getByTestId('jis-mismatch-expected').textContent).toBe('PA100 / SW');
    expect(screen.getByTestId('jis-mismatch-scanned').textContent).toBe('PB200 / GR');
    // Even the right part is refused while the block stands.
    await scan(rig, PART[1]);
    expect(screen.getByTestId('jis-mismatch')).toBeTruthy();
    expect(rig.store.getState().jisVerdict?.code).toBe('awaiting-ack');
    expect(await typesOf(rig)).toEqual(['SequenceMismatch']);
    expect(currentSeq()).toBe('1');
    fireEvent.click(screen.getByTestId('jis-mismatch-ack'));
    await waitFor(() => expect(screen.queryByTestId('jis-mismatch')).toBeNull());
    await scan(rig, PART[1]);
    expect(currentSeq()).toBe('2');
    expect(await typesOf(rig)).toEqual(['SequenceMismatch', 'SequenceMismatchAcknowledged', 'SequencePartVerified', 'RackOpened', 'RackSlotFilled']);
  });

  it('a shift lead overrides with badge, PIN and reason; the approver is recorded and shown', async () => {
    const { rig } = await setup();
    await scan(rig, PART[2]);
    const built = screen.getByTestId('jis-mismatch-scanned').textContent;
    const expected = screen.getByTestId('jis-mismatch-expected').textContent;
    fireEvent.click(screen.getByTestId('jis-override-start'));
    expect(screen.getByTestId('approval-badge')).toBeTruthy();
    // The request says what is approved: the part built instead of the one the call-off asks for.
    expect(screen.getByTestId('approval-what').textContent).toBe(`JIS override: built ${built} instead of ${expected} (position 1)`);
    // Each part number is kept whole on the line (styled nowrap), never split at one of its hyphens.
    expect([...screen.getByTestId('approval-what').querySelectorAll('.approval-code')].map((e) => e.textContent)).toEqual([built, expected]);
    await scan(rig, 'B1001'); // an operator may not approve
    expect(screen.getByTestId('approval-error').textContent).toContain('Only a shift lead');
    await scan(rig, 'B9001');
    for (const d of LEAD_PIN) fireEvent.click(screen.getByTestId(`approval-key-${d}`));
    fireEvent.click(screen.getByTestId('approval-submit'));
    fireEvent.click(await screen.findByTestId('approval-reason-customer-approved'));
    await waitFor(() => expect(screen.queryByTestId('approval-layer')).toBeNull());
    expect(screen.queryByTestId('jis-mismatch')).toBeNull();
    expect(currentSeq()).toBe('2');
    const events = await journalEvents(rig);
    const o = events.find((e) => e.type === 'SequenceOverride');
    expect(o?.payload).toMatchObject({ sequenceId: SEQ_ID, sequenceNumber: 1, reason: 'customer-approved', approvedBy: 'op-petra' });
    expect(events.some((e) => e.type === 'SequencePartVerified')).toBe(false);
    const done = screen.getByTestId('jis-pos-1');
    expect(done.getAttribute('data-status')).toBe('overridden');
    expect(within(done).getByText('approved by Petra Schmidt')).toBeTruthy();
    expect(within(done).getByText('overridden').querySelector('svg[data-icon="override"]')).toBeTruthy();
  });

  it('a wrong PIN keeps the override closed', async () => {
    const { rig } = await setup();
    await scan(rig, PART[2]);
    fireEvent.click(screen.getByTestId('jis-override-start'));
    await scan(rig, 'B9001');
    for (const d of '9999') fireEvent.click(screen.getByTestId(`approval-key-${d}`));
    fireEvent.click(screen.getByTestId('approval-submit'));
    await waitFor(() => expect(screen.getByTestId('approval-wrong').textContent).toContain('Wrong PIN'));
    expect(screen.queryByTestId('approval-reason-customer-approved')).toBeNull();
    expect(await typesOf(rig)).toEqual(['SequenceMismatch']);
  });

  it('a missing sequence number is shown and must be confirmed before building past it', async () => {
    const { rig } = await setup();
    expect(screen.getByTestId('jis-gap-4-4').textContent).toContain('Sequence numbers 4–4 are missing');
    for (const n of [1, 2, 3] as const) await scan(rig, PART[n]);
    expect(currentSeq()).toBe('5');
    await scan(rig, PART[5]);
    expect(screen.getByTestId('jis-verdict').getAttribute('data-code')).toBe('sequence-gap');
    expect(currentSeq()).toBe('5');
    fireEvent.click(screen.getByTestId('jis-gap-ack'));
    await waitFor(() => expect(screen.queryByTestId('jis-gap-ack')).toBeNull());
    await scan(rig, PART[5]);
    expect(currentSeq()).toBe('6');
  });

  it('a full rack closes, its label prints through printer:print with a preview, and the final check passes', async () => {
    const { rig } = await setup();
    await scan(rig, PART[1]);
    await scan(rig, PART[2]);
    await waitFor(() => expect(screen.getByTestId('jis-print').getAttribute('data-status')).toBe('done'));
    const calls = rig.bridge.callsTo('printer:print') as { jobId: string; model: { elements: { value?: string }[] } }[];
    expect(calls).toHaveLength(1);
    expect(calls[0]?.jobId).toBe(`${SEQ_ID}-R1-label`);
    expect(calls[0]?.model.elements.some((e) => e.value === `${SEQ_ID}-R1`)).toBe(true);
    expect(screen.getByTestId('jis-label-preview').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByTestId(`jis-rack-${SEQ_ID}-R1`).getAttribute('data-status')).toBe('closed');
    expect(screen.getByTestId(`jis-slot-${SEQ_ID}-R1-2`).textContent).toContain(' 2');
    expect(screen.getByTestId(`jis-slot-${SEQ_ID}-R1-2`).querySelector('svg[data-icon="ok"]')).toBeTruthy();
    expect(await typesOf(rig)).toEqual([
      'SequencePartVerified', 'RackOpened', 'RackSlotFilled',
      'SequencePartVerified', 'RackSlotFilled', 'RackClosed', 'RackOpened',
      'LabelPrinted',
    ]);
    await scan(rig, `${SEQ_ID}-R1`);
    expect(screen.getByTestId(`jis-rack-${SEQ_ID}-R1-check`).textContent).toContain('checked – goods-out');
    expect((await typesOf(rig)).at(-1)).toBe('RackChecked');
    expect(currentSeq()).toBe('3'); // the rack label was not taken for a part
  });

  it('a held print is shown and can be sent again', async () => {
    const { rig } = await setup();
    rig.bridge.handle('printer:print', (req) => ({
      ok: true,
      value: { jobId: req.jobId, outcome: 'held', reason: { code: 'printer-paper-out', message: 'out of labels' }, status: { state: 'error' } },
    }));
    await scan(rig, PART[1]);
    await scan(rig, PART[2]);
    await waitFor(() => expect(screen.getByTestId('jis-print').getAttribute('data-status')).toBe('held'));
    expect(screen.getByTestId('jis-print').textContent).toContain('out of labels');
    expect(await typesOf(rig)).not.toContain('LabelPrinted');
    rig.bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
    fireEvent.click(screen.getByTestId('jis-print-retry'));
    await waitFor(() => expect(screen.getByTestId('jis-print').getAttribute('data-status')).toBe('done'));
    expect(await typesOf(rig)).toContain('LabelPrinted');
  });

  it('warns when the cached call-off is older than the configured age', async () => {
    const { rig } = await setup();
    // The rig's clock stands at 06:00; the last sync at 05:59 is fresh.
    expect(screen.queryByTestId('jis-stale')).toBeNull();
    await act(async () => rig.store.setState({ sync: { ...rig.store.getState().sync, lastSuccessAt: '2025-03-01T05:00:00.000Z' } }));
    expect(screen.getByTestId('jis-stale').textContent).toContain('60 min old (limit 30 min)');
    await act(async () => rig.store.getState().setJisMaxCallOffAge(2 * 3_600_000));
    expect(screen.queryByTestId('jis-stale')).toBeNull();
  });

  it('restores the chain from the journal after a reload', async () => {
    const { rig } = await setup();
    await scan(rig, PART[1]);
    await scan(rig, PART[3]); // wrong at 2: blocks
    const again = await appRig({ terminalId: rig.terminalId });
    trackRig(again);
    again.store.setState({ jisConfig: JIS_CONFIG });
    await again.store.getState().refreshJis();
    await again.store.getState().openJis(SEQ_ID);
    const jis = again.store.getState().jis;
    expect(jis?.mode).toBe('awaiting-ack');
    expect(jis?.positions.find((p) => p.data.sequenceNumber === 1)?.build?.kind).toBe('verified');
    expect(jis?.racks[0]?.filled).toEqual([{ slot: 1, sequenceNumber: 1 }]);
  });

  it('a revision changing an already built position raises a visible alert', async () => {
    const { rig } = await setup();
    await scan(rig, PART[1]);
    await act(async () => {
      await rig.cache.applyPull({ changes: [jisChange(20, 2, { 1: { customerPartNumber: 'PC300' }, 6: { status: 'cancelled' } })], rev: 20, hasMore: false });
      await rig.store.getState().refreshMaster();
    });
    const alert = await screen.findByTestId('jis-alerts');
    expect(alert.textContent).toContain('Position 1: PA100 / SW, now PC300 / SW');
    expect(screen.getByTestId('jis-verdict').getAttribute('data-code')).toBe('revision-built-changed');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('revision 2');
    expect(screen.queryByTestId('jis-pos-6')).toBeNull(); // cancelled: no longer next
    const applied = (await journalEvents(rig)).find((e) => e.type === 'SequenceRevisionApplied');
    expect(applied?.payload).toMatchObject({ fromRevision: 1, toRevision: 2, builtChanged: [1], cancelled: [6] });
    fireEvent.click(screen.getByTestId('jis-alerts-dismiss'));
    expect(screen.queryByTestId('jis-alerts')).toBeNull();
  });

  it('speaks German', async () => {
    await setup({ language: 'de' });
    expect(screen.getByText(/Jetzt verbauen/)).toBeTruthy();
    expect(screen.getByTestId('jis-gap-4-4').textContent).toContain('Sequenznummern 4–4 fehlen');
  });
});

describe('JIS when the host cannot take the journal copy', () => {
  it('refuses the verification in the operator language and advances nothing', async () => {
    const { rig } = await setup({ language: 'de' });
    rig.journal.setCopy(hostJournalCopy(rig.bridge));
    rig.bridge.handle('journal:append', () => ({ ok: false, error: { code: 'internal', message: 'disk I/O error' } }));
    await scan(rig, PART[1]);
    const verdict = screen.getByTestId('jis-verdict');
    expect(verdict.getAttribute('data-tone')).toBe('nok');
    expect(verdict.getAttribute('data-code')).toBe('journal-copy-failed');
    expect(verdict.textContent).toContain('Nicht gebucht');
    expect(verdict.textContent).not.toMatch(/disk I\/O|second journal copy|Not saved/);
    expect(currentSeq()).toBe('1');
    expect(await typesOf(rig)).toEqual([]);
  });
});
