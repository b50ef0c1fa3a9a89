import { traceBatch, traceContainer, tracePart } from '../../shared/production';
import { FOLD_PAGE, readEventsAfter } from '../storage/production-loader';
import type { OrderScanCommand } from './order-scan';
import type { WorkflowKit } from './workflow-kit';
import { containerShortId } from './workflow-logic';

/**
 * Trace mode on the order screen: a scan is looked up in this terminal's
 * journal (offline), not booked. The result replaces the last one.
 */

export type TraceCommand = Extract<OrderScanCommand, { kind: 'trace-batch' | 'trace-part' | 'trace-container' | 'trace-unknown' }>;

export interface TraceActions {
  /** Looks the scanned batch, part or container up over the whole journal. */
  trace(command: TraceCommand): Promise<void>;
  setTracing(on: boolean): void;
}

export function createTraceActions(kit: WorkflowKit): TraceActions {
  const { deps, patch, verdict } = kit;
  return {
    async trace(command) {
      if (command.kind === 'trace-unknown') {
        verdict('nok', 'workflow.trace.unknownScan');
        return;
      }
      const events = await readEventsAfter(deps.journal, 0, FOLD_PAGE);
      if (command.kind === 'trace-batch') patch({ trace: { kind: 'batch', trace: traceBatch(events, { materialId: command.materialId, batch: command.batch }) } });
      else if (command.kind === 'trace-part') patch({ trace: { kind: 'part', serial: command.serial, trace: tracePart(events, command.serial) ?? null } });
      else {
        // A label carries the container's short package number (field S); the journal knows the full id.
        const scanned = command.id.toUpperCase();
        const id = Object.keys(kit.wf().production.containers).find((c) => c === command.id || containerShortId(c) === scanned) ?? command.id;
        patch({ trace: { kind: 'container', trace: traceContainer(events, id) } });
      }
    },

    setTracing(on) {
      patch({ tracing: on, trace: null });
    },
  };
}
