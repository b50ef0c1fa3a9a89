import { packageNumberOf } from '../../shared/labels/container-label';
import { customerPartOf, type Customer, type Line, type Order, type Terminal } from '../../shared/master-data';
import type { ContainerHold, DockContainer } from '../../shared/master-data-shipping';
import type { ProductionState } from '../../shared/production';
import type { ContainerOnDock } from '../../shared/shipping/checks';
import { loadContainer, type DispatchState } from '../../shared/shipping/delivery';
import type { CallOff } from '../../shared/master-data-shipping';

/**
 * What the dispatch screen knows of a scanned container, from two views:
 * the containers this terminal packed (its journal) and the plant's closed
 * containers the server offers to terminals that ship (the pulled
 * `dock-container` rows). When both know it, the newer fact wins for its
 * state and contents; a hold or a shipment known to either refuses it, and
 * the batches of both count against blocked batches (a recall must never
 * miss one because the other view was behind). Pure.
 */

export interface KnownContainer {
  container: ContainerOnDock;
  /** Every name it goes by (id, printed package number, SSCC): a hold may name any of them. */
  names: string[];
  /** The shipment the plant's record has it on, when the record knows one. */
  shippedIn?: string;
}

interface View {
  container: ContainerOnDock;
  names: string[];
  at: string;
  shippedIn?: string;
}

function ownView(production: ProductionState, orders: readonly Order[], customer: Customer, key: string): View | undefined {
  const c = production.containers[key] ?? Object.values(production.containers).find((x) => packageNumberOf(x.containerId) === key);
  if (!c) return undefined;
  const materialId = orders.find((o) => o.id === c.orderId)?.materialId ?? '';
  const part = customerPartOf([customer], materialId)?.part;
  // The order's batches as loaded now: the terminal's best knowledge offline; the server traces each packing exactly.
  const loaded = c.orderId ? Object.values(production.orders[c.orderId]?.loaded ?? {}) : [];
  return {
    container: {
      containerId: c.containerId,
      status: c.status,
      // A closed container's label prints as it closes (the packing flow cannot skip it).
      labelled: c.status === 'closed',
      materialId,
      ...(part ? { customerPartNumber: part.customerPartNumber } : {}),
      quantity: c.quantity,
      batches: loaded.map((b) => ({ materialId: b.materialId, batch: b.batch })),
    },
    names: [c.containerId, packageNumberOf(c.containerId)],
    at: c.closedAt ?? c.openedAt,
  };
}

function pulledView(pulled: readonly DockContainer[], customer: Customer, key: string): View | undefined {
  const d = pulled.find((x) => x.id === key) ?? pulled.find((x) => x.packageNumber === key || x.sscc === key);
  if (!d) return undefined;
  const part = customerPartOf([customer], d.materialId)?.part;
  return {
    container: {
      containerId: d.id,
      status: d.status,
      labelled: d.labelled,
      ...(d.sscc ? { sscc: d.sscc } : {}),
      materialId: d.materialId,
      ...(part ? { customerPartNumber: part.customerPartNumber } : {}),
      quantity: d.quantity,
      batches: d.batches,
    },
    names: [d.id, ...(d.packageNumber ? [d.packageNumber] : []), ...(d.sscc ? [d.sscc] : [])],
    at: d.updatedAt,
    ...(d.shippedIn ? { shippedIn: d.shippedIn } : {}),
  };
}

/**
 * The pulled rows this terminal may load from: none unless its own row says
 * it ships, and only its line's plant's. The cache drops them when the
 * terminal stops shipping; rows of a plant it moved away from may linger
 * until then, and must not pass for containers on this dock.
 */
export function dockRowsFor(pulled: readonly DockContainer[], terminal: Terminal | null, line: Line | null): DockContainer[] {
  if (terminal?.ships !== true) return [];
  return line ? pulled.filter((d) => d.plantId === line.plantId) : [...pulled];
}

/** Undefined when neither view knows the container: it was closed elsewhere and has not reached this terminal yet. */
export function knownContainer(production: ProductionState, orders: readonly Order[], pulled: readonly DockContainer[], customer: Customer, key: string): KnownContainer | undefined {
  const own = ownView(production, orders, customer, key);
  // A label names one container: the pulled row found by any of the names the own view knows it by.
  const remote = own ? own.names.map((n) => pulledView(pulled, customer, n)).find((v) => v !== undefined) : pulledView(pulled, customer, key);
  if (!own || !remote) {
    const only = own ?? remote;
    return only ? { container: only.container, names: only.names, ...(only.shippedIn ? { shippedIn: only.shippedIn } : {}) } : undefined;
  }
  const newer = Date.parse(remote.at) > Date.parse(own.at) ? remote : own;
  const batches = [...own.container.batches, ...remote.container.batches].filter((b, i, all) => all.findIndex((x) => x.materialId === b.materialId && x.batch === b.batch) === i);
  return {
    container: { ...newer.container, batches },
    names: [...new Set([...own.names, ...remote.names])],
    ...(remote.shippedIn ? { shippedIn: remote.shippedIn } : {}),
  };
}

/** The hold on any name of the container, keyed by its id as the load checks look it up. */
export function heldContainers(holds: readonly ContainerHold[], known: KnownContainer | undefined): Map<string, string> {
  const byName = new Map(holds.flatMap((h) => [[h.containerId, h.reason] as [string, string], [packageNumberOf(h.containerId), h.reason] as [string, string]]));
  const reason = known?.names.map((n) => byName.get(n)).find((r) => r !== undefined);
  if (known && reason !== undefined) byName.set(known.container.containerId, reason);
  return byName;
}

/** The load of a scanned container onto the open delivery, with holds on any of its names and a shipment known to either view. */
export function loadKnownContainer(state: DispatchState, known: KnownContainer | undefined, scanned: string, holds: readonly ContainerHold[], blockedBatches: ReadonlySet<string>, callOffs: readonly CallOff[]) {
  // Shipped on a truck the plant's record knows counts like one this terminal dispatched.
  const shipped = known?.shippedIn ? { ...state, shippedIds: new Set([...state.shippedIds, known.container.containerId]) } : state;
  return loadContainer(shipped, known?.container, scanned, { blockedBatches, heldContainers: heldContainers(holds, known) }, callOffs);
}
