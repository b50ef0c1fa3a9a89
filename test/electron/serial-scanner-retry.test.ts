import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createSerialScanner, type PortLike, type Timers } from '../../electron/host/serial-scanner';
import { hostLog } from '../../electron/host/log-file';
import type { LogRecord } from '../../shared/log';

/** Retry policy with a fake port and a manual clock: no real serial I/O, no waiting. */

class FakePort extends EventEmitter {
  isOpen = false;
  constructor(private readonly fail: boolean) {
    super();
  }
  open(callback: (err: Error | null) => void): void {
    this.isOpen = !this.fail;
    callback(this.fail ? new Error('ENOENT') : null);
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
  const fire = () => {
    const next = pending.shift();
    next?.fn();
    return next?.ms;
  };
  return { timers, pending, fire };
}

describe('serial scanner retry policy', () => {
  it('retries after 500 ms, backs off to at most 1.5 s, and resets after a successful open', () => {
    const { timers, pending, fire } = manualTimers();
    let failing = true;
    const ports: FakePort[] = [];
    const scanner = createSerialScanner({
      path: '/dev/fake',
      baudRate: 9600,
      framing: 'CR',
      timers,
      openPort: () => {
        const port = new FakePort(failing);
        ports.push(port);
        return port as unknown as PortLike;
      },
    });
    scanner.start();
    expect(scanner.status().state).toBe('disconnected');
    const delays = [fire(), fire(), fire(), fire()];
    expect(delays).toEqual([500, 1000, 1500, 1500]);

    failing = false;
    fire();
    expect(scanner.status().state).toBe('connected');
    expect(pending).toEqual([]);

    // Unplug: the next retry starts from 500 ms again.
    ports.at(-1)!.emit('close', new Error('disconnected'));
    expect(scanner.status().state).toBe('disconnected');
    expect(pending.map((p) => p.ms)).toEqual([500]);
  });

  it('survives a port constructor that throws and a listener that throws', () => {
    const { timers, pending } = manualTimers();
    const scanner = createSerialScanner({
      path: '/dev/fake',
      baudRate: 9600,
      framing: 'CR',
      timers,
      openPort: () => {
        throw new Error('bad options');
      },
    });
    scanner.onStatus(() => {
      throw new Error('listener bug');
    });
    const logged: LogRecord[] = [];
    hostLog.setSink((r) => logged.push(r));
    expect(() => scanner.start()).not.toThrow();
    hostLog.setSink(null);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', logger: 'serial-scanner', message: 'listener failed' }));
    expect(scanner.status()).toMatchObject({ state: 'disconnected', message: 'bad options' });
    expect(pending).toHaveLength(1);
  });

  it('emits scans with an injected clock', () => {
    const port = new FakePort(false);
    const scanner = createSerialScanner({
      path: '/dev/fake',
      baudRate: 9600,
      framing: 'auto',
      now: () => new Date('2025-03-01T07:00:00.000Z'),
      preciseNow: () => 1_740_812_400_000.25,
      openPort: () => port as unknown as PortLike,
    });
    const scans: unknown[] = [];
    scanner.onScan((scan) => scans.push(scan));
    scanner.start();
    port.emit('data', Buffer.from('A1\r\nB2\r'));
    expect(scans).toEqual([
      { raw: 'A1', source: 'serial', receivedAt: '2025-03-01T07:00:00.000Z', port: '/dev/fake', lastByteAt: 1_740_812_400_000.25 },
      { raw: 'B2', source: 'serial', receivedAt: '2025-03-01T07:00:00.000Z', port: '/dev/fake', lastByteAt: 1_740_812_400_000.25 },
    ]);
  });

  it('stop() cancels a pending retry', async () => {
    const { timers, pending } = manualTimers();
    const scanner = createSerialScanner({ path: '/dev/fake', baudRate: 9600, framing: 'CR', timers, openPort: () => new FakePort(true) as unknown as PortLike });
    scanner.start();
    expect(pending).toHaveLength(1);
    await scanner.stop();
    expect(pending).toHaveLength(0);
  });
});
