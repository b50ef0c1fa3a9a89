import type { NewEvent } from '../../shared/events';
import { loadLabelSvg } from '../lib/label-svg';
import { newId } from '../../shared/ids';
import { reprintContainerLabel, type DomainEvent } from '../../shared/production';
import { saveFailedFeedback } from '../storage/storage-refusal';
import type { WorkflowKit } from './workflow-kit';
import { buildContainerLabel, labelBuildFailedVerdict, type ContainerLabel } from './workflow-logic';

/**
 * The container label queue: a container that closed with parts in it gets
 * its label built (preview first), printed one at a time through the print
 * queue, and its LabelPrinted (or LabelReprinted) fact booked once it printed.
 */

export interface LabelActions {
  /** Labels for containers that just closed with parts in them (the preview's renderer loads on the first). */
  queueLabels(containerIds: readonly string[]): Promise<void>;
  printNextLabel(): Promise<void>;
  reprintLabel(containerId: string, reason: string): Promise<void>;
}

export function createLabelActions(kit: WorkflowKit): LabelActions {
  const { deps, get, wf, patch, verdict, refuse, context, applyBooked } = kit;

  return {
    async queueLabels(containerIds) {
      const renderSvg = await loadLabelSvg();
      const c = context();
      if (!c) return;
      const labels: ContainerLabel[] = [];
      for (const id of containerIds) {
        const container = c.s.workflow.production.containers[id];
        if (!container || container.quantity === 0) continue;
        const built = buildContainerLabel({
          container,
          order: c.order,
          material: c.s.materials[c.order.materialId],
          master: c.s.workflow.master,
          config: c.s.workflow.config,
          templates: c.s.workflow.master.labelTemplates,
          now: deps.clock(),
          jobId: newId(),
          renderSvg,
        });
        if (built.ok) labels.push(built.label);
        else {
          const failed = labelBuildFailedVerdict(built);
          verdict('nok', failed.key, failed.params);
        }
      }
      if (labels.length > 0) patch({ labels: [...wf().labels, ...labels] });
    },

    async printNextLabel() {
      const label = wf().labels[0];
      const c = context();
      if (!label || wf().busy) return;
      const orderId = c?.order.id;
      const events: DomainEvent[] = label.reprintReason
        ? (() => {
            const v = reprintContainerLabel({ state: wf().production, containerId: label.containerId, reason: label.reprintReason ?? '', jobId: label.jobId, templateId: label.templateId });
            return v.ok ? v.events : [];
          })()
        : [{ type: 'LabelPrinted', ...(orderId ? { orderId } : {}), payload: { jobId: label.jobId, templateId: label.templateId, containerId: label.containerId, copies: 1 } }];
      patch({ busy: true });
      const operatorId = get().terminal.operator?.id;
      let res;
      try {
        // The label's facts are booked with the job's `done`, in one transaction (print-queue.ts).
        res = await deps.printQueue.print({
          jobId: label.jobId,
          templateId: label.templateId,
          model: label.model,
          copies: 1,
          onDone: events as NewEvent[],
          ...(operatorId ? { operatorId } : {}),
          ...(label.reprintReason ? { reprintOf: wf().printedJobs[label.containerId] ?? label.containerId.slice(0, 64), reprintReason: label.reprintReason } : {}),
        });
      } finally {
        patch({ busy: false });
      }
      if (!res.ok || res.value.outcome !== 'done') {
        const why = res.ok ? (res.value.reason?.message ?? res.value.outcome) : res.error.message;
        verdict('nok', 'workflow.label.printFailed', { message: why });
        return;
      }
      patch({ labels: wf().labels.slice(1) });
      const booked = res.value.booked;
      if (booked && !booked.ok) {
        const failed = saveFailedFeedback(booked.error, 'workflow.saveFailed');
        verdict('nok', failed.key, failed.params);
        return;
      }
      if (booked) applyBooked(booked.value);
      verdict('ok', 'workflow.label.printed', { quantity: label.quantity });
    },

    async reprintLabel(containerId, reason) {
      const renderSvg = await loadLabelSvg();
      const c = context();
      if (!c) return;
      const check = reprintContainerLabel({ state: wf().production, containerId, reason, jobId: 'check', templateId: wf().config.labelTemplateId });
      if (!check.ok) {
        refuse(check.reason);
        return;
      }
      const container = wf().production.containers[containerId];
      if (!container) return;
      const built = buildContainerLabel({
        container,
        order: c.order,
        material: c.s.materials[c.order.materialId],
        master: wf().master,
        config: wf().config,
        templates: wf().master.labelTemplates,
        now: deps.clock(),
        jobId: newId(),
        renderSvg,
      });
      if (!built.ok) {
        const failed = labelBuildFailedVerdict(built);
        verdict('nok', failed.key, failed.params);
        return;
      }
      patch({ labels: [...wf().labels, { ...built.label, reprintReason: reason }] });
    },
  };
}
