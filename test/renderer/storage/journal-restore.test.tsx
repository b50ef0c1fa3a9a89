import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import Dexie from 'dexie';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalCopy } from '../../../electron/host/journal-copy';
import type { NewEvent } from '../../../shared/events';
import { advanceSnapshot, emptySnapshot } from '../../../shared/journal-snapshot';
import type { LabelModel } from '../../../shared/labels';
import { boot, type Booted } from '../../../renderer/boot';
import { createI18n } from '../../../renderer/i18n';
import { saveFailedFeedback } from '../../../renderer/storage/storage-refusal';
import { journalDbName } from '../../../renderer/storage/schema';
import { JournalCopyNotice } from '../../../renderer/ui/status-screen/JournalCopyNotice';
import { FakeBridge } from '../support/fake-bridge';
import { serveJournalCopy } from '../support/fake-journal-copy';
import { demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

/**
 * Boot's reconciliation of IndexedDB with the host's journal copy (the real
 * SQLite service): Chromium's database lost → rebuilt from the host; the
 * host's copy lost → filled from IndexedDB; both equal → nothing; the host's
 * copy unreadable → bookings refused, IndexedDB kept.
 */

const model: LabelModel = { widthDots: 400, heightDots: 200, dpi: 203, elements: [{ type: 'qr', x: 20, y: 20, magnification: 4, errorCorrection: 'M', value: 'C-1' }] };
const login: NewEvent = { type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } };
const logout: NewEvent = { type: 'OperatorLoggedOut', payload: { reason: 'manual' } };

const running: Booted[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const b of [...running]) await stop(b);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function hostFor(terminalId: string, bridge = new FakeBridge()): FakeBridge {
  return bridge
    .handle('host:info', () => ({ ok: true, value: { terminalId, serverUrl: 'http://127.0.0.1:7400', version: '0.1.0', transport: 'browser' } }))
    .handle('sync:push', () => ({ ok: false, error: { code: 'server-unreachable', message: 'offline in this test' } }))
    .handle('sync:pull', () => ({ ok: true, value: demoPage(terminalId) }))
    .handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
}

async function start(bridge: FakeBridge): Promise<Booted> {
  const booted = await boot({ bridge, timers: new ManualTimers(), clock: fixedClock(), estimateStorage: async () => null });
  running.push(booted);
  return booted;
}

async function stop(booted: Booted): Promise<void> {
  // The sync loop's first round reads the journal: let it finish before the databases close.
  await expect.poll(() => booted.store.getState().sync.lastAttemptAt).toBeTruthy();
  booted.shutdown();
  running.splice(running.indexOf(booted), 1);
}

/** Three bookings and a printed label, then the app stops. */
async function bookSome(bridge: FakeBridge) {
  const booted = await start(bridge);
  for (const events of [[login], [logout], [login]]) expect((await booted.journal.append(events, { clock: fixedClock() })).ok).toBe(true);
  const printed: NewEvent[] = [{ type: 'LabelPrinted', payload: { jobId: 'J-1', templateId: 'vda-4902', containerId: 'C-1', copies: 1 } }];
  // The label's booking commits with the job's `done` once the printer confirmed it.
  expect(await booted.printQueue.print({ jobId: 'J-1', templateId: 'vda-4902', model, onDone: printed })).toMatchObject({ ok: true, value: { outcome: 'done', booked: { ok: true } } });
  const events = await booted.journal.eventsAfter(0, 100);
  await stop(booted);
  return events;
}

async function notice(booted: Booted) {
  void booted;
  const i18n = await createI18n('en');
  return render(
    <I18nextProvider i18n={i18n}>
      <JournalCopyNotice />
    </I18nextProvider>,
  );
}

describe('journal restore at boot', () => {
  it('IndexedDB deleted: events, seq counter, session, print jobs come back from the host; a JournalRestored event and the notice follow', async () => {
    const terminalId = uniqueTerminalId();
    const bridge = hostFor(terminalId);
    const before = await bookSome(bridge);
    expect(before).toHaveLength(4);
    await Dexie.delete(journalDbName(terminalId));

    const booted = await start(bridge);
    expect(booted.restore).toMatchObject({ outcome: 'restored', indexedDb: 'missing', idbHead: 0, hostHead: 4, restored: 4 });
    const after = await booted.journal.eventsAfter(0, 100);
    expect(after.slice(0, 4)).toEqual(before);
    expect(after[4]).toMatchObject({ seq: 5, type: 'JournalRestored', payload: { restored: 4, fromSeq: 1, toSeq: 4, indexedDb: 'missing' } });
    // The operator is still logged in (the folded state came back), and the printed label is not printed again.
    expect(booted.store.getState().terminal.operator?.id).toBe('op-anna');
    expect(await booted.printQueue.jobs.get('J-1')).toMatchObject({ state: 'done' });
    expect(await booted.printQueue.print({ jobId: 'J-1', templateId: 'vda-4902', model })).toMatchObject({ ok: false, error: { code: 'print-duplicate' } });
    expect(bridge.callsTo('printer:print')).toHaveLength(1);
    // New bookings continue the seqs, in both copies.
    expect((await booted.journal.append([logout], { clock: fixedClock() })).ok).toBe(true);
    expect(bridge.journalCopy.copy().head()).toMatchObject({ head: 6, headId: (await booted.journal.eventsAfter(5, 1))[0]!.id });

    await notice(booted);
    const shown = screen.getByTestId('journal-restored');
    expect(shown.getAttribute('data-count')).toBe('4');
    expect(shown.textContent).toContain('Journal restored: 4 bookings');
  });

  it('host copy deleted: it is filled from IndexedDB, events, cursor and print jobs, and nothing is restored', async () => {
    const terminalId = uniqueTerminalId();
    const before = await bookSome(hostFor(terminalId));
    const fresh = hostFor(terminalId); // a new host: its copy starts missing
    const booted = await start(fresh);
    expect(booted.restore).toMatchObject({ outcome: 'host-filled', hostCreated: true, hostHead: 0, idbHead: 4, filled: 4, restored: 0 });
    expect(fresh.journalCopy.copy().read(0, 100)).toEqual(before);
    expect(fresh.journalCopy.copy().printJobs('', 10)).toMatchObject([{ id: 'J-1', state: 'done' }]);
    expect((await booted.journal.eventsAfter(0, 100)).map((e) => e.type)).not.toContain('JournalRestored');
    expect((await booted.journal.append([logout], { clock: fixedClock() })).ok).toBe(true);
    expect(fresh.journalCopy.copy().head().head).toBe(5);
    await notice(booted);
    expect(screen.getByTestId('journal-copy-filled').getAttribute('data-count')).toBe('4');
  });

  it('host copy missing on a terminal in service: only what the server lacks or no snapshot covers goes over, and a restore from it still folds', async () => {
    const terminalId = uniqueTerminalId();
    const first = hostFor(terminalId);
    const before = await bookSome(first);
    {
      // The server acknowledged all four bookings; a snapshot covers the first three.
      const booted = await start(first);
      const takenAt = fixedClock()().toISOString();
      await booted.journal.saveSnapshot(advanceSnapshot(emptySnapshot(takenAt), before.slice(0, 3), () => undefined, takenAt));
      await booted.journal.advanceCursor(4);
      await stop(booted);
    }
    const fresh = hostFor(terminalId);
    const filled = await start(fresh);
    expect(filled.restore).toMatchObject({ outcome: 'host-filled', hostCreated: true, idbHead: 4, filled: 1 });
    expect(fresh.journalCopy.copy().read(0, 100)).toEqual(before.slice(3));
    expect(fresh.journalCopy.copy().head()).toMatchObject({ head: 4, firstSeq: 4, ackedSeq: 4, snapshotSeq: 3 });
    await stop(filled);

    // Chromium loses the journal: the tail and the snapshot come back, the fold starts from the snapshot.
    await Dexie.delete(journalDbName(terminalId));
    const restored = await start(fresh);
    expect(restored.restore).toMatchObject({ outcome: 'restored', indexedDb: 'missing', restored: 1, hostHead: 4 });
    expect(await restored.journal.snapshotSeq()).toBe(3);
    expect((await restored.journal.eventsAfter(0, 100)).map((e) => e.seq)).toEqual([4, 5]);
    expect(restored.store.getState().terminal.operator?.id).toBe('op-anna');
    expect(await restored.printQueue.jobs.get('J-1')).toMatchObject({ state: 'done' });
  });

  it('both copies equal: nothing is written either way and no notice shows', async () => {
    const terminalId = uniqueTerminalId();
    const bridge = hostFor(terminalId);
    const before = await bookSome(bridge);
    const appendsBefore = bridge.callsTo('journal:append').length;
    const booted = await start(bridge);
    expect(booted.restore).toMatchObject({ outcome: 'equal', idbHead: 4, hostHead: 4, restored: 0, filled: 0 });
    expect(await booted.journal.eventsAfter(0, 100)).toEqual(before);
    expect(bridge.callsTo('journal:append')).toHaveLength(appendsBefore);
    expect(bridge.callsTo('journal:mirror').filter((r) => !('printJobs' in (r as object)))).toHaveLength(0);
    const { container } = await notice(booted);
    expect(container.textContent).toBe('');
  });

  it('host copy corrupt: bookings are refused and say so, IndexedDB keeps every event, the file is left alone', async () => {
    const terminalId = uniqueTerminalId();
    const before = await bookSome(hostFor(terminalId));
    const dir = mkdtempSync(join(tmpdir(), 'takt-corrupt-'));
    dirs.push(dir);
    const file = join(dir, 'copy.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    const bridge = hostFor(terminalId);
    serveJournalCopy(bridge, () => openJournalCopy(file, () => undefined));

    const booted = await start(bridge);
    expect(booted.restore).toMatchObject({ outcome: 'host-corrupt', error: { code: 'journal-copy-corrupt' } });
    const refused = await booted.journal.append([logout], { clock: fixedClock() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'journal-copy-corrupt' } });
    if (!refused.ok) expect(saveFailedFeedback(refused.error, 'feedback.saveFailed').key).toBe('journalCopy.corrupt');
    expect(await booted.journal.eventsAfter(0, 100)).toEqual(before);
    expect(bridge.callsTo('journal:append')).toHaveLength(0);
    await notice(booted);
    const shown = screen.getByTestId('journal-copy-refused');
    expect(shown.getAttribute('data-outcome')).toBe('host-corrupt');
    expect(shown.textContent).toContain('cannot be read');
  });

  it('a host write that fails refuses the booking and takes it back from IndexedDB; the seq is free for the next one', async () => {
    const terminalId = uniqueTerminalId();
    const bridge = hostFor(terminalId);
    const booted = await start(bridge);
    expect((await booted.journal.append([login], { clock: fixedClock() })).ok).toBe(true);
    bridge.handle('journal:append', () => ({ ok: false, error: { code: 'internal', message: 'disk I/O error' } }));
    const refused = await booted.journal.append([logout], { clock: fixedClock() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'journal-copy-failed' } });
    expect(await booted.journal.head()).toBe(1);
    expect((await booted.journal.loadState()).operator?.id).toBe('op-anna');
    serveJournalCopy(bridge, () => bridge.journalCopy.copy());
    const next = await booted.journal.append([logout], { clock: fixedClock() });
    expect(next).toMatchObject({ ok: true, value: { events: [{ seq: 2 }] } });
    expect(bridge.journalCopy.copy().read(0, 10).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('a full host disk refuses the booking as storage-low', async () => {
    const terminalId = uniqueTerminalId();
    const bridge = hostFor(terminalId);
    const booted = await start(bridge);
    bridge.handle('journal:append', () => ({ ok: false, error: { code: 'storage-low', message: "The terminal's disk is full" } }));
    const refused = await booted.journal.append([login], { clock: fixedClock() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage-low' } });
    if (!refused.ok) expect(saveFailedFeedback(refused.error, 'feedback.saveFailed').key).toBe('storageLow.full');
    expect(await booted.journal.head()).toBe(0);
  });
});
