import { ok, type Result } from '../errors';
import { customerPartOf, type Customer, type Line, type Material, type Order, type Plant } from '../master-data';
import { labelFail } from './errors';

/**
 * The data of a container label, taken from master data only (DESIGN §10):
 * a customer's goods receipt books what the label says, so nothing here is
 * ever a stand-in. A field the receipt needs and master data lacks refuses
 * the label with `label-master-data-missing`, naming the master-data field
 * plant IT must fill. Field numbers are those of VDA 4902 version 4.
 */

export interface ContainerLabelFacts {
  order: Pick<Order, 'id' | 'number' | 'lineId' | 'materialId' | 'lot'>;
  material: Pick<Material, 'id' | 'number' | 'name' | 'gtin'> | undefined;
  customers: readonly Customer[];
  lines: readonly Pick<Line, 'id' | 'plantId'>[];
  plants: readonly Plant[];
  container: { containerId: string; quantity: number };
  /** The package number printed in field (14), see packageNumberOf. */
  packageNumber: string;
  /** The shipment the container went out on; before dispatch there is no delivery note. */
  shipmentNumber?: string | undefined;
  /** The container's SSCC, where one was allocated (GS1 logistic label, GTL licence plate). */
  sscc?: string | undefined;
  now: Date;
}

/**
 * The package number printed on a container label (VDA 4902 field 14, bar
 * code S): 12 digits from the random tail of the container's UUID. All
 * digits, because a VDA 4902 data-identifier field starts with a digit — a
 * hex tail starting with a letter would scan back as a plain code.
 */
export function packageNumberOf(containerId: string): string {
  const tail = containerId.replace(/-/g, '').slice(-12);
  const value = /^[0-9a-fA-F]+$/.test(tail) ? parseInt(tail, 16) : [...tail].reduce((n, ch) => (n * 31 + ch.charCodeAt(0)) % 1e12, 0);
  return String(value % 1e12).padStart(12, '0');
}

/** The lot the order produces (field 15): the ERP's lot number, or the order number that identifies the run. */
export const producedLotOf = (order: Pick<Order, 'number' | 'lot'>): string => order.lot ?? order.number;

const missing = (field: string, why: string) => labelFail('label-master-data-missing', `${field}: ${why}`);

/** Kilograms to three decimals, as scales print them. */
const kg = (n: number) => Math.round(n * 1000) / 1000;

interface Common {
  customer: Customer;
  receiver: string;
  unloadingPoint: string;
  supplier: string;
  netWeightKg: number;
  grossWeightKg: number;
  customerPartNumber: string;
  changeLevel: string;
  description: string;
  supplierPartNumber: string;
  supplierNumber: string;
  date: string;
  batch: string;
}

function common(f: ContainerLabelFacts): Result<Common> {
  const materialId = f.order.materialId;
  const found = customerPartOf(f.customers, materialId);
  if (!found) return missing(`customer.parts[materialId=${materialId}]`, `no customer lists material ${f.material?.number ?? materialId}; add its customer part number (VDA 4902 field 7)`);
  const { customer, part } = found;
  const plantId = f.lines.find((l) => l.id === f.order.lineId)?.plantId;
  const plant = f.plants.find((p) => p.id === plantId);
  if (!plant) return missing(`plant[${plantId ?? `line ${f.order.lineId}`}]`, 'the plant of the order\'s line is not in master data; it is the supplier (VDA 4902 field 4)');
  if (!plant.address) return missing(`plant[${plant.id}].address`, 'the supplier\'s address (VDA 4902 field 4)');
  if (!customer.shipTo.unloadingPoint) return missing(`customer[${customer.id}].shipTo.unloadingPoint`, 'the unloading point (VDA 4902 field 2)');
  if (part.unitWeightKg === undefined) return missing(`customer[${customer.id}].parts[${part.customerPartNumber}].unitWeightKg`, 'the net weight per part (VDA 4902 field 5)');
  if (part.containerTareKg === undefined) return missing(`customer[${customer.id}].parts[${part.customerPartNumber}].containerTareKg`, 'the container tare weight for the gross weight (VDA 4902 field 5)');
  if (!f.material) return missing(`material[${materialId}]`, 'the produced material is not in master data (VDA 4902 field 10)');
  const net = kg(part.unitWeightKg * f.container.quantity);
  return ok({
    customer,
    receiver: customer.shipTo.address ? `${customer.shipTo.name}, ${customer.shipTo.address}` : customer.shipTo.name,
    unloadingPoint: customer.shipTo.unloadingPoint,
    // Never cut: the template fits a long name and address into its cell or refuses it, naming it.
    supplier: `${plant.name}, ${plant.address}`,
    netWeightKg: net,
    grossWeightKg: kg(net + part.containerTareKg),
    customerPartNumber: part.customerPartNumber,
    changeLevel: part.changeLevel,
    description: (part.description ?? f.material.name).slice(0, 60),
    supplierPartNumber: f.material.number,
    supplierNumber: customer.supplierNumber,
    date: f.now.toISOString().slice(0, 10),
    batch: producedLotOf(f.order),
  });
}

/** The data for a built-in container template (`vda-4902`, `vda-4994`, `gs1-logistic`), checked by its schema later. */
export function containerLabelData(kind: string, f: ContainerLabelFacts): Result<Record<string, unknown>> {
  const c = common(f);
  if (!c.ok) return c;
  const d = c.value;
  const shared = {
    receiver: d.receiver,
    unloadingPoint: d.unloadingPoint,
    // Field (3) is the delivery note of the shipment; a container not yet dispatched has none.
    deliveryNote: f.shipmentNumber ?? '',
    supplier: d.supplier,
    netWeightKg: d.netWeightKg,
    grossWeightKg: d.grossWeightKg,
    customerPartNumber: d.customerPartNumber,
    quantity: f.container.quantity,
    description: d.description,
    supplierPartNumber: d.supplierPartNumber,
    changeLevel: d.changeLevel,
    batch: d.batch,
  };
  switch (kind) {
    case 'vda-4902':
      // One label per container, so field (6) counts one package.
      return ok({ ...shared, supplierNumber: d.supplierNumber, date: d.date, packageCount: 1, packageNumber: f.packageNumber });
    case 'vda-4994':
      if (!f.sscc) return missing(`sscc-range[terminal]`, 'a GTL licence plate (1J) needs an SSCC from the terminal\'s SSCC range');
      return ok({ ...shared, supplierId: d.supplierNumber, productionDate: d.date, licensePlate: f.sscc });
    case 'gs1-logistic': {
      if (!f.sscc) return missing(`sscc-range[terminal]`, 'a GS1 logistic label needs an SSCC from the terminal\'s SSCC range');
      if (!f.material?.gtin) return missing(`material[${f.order.materialId}].gtin`, 'the GTIN of the contained items, AI (02)');
      return ok({ sscc: f.sscc, shipFrom: d.supplier, shipTo: d.receiver, contentGtin: f.material.gtin, count: f.container.quantity, batch: d.batch, productionDate: d.date });
    }
    default:
      return labelFail('label-template-unknown', `no container label data for template kind "${kind}"`);
  }
}
