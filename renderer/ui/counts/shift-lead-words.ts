import type { ShiftLeadPurpose } from '../../state/workflow-counts';

/** What the approval layer says is being approved: title and badge hint keys with their numbers (the translations format them: `{{delta, signed}}`). */
export function shiftLeadWords(purpose: ShiftLeadPurpose): { title: string; hint: string; params: Record<string, string | number> } {
  if (purpose.kind === 'blocked-batch') {
    return { title: 'counts.blocked.approvalTitle', hint: 'counts.blocked.approvalHint', params: { batch: purpose.batch, reason: purpose.reason } };
  }
  return { title: 'counts.correct.approvalTitle', hint: 'counts.correct.approvalHint', params: { booked: purpose.booked, correctedTo: purpose.correctedTo, delta: purpose.delta } };
}
