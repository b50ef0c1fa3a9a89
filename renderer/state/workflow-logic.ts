import type { BlockedBatch, Customer, LabelTemplate, Line, Material, MasterKind, MasterRowByKind, Order, Plant, ScrapReason } from '../../shared/master-data';
import { containerLabelData, packageNumberOf, renderTemplate, resolveTemplate, type LabelModel } from '../../shared/labels';
import type { RenderLabelSvg } from '../lib/label-svg';
import type { Reason } from '../../shared/production';
import type { ContainerState } from '../../shared/production';

/** Pure helpers of the operator workflow (issue 8): translation params, label data, config. */

/**
 * The built-in workflow settings. Capacity, scrap threshold, undo window and
 * inactivity are defaults only: the line's master data (`Line.settings`) and
 * the product's packaging (`Material.containerCapacity`) override them, see
 * workflow-settings.ts.
 */
export interface WorkflowConfig {
  /** Parts per container when neither the product nor the line names one. */
  containerCapacity: number;
  /** Auto-logout after this long without a touch, key or scan. */
  inactivityMs: number;
  /** Scrap bookings of more than this many parts need a shift lead; undefined: never. */
  scrapApprovalThreshold: number | undefined;
  scrapUndoWindowMs: number;
  /** Good-quantity corrections of more than this many parts need a shift lead; undefined: never. */
  correctionApprovalThreshold: number | undefined;
  /** How long an OK verdict stays on screen; a NOK waits for acknowledgement. */
  okFeedbackMs: number;
  labelTemplateId: string;
}

export const DEFAULT_WORKFLOW_CONFIG: WorkflowConfig = {
  containerCapacity: 20,
  inactivityMs: 10 * 60_000,
  scrapApprovalThreshold: 10,
  scrapUndoWindowMs: 60_000,
  correctionApprovalThreshold: 5,
  okFeedbackMs: 1500,
  labelTemplateId: 'vda-4902',
};

export const PAUSE_REASONS = ['break', 'material-missing', 'machine-fault', 'quality-check', 'changeover', 'other'] as const;
export const REPRINT_REASONS = ['label-damaged', 'label-lost', 'printer-fault', 'other'] as const;

export type VerdictParams = Record<string, string | number>;

/** Flattens a domain reason's params for i18next: lists of materials become "A, B". */
export function reasonParams(reason: Pick<Reason, 'params'>): VerdictParams {
  const out: VerdictParams = {};
  for (const [key, value] of Object.entries(reason.params)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else if (Array.isArray(value)) {
      out[key] = value.map((v) => (v && typeof v === 'object' && 'materialNumber' in v ? String((v as { materialNumber: unknown }).materialNumber) : String(v))).join(', ');
    } else if (value !== undefined && value !== null) out[key] = JSON.stringify(value);
  }
  return out;
}

/** The cache as the workflow reads it: any master kind, where the port offers it. */
export interface AnyKindCache {
  all<K extends MasterKind>(kind: K): Promise<MasterRowByKind[K][]>;
}

export interface WorkflowMaster {
  scrapReasons: ScrapReason[];
  blockedBatches: BlockedBatch[];
  labelTemplates: LabelTemplate[];
  /** What container labels are made of (customer, ship-to, customer part, our supplier number; the plant as supplier). */
  customers?: Customer[];
  plants?: Plant[];
  lines?: Line[];
}

/** Scrap reasons, blocked batches, label templates and label master data from the cache; empty lists when the kind is not cached. */
export async function loadWorkflowMaster(cache: AnyKindCache): Promise<WorkflowMaster> {
  const safe = async <K extends MasterKind>(kind: K): Promise<MasterRowByKind[K][]> => {
    try {
      return await cache.all(kind);
    } catch {
      return [];
    }
  };
  const [scrapReasons, blockedBatches, labelTemplates, customers, plants, lines] = await Promise.all([
    safe('scrap-reason'),
    safe('blocked-batch'),
    safe('label-template'),
    safe('customer'),
    safe('plant'),
    safe('line'),
  ]);
  return { scrapReasons, blockedBatches, labelTemplates, customers, plants, lines };
}

/** The package number printed on the container label (VDA 4902 field 14, bar code S). */
export const containerShortId = packageNumberOf;

export interface ContainerLabel {
  containerId: string;
  quantity: number;
  jobId: string;
  templateId: string;
  model: LabelModel;
  svg: string;
  /** Set for a reprint: the operator's reason. */
  reprintReason?: string;
}

/**
 * A VDA 4902 (or configured) container label for a closed container, with its
 * SVG preview: every field from master data (shared/labels/container-label.ts),
 * the batch field the lot the order produces, never a component's batch.
 */
export function buildContainerLabel(input: {
  container: ContainerState;
  order: Order;
  material: Material | undefined;
  master: Pick<WorkflowMaster, 'customers' | 'plants' | 'lines'>;
  config: WorkflowConfig;
  templates: readonly LabelTemplate[];
  now: Date;
  jobId: string;
  /** The preview's renderer, loaded on demand (renderer/lib/label-svg.ts). */
  renderSvg: RenderLabelSvg;
}): { ok: true; label: ContainerLabel } | { ok: false; code: string; message: string } {
  const { container, order, material, config } = input;
  const template = resolveTemplate(config.labelTemplateId, input.templates);
  if (!template.ok) return { ok: false, code: template.error.code, message: template.error.message };
  const data = containerLabelData(template.value.kind, {
    order,
    material,
    customers: input.master.customers ?? [],
    plants: input.master.plants ?? [],
    lines: input.master.lines ?? [],
    container,
    packageNumber: containerShortId(container.containerId),
    now: input.now,
  });
  if (!data.ok) return { ok: false, code: data.error.code, message: data.error.message };
  const rendered = renderTemplate(config.labelTemplateId, data.value, { rows: input.templates });
  if (!rendered.ok) return { ok: false, code: rendered.error.code, message: rendered.error.message };
  const svg = input.renderSvg(rendered.value.model);
  if (!svg.ok) return { ok: false, code: svg.error.code, message: svg.error.message };
  return {
    ok: true,
    label: {
      containerId: container.containerId,
      quantity: container.quantity,
      jobId: input.jobId,
      templateId: rendered.value.template.id,
      model: rendered.value.model,
      svg: svg.value,
    },
  };
}

/** Why a container label could not be built, in the operator's words: a known code has its own sentence. */
export function labelBuildFailedVerdict(failure: { code: string; message: string }): { key: string; params: VerdictParams } {
  if (failure.code === 'label-value-unencodable') return { key: 'workflow.label.unencodable', params: {} };
  // Plant IT fills master data: the sentence names the field and who acts.
  if (failure.code === 'label-master-data-missing') return { key: 'workflow.label.masterDataMissing', params: { message: failure.message } };
  // The template's data schema names the field and the rule (e.g. Code 39 characters only): shown as the detail.
  if (failure.code === 'label-data-invalid') return { key: 'workflow.label.dataInvalid', params: { message: failure.message } };
  return { key: 'workflow.label.buildFailed', params: { message: failure.message } };
}
