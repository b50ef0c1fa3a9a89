import type { Approval } from '../production/override';
import { accept, nok, type Verdict } from '../production/verdict';
import { currentPosition, findPosition, positionStatus, type JisState } from './state';

/**
 * Breaks: a deliberate deviation from the customer's order, always
 * recorded with a reason and a shift lead's approval, never a silent drop.
 * Skipped: the current position is not built now (e.g. a quality hold).
 * Pulled ahead: a later position is built next; the positions passed over
 * stay open and come back as the current position afterwards.
 */

function reasonOf(approval: Approval, reason: string | undefined): string {
  return (reason ?? approval.reason).trim();
}

export function skipPosition(state: JisState, approval: Approval, reason?: string): Verdict<{ sequenceNumber: number }> {
  const position = currentPosition(state);
  if (!position) return nok('sequence-complete', 'No open positions are left in this sequence.', { sequenceId: state.sequenceId });
  const why = reasonOf(approval, reason);
  if (why === '') return nok('break-reason-required', 'A break needs a reason.', {});
  const n = position.data.sequenceNumber;
  return accept(
    [{ type: 'SequenceBreak', payload: { sequenceId: state.sequenceId, sequenceNumber: n, kind: 'skipped', reason: why, approvedBy: approval.approvedBy } }],
    { sequenceNumber: n },
  );
}

export function pullAhead(state: JisState, sequenceNumber: number, approval: Approval, reason?: string): Verdict<{ sequenceNumber: number }> {
  if (state.mode === 'awaiting-ack') return nok('awaiting-ack', 'Acknowledge the wrong part first.', {});
  const pending = state.pulledAhead !== null ? findPosition(state, state.pulledAhead) : undefined;
  if (pending && positionStatus(pending) === 'open') {
    return nok('pull-ahead-pending', `Position ${state.pulledAhead} is pulled ahead already; build it first.`, { sequenceNumber: state.pulledAhead });
  }
  const position = findPosition(state, sequenceNumber);
  if (!position || positionStatus(position) !== 'open') {
    return nok('position-not-open', `Position ${sequenceNumber} is not open.`, { sequenceNumber });
  }
  const current = currentPosition(state);
  if (!current || sequenceNumber <= current.data.sequenceNumber) {
    return nok('position-not-ahead', `Position ${sequenceNumber} is not ahead of the current position.`, { sequenceNumber });
  }
  const why = reasonOf(approval, reason);
  if (why === '') return nok('break-reason-required', 'A break needs a reason.', {});
  return accept(
    [{ type: 'SequenceBreak', payload: { sequenceId: state.sequenceId, sequenceNumber, kind: 'pulled-ahead', reason: why, approvedBy: approval.approvedBy } }],
    { sequenceNumber },
  );
}
