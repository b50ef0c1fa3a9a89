import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrinterDriver } from '../../electron/host/printer-driver';
import { createPrinterService } from '../../electron/host/printer-service';
import { createSerialLink } from '../../electron/host/printer-serial';
import type { LabelModel } from '../../shared/labels';
import { startPrinterSimulator, type PrinterSimulator } from '../../scripts/printer-simulator';
import { startPtyPair, type PtyPair } from './socat-pty';

/** The host opens `<dir>/scanner` (here: the printer port); the simulator sits on `<dir>/device`. */
let dir: string;
let pty: PtyPair;
let sim: PrinterSimulator;
let device: SerialPort;

const model: LabelModel = { widthDots: 400, heightDots: 200, dpi: 203, elements: [{ type: 'qr', x: 20, y: 20, magnification: 4, errorCorrection: 'M', value: 'R-0815' }] };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'takt-printer-pty-'));
  pty = await startPtyPair(dir);
  sim = await startPrinterSimulator({ port: 0, dir: join(dir, 'labels'), png: false });
  device = new SerialPort({ path: pty.devicePath, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => device.open((err) => (err ? reject(err) : resolve())));
  sim.attach(device);
});
afterEach(async () => {
  if (device.isOpen) await new Promise<void>((r) => device.close(() => r()));
  await sim.close();
  await pty.stop();
  await rm(dir, { recursive: true, force: true });
});

const service = () =>
  createPrinterService({ driver: createPrinterDriver({ link: createSerialLink({ path: pty.scannerPath, baudRate: 9600 }), statusTimeoutMs: 1500, pollMs: 20 }) });

describe('serial printer over a socat pty', () => {
  it('answers ~HS and prints once', async () => {
    const s = service();
    expect(await s.status()).toMatchObject({ state: 'ready', printer: pty.scannerPath });
    expect(await s.print({ jobId: 'S1', model, copies: 2 })).toMatchObject({ outcome: 'done' });
    await sim.idle();
    expect(sim.labels).toHaveLength(1);
    expect(sim.labels[0]!.zpl).toContain('^PQ2,0,1,N');
  });

  it('head open → held with printer-head-open; closed again → printed', async () => {
    const s = service();
    sim.setCondition('head-open');
    expect(await s.print({ jobId: 'S2', model, copies: 1 })).toMatchObject({ outcome: 'held', reason: { code: 'printer-head-open' } });
    sim.setCondition('ok');
    expect(await s.print({ jobId: 'S2', model, copies: 1 })).toMatchObject({ outcome: 'done' });
    await sim.idle();
    expect(sim.labels).toHaveLength(1);
  });

  it('out of paper: the job is held (nothing sent) and reported; paper back: printed once', async () => {
    const s = service();
    const events: { state: string; code?: string | undefined }[] = [];
    s.onStatus((st) => events.push(st));
    sim.setCondition('paper-out');
    expect(await s.print({ jobId: 'S3', model, copies: 1 })).toMatchObject({ outcome: 'held', reason: { code: 'printer-paper-out' }, status: { state: 'error', code: 'printer-paper-out' } });
    expect(events.at(-1)).toMatchObject({ state: 'error', code: 'printer-paper-out' });
    await sim.idle();
    expect(sim.labels).toHaveLength(0);

    sim.setCondition('ok');
    expect(await s.print({ jobId: 'S3', model, copies: 1 })).toMatchObject({ outcome: 'done', status: { state: 'ready' } });
    expect(events.at(-1)).toMatchObject({ state: 'ready' });
    await expect(s.print({ jobId: 'S3', model, copies: 1 })).rejects.toMatchObject({ code: 'print-duplicate' });
    await sim.idle();
    expect(sim.labels).toHaveLength(1);
    expect(sim.labels[0]!.zpl).toContain('R-0815');
  });

  it('a port that is not there → printer-offline', async () => {
    const s = createPrinterService({ driver: createPrinterDriver({ link: createSerialLink({ path: join(dir, 'nothing'), baudRate: 9600 }) }) });
    expect(await s.status()).toMatchObject({ state: 'offline', code: 'printer-offline' });
  });
});
