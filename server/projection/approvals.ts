import type { Transaction } from 'kysely';
import type { EventEnvelope } from '../../shared/events';
import { Operator, roleRequiresPin } from '../../shared/master-data';
import type { Database } from '../db/schema';
import type { QualityFlagsTable } from '../db/projection-schema';
import { utc, type ProjectionContext } from './plan';

/**
 * Every override carries the operator id of the approver whose badge and PIN
 * the terminal checked. The terminal's check runs on a machine the plant does
 * not fully control, so the server checks the claim against its own master
 * data when the event arrives: the approver must exist, hold an approving
 * role with a PIN, and be allowed on the terminal's line. A claim that fails
 * is a `forged-approval` flag; the fact itself is stored like any other.
 */

export const APPROVAL_EVENT_TYPES = ['ScrapApproved', 'SequenceOverride', 'SequenceBreak', 'BlockedBatchOverridden', 'GoodQuantityCorrected'] as const;

export function approverOf(event: Pick<EventEnvelope, 'type' | 'payload'>): string | undefined {
  if (!(APPROVAL_EVENT_TYPES as readonly string[]).includes(event.type)) return undefined;
  const approvedBy = (event.payload as { approvedBy?: unknown }).approvedBy;
  return typeof approvedBy === 'string' ? approvedBy : undefined;
}

/** Why the approver could not have approved on this terminal, or undefined when they could. */
export function approvalProblem(approver: Operator | undefined, approverId: string, lineId: string): string | undefined {
  if (!approver) return `approver ${approverId} is not an operator in master data`;
  if (!roleRequiresPin(approver.role)) return `approver ${approverId} has role ${approver.role}, which may not approve`;
  if (!approver.pinHash) return `approver ${approverId} has no PIN, so no terminal can have checked one`;
  if (!approver.lineIds.includes(lineId)) return `approver ${approverId} is not allowed on line ${lineId}`;
  return undefined;
}

export async function forgedApprovalFlags(trx: Transaction<Database>, ctx: ProjectionContext, events: readonly EventEnvelope[]): Promise<QualityFlagsTable[]> {
  const claims = events.flatMap((event) => {
    const approverId = approverOf(event);
    return approverId ? [{ event, approverId }] : [];
  });
  if (claims.length === 0) return [];
  const ids = [...new Set(claims.map((c) => c.approverId))].sort();
  const rows = await trx.selectFrom('master_data').select(['id', 'data']).where('kind', '=', 'operator').where('deleted', '=', 0).where('id', 'in', ids).execute();
  const operators = new Map<string, Operator>();
  for (const row of rows) {
    const parsed = Operator.safeParse(JSON.parse(row.data ?? 'null'));
    if (parsed.success) operators.set(row.id, parsed.data);
  }
  const flags: QualityFlagsTable[] = [];
  for (const { event, approverId } of claims) {
    const problem = approvalProblem(operators.get(approverId), approverId, ctx.lineId);
    if (!problem) continue;
    flags.push({
      event_id: event.id.toLowerCase(),
      kind: 'forged-approval',
      terminal_id: event.terminalId,
      seq: event.seq,
      type: event.type,
      order_id: event.orderId ?? null,
      material_id: null,
      batch: null,
      message: `terminal ${event.terminalId} sent ${event.type} seq ${event.seq} approved by ${approverId}, but ${problem}`,
      occurred_at: utc(event.occurredAt),
    });
  }
  return flags;
}
