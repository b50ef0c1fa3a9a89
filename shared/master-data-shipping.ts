import { z } from 'zod';

/**
 * Master data for shipping: the despatch advice formats a customer's goods
 * receipt reads, and containers quality has put on hold. A hold is master
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

/** Spread into MASTER_KINDS (shared/master-data.ts). */
export const SHIPPING_MASTER_KINDS = {
  'container-hold': ContainerHold,
} as const;

export interface ShippingMasterRowByKind {
  'container-hold': ContainerHold;
}
