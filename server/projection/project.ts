import type { Transaction } from 'kysely';
import type { EventEnvelope } from '../../shared/events';
import type { Database } from '../db/schema';
import { recordDispatches } from '../edi/dispatches';
import { applyPlan } from './apply';
import { forgedApprovalFlags } from './approvals';
import { confirmCompletedOrders } from './erp';
import { linesOfOrders, splitByOrderLine } from './order-scope';
import { planProjection, type ProjectionContext } from './plan';

/**
 * Projects events that were just inserted (never a resent copy: the caller
 * passes only rows its INSERT … ON CONFLICT DO NOTHING actually wrote) into
 * order progress, genealogy, quality flags and ERP confirmations, inside the
 * push transaction: the record and its projections commit together. Events
 * about another line's (or an unknown) order are only flagged; an override
 * whose approver could not have approved is flagged as forged.
 */
export async function projectEvents(trx: Transaction<Database>, context: ProjectionContext, inserted: readonly EventEnvelope[]): Promise<void> {
  if (inserted.length === 0) return;
  const { projectable, flags } = splitByOrderLine(inserted, context, await linesOfOrders(trx, inserted));
  const plan = planProjection(projectable, context);
  plan.flags.push(...flags, ...(await forgedApprovalFlags(trx, context, inserted)));
  await applyPlan(trx, plan);
  await confirmCompletedOrders(trx, plan.orders.keys());
  await recordDispatches(trx, inserted);
}
