import type { z } from 'zod';
import { SequenceMismatchPayload, SequenceOverridePayload, SequencePartVerifiedPayload } from '../event-payloads';
import type { EventEnvelope } from '../events';
import type { JisSequence } from '../master-data';
import { WORKFLOW_EVENT_PAYLOADS } from '../workflow-event-payloads';
import { DEFAULT_PART_LABEL, type PartLabelConfig } from './part-label';

/**
 * The sequence engine's state (issue 9): the cached call-off plus a fold over
 * the terminal's sequence events. The current position is the first open one
 * in sequence order, unless a position was pulled ahead. Nothing leaves the
 * open set without an event: verified, overridden, skipped (a break) or
 * cancelled by a recorded call-off revision.
 */

export interface JisConfig {
  /** Slots per rack. */
  readonly rackSlots: number;
  /** The final check scans every slot again, not only the rack label. */
  readonly recheckSlots: boolean;
  readonly partLabel: PartLabelConfig;
}

export const DEFAULT_JIS_CONFIG: JisConfig = { rackSlots: 10, recheckSlots: false, partLabel: DEFAULT_PART_LABEL };

export type PositionData = z.infer<typeof WORKFLOW_EVENT_PAYLOADS.SequenceRevisionApplied>['added'][number];

export interface Build {
  readonly kind: 'verified' | 'overridden';
  /** The part as scanned (`describePart`); for an override, the part that was accepted anyway. */
  readonly part: string;
  readonly serial?: string;
  readonly approvedBy?: string;
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
  readonly mode: 'ready' | 'awaiting-ack';
  /** The last wrong scan at a position; an override accepts exactly this part. */
  readonly lastMismatch: { readonly sequenceNumber: number; readonly expected: string; readonly scanned: string } | null;
  readonly pulledAhead: number | null;
  readonly acknowledgedGaps: readonly string[];
  readonly breaks: readonly SequenceBreakRecord[];
  readonly alerts: readonly JisAlert[];
  readonly racks: readonly RackState[];
  readonly openRackId: string | null;
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

function sortedUnique(data: readonly PositionData[]): PositionData[] {
  // A call-off naming a number twice: the later entry wins, as it would in a revision.
  const byNumber = new Map<number, PositionData>();
  for (const d of data) byNumber.set(d.sequenceNumber, d);
  return [...byNumber.values()].sort((a, b) => a.sequenceNumber - b.sequenceNumber);
}

export function createJisState(sequence: JisSequence, config: Partial<JisConfig> = {}): JisState {
  return {
    sequenceId: sequence.id,
    customer: sequence.customer,
    revision: sequence.callOffRevision,
    config: { ...DEFAULT_JIS_CONFIG, ...config },
    positions: sortedUnique(sequence.positions.map(toPositionData)).map((data) => ({
      data,
      build: null,
      skipped: null,
      rackSlot: null,
      changedAfterBuild: false,
    })),
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

export function findPosition(state: JisState, sequenceNumber: number): PositionState | undefined {
  return state.positions.find((p) => p.data.sequenceNumber === sequenceNumber);
}

export function currentPosition(state: JisState): PositionState | undefined {
  if (state.pulledAhead !== null) {
    const ahead = findPosition(state, state.pulledAhead);
    if (ahead && positionStatus(ahead) === 'open') return ahead;
  }
  return state.positions.find((p) => positionStatus(p) === 'open');
}

/** The open positions after the current one, for the pearl chain. */
export function nextPositions(state: JisState, count: number): PositionState[] {
  const current = currentPosition(state);
  return state.positions.filter((p) => p !== current && positionStatus(p) === 'open').slice(0, count);
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

/** The gap right before the position, if the operator has not acknowledged it yet. */
export function unacknowledgedGapBefore(state: JisState, sequenceNumber: number): SequenceGap | undefined {
  const gap = findGaps(state).find((g) => g.before === sequenceNumber);
  return gap && !state.acknowledgedGaps.includes(gapKey(gap)) ? gap : undefined;
}

export function findRack(state: JisState, rackId: string): RackState | undefined {
  return state.racks.find((r) => r.rackId === rackId);
}

// ---- the fold ----

function parse<S extends z.ZodType>(schema: S, event: EventEnvelope): z.infer<S> | undefined {
  const parsed = schema.safeParse(event.payload);
  return parsed.success ? parsed.data : undefined;
}

function updatePosition(state: JisState, sequenceNumber: number, update: (p: PositionState) => PositionState): JisState {
  return { ...state, positions: state.positions.map((p) => (p.data.sequenceNumber === sequenceNumber ? update(p) : p)) };
}

function updateRack(state: JisState, rackId: string, update: (r: RackState) => RackState): JisState {
  return { ...state, racks: state.racks.map((r) => (r.rackId === rackId ? update(r) : r)) };
}

/** Leaves a resolved position: the block, the mismatch and a pull-ahead on it end with it. */
function resolved(state: JisState, sequenceNumber: number): JisState {
  const mismatchHere = state.lastMismatch?.sequenceNumber === sequenceNumber;
  return {
    ...state,
    mode: mismatchHere ? 'ready' : state.mode,
    lastMismatch: mismatchHere ? null : state.lastMismatch,
    pulledAhead: state.pulledAhead === sequenceNumber ? null : state.pulledAhead,
  };
}

const W = WORKFLOW_EVENT_PAYLOADS;

export function applyJisEvent(state: JisState, event: EventEnvelope): JisState {
  const next = { ...state, lastSeq: Math.max(state.lastSeq, event.seq) };
  // Events of other sequences on the same terminal leave this one alone.
  if (event.payload['sequenceId'] !== state.sequenceId) return next;
  switch (event.type) {
    case 'SequencePartVerified': {
      const p = parse(SequencePartVerifiedPayload, event);
      if (!p) return next;
      const build: Build = { kind: 'verified', part: p.customerPartNumber, ...(p.serial !== undefined ? { serial: p.serial } : {}) };
      return resolved(updatePosition(next, p.sequenceNumber, (pos) => ({ ...pos, build })), p.sequenceNumber);
    }
    case 'SequenceMismatch': {
      const p = parse(SequenceMismatchPayload, event);
      if (!p) return next;
      return { ...next, mode: 'awaiting-ack', lastMismatch: { sequenceNumber: p.sequenceNumber, expected: p.expected, scanned: p.scanned } };
    }
    case 'SequenceMismatchAcknowledged':
      return parse(W.SequenceMismatchAcknowledged, event) ? { ...next, mode: 'ready' } : next;
    case 'SequenceOverride': {
      const p = parse(SequenceOverridePayload, event);
      if (!p) return next;
      const part = next.lastMismatch?.sequenceNumber === p.sequenceNumber ? next.lastMismatch.scanned : '';
      const build: Build = { kind: 'overridden', part, approvedBy: p.approvedBy };
      return resolved(updatePosition(next, p.sequenceNumber, (pos) => ({ ...pos, build })), p.sequenceNumber);
    }
    case 'SequenceBreak': {
      const p = parse(W.SequenceBreak, event);
      if (!p) return next;
      const withBreak = { ...next, breaks: [...next.breaks, { sequenceNumber: p.sequenceNumber, kind: p.kind, reason: p.reason, approvedBy: p.approvedBy }] };
      if (p.kind === 'pulled-ahead') return { ...withBreak, pulledAhead: p.sequenceNumber };
      const skipped = { reason: p.reason, approvedBy: p.approvedBy };
      return resolved(updatePosition(withBreak, p.sequenceNumber, (pos) => ({ ...pos, skipped })), p.sequenceNumber);
    }
    case 'SequenceGapAcknowledged': {
      const p = parse(W.SequenceGapAcknowledged, event);
      return p ? { ...next, acknowledgedGaps: [...next.acknowledgedGaps, gapKey(p)] } : next;
    }
    case 'SequenceRevisionApplied': {
      const p = parse(W.SequenceRevisionApplied, event);
      return p ? applyRevision(next, p) : next;
    }
    case 'RackOpened': {
      const p = parse(W.RackOpened, event);
      if (!p || findRack(next, p.rackId)) return next;
      const rack: RackState = { rackId: p.rackId, slots: p.slots, filled: [], status: 'open', check: 'pending' };
      return { ...next, racks: [...next.racks, rack], openRackId: p.rackId };
    }
    case 'RackSlotFilled': {
      const p = parse(W.RackSlotFilled, event);
      if (!p) return next;
      const filled = updateRack(next, p.rackId, (r) => ({ ...r, filled: [...r.filled, { slot: p.slot, sequenceNumber: p.sequenceNumber }] }));
      return updatePosition(filled, p.sequenceNumber, (pos) => ({ ...pos, rackSlot: { rackId: p.rackId, slot: p.slot } }));
    }
    case 'RackClosed': {
      const p = parse(W.RackClosed, event);
      if (!p) return next;
      const closed = updateRack(next, p.rackId, (r) => ({ ...r, status: 'closed' }));
      return closed.openRackId === p.rackId ? { ...closed, openRackId: null } : closed;
    }
    case 'RackChecked': {
      const p = parse(W.RackChecked, event);
      return p ? updateRack(next, p.rackId, (r) => ({ ...r, check: p.result })) : next;
    }
    default:
      return next;
  }
}

function applyRevision(state: JisState, p: z.infer<typeof W.SequenceRevisionApplied>): JisState {
  const incoming = new Map<number, PositionData>([...p.added, ...p.changed].map((d) => [d.sequenceNumber, d]));
  const cancelled = new Set(p.cancelled);
  const builtChanged = new Set(p.builtChanged);
  const kept = state.positions.map((pos) => {
    const n = pos.data.sequenceNumber;
    let data = incoming.get(n) ?? pos.data;
    incoming.delete(n);
    if (cancelled.has(n)) data = { ...data, status: 'cancelled' };
    return data === pos.data && !builtChanged.has(n) ? pos : { ...pos, data, changedAfterBuild: pos.changedAfterBuild || builtChanged.has(n) };
  });
  const added: PositionState[] = [...incoming.values()].map((data) => ({ data, build: null, skipped: null, rackSlot: null, changedAfterBuild: false }));
  const positions = [...kept, ...added].sort((a, b) => a.data.sequenceNumber - b.data.sequenceNumber);
  const alerts: JisAlert[] = p.builtChanged.map((n) => ({ code: 'built-position-changed', params: { sequenceNumber: n, revision: p.toRevision } }));
  return { ...state, revision: p.toRevision, positions, alerts: [...state.alerts, ...alerts] };
}

export function foldJisEvents(state: JisState, events: readonly EventEnvelope[]): JisState {
  return events.reduce(applyJisEvent, state);
}
