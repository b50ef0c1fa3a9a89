import type { ShiftLeadPurpose } from '../../state/workflow-counts';

/** What the approval layer says is being approved: title and badge hint keys with their numbers. */
export function shiftLeadWords(purpose: ShiftLeadPurpose): { title: string; hint: string; params: Record<string, string | number> } {
  if (purpose.kind === 'blocked-batch') {
    return { title: 'counts.blocked.approvalTitle', hint: 'counts.blocked.approvalHint', params: { batch: purpose.batch, reason: purpose.reason } };
  }
  const delta = purpose.delta > 0 ? `+${purpose.delta}` : String(purpose.delta);
  return { title: 'counts.correct.approvalTitle', hint: 'counts.correct.approvalHint', params: { booked: purpose.booked, correctedTo: purpose.correctedTo, delta } };
}
