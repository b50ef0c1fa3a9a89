import type { Transaction } from 'kysely';
import type { EventEnvelope } from '../../shared/events';
import type { Database } from '../db/schema';
import type { QualityFlagsTable } from '../db/projection-schema';
import { recordDispatches } from '../edi/dispatches';
import { containersTouched, publishDockContainers } from '../shipping/dock-feed';
import { applyPlan } from './apply';
import { forgedApprovalFlags } from './approvals';
import { confirmCompletedOrders } from './erp';
import { linesOfOrders, splitByOrderLine } from './order-scope';
import { emptyPlan, planProjection, type EventChecks, type ProjectionContext } from './plan';

/**
 * Projects events that were just inserted (never a resent copy: the caller
 * passes only rows its INSERT … ON CONFLICT DO NOTHING actually wrote) into
 * order progress, genealogy, quality flags and ERP confirmations, inside the
 * push transaction: the record and its projections commit together. Events
 * about another line's (or an unknown) order are only flagged; an override
 * whose approver could not have approved is flagged as forged. The
 * containers closed or shipped are offered anew to the shipping terminals.
 */
export async function projectEvents(trx: Transaction<Database>, context: ProjectionContext, inserted: readonly EventEnvelope[]): Promise<void> {
  await projectEventGroup(trx, [{ context, events: inserted }]);
}

export interface TerminalEvents {
  context: ProjectionContext;
  events: readonly EventEnvelope[];
  /** The push route's checkEvent results (payloads parsed, defaults applied), so none is parsed twice. */
  checks?: EventChecks | undefined;
}

/**
 * The same for the events of many terminals at once (a group commit): one
 * plan for all of them, so each projection table costs one statement per
 * group. Every delta in a plan commutes, so one plan over many terminals
 * gives the rows that one plan per terminal would.
 */
export async function projectEventGroup(trx: Transaction<Database>, groups: readonly TerminalEvents[]): Promise<void> {
  const inserted = groups.flatMap((g) => g.events);
  if (inserted.length === 0) return;
  const orderLines = await linesOfOrders(trx, inserted);
  const plan = emptyPlan();
  const flags: QualityFlagsTable[] = [];
  for (const { context, events, checks } of groups) {
    if (events.length === 0) continue;
    const scoped = splitByOrderLine(events, context, orderLines);
    planProjection(scoped.projectable, context, plan, checks);
    flags.push(...scoped.flags, ...(await forgedApprovalFlags(trx, context, events)));
  }
  plan.flags.push(...flags);
  await applyPlan(trx, plan);
  await confirmCompletedOrders(trx, plan.orders.keys());
  await recordDispatches(trx, inserted);
  await publishDockContainers(trx, containersTouched(inserted));
}
