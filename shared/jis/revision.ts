import type { JisSequence } from '../master-data';
import { accept, nok, type Reason, type Verdict } from '../production/verdict';
import { describePart } from './part-label';
import { positionStatus, toPositionData, type JisState, type PositionData } from './state';

/**
 * A newer call-off revision. A revision is the whole call-off as the
 * customer now wants it: positions it adds, changes or marks cancelled are
 * applied; a position it no longer lists is kept (a rolling call-off drops
 * old numbers; dropping them here would lose work silently). A built
 * position that changes or is cancelled raises `built-position-changed`.
 */

const SAME_KEYS = ['vehicleNumber', 'customerPartNumber', 'variant', 'quantity', 'dueTime', 'unloadingPoint', 'rack', 'slot', 'status'] as const;

function same(a: PositionData, b: PositionData): boolean {
  return SAME_KEYS.every((k) => a[k] === b[k]);
}

export type RevisionVerdict = Verdict<{ alerts: Reason[]; added: number[]; changed: number[]; cancelled: number[] }>;

export function applyCallOffRevision(state: JisState, sequence: JisSequence): RevisionVerdict {
  if (sequence.id !== state.sequenceId) {
    return nok('call-off-other-sequence', 'This call-off belongs to another sequence.', { expected: state.sequenceId, received: sequence.id });
  }
  if (sequence.callOffRevision <= state.revision) {
    return nok('call-off-not-newer', `Revision ${sequence.callOffRevision} is not newer than ${state.revision}.`, {
      current: state.revision,
      received: sequence.callOffRevision,
    });
  }
  const current = new Map(state.positions.map((p) => [p.data.sequenceNumber, p]));
  const incoming = new Map(sequence.positions.map((p) => [p.sequenceNumber, toPositionData(p)]));
  const added: PositionData[] = [];
  const changed: PositionData[] = [];
  const cancelled: number[] = [];
  const builtChanged: number[] = [];
  const alerts: Reason[] = [];
  for (const [n, data] of [...incoming].sort(([a], [b]) => a - b)) {
    const before = current.get(n);
    if (!before) {
      added.push(data);
      continue;
    }
    if (same(before.data, data)) continue;
    const cancelling = data.status === 'cancelled' && before.data.status !== 'cancelled';
    const otherwiseSame = same(before.data, { ...data, status: before.data.status });
    if (cancelling) cancelled.push(n);
    if (!(cancelling && otherwiseSame)) changed.push(data);
    const status = positionStatus(before);
    if (status === 'verified' || status === 'overridden') {
      builtChanged.push(n);
      alerts.push({
        code: 'built-position-changed',
        message: `Position ${n} was already built and has changed: ${describePart(before.data)} → ${cancelling ? 'cancelled' : describePart(data)}.`,
        params: { sequenceNumber: n, before: describePart(before.data), after: describePart(data), cancelled: cancelling, rackSlot: before.rackSlot },
      });
    }
  }
  return accept(
    [
      {
        type: 'SequenceRevisionApplied',
        payload: { sequenceId: state.sequenceId, fromRevision: state.revision, toRevision: sequence.callOffRevision, added, changed, cancelled, builtChanged },
      },
    ],
    { alerts, added: added.map((d) => d.sequenceNumber), changed: changed.map((d) => d.sequenceNumber), cancelled },
  );
}
