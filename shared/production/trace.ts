import { parseEvent, type EventEnvelope, type EventType, type PayloadOf } from '../events';
import { packageNumberOf } from '../labels/container-label';

/**
 * The terminal's own trace, offline, over its journal: where did a
 * batch go on this line, and what went into a part or a container. Batch
 * windows: a MaterialLoaded is in force for its order from its event until
 * the next load of the same material for that order, or the order's
 * completion. A part whose PartProduced lists components is traced by those
 * only (a scanned link beats a window). Order is journal order (`seq`).
 */

export interface BatchWindow {
  readonly orderId: string;
  readonly materialId: string;
  readonly batch: string;
  readonly from: string;
  /** When the next batch or the completion ended it; null while still loaded. */
  readonly to: string | null;
  readonly fromSeq: number;
  readonly toSeq: number | null;
}

export type Link = 'component' | 'window';

export interface BatchTrace {
  readonly materialId: string;
  readonly batch: string;
  readonly windows: readonly BatchWindow[];
  readonly orderIds: readonly string[];
  readonly serials: readonly { serial: string; orderId: string | null; producedAt: string; link: Link }[];
  readonly containers: readonly { containerId: string; quantity: number; link: 'serial' | 'window' }[];
}

export interface BatchRef {
  readonly materialId: string;
  readonly batch: string;
  readonly link: Link;
}

export interface PartTrace {
  readonly serial: string;
  readonly orderId: string | null;
  readonly producedAt: string;
  readonly batches: readonly BatchRef[];
  readonly containerIds: readonly string[];
}

export interface ContainerTrace {
  readonly containerId: string;
  readonly orderIds: readonly string[];
  readonly serials: readonly string[];
  readonly batches: readonly BatchRef[];
}

const bySeq = (events: readonly EventEnvelope[]) => [...events].sort((a, b) => a.seq - b.seq);

/** The parsed payload when `e` is a well-formed event of `type`; a malformed one is left out of the trace. */
function payloadIf<T extends EventType>(e: EventEnvelope, type: T): PayloadOf<T> | undefined {
  if (e.type !== type) return undefined;
  const parsed = parseEvent(e);
  return parsed?.type === type ? (parsed.payload as PayloadOf<T>) : undefined;
}

export function batchWindows(events: readonly EventEnvelope[]): BatchWindow[] {
  const windows: BatchWindow[] = [];
  const open = new Map<string, number>(); // order + material → index in windows
  const close = (i: number, e: EventEnvelope) => {
    const w = windows[i];
    if (w && w.to === null) windows[i] = { ...w, to: e.occurredAt, toSeq: e.seq };
  };
  for (const e of bySeq(events)) {
    if (!e.orderId) continue;
    if (e.type === 'MaterialLoaded') {
      const p = payloadIf(e, 'MaterialLoaded');
      if (!p) continue;
      const key = `${e.orderId}\u0000${p.materialId}`;
      const previous = open.get(key);
      if (previous !== undefined) close(previous, e);
      open.set(key, windows.length);
      windows.push({ orderId: e.orderId, materialId: p.materialId, batch: p.batch, from: e.occurredAt, to: null, fromSeq: e.seq, toSeq: null });
    } else if (e.type === 'OrderCompleted') {
      for (const [key, i] of open) {
        if (key.startsWith(`${e.orderId}\u0000`)) {
          close(i, e);
          open.delete(key);
        }
      }
    }
  }
  return windows;
}

const covers = (w: BatchWindow, e: EventEnvelope) => w.orderId === e.orderId && e.seq > w.fromSeq && (w.toSeq === null || e.seq < w.toSeq);

/** Batches a part (its PartProduced event) was made from. */
function partBatches(e: EventEnvelope, windows: readonly BatchWindow[]): BatchRef[] {
  const components = payloadIf(e, 'PartProduced')?.components;
  if (components && components.length > 0) {
    return components.map((c) => ({ materialId: c.materialId, batch: c.batch, link: 'component' as const }));
  }
  return windows.filter((w) => covers(w, e)).map((w) => ({ materialId: w.materialId, batch: w.batch, link: 'window' as const }));
}

export function traceBatch(events: readonly EventEnvelope[], target: { materialId: string; batch: string }): BatchTrace {
  const sorted = bySeq(events);
  const allWindows = batchWindows(sorted);
  const windows = allWindows.filter((w) => w.materialId === target.materialId && w.batch === target.batch);
  const matches = (b: BatchRef) => b.materialId === target.materialId && b.batch === target.batch;
  const serials: BatchTrace['serials'][number][] = [];
  const containers = new Map<string, { containerId: string; quantity: number; link: 'serial' | 'window' }>();
  for (const e of sorted) {
    if (e.type === 'PartProduced') {
      const p = payloadIf(e, 'PartProduced');
      const link = partBatches(e, allWindows).find(matches)?.link;
      if (p && link) serials.push({ serial: p.serial, orderId: e.orderId ?? null, producedAt: e.occurredAt, link });
    } else if (e.type === 'PartPacked') {
      const p = payloadIf(e, 'PartPacked');
      if (!p) continue;
      const viaSerial = p.serial !== undefined && serials.some((s) => s.serial === p.serial);
      const viaWindow = p.serial === undefined && windows.some((w) => covers(w, e));
      if (!viaSerial && !viaWindow) continue;
      const row = containers.get(p.containerId) ?? { containerId: p.containerId, quantity: 0, link: viaSerial ? 'serial' : 'window' };
      containers.set(p.containerId, { ...row, quantity: row.quantity + p.quantity });
    }
  }
  return {
    ...target,
    windows,
    orderIds: [...new Set(windows.map((w) => w.orderId))],
    serials,
    containers: [...containers.values()],
  };
}

export function tracePart(events: readonly EventEnvelope[], serial: string): PartTrace | undefined {
  const sorted = bySeq(events);
  const produced = sorted.find((e) => payloadIf(e, 'PartProduced')?.serial === serial);
  if (!produced) return undefined;
  const containerIds = sorted
    .map((e) => payloadIf(e, 'PartPacked'))
    .filter((p) => p?.serial === serial)
    .map((p) => p?.containerId ?? '');
  return {
    serial,
    orderId: produced.orderId ?? null,
    producedAt: produced.occurredAt,
    batches: partBatches(produced, batchWindows(sorted)),
    containerIds: [...new Set(containerIds)],
  };
}

/**
 * The container a scanned key names: its id, or the package number its label
 * prints (VDA 4902 field 14, derived from the id); the key itself when the
 * journal knows neither.
 */
function containerNamed(events: readonly EventEnvelope[], key: string): string {
  let byPackageNumber: string | undefined;
  for (const e of events) {
    const id = (payloadIf(e, 'PartPacked') ?? payloadIf(e, 'ContainerOpened'))?.containerId;
    if (id === undefined) continue;
    if (id === key) return id;
    byPackageNumber ??= packageNumberOf(id) === key ? id : undefined;
  }
  return byPackageNumber ?? key;
}

export function traceContainer(events: readonly EventEnvelope[], key: string): ContainerTrace {
  const containerId = containerNamed(events, key);
  const sorted = bySeq(events);
  const windows = batchWindows(sorted);
  const batches = new Map<string, BatchRef>();
  const add = (b: BatchRef) => {
    const key = `${b.materialId}\u0000${b.batch}`;
    // A scanned component link is the stronger evidence; keep it over a window.
    if (!batches.has(key) || b.link === 'component') batches.set(key, b);
  };
  const produced = new Map<string, EventEnvelope>();
  for (const e of sorted) {
    const serial = payloadIf(e, 'PartProduced')?.serial;
    if (serial !== undefined && !produced.has(serial)) produced.set(serial, e);
  }
  const serials: string[] = [];
  const orderIds = new Set<string>();
  for (const e of sorted) {
    const p = payloadIf(e, 'PartPacked');
    if (!p || p.containerId !== containerId) continue;
    if (e.orderId) orderIds.add(e.orderId);
    if (p.serial !== undefined) {
      serials.push(p.serial);
      const part = produced.get(p.serial);
      if (part?.orderId) orderIds.add(part.orderId);
      if (part) partBatches(part, windows).forEach(add);
    } else {
      windows.filter((w) => covers(w, e)).forEach((w) => add({ materialId: w.materialId, batch: w.batch, link: 'window' }));
    }
  }
  return { containerId, orderIds: [...orderIds], serials, batches: [...batches.values()] };
}
