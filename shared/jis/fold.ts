import { parseEvent, type EventEnvelope, type PayloadOf, type PositionData } from '../events';
import { inBatch, replaceAt } from './position-index';
import { findRack, firstOpenFrom, gapKey, positionIndex, rackIndex, type Build, type JisAlert, type JisState, type PositionState, type RackState } from './state';

/**
 * The sequence engine's fold: a JIS event applied to the state of its
 * sequence (state.ts holds the state and the questions asked of it). Pure;
 * the terminal and the server fold the same events to the same state.
 */

/** One position changed; the cursor moves on when the first open one resolved. O(1) apart from the array copy. */
function updatePosition(state: JisState, sequenceNumber: number, update: (p: PositionState) => PositionState): JisState {
  const at = positionIndex(state, sequenceNumber);
  const before = state.positions[at];
  if (!before) return state;
  const positions = replaceAt(state.positions, at, update(before));
  const cursor = at === state.cursor ? firstOpenFrom(positions, at) : state.cursor;
  return { ...state, positions, cursor };
}

function updateRack(state: JisState, rackId: string, update: (r: RackState) => RackState): JisState {
  const at = rackIndex(state, rackId);
  const before = state.racks[at];
  return before ? { ...state, racks: replaceAt(state.racks, at, update(before)) } : state;
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

/** The journal's event types the sequence engine folds. */
export const JIS_EVENT_TYPES: ReadonlySet<string> = new Set([
  'SequencePartVerified',
  'SequenceMismatch',
  'SequenceMismatchAcknowledged',
  'SequenceOverride',
  'SequenceBreak',
  'SequenceGapAcknowledged',
  'SequenceRevisionApplied',
  'RackOpened',
  'RackSlotFilled',
  'RackClosed',
  'RackChecked',
]);

/** The sequence a JIS event belongs to (every JIS payload names it), or undefined for any other event. */
export function jisSequenceOf(event: EventEnvelope): string | undefined {
  const id = event.payload['sequenceId'];
  return JIS_EVENT_TYPES.has(event.type) && typeof id === 'string' ? id : undefined;
}

export function applyJisEvent(state: JisState, raw: EventEnvelope): JisState {
  // Events of other sequences on the same terminal leave this one alone, its lastSeq included:
  // the state is then the same whether it was folded from the whole journal or from its own events.
  if (raw.payload['sequenceId'] !== state.sequenceId) return state;
  const next = { ...state, lastSeq: Math.max(state.lastSeq, raw.seq) };
  // A payload its schema rejects moves only lastSeq: a malformed fact must not corrupt the sequence.
  const event = JIS_EVENT_TYPES.has(raw.type) ? parseEvent(raw) : null;
  if (!event) return next;
  switch (event.type) {
    case 'SequencePartVerified': {
      const p = event.payload;
      const build: Build = { kind: 'verified', part: p.customerPartNumber, ...(p.serial !== undefined ? { serial: p.serial } : {}) };
      return resolved(updatePosition(next, p.sequenceNumber, (pos) => ({ ...pos, build })), p.sequenceNumber);
    }
    case 'SequenceMismatch': {
      const p = event.payload;
      return { ...next, mode: 'awaiting-ack', lastMismatch: { sequenceNumber: p.sequenceNumber, expected: p.expected, scanned: p.scanned } };
    }
    case 'SequenceMismatchAcknowledged':
      return { ...next, mode: 'ready' };
    case 'SequenceOverride': {
      const p = event.payload;
      const part = next.lastMismatch?.sequenceNumber === p.sequenceNumber ? next.lastMismatch.scanned : '';
      const build: Build = { kind: 'overridden', part, approvedBy: p.approvedBy, reason: p.reason };
      return resolved(updatePosition(next, p.sequenceNumber, (pos) => ({ ...pos, build })), p.sequenceNumber);
    }
    case 'SequenceBreak': {
      const p = event.payload;
      const withBreak = { ...next, breaks: [...next.breaks, { sequenceNumber: p.sequenceNumber, kind: p.kind, reason: p.reason, approvedBy: p.approvedBy }] };
      if (p.kind === 'pulled-ahead') return { ...withBreak, pulledAhead: p.sequenceNumber };
      const skipped = { reason: p.reason, approvedBy: p.approvedBy };
      return resolved(updatePosition(withBreak, p.sequenceNumber, (pos) => ({ ...pos, skipped })), p.sequenceNumber);
    }
    case 'SequenceGapAcknowledged':
      return { ...next, acknowledgedGaps: [...next.acknowledgedGaps, gapKey(event.payload)] };
    case 'SequenceRevisionApplied':
      return applyRevision(next, event.payload);
    case 'RackOpened': {
      const p = event.payload;
      if (findRack(next, p.rackId)) return next;
      const rack: RackState = { rackId: p.rackId, slots: p.slots, filled: [], status: 'open', check: 'pending' };
      return { ...next, racks: [...next.racks, rack], openRackId: p.rackId };
    }
    case 'RackSlotFilled': {
      const p = event.payload;
      const filled = updateRack(next, p.rackId, (r) => ({ ...r, filled: [...r.filled, { slot: p.slot, sequenceNumber: p.sequenceNumber }] }));
      return updatePosition(filled, p.sequenceNumber, (pos) => ({ ...pos, rackSlot: { rackId: p.rackId, slot: p.slot } }));
    }
    case 'RackClosed': {
      const p = event.payload;
      const closed = updateRack(next, p.rackId, (r) => ({ ...r, status: 'closed' }));
      return closed.openRackId === p.rackId ? { ...closed, openRackId: null } : closed;
    }
    case 'RackChecked': {
      const p = event.payload;
      return updateRack(next, p.rackId, (r) => ({ ...r, check: p.result }));
    }
    default:
      return next;
  }
}

function applyRevision(state: JisState, p: PayloadOf<'SequenceRevisionApplied'>): JisState {
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
  // Revisions are rare and may add or cancel anywhere: the cursor is found again.
  return { ...state, revision: p.toRevision, positions, cursor: firstOpenFrom(positions, 0), alerts: [...state.alerts, ...alerts] };
}

export function foldJisEvents(state: JisState, events: readonly EventEnvelope[]): JisState {
  // One batch: the intermediate states are never seen outside, so their arrays are reused (position-index.ts).
  return inBatch(() => events.reduce(applyJisEvent, state));
}
