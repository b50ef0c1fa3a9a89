import type { ParseResult } from '../barcode';
import { accept, nok, type DomainEvent, type Verdict } from '../production/verdict';
import { describePart, matchesPosition, readPartLabel, type PartIdentity } from './part-label';
import { anotherOpen, findPosition, findRack, type JisState, type RackState } from './state';

/**
 * JIS racks: N slots, filled in build order; each built part takes
 * the next free slot of the open rack, so a slot is never used twice. A full
 * rack closes (its label must print) and the next opens while open positions
 * remain. Rack ids are derived (`<sequence>-R<n>`), so replay is deterministic.
 * Before goods-out the rack label is scanned and, where configured, each slot.
 */

export interface RackPlacement {
  readonly events: DomainEvent[];
  readonly rackId: string;
  readonly slot: number;
  /** The rack this placement filled up; its label must print. */
  readonly closedRackId: string | null;
}

export const rackIdFor = (state: JisState, n: number) => `${state.sequenceId}-R${n}`;

function openRackEvent(state: JisState, rackId: string): DomainEvent {
  return { type: 'RackOpened', payload: { rackId, sequenceId: state.sequenceId, slots: state.config.rackSlots } };
}

/** The rack events for building `sequenceNumber` now; call after the position's own event. */
export function placeInRack(state: JisState, sequenceNumber: number): RackPlacement {
  const events: DomainEvent[] = [];
  let rack: Pick<RackState, 'rackId' | 'slots' | 'filled'> | undefined = state.openRackId !== null ? findRack(state, state.openRackId) : undefined;
  let racksOpened = state.racks.length;
  if (!rack || rack.filled.length >= rack.slots) {
    const rackId = rackIdFor(state, ++racksOpened);
    events.push(openRackEvent(state, rackId));
    rack = { rackId, slots: state.config.rackSlots, filled: [] };
  }
  const slot = rack.filled.length + 1;
  events.push({ type: 'RackSlotFilled', payload: { rackId: rack.rackId, sequenceId: state.sequenceId, slot, sequenceNumber } });
  let closedRackId: string | null = null;
  if (slot >= rack.slots) {
    events.push({ type: 'RackClosed', payload: { rackId: rack.rackId, sequenceId: state.sequenceId, filledSlots: slot } });
    closedRackId = rack.rackId;
    if (anotherOpen(state, sequenceNumber)) events.push(openRackEvent(state, rackIdFor(state, ++racksOpened)));
  }
  return { events, rackId: rack.rackId, slot, closedRackId };
}

/** Partial close on demand (end of the call-off, shift end). */
export function closeRack(state: JisState): Verdict<{ rackLabelRequired: boolean; rackId: string }> {
  const rack = state.openRackId !== null ? findRack(state, state.openRackId) : undefined;
  if (!rack) return nok('no-open-rack', 'There is no open rack.', { sequenceId: state.sequenceId });
  return accept([{ type: 'RackClosed', payload: { rackId: rack.rackId, sequenceId: state.sequenceId, filledSlots: rack.filled.length } }], {
    rackLabelRequired: rack.filled.length > 0,
    rackId: rack.rackId,
  });
}

/** An unfinished final check: which rack, and the slot to scan next. Transient (restart the check after a reload). */
export interface RackCheckSession {
  readonly rackId: string;
  readonly nextIndex: number;
}

const LABEL_FIELDS = ['licensePlate', 'packageId', 'returnableAsset', 'assetId'] as const;

function rackLabelOf(scan: ParseResult | string): string[] {
  if (typeof scan === 'string') return [scan.trim()];
  if (!scan.ok) return [];
  return [scan.text, ...LABEL_FIELDS.map((f) => scan.fields[f]).filter((v): v is string => v !== undefined)];
}

function checked(state: JisState, rackId: string, result: 'passed' | 'failed', slotsRechecked: number, failedSlot?: number): DomainEvent {
  return {
    type: 'RackChecked',
    payload: { rackId, sequenceId: state.sequenceId, result, slotsRechecked, ...(failedSlot !== undefined ? { failedSlot } : {}) },
  };
}

export type RackCheckVerdict = Verdict<{ session: RackCheckSession | null; passed: boolean }>;

export function beginRackCheck(state: JisState, rackLabel: ParseResult | string): RackCheckVerdict {
  const texts = rackLabelOf(rackLabel);
  const rack = state.racks.find((r) => texts.includes(r.rackId));
  if (!rack) return nok('rack-unknown', 'This is not the label of a rack of this sequence.', { scanned: texts[0] ?? '' });
  if (rack.status !== 'closed') return nok('rack-not-closed', `Rack ${rack.rackId} is still open; close it first.`, { rackId: rack.rackId });
  if (rack.check === 'passed') return nok('rack-already-checked', `Rack ${rack.rackId} has passed its check.`, { rackId: rack.rackId });
  if (!state.config.recheckSlots || rack.filled.length === 0) {
    return accept([checked(state, rack.rackId, 'passed', 0)], { session: null, passed: true });
  }
  return accept([], { session: { rackId: rack.rackId, nextIndex: 0 }, passed: false });
}

/** What the part in a slot must be: the position's part, or for an override the part accepted then. */
function slotAccepts(state: JisState, sequenceNumber: number, part: PartIdentity): boolean {
  const position = findPosition(state, sequenceNumber);
  if (!position?.build) return false;
  if (position.build.kind === 'overridden') return describePart(part).toUpperCase() === position.build.part.toUpperCase();
  return matchesPosition(part, position.data);
}

export function checkRackSlot(state: JisState, session: RackCheckSession, scan: ParseResult | PartIdentity): RackCheckVerdict {
  const rack = findRack(state, session.rackId);
  const entry = rack?.filled[session.nextIndex];
  if (!rack || !entry) return nok('rack-check-not-running', 'Scan the rack label to start the check.', { rackId: session.rackId });
  const part = readPartLabel(scan, state.config.partLabel);
  if (!part) return nok('part-label-unreadable', 'This label names no part number.', {});
  if (!slotAccepts(state, entry.sequenceNumber, part)) {
    return nok(
      'rack-slot-mismatch',
      `Slot ${entry.slot} holds the wrong part; the rack must not leave.`,
      { rackId: rack.rackId, slot: entry.slot, sequenceNumber: entry.sequenceNumber, scanned: describePart(part) },
      [checked(state, rack.rackId, 'failed', session.nextIndex + 1, entry.slot)],
    );
  }
  const nextIndex = session.nextIndex + 1;
  if (nextIndex < rack.filled.length) return accept([], { session: { rackId: rack.rackId, nextIndex }, passed: false });
  return accept([checked(state, rack.rackId, 'passed', rack.filled.length)], { session: null, passed: true });
}

export function readyForGoodsOut(state: JisState, rackId: string): boolean {
  const rack = findRack(state, rackId);
  return rack?.status === 'closed' && rack.check === 'passed';
}
