import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerminalConfig } from '../../electron/host/config';
import { createScanFramer } from '../../electron/host/scanner-framing';
import { createSerialScanner, type PortLike, type Timers } from '../../electron/host/serial-scanner';
import type { RawScan } from '../../shared/bridge';
import { startPtyPair } from './socat-pty';

/** Framing by an inter-byte timeout: scanners set up without a suffix. */

const GS = '\x1d';

describe('timeout framing: the framer', () => {
  it('collects until flush(), keeps the AIM prefix and GS, drops a trailing CR/LF only', () => {
    const framer = createScanFramer({ framing: 'timeout' });
    expect(framer.push(`]C10109501101530003${GS}`)).toEqual([]);
    expect(framer.push('10ABC')).toEqual([]);
    expect(framer.pending()).toBe(true);
    expect(framer.flush()).toEqual([`]C10109501101530003${GS}10ABC`]);
    expect(framer.pending()).toBe(false);
    expect(framer.flush()).toEqual([]);
    framer.push('A\rB\r\n');
    expect(framer.flush()).toEqual(['A\rB']);
    framer.push('\r\n');
    expect(framer.flush()).toEqual([]);
  });

  it('drops an over-long burst as a whole and recovers at the next gap', () => {
    const overflows: number[] = [];
    const framer = createScanFramer({ framing: 'timeout', maxLength: 4, onOverflow: (n) => overflows.push(n) });
    framer.push('ABCDEFGH');
    expect(framer.flush()).toEqual([]);
    framer.push('XY');
    expect(framer.flush()).toEqual(['XY']);
    expect(overflows).toEqual([5]);
  });

  it('suffix framings ignore flush()', () => {
    const framer = createScanFramer({ framing: 'CR' });
    framer.push('ABC');
    expect(framer.flush()).toEqual([]);
    expect(framer.push('\r')).toEqual(['ABC']);
  });
});

class FakePort extends EventEmitter {
  isOpen = false;
  open(callback: (err: Error | null) => void): void {
    this.isOpen = true;
    callback(null);
  }
  close(callback?: (err: Error | null) => void): void {
    this.isOpen = false;
    callback?.(null);
  }
}

function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const entry = { fn, ms };
      pending.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      const i = pending.indexOf(handle as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return { timers, pending };
}

describe('timeout framing: the serial scanner', () => {
  it('re-arms the gap timer on every chunk and emits when it fires', () => {
    const { timers, pending } = manualTimers();
    const port = new FakePort();
    const scanner = createSerialScanner({ path: '/dev/fake', baudRate: 9600, framing: 'timeout', gapMs: 30, timers, openPort: () => port as unknown as PortLike });
    const scans: RawScan[] = [];
    scanner.onScan((s) => scans.push(s));
    scanner.start();
    port.emit('data', Buffer.from(']d201095', 'latin1'));
    expect(pending.map((p) => p.ms)).toEqual([30]);
    port.emit('data', Buffer.from('06000134352', 'latin1'));
    expect(pending).toHaveLength(1); // re-armed, not stacked
    expect(scans).toEqual([]);
    pending.shift()!.fn();
    expect(scans.map((s) => [s.raw, s.source])).toEqual([[']d20109506000134352', 'serial']]);
    expect(pending).toEqual([]);
  });

  it('stamps a scan with the arrival of its last chunk, not with the gap timer that ended it', () => {
    const { timers, pending } = manualTimers();
    const port = new FakePort();
    let clock = 1000.5;
    const scanner = createSerialScanner({ path: '/dev/fake', baudRate: 9600, framing: 'timeout', timers, preciseNow: () => clock, openPort: () => port as unknown as PortLike });
    const scans: RawScan[] = [];
    scanner.onScan((s) => scans.push(s));
    scanner.start();
    port.emit('data', Buffer.from('PART', 'latin1'));
    clock = 1004.25;
    port.emit('data', Buffer.from('-42', 'latin1'));
    clock = 1054.25; // the gap has passed
    pending.shift()!.fn();
    expect(scans.map((s) => [s.raw, s.lastByteAt])).toEqual([['PART-42', 1004.25]]);
  });

  it('an unplug mid-scan drops the partial scan and its timer', async () => {
    const { timers, pending } = manualTimers();
    const port = new FakePort();
    const scanner = createSerialScanner({ path: '/dev/fake', baudRate: 9600, framing: 'timeout', timers, openPort: () => port as unknown as PortLike });
    const scans: RawScan[] = [];
    scanner.onScan((s) => scans.push(s));
    scanner.start();
    port.emit('data', Buffer.from('PART', 'latin1'));
    expect(pending.map((p) => p.ms)).toEqual([50]); // the default gap
    port.emit('close');
    expect(pending.map((p) => p.ms)).toEqual([500]); // only the reconnect retry is left
    await scanner.stop();
    expect(scans).toEqual([]);
  });

  it('TAKT_SCANNER_FRAMING=timeout and TAKT_SCANNER_GAP_MS configure it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'takt-cfg-'));
    try {
      const config = await loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T', TAKT_SCANNER_FRAMING: 'timeout', TAKT_SCANNER_GAP_MS: '80' } });
      expect(config).toMatchObject({ scannerFraming: 'timeout', scannerGapMs: 80 });
      expect((await loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T' } })).scannerGapMs).toBeUndefined();
      await expect(loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T', TAKT_SCANNER_GAP_MS: '1' } })).rejects.toMatchObject({ code: 'config-invalid' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('over a real pty: scans without a suffix, separated by pauses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'takt-serial-gap-'));
    const pty = await startPtyPair(dir);
    const scanner = createSerialScanner({ path: pty.scannerPath, baudRate: 9600, framing: 'timeout', gapMs: 40 });
    const scans: string[] = [];
    scanner.onScan((s) => scans.push(s.raw));
    try {
      scanner.start();
      const deadline = Date.now() + 3000;
      while (scanner.status().state !== 'connected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await writeFile(pty.devicePath, Buffer.from(`]C10109501101530003${GS}10LOT1`, 'latin1'));
      await new Promise((r) => setTimeout(r, 200));
      await writeFile(pty.devicePath, Buffer.from('B1001', 'latin1'));
      while (scans.length < 2 && Date.now() < deadline + 2000) await new Promise((r) => setTimeout(r, 10));
      expect(scans).toEqual([`]C10109501101530003${GS}10LOT1`, 'B1001']);
    } finally {
      await scanner.stop();
      await pty.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
