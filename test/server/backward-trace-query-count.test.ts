import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { newId } from '../../shared/ids';
import { traceContainer, traceSerial } from '../../server/trace/backward';
import { traceDeliveryNote } from '../../server/trace/delivery-note';
import { queryCounter } from './support/query-counter';
import { createTestServer, push, type TestServer } from './support/test-server';

/**
 * A complaint traced backward must not ask the database once per part, per
 * component or per container: a container of 12 serials, a serial of 6
 * scanned components and a delivery note over 12 containers are traced in
 * as many queries as the small ones (the record pushed through the sync API).
 */

interface Size {
  containers: number;
  serialsPerContainer: number;
  components: number;
}

const SMALL: Size = { containers: 2, serialsPerContainer: 2, components: 1 };
const LARGE: Size = { containers: 12, serialsPerContainer: 12, components: 6 };
const TERMINAL = 'T-BACK';
const ORDER = 'ORD-BACK';
const NOTE = '4711';

/**
 * One order: every component material loaded at the start (each window names
 * its supplier), then per container a fresh housing batch, its serials (each
 * scanned with all components) and one counted pack; one truck takes them all.
 */
function shift(size: Size): EventEnvelope[] {
  const facts: [type: string, payload: Record<string, unknown>, withOrder?: boolean][] = [['OrderStarted', { orderNumber: ORDER, materialId: 'M-1', quantity: 1000 }]];
  const components = Array.from({ length: size.components }, (_, m) => ({ materialId: `M-C${m}`, batch: `B-C${m}` }));
  for (const [m, c] of components.entries()) facts.push(['MaterialLoaded', { ...c, supplier: `Lieferant ${m}` }]);
  for (let c = 0; c < size.containers; c++) {
    facts.push(['MaterialLoaded', { materialId: 'M-HOUSING', batch: `H-${c}`, supplier: 'Gehäusebau GmbH' }], ['ContainerOpened', { containerId: `C-${c}` }]);
    for (let s = 0; s < size.serialsPerContainer; s++) facts.push(['PartProduced', { serial: `S-${c}-${s}`, components }], ['PartPacked', { containerId: `C-${c}`, serial: `S-${c}-${s}` }]);
    facts.push(['PartPacked', { containerId: `C-${c}`, quantity: 1 }], ['ContainerClosed', { containerId: `C-${c}` }, false]);
  }
  const ids = Array.from({ length: size.containers }, (_, c) => `C-${c}`);
  const items = ids.map((containerId, c) => ({ containerId, materialId: 'M-1', customerPartNumber: 'A0004711', quantity: size.serialsPerContainer + 1, batches: [{ materialId: 'M-HOUSING', batch: `H-${c}` }] }));
  facts.push(['ShipmentDispatched', { shipmentId: 'SH-1', containerIds: ids, customerId: 'AWS000001', deliveryNoteNumber: NOTE, items }, false]);
  return facts.map(([type, payload, withOrder = true], i) => ({
    id: newId(),
    terminalId: TERMINAL,
    seq: i + 1,
    type,
    occurredAt: new Date(Date.UTC(2025, 0, 6, 6) + i * 60_000).toISOString(),
    operatorId: 'OP-1',
    ...(withOrder ? { orderId: ORDER } : {}),
    payload,
    schemaVersion: 1,
  }));
}

interface Counted {
  container: { queries: number; serials: number; batches: string[] };
  serial: { queries: number; batches: string[] };
  note: { queries: number; containers: number; batchesPerContainer: number[] };
}

const names = (batches: { batch: string; link: string }[]) => batches.map((b) => `${b.batch}:${b.link}`);

describe('backward trace asks a fixed number of queries', () => {
  const servers: TestServer[] = [];
  const counted = new Map<Size, Counted>();

  beforeAll(async () => {
    for (const size of [SMALL, LARGE]) {
      const server = await createTestServer();
      servers.push(server);
      const token = await server.addTerminal(TERMINAL, 'L1');
      await server.addOrder(ORDER, 'L1');
      const res = await push(server.app, token, TERMINAL, shift(size));
      expect(res.statusCode, res.body).toBe(200);
      const db = server.database.db;
      const container = queryCounter();
      const c = await traceContainer(db.withPlugin(container.plugin), 'C-0');
      const serial = queryCounter();
      const s = await traceSerial(db.withPlugin(serial.plugin), 'S-0-0');
      const note = queryCounter();
      const n = await traceDeliveryNote(db.withPlugin(note.plugin), NOTE);
      counted.set(size, {
        container: { queries: container.count(), serials: c?.serials.length ?? -1, batches: names(c?.batches ?? []) },
        serial: { queries: serial.count(), batches: names(s?.batches ?? []) },
        note: { queries: note.count(), containers: n?.shipments[0]?.containers.length ?? -1, batchesPerContainer: n?.shipments[0]?.containers.map((x) => x.batches.length) ?? [] },
      });
    }
  });
  afterAll(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('traces a container of 12 serials with as many queries as one of 2, and finds every batch', () => {
    const small = counted.get(SMALL)!;
    const large = counted.get(LARGE)!;
    expect(small.container).toMatchObject({ serials: 2, batches: ['B-C0:component', 'H-0:window'] });
    expect(large.container).toMatchObject({ serials: 12, batches: ['B-C0:component', 'B-C1:component', 'B-C2:component', 'B-C3:component', 'B-C4:component', 'B-C5:component', 'H-0:window'] });
    expect(large.container.queries).toBe(small.container.queries);
  });

  it('traces a serial of 6 scanned components with as many queries as one of 1', () => {
    const small = counted.get(SMALL)!;
    const large = counted.get(LARGE)!;
    expect(small.serial.batches).toEqual(['B-C0:component', 'H-0:window']);
    expect(large.serial.batches).toEqual(large.container.batches);
    expect(large.serial.queries).toBe(small.serial.queries);
  });

  it('traces a delivery note over 12 containers with as many queries as one over 2', () => {
    const small = counted.get(SMALL)!;
    const large = counted.get(LARGE)!;
    expect(small.note).toMatchObject({ containers: 2, batchesPerContainer: [2, 2] });
    expect(large.note).toMatchObject({ containers: 12, batchesPerContainer: new Array(12).fill(7) });
    expect(large.note.queries).toBe(small.note.queries);
  });
});
