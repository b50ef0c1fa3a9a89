import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachLogSink, logger } from '../../../renderer/lib/log';

type Call = { records: { message: string }[] };

function rig(ok: () => boolean) {
  const timers: (() => void)[] = [];
  const calls: Call[] = [];
  const bridge = {
    call: vi.fn(async (_name: string, req: Call) => {
      calls.push(req);
      return ok() ? { ok: true as const, value: { written: req.records.length } } : { ok: false as const, error: { code: 'host-unreachable', message: 'x' } };
    }),
  };
  const out = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const detach = attachLogSink({ bridge: bridge as never, console: out, maxPending: 3, setTimer: (fn) => timers.push(fn) });
  const tick = async () => {
    for (const fn of timers.splice(0)) fn();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { calls, out, detach, tick };
}

let detach: (() => void) | undefined;
afterEach(() => detach?.());

describe('renderer log sink', () => {
  it('echoes to the console and sends batches to the host', async () => {
    const r = rig(() => true);
    detach = r.detach;
    logger('sync').warn('push failed', { status: 503 });
    logger('bridge').info('connected');
    expect(r.out.warn).toHaveBeenCalledWith('[sync] push failed', { status: 503 });
    await r.tick();
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]!.records.map((x) => x.message)).toEqual(['push failed', 'connected']);
  });

  it('keeps lines while the host is away, within the bound, and sends them when it is back', async () => {
    let up = false;
    const r = rig(() => up);
    detach = r.detach;
    for (const m of ['a', 'b', 'c', 'd']) logger('x').info(m);
    await r.tick();
    up = true;
    await r.tick();
    expect(r.calls.at(-1)!.records.map((x) => x.message)).toEqual(['b', 'c', 'd']);
  });
});
