import type { PositionData } from '../events';
import type { JisSequence } from '../master-data';
import { DEFAULT_PART_LABEL, type PartLabelConfig } from './part-label';
import { indexOfKey } from './position-index';

/**
 * The sequence engine's state: the cached call-off plus a fold over the
 * terminal's sequence events (fold.ts). The current position is the first open one
 * in sequence order, unless a position was pulled ahead. Nothing leaves the
 * open set without an event: verified, overridden, skipped (a break) or
 * cancelled by a recorded call-off revision.
 *
 * Lookups are O(1) with 100k positions: positions by sequence number through
 * an index memo (position-index.ts), the first open position through `cursor`,
 * which the fold moves forward as positions resolve. The state is plain JSON
 * (a journal snapshot stores this object, see shared/journal-snapshot.ts).
 */

export interface JisConfig {
  /** Slots per rack. */
  readonly rackSlots: number;
  /** The final check scans every slot again, not only the rack label. */
  readonly recheckSlots: boolean;
  readonly partLabel: PartLabelConfig;
}

export const DEFAULT_JIS_CONFIG: JisConfig = { rackSlots: 10, recheckSlots: false, partLabel: DEFAULT_PART_LABEL };

export type { PositionData } from '../events';

export interface Build {
  readonly kind: 'verified' | 'overridden';
  /** The part as scanned (`describePart`); for an override, the part that was accepted anyway. */
  readonly part: string;
  readonly serial?: string;
  readonly approvedBy?: string;
  /** Why an override was approved (the reason code of SequenceOverride). */
  readonly reason?: string;
}

export interface PositionState {
  readonly data: PositionData;
  readonly build: Build | null;
  readonly skipped: { readonly reason: string; readonly approvedBy: string } | null;
  readonly rackSlot: { readonly rackId: string; readonly slot: number } | null;
  /** A revision changed or cancelled it after it was built: the part in the rack may be wrong. */
  readonly changedAfterBuild: boolean;
}

export type PositionStatus = 'open' | 'cancelled' | 'verified' | 'overridden' | 'skipped';

export interface SequenceBreakRecord {
  readonly sequenceNumber: number;
  readonly kind: 'skipped' | 'pulled-ahead';
  readonly reason: string;
  readonly approvedBy: string;
}

export interface RackState {
  readonly rackId: string;
  readonly slots: number;
  readonly filled: readonly { readonly slot: number; readonly sequenceNumber: number }[];
  readonly status: 'open' | 'closed';
  readonly check: 'pending' | 'passed' | 'failed';
}

export interface JisAlert {
  readonly code: 'built-position-changed';
  readonly params: { readonly sequenceNumber: number; readonly revision: number };
}

export interface JisState {
  readonly sequenceId: string;
  readonly customer: string;
  readonly revision: number;
  readonly config: JisConfig;
  /** Sorted by sequence number, unique. */
  readonly positions: readonly PositionState[];
  /** Index in `positions` of the first open position (`positions.length` when none is open). */
  readonly cursor: number;
  readonly mode: 'ready' | 'awaiting-ack';
  /** The last wrong scan at a position; an override accepts exactly this part. */
  readonly lastMismatch: { readonly sequenceNumber: number; readonly expected: string; readonly scanned: string } | null;
  readonly pulledAhead: number | null;
  readonly acknowledgedGaps: readonly string[];
  readonly breaks: readonly SequenceBreakRecord[];
  readonly alerts: readonly JisAlert[];
  readonly racks: readonly RackState[];
  readonly openRackId: string | null;
  /** The highest seq of this sequence's events folded in. */
  readonly lastSeq: number;
}

export function toPositionData(p: JisSequence['positions'][number]): PositionData {
  return {
    sequenceNumber: p.sequenceNumber,
    vehicleNumber: p.vehicleNumber,
    customerPartNumber: p.customerPartNumber,
    variant: p.variant ?? '',
    quantity: p.quantity ?? 1,
    dueTime: p.dueTime,
    unloadingPoint: p.unloadingPoint ?? '',
    rack: p.rack ?? '',
    ...(p.slot !== undefined ? { slot: p.slot } : {}),
    status: p.status ?? 'open',
  };
}

const sequenceNumberOf = (p: PositionState) => p.data.sequenceNumber;

function sortedUnique(data: readonly PositionData[]): PositionData[] {
  // A call-off naming a number twice: the later entry wins, as it would in a revision.
  const byNumber = new Map<number, PositionData>();
  for (const d of data) byNumber.set(d.sequenceNumber, d);
  return [...byNumber.values()].sort((a, b) => a.sequenceNumber - b.sequenceNumber);
}

export function createJisState(sequence: JisSequence, config: Partial<JisConfig> = {}): JisState {
  const positions: PositionState[] = sortedUnique(sequence.positions.map(toPositionData)).map((data) => ({
    data,
    build: null,
    skipped: null,
    rackSlot: null,
    changedAfterBuild: false,
  }));
  // The index is built now, when the screen opens, not on the operator's first scan.
  indexOfKey(positions, sequenceNumberOf, -1);
  return {
    sequenceId: sequence.id,
    customer: sequence.customer,
    revision: sequence.callOffRevision,
    config: { ...DEFAULT_JIS_CONFIG, ...config },
    positions,
    cursor: firstOpenFrom(positions, 0),
    mode: 'ready',
    lastMismatch: null,
    pulledAhead: null,
    acknowledgedGaps: [],
    breaks: [],
    alerts: [],
    racks: [],
    openRackId: null,
    lastSeq: 0,
  };
}

export function positionStatus(p: PositionState): PositionStatus {
  if (p.build) return p.build.kind;
  if (p.skipped) return 'skipped';
  return p.data.status === 'cancelled' ? 'cancelled' : 'open';
}

/** The first index ≥ `from` whose position is open (`positions.length` when none). */
export function firstOpenFrom(positions: readonly PositionState[], from: number): number {
  let i = Math.max(0, from);
  while (i < positions.length && positionStatus(positions[i] as PositionState) !== 'open') i++;
  return i;
}

/** Where the position sits in `positions`, or -1. */
export function positionIndex(state: Pick<JisState, 'positions'>, sequenceNumber: number): number {
  return indexOfKey(state.positions, sequenceNumberOf, sequenceNumber);
}

export function findPosition(state: Pick<JisState, 'positions'>, sequenceNumber: number): PositionState | undefined {
  return state.positions[positionIndex(state, sequenceNumber)];
}

/** The first open position in sequence order (the cursor's), ignoring a pull-ahead. */
function firstOpen(state: JisState): PositionState | undefined {
  return state.positions[state.cursor];
}

export function currentPosition(state: JisState): PositionState | undefined {
  if (state.pulledAhead !== null) {
    const ahead = findPosition(state, state.pulledAhead);
    if (ahead && positionStatus(ahead) === 'open') return ahead;
  }
  return firstOpen(state);
}

/** Whether a position other than `sequenceNumber` is still open. */
export function anotherOpen(state: JisState, sequenceNumber: number): boolean {
  const first = firstOpen(state);
  if (!first) return false;
  if (first.data.sequenceNumber !== sequenceNumber) return true;
  return firstOpenFrom(state.positions, state.cursor + 1) < state.positions.length;
}

/** The open positions after the current one, for the pearl chain. */
export function nextPositions(state: JisState, count: number): PositionState[] {
  const current = currentPosition(state);
  const out: PositionState[] = [];
  for (let i = state.cursor; i < state.positions.length && out.length < count; i++) {
    const p = state.positions[i] as PositionState;
    if (p !== current && positionStatus(p) === 'open') out.push(p);
  }
  return out;
}

export interface SequenceGap {
  readonly from: number;
  readonly to: number;
  readonly before: number;
}

export const gapKey = (gap: { from: number; to: number }) => `${gap.from}-${gap.to}`;

/** Missing sequence numbers between known positions (a cancelled position is known, not missing). */
export function findGaps(state: JisState): SequenceGap[] {
  const gaps: SequenceGap[] = [];
  for (let i = 1; i < state.positions.length; i++) {
    const previous = state.positions[i - 1]?.data.sequenceNumber ?? 0;
    const number = state.positions[i]?.data.sequenceNumber ?? 0;
    if (number - previous > 1) gaps.push({ from: previous + 1, to: number - 1, before: number });
  }
  return gaps;
}

/** The gap right before the position, if the operator has not acknowledged it yet (looks at its neighbour only). */
export function unacknowledgedGapBefore(state: JisState, sequenceNumber: number): SequenceGap | undefined {
  const at = positionIndex(state, sequenceNumber);
  const previous = at > 0 ? state.positions[at - 1]?.data.sequenceNumber : undefined;
  if (previous === undefined || sequenceNumber - previous <= 1) return undefined;
  const gap = { from: previous + 1, to: sequenceNumber - 1, before: sequenceNumber };
  return state.acknowledgedGaps.includes(gapKey(gap)) ? undefined : gap;
}

const rackIdOf = (r: RackState) => r.rackId;

/** Where the rack sits in `state.racks`, or -1. */
export function rackIndex(state: JisState, rackId: string): number {
  // The open rack is nearly always the last one opened: no index needed for it.
  const last = state.racks.length - 1;
  if (last >= 0 && state.racks[last]?.rackId === rackId) return last;
  return indexOfKey(state.racks, rackIdOf, rackId);
}

export function findRack(state: JisState, rackId: string): RackState | undefined {
  return state.racks[rackIndex(state, rackId)];
}
