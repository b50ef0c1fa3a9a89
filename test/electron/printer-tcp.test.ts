import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrinterDriver } from '../../electron/host/printer-driver';
import { createPrinterService } from '../../electron/host/printer-service';
import { createTcpLink } from '../../electron/host/printer-tcp';
import { compileZpl, type LabelModel, type PrinterStatus } from '../../shared/labels';
import { startPrinterSimulator, type PrinterSimulator } from '../../scripts/printer-simulator';
import { scanImage } from '../shared/labels/readback';

const model: LabelModel = {
  widthDots: 400,
  heightDots: 200,
  dpi: 203,
  elements: [{ type: 'text', x: 10, y: 10, height: 30, value: 'Halter ^XZ' }, { type: 'code128', x: 30, y: 60, height: 60, moduleWidth: 2, value: 'P4711' }],
};

let dir: string;
let sim: PrinterSimulator;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'takt-printer-'));
  sim = await startPrinterSimulator({ port: 0, dir, png: false });
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const driver = (port = sim.port, statusTimeoutMs = 1000) => createPrinterDriver({ link: createTcpLink({ host: '127.0.0.1', port }), statusTimeoutMs, pollMs: 20 });

describe('TCP printer (port 9100) against the simulator', () => {
  it('reads ~HS and prints a label exactly once', async () => {
    const d = driver();
    expect(await d.status()).toMatchObject({ paperOut: false, headOpen: false });
    const zpl = compileZpl(model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    await d.print(zpl.value);
    await sim.idle();
    expect(sim.labels).toHaveLength(1);
    expect(await readFile(sim.labels[0]!.zplPath, 'utf8')).toBe(zpl.value.trimEnd());
  });

  it('out of paper: the job is held (nothing sent), the operator is told; paper back: printed once', async () => {
    const events: PrinterStatus[] = [];
    const service = createPrinterService({ driver: driver() });
    service.onStatus((s) => events.push(s));
    sim.setCondition('paper-out');
    const held = await service.print({ jobId: 'J1', model, copies: 1 });
    expect(held).toMatchObject({ outcome: 'held', reason: { code: 'printer-paper-out' }, status: { state: 'error', code: 'printer-paper-out' } });
    expect(events.at(-1)).toMatchObject({ state: 'error', code: 'printer-paper-out' });
    await sim.idle();
    expect(sim.labels).toHaveLength(0);

    sim.setCondition('ok');
    expect(await service.print({ jobId: 'J1', model, copies: 1 })).toMatchObject({ outcome: 'done', status: { state: 'ready' } });
    await sim.idle();
    expect(sim.labels).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ state: 'ready' });
    // The same job id is never printed twice; only a reprint (new id, reason) is.
    await expect(service.print({ jobId: 'J1', model, copies: 1 })).rejects.toMatchObject({ code: 'print-duplicate' });
    expect(await service.print({ jobId: 'J2', model, copies: 1, reprintOf: 'J1', reprintReason: 'label torn' })).toMatchObject({ outcome: 'done' });
    await sim.idle();
    expect(sim.labels).toHaveLength(2);
  });

  it.each([
    ['head-open', 'printer-head-open'],
    ['ribbon-out', 'printer-ribbon-out'],
    ['pause', 'printer-paused'],
  ] as const)('%s → %s, nothing sent', async (condition, code) => {
    sim.setCondition(condition);
    await expect(driver().print('^XA^XZ')).rejects.toMatchObject({ code, sent: false });
    expect(sim.labels).toHaveLength(0);
  });

  it('no printer listening → printer-offline; no ~HS answer → printer-timeout', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const freePort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await expect(driver(freePort).print('^XA^XZ')).rejects.toMatchObject({ code: 'printer-offline', sent: false });
    sim.setSilent(true);
    await expect(driver(sim.port, 200).status()).rejects.toMatchObject({ code: 'printer-timeout' });
  });

  it('unplugged mid-job (after the label was sent) → failed with the reason; only a reprint may follow', async () => {
    const service = createPrinterService({ driver: driver(sim.port, 300) });
    sim.unplugAfterNextLabel();
    expect(await service.print({ jobId: 'J9', model, copies: 1 })).toMatchObject({ outcome: 'failed', reason: { code: 'printer-offline' }, status: { state: 'offline' } });
    await expect(service.print({ jobId: 'J9', model, copies: 1 })).rejects.toMatchObject({ code: 'print-duplicate' });
    await expect(service.print({ jobId: 'J10', model, copies: 1, reprintOf: 'J9', reprintReason: ' ' })).rejects.toMatchObject({ code: 'print-reprint-reason-missing' });
    expect(await service.print({ jobId: 'J10', model, copies: 1, reprintOf: 'J9', reprintReason: 'printer was unplugged' })).toMatchObject({ outcome: 'done' });
    await sim.idle();
    expect(sim.labels).toHaveLength(2);
  });

  it('control command on the connection switches the simulator', async () => {
    const link = createTcpLink({ host: '127.0.0.1', port: sim.port });
    await link.open();
    await link.write('!sim head-open\n');
    await link.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.condition()).toBe('head-open');
  });

  it('stores every label as .zpl and as a .png that scans back', async () => {
    const withPng = await startPrinterSimulator({ port: 0, dir: join(dir, 'png') });
    try {
      const zpl = compileZpl(model);
      if (!zpl.ok) throw new Error(zpl.error.message);
      await driver(withPng.port).print(zpl.value);
      await withPng.idle();
      expect(await scanImage(new Uint8Array(await readFile(withPng.labels[0]!.pngPath!)))).toEqual([']C0P4711']);
    } finally {
      await withPng.close();
    }
  });
});
