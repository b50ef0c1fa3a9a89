import { currentPosition, override, pullAhead, skipPosition } from '../../shared/jis';
import { approveOverride, type Approval } from '../../shared/production/override';
import { nok } from '../../shared/production/verdict';
import type { ApprovalSubject } from './approval/approval-flow';
import type { ApprovalOutcome } from './approval/approval-slice';
import type { JisKit } from './jis-kit';
import { BREAK_REASONS, OVERRIDE_REASONS, type JisActions, type JisApprovalPurpose } from './jis-state';

/**
 * What a shift lead approves on the JIS screen (badge, PIN, reason on the
 * approval layer): the wrong part kept (override), or a break in the
 * sequence (skip the current position, pull a later one ahead).
 */

type Approved = { approval: Approval; reason: string; approverName: string };

export function createJisApprovals(kit: JisKit): Pick<JisActions, 'startJisOverride' | 'startJisBreak'> {
  const { get, verdict, busy, record } = kit;

  /** Asks the approval layer; `then` runs once a shift lead approved with a reason (a lockout is said as a verdict). */
  function shiftLeadApproval(what: ApprovalSubject, reasonCodes: readonly string[], reasonLabels: string, then: (approved: Approved) => Promise<void>) {
    get().requestApproval({ what, requiredRole: 'shift-lead', reasonCodes, reasonLabels }, async (outcome: ApprovalOutcome) => {
      if (!outcome.ok) {
        if (outcome.cause === 'locked-out') verdict('nok', 'approval-locked-out', { minutes: outcome.minutes });
        return;
      }
      const reason = outcome.reason ?? '';
      const approved = approveOverride({ approver: { id: outcome.approver.id, role: outcome.approver.role }, pinVerified: true, reason });
      if (!approved.ok) {
        verdict('nok', approved.reason.code, approved.reason.params as Record<string, unknown>);
        return;
      }
      await then({ approval: approved.approval, reason, approverName: outcome.approver.name });
    });
  }

  /** The approved break: the engine's SequenceBreak event, then the chain shows it. */
  async function recordBreak(purpose: Exclude<JisApprovalPurpose, { kind: 'override' }>, approved: Approved) {
    await busy(async () => {
      const jis = get().jis;
      if (!jis) return;
      const current = currentPosition(jis)?.data.sequenceNumber;
      // The current position moved on meanwhile (another scan): skip only the one the shift lead saw.
      const result =
        purpose.kind === 'skip'
          ? current === purpose.sequenceNumber
            ? skipPosition(jis, approved.approval, approved.reason)
            : nok('position-not-current', 'The current position changed; start again.', { sequenceNumber: purpose.sequenceNumber })
          : pullAhead(jis, purpose.sequenceNumber, approved.approval, approved.reason);
      if (!result.ok) {
        verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
        return;
      }
      if (!(await record(result.events))) return;
      verdict('warn', purpose.kind === 'skip' ? 'skipped' : 'pulled-ahead', { sequenceNumber: result.sequenceNumber, approver: approved.approverName });
    });
  }

  return {
    startJisOverride() {
      const mismatch = get().jis?.lastMismatch;
      if (!mismatch) return;
      const what = { kind: 'jis-override', built: mismatch.scanned, expected: mismatch.expected, sequenceNumber: mismatch.sequenceNumber } as const;
      shiftLeadApproval(what, OVERRIDE_REASONS, 'jis.override.reasons', async (approved) => {
        await busy(async () => {
          const jis = get().jis;
          if (!jis) return;
          const result = override(jis, approved.approval, approved.reason);
          if (!result.ok) {
            verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
            return;
          }
          if (!(await record(result.events))) return;
          verdict('ok', 'overridden', { sequenceNumber: result.sequenceNumber, approver: approved.approverName, rackId: result.rackId, slot: result.slot });
          kit.afterPlacement(result.closedRackId);
        });
      });
    },

    startJisBreak(kind, sequenceNumber) {
      const jis = get().jis;
      if (!jis || get().approvalFlow.step !== 'idle' || jis.mode === 'awaiting-ack') return;
      const target = kind === 'skip' ? currentPosition(jis)?.data.sequenceNumber : sequenceNumber;
      if (target === undefined) return;
      shiftLeadApproval({ kind: kind === 'skip' ? 'jis-skip' : 'jis-pull-ahead', sequenceNumber: target }, BREAK_REASONS, 'jis.break.reasons', (approved) =>
        recordBreak({ kind, sequenceNumber: target }, approved),
      );
    },
  };
}
