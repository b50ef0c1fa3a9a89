import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { newId } from '../../shared/ids';
import { packageNumberOf } from '../../shared/labels';
import { runServerCli } from '../../server/cli/index';
import { captureIo } from './support/capture-io';
import { bearer, createTestServer, push, type TestServer } from './support/test-server';

/**
 * Recall as narrow as the facts (DESIGN §8), asked of the server over HTTP
 * like a quality engineer's tool would: a housing batch loaded by mistake
 * and replaced five seconds later, with no part booked in between, went
 * into no container, although parts of the same order were packed into one
 * container before and after it.
 */
const TERMINAL = 'T-RECALL';
const ORDER = 'ORD-R';
const CONTAINER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const at = (hms: string) => `2025-01-06T${hms}.000Z`;

function shift(): EventEnvelope[] {
  const facts: [string, string, Record<string, unknown>][] = [
    ['06:00:00', 'MaterialLoaded', { materialId: 'M-HOUSING', batch: 'H-GOOD' }],
    ['06:00:01', 'OrderStarted', { orderNumber: ORDER, materialId: 'M-1', quantity: 10 }],
    ['06:00:02', 'ContainerOpened', { containerId: CONTAINER, capacity: 10 }],
    ['06:01:00', 'GoodQuantityBooked', { quantity: 2 }],
    ['06:01:00', 'PartPacked', { containerId: CONTAINER, quantity: 2 }],
    ['06:02:00', 'MaterialLoaded', { materialId: 'M-HOUSING', batch: 'H-WRONG' }],
    ['06:02:05', 'MaterialLoaded', { materialId: 'M-HOUSING', batch: 'H-RIGHT' }],
    ['06:03:00', 'GoodQuantityBooked', { quantity: 3 }],
    ['06:03:00', 'PartPacked', { containerId: CONTAINER, quantity: 3 }],
    ['06:04:00', 'ContainerClosed', { containerId: CONTAINER, quantity: 5 }],
  ];
  return facts.map(([time, type, payload], i) => ({
    id: newId(), terminalId: TERMINAL, seq: i + 1, type, occurredAt: at(time), operatorId: 'OP-1', orderId: ORDER, payload, schemaVersion: 1,
  }));
}

describe('recall names exactly the parts and containers made while a batch was loaded', () => {
  let server: TestServer;
  const get = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url, headers: bearer(server.adminToken) });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    server = await createTestServer();
    const token = await server.addTerminal(TERMINAL, 'L1');
    await server.addOrder(ORDER, 'L1');
    const res = await push(server.app, token, TERMINAL, shift());
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => server.close());

  it('forward: the mistaken batch reached the order but no container', async () => {
    const wrong = await get('/api/v1/trace/batch/M-HOUSING/H-WRONG');
    expect(wrong.body).toMatchObject({ windows: [{ orderId: ORDER, from: at('06:02:00'), to: at('06:02:05') }], containers: [] });
    for (const batch of ['H-GOOD', 'H-RIGHT']) {
      const { body } = await get(`/api/v1/trace/batch/M-HOUSING/${batch}`);
      expect(body.containers.map((c: { containerId: string }) => c.containerId), batch).toEqual([CONTAINER]);
    }
    expect((await get('/api/v1/trace/batch/M-HOUSING/H-GOOD')).body.containers[0]).toMatchObject({ from: at('06:01:00'), to: at('06:01:00') });
  });

  it('backward: the container names the batches it was packed under, not the mistaken one; forward and backward agree', async () => {
    const { status, body } = await get(`/api/v1/trace/container/${CONTAINER}`);
    expect(status).toBe(200);
    const batches = body.batches.map((b: { batch: string }) => b.batch).sort();
    expect(batches).toEqual(['H-GOOD', 'H-RIGHT']);
    for (const batch of ['H-GOOD', 'H-RIGHT', 'H-WRONG']) {
      const forward = (await get(`/api/v1/trace/batch/M-HOUSING/${batch}`)).body.containers.some((c: { containerId: string }) => c.containerId === CONTAINER);
      expect(forward, batch).toBe(batches.includes(batch));
    }
  });

  it('finds the container by the package number its label prints, over HTTP and in `takt trace container`', async () => {
    const printed = packageNumberOf(CONTAINER);
    const byNumber = await get(`/api/v1/trace/container/${printed}`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body).toEqual({ ...(await get(`/api/v1/trace/container/${CONTAINER}`)).body });
    expect(byNumber.body).toMatchObject({ containerId: CONTAINER, packageNumber: printed, alsoMatching: [] });

    const io = captureIo(server.database.env);
    expect(await runServerCli(['trace', 'container', printed, '--json', '--data', server.database.dataDir], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ containerId: CONTAINER, batches: [{ batch: 'H-GOOD' }, { batch: 'H-RIGHT' }] });
    const text = captureIo(server.database.env);
    expect(await runServerCli(['trace', 'container', printed, '--data', server.database.dataDir], text)).toBe(0);
    expect(text.out()).toContain(`Container ${CONTAINER}`);
    expect(text.out()).toContain(`package number: ${printed}`);

    expect((await get('/api/v1/trace/container/000000000000')).status).toBe(404);
  });
});
