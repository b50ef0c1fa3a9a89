import { findPosition, positionStatus, type JisState, type PositionState, type RackState } from '../jis/state';
import { accept, nok } from '../production/verdict';
import { batchKey, fitsCallOff, notTwice, type Delivery, type HoldContext, type LoadVerdict } from './checks';

/**
 * The checks of loading a JIS rack onto a delivery, each refusal a coded
 * reason the dispatch screen translates. A rack leaves only closed, with its
 * label printed, on no hold, with no failed rack check (a wrong part found in
 * a slot at the final check), every slot built as the call-off now asks
 * (verified, or overridden with a shift lead's approval; nothing a revision
 * changed after it was built), no position of its range still unbuilt
 * (a hole in the sequence the customer's line would meet), and as the next
 * rack due: the closed rack with the lowest sequence number not yet shipped
 * or loaded. The DELJIT sequence is the call-off of its parts; a DELFOR
 * schedule of the same part, when there is one, still caps the quantity.
 */

type Batch = { materialId?: string; batch: string };

export interface RackOnDock {
  rack: RackState;
  jis: JisState;
  /** Our material per customer part, from the customer's master data; a part missing here is not one of the customer's. */
  materialsByPart?: Readonly<Record<string, string>>;
  /** The material when `materialsByPart` is not given (one-part racks). */
  materialId: string;
  /** The batches inside, for every part of the rack; `batchesByMaterial` when they differ by our material. */
  batches: readonly Batch[];
  /** The batches inside per our material (the product the part is), each with its component material. */
  batchesByMaterial?: Readonly<Record<string, readonly Batch[]>>;
  labelled: boolean;
  packagingType?: string;
}

const firstSequenceNumber = (r: RackState) => Math.min(...r.filled.map((f) => f.sequenceNumber));

function slotFault(rack: RackState, jis: JisState) {
  for (const f of [...rack.filled].sort((a, b) => a.slot - b.slot)) {
    const p = findPosition(jis, f.sequenceNumber);
    const status = p ? positionStatus(p) : 'open';
    if (!p || (status !== 'verified' && status !== 'overridden') || p.changedAfterBuild) {
      return nok('rack-incomplete', `Rack ${rack.rackId} slot ${f.slot} (position ${f.sequenceNumber}) is not built as the call-off now asks.`, { rackId: rack.rackId, slot: f.slot, sequenceNumber: f.sequenceNumber, changedAfterBuild: p?.changedAfterBuild ?? false });
    }
  }
  return undefined;
}

/** A position between the rack's first and last that is neither in it nor resolved otherwise (skipped, cancelled, built into another rack). */
function sequenceHole(rack: RackState, jis: JisState) {
  const numbers = rack.filled.map((f) => f.sequenceNumber);
  const [low, high] = [Math.min(...numbers), Math.max(...numbers)];
  const inRack = new Set(numbers);
  const hole = jis.positions.find((p) => p.data.sequenceNumber > low && p.data.sequenceNumber < high && !inRack.has(p.data.sequenceNumber) && positionStatus(p) === 'open');
  if (!hole) return undefined;
  return nok('rack-sequence-gap', `Rack ${rack.rackId} skips position ${hole.data.sequenceNumber}, which is not built yet.`, { rackId: rack.rackId, sequenceNumber: hole.data.sequenceNumber });
}

function nextDue(rack: RackState, jis: JisState, delivery: Delivery, holds: HoldContext) {
  const waiting = jis.racks.filter((x) => x.status === 'closed' && x.filled.length > 0 && !holds.shippedIds.has(x.rackId) && !delivery.loadedIds.has(x.rackId));
  const next = waiting.reduce<RackState | undefined>((best, x) => (!best || firstSequenceNumber(x) < firstSequenceNumber(best) ? x : best), undefined);
  if (next && next.rackId !== rack.rackId) return nok('rack-out-of-sequence', `Rack ${next.rackId} must be loaded before ${rack.rackId}.`, { rackId: rack.rackId, expected: next.rackId });
  return undefined;
}

export function checkRackLoad(delivery: Delivery, r: RackOnDock, holds: HoldContext): LoadVerdict {
  const { rack, jis } = r;
  const id = { rackId: rack.rackId };
  const twice = notTwice(rack.rackId, delivery, holds);
  if (twice) return twice;
  if (delivery.customerName !== undefined && jis.customer !== delivery.customerName && jis.customer !== delivery.customerId) {
    return nok('rack-wrong-customer', `Rack ${rack.rackId} is for ${jis.customer}, not for this delivery's customer.`, { ...id, sequenceCustomer: jis.customer });
  }
  if (rack.status !== 'closed') return nok('rack-not-closed', `Rack ${rack.rackId} is still open.`, id);
  if (!r.labelled) return nok('rack-not-labelled', `Rack ${rack.rackId} has no printed label.`, id);
  if (rack.filled.length === 0) return nok('rack-empty', `Rack ${rack.rackId} is empty.`, id);
  const held = holds.heldContainers.get(rack.rackId);
  if (held !== undefined) return nok('rack-on-hold', `Rack ${rack.rackId} is on hold: ${held}.`, { ...id, reason: held });
  if (rack.check === 'failed') return nok('rack-check-failed', `Rack ${rack.rackId} failed its final check: a slot holds the wrong part.`, id);
  const fault = slotFault(rack, jis) ?? sequenceHole(rack, jis) ?? nextDue(rack, jis, delivery, holds);
  if (fault) return fault;

  const positions = [...rack.filled].sort((a, b) => a.slot - b.slot).map((f) => findPosition(jis, f.sequenceNumber)!);
  const byPart = new Map<string, PositionState[]>();
  for (const p of positions) byPart.set(p.data.customerPartNumber, [...(byPart.get(p.data.customerPartNumber) ?? []), p]);
  const materialOf = (part: string) => (r.materialsByPart ? r.materialsByPart[part] : r.materialId);
  for (const [part, ofPart] of byPart) {
    if (!materialOf(part)) return nok('wrong-customer-part', `Rack ${rack.rackId} holds ${part}, which the customer does not list.`, { ...id, customerPartNumber: part, expected: Object.keys(r.materialsByPart ?? {}) });
    // A part with a DELFOR schedule line is capped by it; without one, the sequence is what the customer called off.
    if (delivery.openQuantity[part] === undefined) continue;
    const overCallOff = fitsCallOff(part, ofPart.reduce((sum, p) => sum + p.data.quantity, 0), delivery);
    if (overCallOff) return overCallOff;
  }
  const batchesOf = (materialId: string) => r.batchesByMaterial?.[materialId] ?? r.batches;
  const blocked = [...byPart.keys()].flatMap((part) => batchesOf(materialOf(part)!).map((b) => ({ ...b, materialId: b.materialId ?? materialOf(part)! }))).find((b) => holds.blockedBatches.has(batchKey(b.materialId, b.batch)));
  if (blocked) return nok('batch-blocked', `Rack ${rack.rackId} holds blocked batch ${blocked.batch}.`, { ...id, batch: blocked.batch });
  return accept([], {
    items: [...byPart].map(([part, ofPart]) => {
      const materialId = materialOf(part)!;
      return {
        containerId: rack.rackId,
        materialId,
        customerPartNumber: part,
        quantity: ofPart.reduce((sum, p) => sum + p.data.quantity, 0),
        // A rack of mixed variants may hold several of our materials, each built from its own batches.
        batches: batchesOf(materialId).map((b) => ({ ...b })),
        ...(r.packagingType ? { packagingType: r.packagingType } : {}),
        sequenceId: jis.sequenceId,
        sequenceNumbers: ofPart.map((p) => p.data.sequenceNumber),
      };
    }),
  });
}
