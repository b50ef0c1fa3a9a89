import type { EventEnvelope } from '../../shared/events';
import type { JisState } from '../../shared/jis';
import type { JournalSnapshot } from '../../shared/journal-snapshot';
import type { Customer, JisSequence, Order } from '../../shared/master-data';
import type { ProductionState } from '../../shared/production';
import type { RackOnDock } from '../../shared/shipping/rack-checks';
import { restoreJisState } from './jis-logic';

/**
 * What the dispatch screen knows about the JIS racks this terminal built:
 * each of the line's sequences restored from the cached call-off and the
 * journal (as the JIS screen restores it), the racks whose label printed,
 * and, for a scanned rack label, the rack with the customer's materials and
 * the batches the terminal's orders of those materials loaded. Pure; the
 * checks themselves are shared/shipping/rack-checks.ts.
 */

export interface DispatchRacks {
  /** Sequences of this line with at least one rack. */
  sequences: JisState[];
  /** Racks whose label printed (the first print or a reprint). */
  labelled: ReadonlySet<string>;
}

export const noRacks: DispatchRacks = { sequences: [], labelled: new Set() };

export function racksOnTerminal(rows: readonly JisSequence[], lineId: string | undefined, snapshot: JournalSnapshot | null, events: readonly EventEnvelope[]): DispatchRacks {
  const sequences = rows
    .filter((s) => s.lineId === lineId)
    .map((row) => restoreJisState(row, events, {}, snapshot))
    .filter((s) => s.racks.length > 0);
  const rackIds = new Set(sequences.flatMap((s) => s.racks.map((r) => r.rackId)));
  const printed = (e: EventEnvelope) => (e.type === 'LabelPrinted' || e.type === 'LabelReprinted') && rackIds.has(String(e.payload['containerId']));
  // Labels printed before the snapshot: a closed rack's label prints as it closes (the JIS screen cannot skip it), the snapshot keeps no print record.
  const beforeSnapshot = sequences.flatMap((s) => s.racks.filter((r) => r.status === 'closed' && (snapshot?.jis[s.sequenceId]?.racks ?? []).some((x) => x.rackId === r.rackId && x.status === 'closed')).map((r) => r.rackId));
  return { sequences, labelled: new Set([...beforeSnapshot, ...events.filter(printed).map((e) => String(e.payload['containerId']))]) };
}

/** The rack id a scanned rack label names: the Code 128 (the id) or the PDF417's first line `RACK;<id>`. */
export function rackKeyOf(key: string): string {
  const first = key.split(/\r?\n/)[0] ?? '';
  return first.startsWith('RACK;') ? first.slice('RACK;'.length) : key;
}

export function rackOnDock(racks: DispatchRacks, production: ProductionState, orders: readonly Order[], customer: Customer, key: string): RackOnDock | undefined {
  const rackId = rackKeyOf(key);
  const jis = racks.sequences.find((s) => s.racks.some((r) => r.rackId === rackId));
  const rack = jis?.racks.find((r) => r.rackId === rackId);
  if (!jis || !rack) return undefined;
  const materialsByPart = Object.fromEntries(customer.parts.map((p) => [p.customerPartNumber, p.materialId]));
  const ours = new Set(customer.parts.map((p) => p.materialId));
  // The batches as loaded now into this terminal's orders of each material: the terminal's best knowledge offline.
  const batchesByMaterial: Record<string, { materialId: string; batch: string }[]> = {};
  for (const order of orders) {
    if (!ours.has(order.materialId)) continue;
    const loaded = Object.values(production.orders[order.id]?.loaded ?? {});
    const list = (batchesByMaterial[order.materialId] ??= []);
    for (const b of loaded) if (!list.some((x) => x.materialId === b.materialId && x.batch === b.batch)) list.push({ materialId: b.materialId, batch: b.batch });
  }
  return { rack, jis, materialsByPart, materialId: '', batches: [], batchesByMaterial, labelled: racks.labelled.has(rackId) };
}
