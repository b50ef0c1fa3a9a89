import type { NewEvent } from '../../shared/events';
import { fail, ok, type Result } from '../../shared/errors';
import { renderTemplate } from '../../shared/labels';
import type { Customer, Plant } from '../../shared/master-data';
import { masterLabelData } from '../../shared/shipping/master-label';
import type { ShipmentItem } from '../../shared/shipping/shipment';
import type { AppendResult } from '../storage/envelopes';
import type { StoreDeps } from './deps';

/**
 * Prints the master label of a mixed load as the truck closes, through the
 * print queue like every label: a job id derived from the shipment (never
 * printed twice without a reprint reason), LabelPrinted booked with the
 * job's `done`. Two copies: the GS1 Logistic Label Guideline asks for a
 * label on two adjacent sides of a pallet.
 */

export const MASTER_LABEL_TEMPLATE = 'gs1-mixed-load';
export const masterLabelJobId = (shipmentId: string) => `master-${shipmentId}`;

export interface MasterLabelRequest {
  shipmentId: string;
  sscc: string;
  items: readonly ShipmentItem[];
  customer: Customer;
  plant: Plant | undefined;
  unloadingPoint?: string | undefined;
  operatorId?: string | undefined;
}

export interface MasterLabelPrinted {
  outcome: 'done' | 'held' | 'failed';
  message?: string;
  booked?: Result<AppendResult>;
}

export async function printMasterLabel(deps: Pick<StoreDeps, 'printQueue'>, r: MasterLabelRequest): Promise<Result<MasterLabelPrinted>> {
  const data = masterLabelData(r);
  if (!data.ok) return data;
  const rendered = renderTemplate(MASTER_LABEL_TEMPLATE, data.value);
  if (!rendered.ok) return fail(rendered.error.code, rendered.error.message);
  const jobId = masterLabelJobId(r.shipmentId);
  const printed: NewEvent[] = [{ type: 'LabelPrinted', ...(r.operatorId ? { operatorId: r.operatorId } : {}), payload: { jobId, templateId: MASTER_LABEL_TEMPLATE, containerId: r.shipmentId, sscc: r.sscc, copies: 2 } } as NewEvent];
  const res = await deps.printQueue.print({ jobId, templateId: MASTER_LABEL_TEMPLATE, model: rendered.value.model, copies: 2, sscc: r.sscc, onDone: printed, ...(r.operatorId ? { operatorId: r.operatorId } : {}) });
  if (!res.ok) return res;
  const outcome = res.value.outcome;
  return ok({ outcome, ...(res.value.reason ? { message: res.value.reason.message } : {}), ...(res.value.booked ? { booked: res.value.booked } : {}) });
}
