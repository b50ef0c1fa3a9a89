import { z } from 'zod';

/**
 * Master data for shipping: the despatch advice formats a customer's goods
 * receipt reads, containers quality has put on hold, and what each call-off
 * still asks for. A hold is master
 * data (not a server-only flag) so that a dispatch terminal that is offline
 * still refuses the container, and the server refuses it again on arrival.
 */

/** The despatch advices the server can write: EDIFACT DESADV D.96A, the Global DESADV of VDA 4987 on D.07A, VDA 4913. */
export const DESPATCH_ADVICE_FORMATS = ['DESADV-D96A', 'DESADV-GLOBAL-D07A', 'VDA4913'] as const;
export const DespatchAdviceFormat = z.enum(DESPATCH_ADVICE_FORMATS);
export type DespatchAdviceFormat = z.infer<typeof DespatchAdviceFormat>;

/** A container (by id, package number or SSCC as it was put on hold) that must not leave the plant. */
export const ContainerHold = z.object({
  id: z.string().min(1),
  containerId: z.string().min(1).max(200),
  reason: z.string().min(1).max(200),
});
export type ContainerHold = z.infer<typeof ContainerHold>;

/**
 * What a customer's call-off still asks for, per customer part, as the
 * server last worked it out (the schedule's lines less what is in transit):
 * the dispatch screen loads a truck against it offline. Written by the
 * server when a schedule arrives and when a shipment is accepted.
 */
export const CallOff = z.object({
  /** `customerId/customerPartNumber`. */
  id: z.string().min(1),
  customerId: z.string().min(1),
  customerPartNumber: z.string().min(1).max(35),
  materialId: z.string().min(1).optional(),
  scheduleNumber: z.string().max(35),
  /** Parts still open, firm and forecast. */
  open: z.number().int().nonnegative(),
  /** Of those, firm. */
  openFirm: z.number().int().nonnegative(),
  /** The earliest open requirement (`YYYY-MM-DD`, '' for backlog), when there is one. */
  nextDate: z.string().max(10).optional(),
  updatedAt: z.string().min(1),
});
export type CallOff = z.infer<typeof CallOff>;

/**
 * A closed container as the plant's record has it, offered to the terminals
 * that ship (a dock terminal, or a line terminal that loads trucks), so that
 * offline they still load what another terminal packed. Written by the
 * server as containers close and ship, never by hand. Holds are not copied
 * in: the terminal checks the row's names and batches against the
 * container holds and blocked batches of the same feed, so a released hold
 * never lingers in a stale copy.
 */
export const DockContainer = z.object({
  /** The container's id. */
  id: z.string().min(1),
  /** The package number its label prints (VDA 4902 field 14). */
  packageNumber: z.string().min(1).optional(),
  sscc: z.string().min(1).optional(),
  materialId: z.string(),
  /** Parts in it as the record counts them. */
  quantity: z.number().int().nonnegative(),
  /** The batches the server's genealogy finds in it. */
  batches: z.array(z.object({ materialId: z.string().min(1), batch: z.string().min(1) })),
  status: z.enum(['open', 'closed']),
  /** A closed container's label prints as it closes (the packing flow cannot skip it). */
  labelled: z.boolean(),
  /** The shipment it left on, once a dispatched shipment carries it. */
  shippedIn: z.string().min(1).optional(),
  /** The plant whose shipping terminals receive it (the packing terminal's line's). */
  plantId: z.string().min(1),
  /** The terminal that packed it. */
  terminalId: z.string().min(1),
  /** When its newest fact happened (closing or dispatch, terminal clocks): the newer of two views of it wins. */
  updatedAt: z.string().min(1),
});
export type DockContainer = z.infer<typeof DockContainer>;

/** Spread into MASTER_KINDS (shared/master-data.ts). */
export const SHIPPING_MASTER_KINDS = {
  'container-hold': ContainerHold,
  'call-off': CallOff,
  'dock-container': DockContainer,
} as const;

export interface ShippingMasterRowByKind {
  'container-hold': ContainerHold;
  'call-off': CallOff;
  'dock-container': DockContainer;
}
