import type { LineState } from '../../shared/bridge-machine';
import { currentPosition } from '../../shared/jis';
import { MICRO_STOP, UNQUALIFIED } from '../../shared/oee';
import { executionOf } from '../../shared/production/order-state';
import { downtimeView, liveOf } from '../state/downtime-view';
import type { AppState } from '../state/types';

/**
 * What the terminal tells the plant about its line (the host publishes it
 * retained under the line's ISA-95 topics): the order on the line and its
 * bookings, the machine's parts for it, the reason of the stop going on now,
 * the shift's OEE so far, and the JIS position being built. Pure: the same
 * store state always gives the same LineState, so the publisher can compare.
 */

export type LineStateSource = Pick<AppState, 'terminal' | 'workflow' | 'orders' | 'downtime' | 'jis'>;

/** The order the line works on: the terminal's active order until it is completed. */
function openOrderOf(s: LineStateSource): string | null {
  const id = s.terminal.activeOrderId;
  if (!id) return null;
  return executionOf(s.workflow.production, id).status === 'completed' ? null : id;
}

function machineCountOf(s: LineStateSource, orderId: string): number | undefined {
  if (!s.downtime.fold.hasMachine) return undefined;
  // Kept as cycles are folded: summing every cycle of the journal on each publish grew with the shift.
  return liveOf(s.downtime).machineCount(orderId);
}

/** Only a real reason: a stop not classified yet (or a micro-stop) has none to tell. */
const isReason = (id: string | undefined): id is string => !!id && id !== UNQUALIFIED && id !== MICRO_STOP;

export function lineStateOf(s: LineStateSource): LineState {
  const orderId = openOrderOf(s);
  const master = orderId ? s.orders.find((o) => o.id === orderId) : undefined;
  const execution = orderId ? executionOf(s.workflow.production, orderId) : null;
  const machine = orderId ? machineCountOf(s, orderId) : undefined;
  const counts = { good: execution?.goodQuantity ?? 0, scrap: execution?.scrapQuantity ?? 0, ...(machine !== undefined ? { machine } : {}) };

  // The downtime slice has not folded anything yet: no figures rather than figures of an empty shift.
  const d = s.downtime;
  let stopReason: LineState['stopReason'] = null;
  let shiftOee: LineState['shiftOee'] = null;
  if (d.now > 0) {
    const view = downtimeView(d, orderId);
    const pieces = view.bar.filter((p) => p.from < d.now && p.kind !== 'ahead');
    const last = pieces.at(-1);
    if (last && last.kind === 'stop' && isReason(last.reasonId)) {
      // A stop comes as one or more pieces (a break cuts it in two): the reason holds since the machine stopped,
      // or since the first piece of it when no machine told the time.
      let i = pieces.length - 1;
      for (let j = i - 1; j >= 0; j--) {
        const p = pieces[j]!;
        if (p.kind === 'break') continue;
        if (p.kind !== 'stop' || p.stopId !== last.stopId || p.reasonId !== last.reasonId) break;
        i = j;
      }
      stopReason = { reasonId: last.reasonId, since: new Date(last.machineFrom ?? pieces[i]!.from).toISOString() };
    } else if (view.openManual?.reasonId) {
      stopReason = { reasonId: view.openManual.reasonId, since: new Date(view.openManual.from).toISOString() };
    }
    const f = view.shiftFigures;
    shiftOee = { shiftId: (view.shift.name ?? 'no-shift').slice(0, 40), availability: f.availability, performance: f.performance, quality: f.quality, oee: f.oee };
  }

  const position = s.jis ? currentPosition(s.jis) : undefined;
  return {
    order: orderId ? { orderId, ...(master ? { orderNumber: master.number, materialId: master.materialId } : {}) } : null,
    counts,
    stopReason,
    shiftOee,
    jisPosition: position ? position.data.sequenceNumber : null,
  };
}
