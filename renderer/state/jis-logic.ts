import type { EventEnvelope } from '../../shared/events';
import { currentPosition, findGaps, findPosition, nextPositions, positionStatus, type JisConfig, type JisState, type PositionState } from '../../shared/jis';
import { restoreJis, type JournalSnapshot } from '../../shared/journal-snapshot';
import { renderTemplate, type LabelModel } from '../../shared/labels';
import type { RenderLabelSvg } from '../lib/label-svg';
import type { JisSequence } from '../../shared/master-data';
import type { Result } from '../../shared/errors';

/**
 * Pure helpers of the JIS screen (issue 9): the state restored from the
 * cached call-off plus the journal's Sequence and Rack events, the pearl
 * chain's rows, and the rack label model. The sequence rules themselves
 * live in shared/jis; nothing here decides OK or NOK.
 */

export { JIS_EVENT_TYPES } from '../../shared/jis';

/** The cached call-off with this terminal's recorded facts folded over it: the latest snapshot's, then the events after it. */
export function restoreJisState(sequence: JisSequence, events: readonly EventEnvelope[], config: Partial<JisConfig> = {}, snapshot: JournalSnapshot | null = null): JisState {
  return restoreJis(snapshot, sequence, events, config);
}

export type ChainStatus = ReturnType<typeof positionStatus> | 'current' | 'pulled-ahead';

export interface ChainView {
  current: PositionState | undefined;
  next: PositionState[];
  /** Done positions, newest first. */
  done: PositionState[];
  gaps: ReturnType<typeof findGaps>;
  openCount: number;
}

export function chainView(state: JisState, nextCount = 5, doneCount = 8): ChainView {
  const current = currentPosition(state);
  const done = state.positions.filter((p) => {
    const s = positionStatus(p);
    return s === 'verified' || s === 'overridden' || s === 'skipped';
  });
  return {
    current,
    next: nextPositions(state, nextCount),
    done: done.slice(-doneCount).reverse(),
    gaps: findGaps(state),
    openCount: state.positions.filter((p) => positionStatus(p) === 'open').length,
  };
}

const ascii = (s: string, max: number) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, max);

/** The data of the built-in `jis-rack` template for one rack of the state. */
export function rackLabelData(state: JisState, rackId: string) {
  const rack = state.racks.find((r) => r.rackId === rackId);
  const positions = (rack?.filled ?? [])
    .map((f) => findPosition(state, f.sequenceNumber))
    .filter((p): p is PositionState => p !== undefined)
    // The template lists positions with rising sequence numbers (a pulled-ahead part may sit earlier in the rack).
    .sort((a, b) => a.data.sequenceNumber - b.data.sequenceNumber);
  const parts = [...new Set(positions.map((p) => p.data.customerPartNumber))];
  return {
    rack: ascii(rackId, 20),
    customer: state.customer.slice(0, 40),
    unloadingPoint: ascii(positions[0]?.data.unloadingPoint ?? '', 20),
    partNumber: ascii(parts.length === 1 ? (parts[0] ?? '') : 'MIXED', 30),
    callOff: ascii(`REV ${state.revision}`, 20),
    positions: positions.map((p) => ({ sequence: p.data.sequenceNumber, vehicle: ascii(p.data.vehicleNumber, 20) })),
  };
}

export interface RackLabel {
  model: LabelModel;
  svg: string | null;
}

/** `renderSvg` is the preview's renderer, loaded on demand (renderer/lib/label-svg.ts). */
export function rackLabel(state: JisState, rackId: string, renderSvg: RenderLabelSvg): Result<RackLabel> {
  const rendered = renderTemplate('jis-rack', rackLabelData(state, rackId));
  if (!rendered.ok) return rendered;
  const svg = renderSvg(rendered.value.model);
  return { ok: true, value: { model: rendered.value.model, svg: svg.ok ? svg.value : null } };
}
