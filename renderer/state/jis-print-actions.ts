import { findRack } from '../../shared/jis';
import type { DomainEvent } from '../../shared/production/verdict';
import type { JisKit } from './jis-kit';
import { loadLabelSvg } from '../lib/label-svg';
import { rackLabel } from './jis-logic';
import { rackLabelJobId, reprintRackLabel, retryHeldReprint, type RackReprintOutcome } from './jis-reprint';
import type { JisActions } from './jis-state';

/**
 * The JIS slice's rack-label actions: the first label of a full
 * rack (a deterministic job id, so it never goes out twice), "print again"
 * for a held or failed label, and the reprint with a reason (a new job each
 * time, see jis-reprint.ts). Facts are booked only once a label printed.
 */

type PrintActions = Pick<JisActions, 'printJisRackLabel' | 'retryJisRackPrint' | 'startJisReprint' | 'cancelJisReprint' | 'reprintJisRackLabel'>;

export function createJisPrintActions({ deps, get, set, busy, booked, withOperatorOf }: JisKit): PrintActions {
  /** A reprint's outcome on the screen; its LabelReprinted facts were booked with the job's `done`. */
  function showReprint(rackId: string, outcome: RackReprintOutcome) {
    set({
      jisPrint: {
        rackId,
        svg: outcome.svg,
        status: outcome.status,
        reprint: true,
        ...(outcome.jobId ? { jobId: outcome.jobId } : {}),
        ...(outcome.message ? { message: outcome.message } : {}),
      },
    });
    booked(outcome.booked);
  }

  return {
    async printJisRackLabel(rackId) {
      const renderSvg = await loadLabelSvg();
      const jis = get().jis;
      if (!jis) return;
      const label = rackLabel(jis, rackId, renderSvg);
      if (!label.ok) {
        set({ jisPrint: { rackId, svg: null, status: 'failed', message: label.error.message } });
        return;
      }
      const jobId = rackLabelJobId(rackId);
      set({ jisPrint: { rackId, svg: label.value.svg, status: 'printing' } });
      const printed: DomainEvent[] = [{ type: 'LabelPrinted', payload: { jobId, templateId: 'jis-rack', containerId: rackId, copies: 1 } }];
      const res = await deps.printQueue.print({ jobId, templateId: 'jis-rack', model: label.value.model, copies: 1, onDone: withOperatorOf(printed) });
      if (!res.ok) {
        set({ jisPrint: { rackId, svg: label.value.svg, status: 'failed', message: res.error.message } });
        return;
      }
      const outcome = res.value.outcome;
      set({ jisPrint: { rackId, svg: label.value.svg, status: outcome, jobId, ...(res.value.reason ? { message: res.value.reason.message } : {}) } });
      if (outcome === 'done') booked(res.value.booked);
    },

    async retryJisRackPrint() {
      const print = get().jisPrint;
      if (!print) return;
      if (print.status === 'failed') {
        get().startJisReprint(print.rackId);
        return;
      }
      if (print.status !== 'held') return;
      if (!print.reprint || !print.jobId) {
        await get().printJisRackLabel(print.rackId);
        return;
      }
      const jobId = print.jobId;
      await busy(async () => {
        set({ jisPrint: { ...print, status: 'printing' } });
        showReprint(print.rackId, await retryHeldReprint(deps, jobId, print.svg, get().terminal.operator?.id));
      });
    },

    startJisReprint(rackId) {
      const jis = get().jis;
      if (jis && findRack(jis, rackId)?.status === 'closed') set({ jisReprint: { rackId } });
    },

    cancelJisReprint() {
      set({ jisReprint: null });
    },

    async reprintJisRackLabel(rackId, reason) {
      const jis = get().jis;
      if (!jis || reason.trim() === '') return;
      set({ jisReprint: null });
      await busy(async () => {
        const shown = get().jisPrint;
        set({ jisPrint: { rackId, svg: shown?.rackId === rackId ? shown.svg : null, status: 'printing', reprint: true } });
        showReprint(rackId, await reprintRackLabel(deps, jis, rackId, reason, get().terminal.operator?.id));
      });
    },
  };
}
