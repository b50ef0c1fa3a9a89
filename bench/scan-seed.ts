/**
 * Seed data for `npm run bench -- scan`: a terminal's journal history (written
 * straight into the page's IndexedDB, untimed) and the line's orders (imported
 * at the server, pulled by the terminal like any master data).
 */
import type { Page } from 'playwright-core';
import { DEMO_CONTROL_UNIT_BOM, DEMO_CONTROL_UNIT_OPERATIONS } from '../server/demo/demo-data';

/** One past order on this terminal, as the workflow journals it: 480 serial parts in containers of 20. */
export const HISTORY_PARTS_PER_ORDER = 480;

export interface JournalSeed {
  dbName: string;
  terminalId: string;
  /** The first seq to write (the journal's head + 1). */
  firstSeq: number;
  count: number;
  /** occurredAt of the first seeded event, epoch ms; one event per second after it. */
  startMs: number;
}

export interface JournalSeedResult {
  head: number;
  orders: number;
  containers: number;
  ms: number;
}

/**
 * Runs in the page (self-contained: no imports, no outer variables). Appends
 * `count` events of finished orders — login, start, four batches, per part
 * PartProduced + PartPacked, a container closed and its label printed every
 * 20 parts, a scrap booking every 100, completion, logout — with valid
 * payloads, then sets the journal's counters as if they were synced and the
 * terminal's folded session state as the journal's own appends would have.
 */
async function seedJournalInPage(seed: JournalSeed): Promise<JournalSeedResult> {
  const started = performance.now();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(seed.dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const uuid = (kind: number, n: number) => `0193${hex(kind, 4)}-0000-7000-8000-${hex(n, 12)}`;

  const last = seed.firstSeq + seed.count - 1;
  const startedOrderIds: string[] = [];
  let seq = seed.firstSeq;
  let orders = 0;
  let containers = 0;
  let buffer: Record<string, unknown>[] = [];
  const emit = (type: string, orderId: string | undefined, payload: Record<string, unknown>) => {
    if (seq > last) return;
    buffer.push({
      id: uuid(1, seq),
      terminalId: seed.terminalId,
      seq,
      type,
      occurredAt: new Date(seed.startMs + (seq - seed.firstSeq) * 1000).toISOString(),
      operatorId: 'OP-1001',
      ...(orderId ? { orderId } : {}),
      payload,
      schemaVersion: 1,
    });
    seq += 1;
  };
  const flush = async () => {
    const tx = db.transaction('events', 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('events');
    for (const row of buffer) store.put(row);
    buffer = [];
    await done(tx);
  };

  while (seq <= last) {
    orders += 1;
    const orderId = `HIST-${String(orders).padStart(6, '0')}`;
    startedOrderIds.push(orderId);
    emit('OperatorLoggedIn', undefined, { badge: 'BADGE-1001', role: 'operator', method: 'badge' });
    emit('OrderStarted', orderId, { orderNumber: orderId, materialId: 'M-SG1', quantity: 480 });
    for (const materialId of ['M-HOUSING', 'M-PCB', 'M-SCREW', 'M-SEAL']) emit('MaterialLoaded', orderId, { materialId, batch: `${materialId.slice(2, 4)}-${orders}` });
    let container = uuid(2, ++containers);
    emit('ContainerOpened', orderId, { containerId: container, capacity: 20, materialId: 'M-SG1' });
    for (let part = 1; part <= 480 && seq <= last; part++) {
      const serial = `SN-${orders}-${part}`;
      emit('PartProduced', orderId, { serial, materialId: 'M-SG1' });
      emit('PartPacked', orderId, { containerId: container, serial, quantity: 1 });
      if (part % 100 === 0) emit('ScrapBooked', orderId, { quantity: 1, reasonId: 'SR-03' });
      if (part % 20 === 0) {
        emit('ContainerClosed', orderId, { containerId: container, quantity: 20 });
        emit('LabelPrinted', orderId, { jobId: uuid(3, containers), templateId: 'vda-4902', containerId: container, copies: 1 });
        if (part < 480) {
          container = uuid(2, ++containers);
          emit('ContainerOpened', orderId, { containerId: container, capacity: 20, materialId: 'M-SG1' });
        }
      }
      if (buffer.length >= 20_000) await flush();
    }
    emit('OrderCompleted', orderId, {});
    emit('OperatorLoggedOut', undefined, { reason: 'manual' });
  }
  await flush();

  // Counters and the folded session state, in one transaction, as Journal.append keeps them.
  const meta = db.transaction('meta', 'readwrite');
  const metaStore = meta.objectStore('meta');
  const stateReq = metaStore.get('state');
  stateReq.onsuccess = () => {
    const before = (stateReq.result?.value ?? { startedOrderIds: [] }) as { startedOrderIds: string[] };
    metaStore.put({ key: 'state', value: { operator: null, activeOrderId: startedOrderIds.at(-1) ?? null, startedOrderIds: [...before.startedOrderIds, ...startedOrderIds], lastSeq: last } });
    metaStore.put({ key: 'nextSeq', value: last + 1 });
    metaStore.put({ key: 'ackedSeq', value: last });
  };
  await done(meta);
  db.close();
  return { head: last, orders, containers, ms: performance.now() - started };
}

export async function seedJournal(page: Page, seed: JournalSeed): Promise<JournalSeedResult> {
  // tsx names inner functions with an `__name` helper the page does not have.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(seedJournalInPage, seed);
}

/** `count` released orders of line L1 (the demo's control unit BOM), due over the coming weeks. */
export function lineOrders(count: number, today: Date): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const number = `ORD-${String(500_000 + i)}`;
    const due = new Date(today.getTime() + (1 + Math.floor(i / 200)) * 86_400_000).toISOString().slice(0, 10);
    return { id: number, number, lineId: 'L1', materialId: i % 2 ? 'M-SG2' : 'M-SG1', quantity: 50 + (i % 200), dueDate: due, status: 'released', bom: DEMO_CONTROL_UNIT_BOM, operations: DEMO_CONTROL_UNIT_OPERATIONS };
  });
}
