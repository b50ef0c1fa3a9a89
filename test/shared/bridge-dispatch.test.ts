import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_CALLS, type HostHandlers } from '../../shared/bridge';
import { CALL_NAMES } from '../../shared/bridge-channels';
import { dispatchBridgeCall } from '../../shared/bridge-dispatch';

function handlers(): HostHandlers {
  return {
    'host:info': vi.fn(async () => ({ terminalId: 'T1', serverUrl: 'http://s', version: '0.1.0', transport: 'browser' as const })),
    'host:disk': vi.fn(async () => ({ freeBytes: 1, totalBytes: 2 })),
    'scanner:status': vi.fn(async () => ({ state: 'connected' as const, port: '/dev/x' })),
    'sync:push': vi.fn(async () => ({ ackSeq: 3 })),
    'sync:pull': vi.fn(async (req) => ({ changes: [], rev: req.after, hasMore: false })),
    'sync:status': vi.fn(async () => ({ receivedAt: '2025-01-06T06:00:00.000Z' })),
    'printer:status': vi.fn(async () => ({ state: 'not-configured' as const })),
    'printer:print': vi.fn(async () => ({ jobId: 'J-1', outcome: 'done' as const, status: { state: 'ready' as const } })),
    'log:write': vi.fn(async (req: { records: unknown[] }) => ({ written: req.records.length })),
    'journal:head': vi.fn(async () => ({ state: 'ok' as const, created: false, head: 0, firstSeq: 1, ackedSeq: 0, snapshotSeq: 0, printJobs: 0 })),
    'journal:append': vi.fn(async () => ({ head: 1 })),
    'journal:read': vi.fn(async () => ({ events: [] })),
    'journal:side': vi.fn(async () => ({ ackedSeq: 0, state: null, snapshot: null })),
    'journal:print-jobs': vi.fn(async () => ({ jobs: [] })),
    'journal:mirror': vi.fn(async () => ({ head: 0 })),
    'machine:status': vi.fn(async () => ({ state: 'not-configured' as const, received: 0, malformed: 0, unknown: 0, pending: 0 })),
    'machine:take': vi.fn(async () => ({ items: [] })),
    'machine:ack': vi.fn(async (req: { ids: string[] }) => ({ acknowledged: req.ids.length })),
    'machine:line-state': vi.fn(async () => ({ published: false })),
  };
}

describe('bridge dispatch', () => {
  it('calls the handler with the parsed request', async () => {
    const h = handlers();
    const result = await dispatchBridgeCall(h, 'sync:pull', { after: '7' });
    expect(result).toEqual({ ok: true, value: { changes: [], rev: 7, hasMore: false } });
    expect(h['sync:pull']).toHaveBeenCalledWith({ after: 7, limit: 500 });
  });

  it.each([['nope'], ['__proto__'], [42], [undefined]])('rejects the unknown channel %s', async (channel) => {
    const result = await dispatchBridgeCall(handlers(), channel, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('rejects a request that fails its schema and never calls the handler', async () => {
    const h = handlers();
    const result = await dispatchBridgeCall(h, 'sync:push', { events: [{ seq: 'one' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(h['sync:push']).not.toHaveBeenCalled();
    expect(await dispatchBridgeCall(h, 'host:info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('parses a sync push by its compiled schema as the schema itself would: the same request, the same refusals', async () => {
    const h = handlers();
    const event = { id: '0b7e2c1a-3f4d-4c5e-9a8b-1c2d3e4f5a6b', terminalId: 'T1', seq: 1, type: 'OperatorLoggedOut', occurredAt: '2025-01-06T06:00:00.000Z', payload: { reason: 'manual' }, schemaVersion: 1 };
    expect(await dispatchBridgeCall(h, 'sync:push', { events: [{ ...event, extra: 1 }] })).toEqual({ ok: true, value: { ackSeq: 3 } });
    expect(h['sync:push']).toHaveBeenCalledWith({ events: [event] });
    const broken = [{ ...event, id: 'x' }, { ...event, seq: 0 }, { ...event, occurredAt: '2025-01-06' }, { ...event, payload: [] }, { ...event, terminalId: '' }];
    for (const bad of broken) {
      const schema = BRIDGE_CALLS['sync:push'].request.safeParse({ events: [event, bad] });
      const expected = schema.success ? '' : schema.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      expect(await dispatchBridgeCall(h, 'sync:push', { events: [event, bad] })).toEqual({ ok: false, error: { code: 'bad-request', message: `sync:push: ${expected}` } });
    }
    expect(h['sync:push']).toHaveBeenCalledTimes(1);
  });

  it('turns a thrown coded error into data', async () => {
    const h = handlers();
    h['sync:push'] = async () => {
      throw { code: 'server-unreachable', message: 'connect ECONNREFUSED' };
    };
    expect(await dispatchBridgeCall(h, 'sync:push', { events: [] })).toEqual({
      ok: false,
      error: { code: 'server-unreachable', message: 'connect ECONNREFUSED' },
    });
    h['host:disk'] = async () => {
      throw new Error('boom');
    };
    expect(await dispatchBridgeCall(h, 'host:disk', {})).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('covers every channel of the contract', () => {
    expect(Object.keys(handlers()).sort()).toEqual([...CALL_NAMES].sort());
  });
});
