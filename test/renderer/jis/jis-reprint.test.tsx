import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { verifyScan } from '../../../shared/jis';
import { rackLabelJobId, reprintRackLabel } from '../../../renderer/state/jis-reprint';
import { createPrintQueue } from '../../../renderer/state/print-queue';
import { Journal } from '../../../renderer/storage/journal';
import { callOff, Station } from '../../shared/jis/harness';
import type { AppRig } from '../support/app-rig';
import { FakeBridge } from '../support/fake-bridge';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { journalEvents, PART, SEQ_ID, typesOf } from './jis-fixtures';
import { closeJisScreens, jisScan, openJisScreen } from './jis-screen-rig';

/** Reprinting a JIS rack label: a reason, a NEW print job naming the first one, LabelReprinted booked once printed. */

const RACK = `${SEQ_ID}-R1`;

type PrintRequest = { jobId: string; reprintOf?: string; reprintReason?: string };

async function setup(outcome: 'done' | 'failed' = 'done') {
  const { rig } = await openJisScreen({ printOutcome: outcome });
  for (const n of [1, 2] as const) await jisScan(rig, PART[n]);
  await waitFor(() => expect(screen.getByTestId('jis-print').getAttribute('data-status')).toBe(outcome));
  rig.bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
  return rig;
}

afterEach(closeJisScreens);

async function reprint(rig: AppRig, open: string, reason: string) {
  fireEvent.click(screen.getByTestId(open));
  expect(screen.getByRole('dialog').textContent).toContain(`Reprint the label of rack ${RACK}`);
  fireEvent.click(screen.getByTestId(`jis-reprint-reason-${reason}`));
  await waitFor(() => expect(rig.store.getState().jisBusy).toBe(false));
  await waitFor(() => expect(screen.getByTestId('jis-print').getAttribute('data-status')).toBe('done'));
}

describe('JIS rack label reprint', () => {
  it('asks for a reason, prints a new job each time (reprintOf the first) and records LabelReprinted', async () => {
    const rig = await setup();
    await reprint(rig, `jis-rack-${RACK}-reprint`, 'label-damaged');
    await reprint(rig, `jis-rack-${RACK}-reprint`, 'label-lost');
    expect(screen.getByTestId('jis-print').textContent).toContain('printed again (new print job)');

    const calls = rig.bridge.callsTo('printer:print') as PrintRequest[];
    expect(calls.map((c) => c.jobId)[0]).toBe(`${RACK}-label`);
    expect(new Set(calls.map((c) => c.jobId)).size).toBe(3); // three jobs, three ids
    expect(calls.slice(1).map((c) => [c.reprintOf, c.reprintReason])).toEqual([
      [`${RACK}-label`, 'label-damaged'],
      [`${RACK}-label`, 'label-lost'],
    ]);
    const reprinted = (await journalEvents(rig)).filter((e) => e.type === 'LabelReprinted');
    expect(reprinted.map((e) => e.payload)).toEqual([
      { jobId: calls[1]!.jobId, templateId: 'jis-rack', reason: 'label-damaged', containerId: RACK },
      { jobId: calls[2]!.jobId, templateId: 'jis-rack', reason: 'label-lost', containerId: RACK },
    ]);
    expect(reprinted.every((e) => e.operatorId === 'op-anna')).toBe(true);
  });

  it('cancelling the reason prints and records nothing', async () => {
    const rig = await setup();
    fireEvent.click(screen.getByTestId(`jis-rack-${RACK}-reprint`));
    fireEvent.click(screen.getByTestId('jis-reprint-cancel'));
    expect(screen.queryByTestId('jis-reprint')).toBeNull();
    expect(rig.bridge.callsTo('printer:print')).toHaveLength(1);
    expect(await typesOf(rig)).not.toContain('LabelReprinted');
  });

  it('a failed label (it may have printed) goes again only as a reprint with a reason, under a new job id', async () => {
    const rig = await setup('failed');
    expect(await typesOf(rig)).not.toContain('LabelPrinted');
    await reprint(rig, 'jis-print-retry', 'print-unreadable');
    const calls = rig.bridge.callsTo('printer:print') as PrintRequest[];
    expect(calls).toHaveLength(2);
    expect(calls[1]?.jobId).not.toBe(calls[0]?.jobId);
    expect(calls[1]).toMatchObject({ reprintOf: `${RACK}-label`, reprintReason: 'print-unreadable' });
    expect((await journalEvents(rig)).find((e) => e.type === 'LabelReprinted')?.payload).toMatchObject({ jobId: calls[1]?.jobId, reason: 'print-unreadable', containerId: RACK });
  });
});

describe('a held reprint', () => {
  it('goes again as the same job (no second new job), and LabelReprinted is booked once', async () => {
    const rig = await setup();
    rig.bridge.handle('printer:print', (req) => ({
      ok: true,
      value: { jobId: req.jobId, outcome: 'held', reason: { code: 'printer-paper-out', message: 'out of labels' }, status: { state: 'error' } },
    }));
    fireEvent.click(screen.getByTestId(`jis-rack-${RACK}-reprint`));
    fireEvent.click(screen.getByTestId('jis-reprint-reason-label-damaged'));
    await waitFor(() => expect(screen.getByTestId('jis-print').getAttribute('data-status')).toBe('held'));
    expect(await typesOf(rig)).not.toContain('LabelReprinted');
    rig.bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
    fireEvent.click(screen.getByTestId('jis-print-retry'));
    await waitFor(() => expect(screen.getByTestId('jis-print').getAttribute('data-status')).toBe('done'));
    const calls = rig.bridge.callsTo('printer:print') as PrintRequest[];
    expect(calls.map((c) => c.jobId)).toEqual([`${RACK}-label`, calls[1]!.jobId, calls[1]!.jobId]);
    expect(calls[1]?.jobId).not.toBe(`${RACK}-label`);
    await waitFor(async () => expect((await journalEvents(rig)).filter((e) => e.type === 'LabelReprinted').map((e) => e.payload['jobId'])).toEqual([calls[1]!.jobId]));
  });
});

describe('reprintRackLabel without the original job stored', () => {
  it('builds the label from the state and prints it as a new reprint job naming the first label job', async () => {
    const bridge = new FakeBridge().handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
    const clock = fixedClock();
    const journal = await Journal.open(uniqueTerminalId());
    onTestFinished(() => journal.close());
    const printQueue = createPrintQueue({ store: journal.printJobStore(), bridge, clock });
    const station = new Station(callOff([1, 2]), { rackSlots: 2 });
    for (const n of [1, 2]) station.run(verifyScan(station.state, { partNumber: `P-${n % 3}`, variant: `V${n % 2}` }, 0));
    const rackId = station.state.racks[0]!.rackId;
    expect(station.state.racks[0]?.status).toBe('closed');

    const outcome = await reprintRackLabel({ printQueue }, station.state, rackId, 'label-lost', 'op-anna');
    expect(outcome.status).toBe('done');
    expect(outcome.jobId).not.toBe(rackLabelJobId(rackId));
    expect(bridge.callsTo('printer:print')).toMatchObject([{ jobId: outcome.jobId, reprintOf: rackLabelJobId(rackId), reprintReason: 'label-lost' }]);
    // Booked with the job's `done`, in one journal transaction.
    const booked = outcome.booked?.ok ? (outcome.booked.value.events) : [];
    expect(booked.map(({ type, operatorId, payload }) => ({ type, operatorId, payload }))).toEqual([{ type: 'LabelReprinted', operatorId: 'op-anna', payload: { jobId: outcome.jobId, templateId: 'jis-rack', reason: 'label-lost', containerId: rackId } }]);
    expect((await printQueue.jobs.get(outcome.jobId!))?.reprintOf).toBe(rackLabelJobId(rackId));
  });
});
