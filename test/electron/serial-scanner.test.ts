import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawScan, ScannerStatus } from '../../shared/bridge';
import type { Framing } from '../../electron/host/config';
import { createSerialScanner, type Scanner } from '../../electron/host/serial-scanner';
import { startPtyPair, type PtyPair } from './socat-pty';

/** Real serial I/O through socat pty pairs: what a USB-serial scanner looks like to the host. */

const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('serial scanner over a pty pair', () => {
  let dir: string;
  let pty: PtyPair | undefined;
  let scanner: Scanner | undefined;
  let scans: RawScan[];
  let statuses: ScannerStatus[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-serial-'));
    pty = await startPtyPair(dir);
    scans = [];
    statuses = [];
  });

  afterEach(async () => {
    await scanner?.stop();
    scanner = undefined;
    await pty?.stop();
    pty = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function open(framing: Framing): Promise<void> {
    scanner = createSerialScanner({ path: pty!.scannerPath, baudRate: 9600, framing });
    scanner.onScan((scan) => scans.push(scan));
    scanner.onStatus((status) => statuses.push(status));
    scanner.start();
    await waitFor('connected', () => (scanner!.status().state === 'connected' ? true : undefined));
  }

  const device = (text: string) => writeFile(pty!.devicePath, Buffer.from(text, 'latin1'));
  const rawScans = () => scans.map((s) => s.raw);

  it.each<[Framing, string]>([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['auto', '\r\n'],
  ])('frames %s-terminated scans and keeps GS/RS/EOT intact', async (framing, suffix) => {
    await open(framing);
    const gs1 = `]C10104012345678901${GS}10LOT42`;
    const iso = `[)>${RS}06${GS}P4711${GS}Q12${RS}${EOT}`;
    await device(`${gs1}${suffix}`);
    await device(`${iso}${suffix}`);
    await waitFor('two scans', () => (scans.length >= 2 ? true : undefined));
    expect(rawScans()).toEqual([gs1, iso]);
    expect(scans[0]).toMatchObject({ source: 'serial', port: pty!.scannerPath });
    expect(new Date(scans[0]!.receivedAt).toISOString()).toBe(scans[0]!.receivedAt);
  });

  it('reports disconnected when the device goes away and reconnects within 2 s when it is back', async () => {
    await open('auto');
    await pty!.stop();
    await waitFor('disconnected', () => (scanner!.status().state === 'disconnected' ? true : undefined));
    expect(statuses.at(-1)).toMatchObject({ state: 'disconnected', port: pty!.scannerPath });

    // Stay unplugged long enough for the retry delay to reach its cap.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    pty = await startPtyPair(dir);
    const replugged = Date.now();
    await waitFor('connected again', () => (scanner!.status().state === 'connected' ? true : undefined), 2000);
    expect(Date.now() - replugged).toBeLessThan(2000);

    await device('AFTER-REPLUG\r');
    await waitFor('scan after replug', () => (scans.length > 0 ? true : undefined));
    expect(rawScans()).toEqual(['AFTER-REPLUG']);
  });

  it('keeps retrying a port that does not exist yet, without throwing', async () => {
    await pty!.stop();
    pty = undefined;
    scanner = createSerialScanner({ path: join(dir, 'scanner'), baudRate: 9600, framing: 'CR' });
    scanner.onStatus((status) => statuses.push(status));
    scanner.start();
    await waitFor('open failure reported', () => statuses.find((s) => s.message?.startsWith('cannot open')));
    expect(scanner.status().state).toBe('disconnected');
    pty = await startPtyPair(dir);
    await waitFor('connected', () => (scanner!.status().state === 'connected' ? true : undefined), 2000);
  });

  it('stop() closes the port and ends the retries', async () => {
    await open('CR');
    await scanner!.stop();
    expect(scanner!.status()).toMatchObject({ state: 'disconnected', message: 'stopped' });
    const count = statuses.length;
    await device('IGNORED\r');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(scans).toEqual([]);
    expect(statuses.length).toBe(count);
  });
});
