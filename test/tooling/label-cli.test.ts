import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePrinterTarget } from '../../electron/host/printer-link';
import { runLabel } from '../../scripts/label-cli';
import { startPrinterSimulator, type PrinterSimulator } from '../../scripts/printer-simulator';
import { startPtyPair, type PtyPair } from '../electron/socat-pty';

/** `takt label render --dpi` and `takt label print --printer <serial path | host:port>` against the printer simulator. */
const BIN = new URL('../../bin/takt.mjs', import.meta.url).pathname;
const EXAMPLE = (id: string) => new URL(`../../assets/labels/examples/${id}.json`, import.meta.url).pathname;

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
}

function takt(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'label', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

let dir: string;
let sim: PrinterSimulator;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'takt-label-cli-'));
  sim = await startPrinterSimulator({ port: 0, dir: join(dir, 'labels'), png: false });
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('printer targets', () => {
  it.each([
    ['127.0.0.1:9100', { kind: 'tcp', host: '127.0.0.1', port: 9100 }],
    ['printer-3.local:6101', { kind: 'tcp', host: 'printer-3.local', port: 6101 }],
    ['[::1]:9100', { kind: 'tcp', host: '::1', port: 9100 }],
    ['tcp://10.0.0.7', { kind: 'tcp', host: '10.0.0.7', port: 9100 }],
    ['/dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0' }],
    ['COM3', { kind: 'serial', path: 'COM3' }],
    ['', null],
  ])('%s', (text, target) => {
    expect(parsePrinterTarget(text)).toEqual(target);
  });
});

describe('takt label render --dpi', () => {
  it('renders at 203 and 300 dpi; anything else is refused', async () => {
    const zpl = async (dpi: string) => {
      const r = io();
      expect(await runLabel(['render', 'gs1-logistic', '--data', EXAMPLE('gs1-logistic'), '--dpi', dpi, '--zpl', join(dir, `${dpi}.zpl`)], r.io)).toBe(0);
      return readFile(join(dir, `${dpi}.zpl`), 'utf8');
    };
    const [z203, z300] = [await zpl('203'), await zpl('300')];
    const width = (z: string) => Number(/\^PW(\d+)/.exec(z)?.[1]);
    expect(width(z300) / width(z203)).toBeCloseTo(300 / 203, 1);
    const bad = io();
    expect(await runLabel(['render', 'gs1-logistic', '--data', EXAMPLE('gs1-logistic'), '--dpi', '600'], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('--dpi must be 203 or 300');
  });
});

describe('takt label print', () => {
  it('prints to the simulator over TCP given as host:port (the command as a user runs it)', async () => {
    const r = await takt(['print', 'vda-4902', '--data', EXAMPLE('vda-4902'), '--printer', `127.0.0.1:${sim.port}`, '--copies', '2']);
    expect(r, r.err).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(`printed vda-4902 on tcp://127.0.0.1:${sim.port}`);
    await sim.idle();
    expect(sim.labels).toHaveLength(1);
    expect(sim.labels[0]!.zpl).toContain('^PQ2,0,1,N');
  });

  it('out of paper: refused with printer-paper-out, nothing printed', async () => {
    sim.setCondition('paper-out');
    const r = io();
    expect(await runLabel(['print', 'jis-rack', '--data', EXAMPLE('jis-rack'), '--printer', `127.0.0.1:${sim.port}`], r.io)).toBe(1);
    expect(r.out.stderr).toContain('printer-paper-out');
    await sim.idle();
    expect(sim.labels).toHaveLength(0);
  });

  it('prints to the simulator on a socat pty given as a serial path', async () => {
    const pty: PtyPair = await startPtyPair(dir);
    const device = new SerialPort({ path: pty.devicePath, baudRate: 9600, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => device.open((err) => (err ? reject(err) : resolve())));
      sim.attach(device);
      const r = io();
      expect(await runLabel(['print', 'gs1-logistic', '--data', EXAMPLE('gs1-logistic'), '--printer', pty.scannerPath, '--dpi', '300'], r.io), r.out.stderr).toBe(0);
      expect(r.out.stdout).toContain(`printed gs1-logistic on ${pty.scannerPath}`);
      await sim.idle();
      expect(sim.labels).toHaveLength(1);
      expect(sim.labels[0]!.zpl).toMatch(/^\^XA/);
    } finally {
      if (device.isOpen) await new Promise<void>((r) => device.close(() => r()));
      await pty.stop();
    }
  });
});
