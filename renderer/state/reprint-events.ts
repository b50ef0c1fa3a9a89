import type { NewEvent } from '../../shared/events';
import type { PrintJobRecord } from '../storage/print-jobs';

/**
 * The journal facts a reprint books once it printed: one `LabelReprinted`
 * per label fact of the original job (container labels, JIS rack labels:
 * `LabelPrinted` or an earlier `LabelReprinted`), naming the new job, the
 * reason and the same container / rack and order. Other facts the original
 * was queued with were booked with it and are not repeated. An original
 * with no label fact (printed without one) still gets one `LabelReprinted`.
 */
export function reprintEvents(original: Pick<PrintJobRecord, 'templateId' | 'onDone'>, input: { jobId: string; reason: string; operatorId?: string | undefined }): NewEvent[] {
  const who = input.operatorId ? { operatorId: input.operatorId } : {};
  const fromLabels = original.onDone.flatMap((e): NewEvent[] => {
    if (e.type !== 'LabelPrinted' && e.type !== 'LabelReprinted') return [];
    const containerId = e.payload.containerId;
    return [
      {
        type: 'LabelReprinted',
        ...(e.orderId ? { orderId: e.orderId } : {}),
        ...(input.operatorId ? who : e.operatorId ? { operatorId: e.operatorId } : {}),
        payload: { jobId: input.jobId, templateId: e.payload.templateId, reason: input.reason, ...(containerId ? { containerId } : {}) },
      },
    ];
  });
  if (fromLabels.length > 0) return fromLabels;
  return [{ type: 'LabelReprinted', ...who, payload: { jobId: input.jobId, templateId: original.templateId, reason: input.reason } }];
}
