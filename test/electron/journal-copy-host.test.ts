import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testTerminalConfig } from './terminal-config-fixture';
import { createHost } from '../../electron/host/host-services';
import { journalCopyFile } from '../../electron/host/journal-copy';
import type { ServerTransport } from '../../electron/host/server-transport';
import { dispatchBridgeCall } from '../../shared/bridge-dispatch';
import type { EventEnvelope } from '../../shared/events';

const config = testTerminalConfig();

const envelope = (seq: number): EventEnvelope => ({
  id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  terminalId: 'T-01',
  seq,
  type: 'OperatorLoggedOut',
  occurredAt: '2025-03-01T06:00:00.000Z',
  payload: { reason: 'manual' },
  schemaVersion: 1,
});

describe('the host serves its journal copy over the bridge', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-host-copy-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the copy in the user-data folder, pushes only what it holds, and learns the cursor from the server', async () => {
    const pushed: number[][] = [];
    const server: ServerTransport = {
      push: async (events) => (pushed.push(events.map((e) => e.seq)), { ackSeq: events[events.length - 1]?.seq ?? 0 }),
      pull: async () => ({ changes: [], rev: 0, hasMore: false }),
      notify: async (since) => ({ rev: since, changed: false }),
      status: async () => ({ receivedAt: '2025-01-06T06:00:00.000Z' }),
    };
    const host = createHost({ config, version: '1', transport: 'browser', userDataDir: dir, server });
    const call = (channel: string, request: unknown) => dispatchBridgeCall(host.handlers, channel, request);

    await expect(call('journal:head', {})).resolves.toMatchObject({ ok: true, value: { state: 'ok', created: true, head: 0 } });
    await expect(call('journal:append', { events: [envelope(1), envelope(2)] })).resolves.toEqual({ ok: true, value: { head: 2 } });
    // Seq 3 is in IndexedDB only (its host write failed and is being taken back): it must not reach the server.
    await expect(call('sync:push', { events: [envelope(1), envelope(2), envelope(3)] })).resolves.toEqual({ ok: true, value: { ackSeq: 2 } });
    expect(pushed).toEqual([[1, 2]]);
    await expect(call('sync:push', { events: [envelope(3)] })).resolves.toMatchObject({ ok: false, error: { code: 'journal-copy-conflict' } });
    await expect(call('journal:head', {})).resolves.toMatchObject({ ok: true, value: { head: 2, ackedSeq: 2 } });
    // A malformed append is refused by its schema before the copy sees it.
    await expect(call('journal:append', { events: [] })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await host.stop();

    const again = createHost({ config, version: '1', transport: 'browser', userDataDir: dir, server });
    await expect(dispatchBridgeCall(again.handlers, 'journal:head', {})).resolves.toMatchObject({ ok: true, value: { created: false, head: 2, ackedSeq: 2 } });
    await again.stop();
    expect(journalCopyFile(dir, 'T-01')).toBe(join(dir, 'journal-copy', 'T-01.sqlite'));
  });
});
