import type { Line, Material, Order } from '../../shared/master-data';
import type { WorkflowConfig } from './workflow-logic';

/**
 * The workflow settings in force: plant IT keeps them per line in
 * master data (`Line.settings`), packaging per material
 * (`Material.containerCapacity`); the store's config holds the built-in
 * defaults for whatever master data leaves out. Resolved on every read from
 * the cached rows, so a pull that changes them takes effect at the next
 * booking without a restart.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

/** Material capacity, else the line's, else the default; the other settings from the line, else the default. */
export function resolveWorkflowConfig(defaults: WorkflowConfig, line: Pick<Line, 'settings'> | null | undefined, product?: Pick<Material, 'containerCapacity'>): WorkflowConfig {
  const settings = line?.settings ?? {};
  return {
    ...defaults,
    containerCapacity: product?.containerCapacity ?? settings.containerCapacity ?? defaults.containerCapacity,
    scrapApprovalThreshold: settings.scrapApprovalThreshold ?? defaults.scrapApprovalThreshold,
    correctionApprovalThreshold: settings.correctionApprovalThreshold ?? defaults.correctionApprovalThreshold,
    scrapUndoWindowMs: settings.scrapUndoWindowSeconds !== undefined ? settings.scrapUndoWindowSeconds * SECOND_MS : defaults.scrapUndoWindowMs,
    inactivityMs: settings.inactivityLogoutMinutes !== undefined ? settings.inactivityLogoutMinutes * MINUTE_MS : defaults.inactivityMs,
  };
}

export interface WorkflowConfigSource {
  workflow: { config: WorkflowConfig; openOrderId: string | null };
  line: Line | null;
  orders: readonly Order[];
  materials: Readonly<Record<string, Material>>;
}

/** The settings for the open order (its produced material's packaging), or the line's when no order is open. */
export function selectWorkflowConfig(state: WorkflowConfigSource, orderId: string | null = state.workflow.openOrderId): WorkflowConfig {
  const order = orderId ? state.orders.find((o) => o.id === orderId) : undefined;
  return resolveWorkflowConfig(state.workflow.config, state.line, order ? state.materials[order.materialId] : undefined);
}
