import type { EventEnvelope } from '../../../shared/events';
import { newId } from '../../../shared/ids';

/**
 * A small shift with known genealogy (see genealogy.test.ts for the answers):
 * assembly terminal T-A (operator OP-1) makes serials S-001..S-003 on ORD-1
 * and unserialised parts on ORD-2; packing terminal T-P (operator OP-2) packs
 * containers C-1..C-3 and dispatches shipments SH-1 and SH-2.
 */

type Spec = [time: string, type: string, orderId: string | undefined, payload: Record<string, unknown>];

function build(terminalId: string, operatorId: string, specs: Spec[]): EventEnvelope[] {
  return specs.map(([time, type, orderId, payload], i) => ({
    id: newId(),
    terminalId,
    seq: i + 1,
    type,
    occurredAt: `2025-01-06T${time}:00.000Z`,
    operatorId,
    ...(orderId ? { orderId } : {}),
    payload,
    schemaVersion: 1,
  }));
}

export const ASSEMBLY = 'T-A';
export const PACKING = 'T-P';

export function assemblyEvents(): EventEnvelope[] {
  return build(ASSEMBLY, 'OP-1', [
    ['06:00', 'OrderStarted', 'ORD-1', { orderNumber: 'ORD-1', materialId: 'M-SG1', quantity: 10 }],
    ['06:01', 'MaterialLoaded', 'ORD-1', { materialId: 'M-HOUSING', batch: 'H-100', supplier: 'Gehäusebau GmbH' }],
    ['06:01', 'MaterialLoaded', 'ORD-1', { materialId: 'M-PCB', batch: 'P-1', supplier: 'PCB Ltd', expiresAt: '2024-12-31' }],
    ['06:10', 'PartProduced', 'ORD-1', { serial: 'S-001' }],
    ['06:20', 'PartProduced', 'ORD-1', { serial: 'S-002', components: [{ materialId: 'M-PCB', batch: 'P-9' }] }],
    ['06:30', 'MaterialLoaded', 'ORD-1', { materialId: 'M-HOUSING', batch: 'H-200', supplier: 'Gehäusebau GmbH' }],
    ['06:40', 'PartProduced', 'ORD-1', { serial: 'S-003' }],
    ['06:41', 'GoodQuantityBooked', 'ORD-1', { quantity: 3 }],
    ['06:42', 'ScrapBooked', 'ORD-1', { quantity: 1, reasonId: 'SR-01' }],
    ['06:43', 'MaterialConsumed', 'ORD-1', { materialId: 'M-HOUSING', batch: 'H-100', quantity: 2 }],
    ['06:43', 'MaterialConsumed', 'ORD-1', { materialId: 'M-HOUSING', batch: 'H-200', quantity: 2 }],
    ['06:43', 'MaterialConsumed', 'ORD-1', { materialId: 'M-PCB', batch: 'P-1', quantity: 2 }],
    ['06:43', 'MaterialConsumed', 'ORD-1', { materialId: 'M-PCB', batch: 'P-9', quantity: 1 }],
    ['06:50', 'OrderCompleted', 'ORD-1', {}],
    ['07:00', 'OrderStarted', 'ORD-2', { orderNumber: 'ORD-2', materialId: 'M-SG2', quantity: 5 }],
    ['07:01', 'MaterialLoaded', 'ORD-2', { materialId: 'M-HOUSING', batch: 'H-200', supplier: 'Gehäusebau GmbH' }],
    ['07:30', 'GoodQuantityBooked', 'ORD-2', { quantity: 5 }],
    ['07:40', 'OrderCompleted', 'ORD-2', {}],
    ['07:45', 'SequenceOverride', undefined, { sequenceId: 'JIS-1', sequenceNumber: 7, reason: 'customer approved variant', approvedBy: 'OP-9001' }],
  ]);
}

export function packingEvents(): EventEnvelope[] {
  return build(PACKING, 'OP-2', [
    ['06:15', 'ContainerOpened', undefined, { containerId: 'C-1', sscc: '340123450000000017' }],
    ['06:15', 'PartPacked', 'ORD-1', { containerId: 'C-1', serial: 'S-001' }],
    ['06:25', 'PartPacked', 'ORD-1', { containerId: 'C-1', serial: 'S-002' }],
    ['06:26', 'ContainerClosed', undefined, { containerId: 'C-1' }],
    ['06:45', 'ContainerOpened', undefined, { containerId: 'C-2' }],
    ['06:45', 'PartPacked', 'ORD-1', { containerId: 'C-2', serial: 'S-003' }],
    ['06:46', 'ContainerClosed', undefined, { containerId: 'C-2' }],
    ['07:10', 'ContainerOpened', 'ORD-2', { containerId: 'C-3' }],
    ['07:35', 'PartPacked', 'ORD-2', { containerId: 'C-3', quantity: 5 }],
    ['07:36', 'ContainerClosed', undefined, { containerId: 'C-3' }],
    ['08:00', 'ShipmentDispatched', undefined, { shipmentId: 'SH-1', containerIds: ['C-1', 'C-3'], customer: 'Autowerk Süd' }],
    ['08:05', 'ShipmentDispatched', undefined, { shipmentId: 'SH-2', containerIds: ['C-2'], customer: 'Autowerk Süd' }],
    ['08:06', 'RobotCalibrated', undefined, { axis: 3 }],
  ]);
}
