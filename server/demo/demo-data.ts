import type { MasterKind } from '../../shared/master-data';
import type { MasterInput } from '../master-data-store';
import { demoOeeRows } from './demo-oee';

/**
 * The demo plant: what `takt server --demo` (and `npm start`) seeds into an
 * empty database. The constants are exported so that tests and the e2e
 * scenarios name the same badges, orders and terminals.
 */

export const DEMO_PLANT_ID = 'P1';
export const DEMO_LINES = { L1: 'L1', L2: 'L2' } as const;
export const DEMO_TERMINALS = { L1: 'T-L1-01', L2: 'T-L2-01' } as const;
export const DEMO_BADGES = { anna: 'B1001', jonas: 'B1002', shiftLead: 'B9001' } as const;
/** The shift lead's PIN; only its scrypt hash is stored. */
export const DEMO_PIN = '246810';
export const DEMO_ORDERS = { L1: ['ORD-1001', 'ORD-1002', 'ORD-1003'], L2: ['ORD-2001', 'ORD-2002'] } as const;
export const DEMO_JIS_SEQUENCE_ID = 'JIS-L1-0001';
export const DEMO_JIS_POSITIONS = 50;
/** The housing's GTIN (valid check digit), for GS1 scans in demos and tests. */
export const DEMO_HOUSING_GTIN = '04006381000420';

export type DemoRow = { [K in MasterKind]: { kind: K; row: MasterInput<K> } }[MasterKind];

const materials: DemoRow[] = [
  // SG-100 ships 20 to a container (packaging master data); SG-200 takes the line's default.
  { kind: 'material', row: { id: 'M-SG1', number: 'SG-100', name: 'Steuergerät SG-100', batchTracked: false, containerCapacity: 20 } },
  { kind: 'material', row: { id: 'M-SG2', number: 'SG-200', name: 'Steuergerät SG-200', batchTracked: false } },
  {
    kind: 'material',
    row: { id: 'M-HOUSING', number: 'GH-200', name: 'Gehäuse GH-200', gtin: DEMO_HOUSING_GTIN, barcodeRules: [{ kind: 'gtin', gtin: DEMO_HOUSING_GTIN }] },
  },
  { kind: 'material', row: { id: 'M-SCREW', number: '100-0410', name: 'Schraube M4x10', barcodeRules: [{ kind: 'part-number', value: '100-0410' }] } },
  { kind: 'material', row: { id: 'M-PCB', number: 'PCB-7', name: 'Leiterplatte CTRL-7', barcodeRules: [{ kind: 'prefix', prefix: 'PCB7-' }] } },
  { kind: 'material', row: { id: 'M-SEAL', number: 'D-32', name: 'Dichtung D-32', barcodeRules: [{ kind: 'pattern', regex: '^SEAL-\\d{6}$' }] } },
  { kind: 'material', row: { id: 'M-CABLE', number: 'KB-12', name: 'Kabelbaum KB-12', barcodeRules: [{ kind: 'part-number', value: 'KB-12' }] } },
];

/**
 * The customer the control units ship to: its goods receipt reads our labels.
 * Their part numbers, change levels and weights are what container labels print
 * (VDA 4902 fields 1, 2, 5, 7, 9, 11, 13).
 */
export const DEMO_CUSTOMER_ID = 'C-AWS';
const DEMO_CUSTOMER: DemoRow = {
  kind: 'customer',
  row: {
    id: DEMO_CUSTOMER_ID,
    name: 'Autowerk Süd AG',
    supplierNumber: '47110815',
    shipTo: { name: 'Autowerk Süd AG Werk Ingolstadt', address: 'Tor 3', unloadingPoint: 'WE-03-L7' },
    parts: [
      { materialId: 'M-SG1', customerPartNumber: '8W0-907-468-B', changeLevel: 'C', description: 'Steuergerät Sitzverstellung', unitWeightKg: 0.42, containerTareKg: 1.6 },
      { materialId: 'M-SG2', customerPartNumber: '8W0-907-469', changeLevel: 'A', description: 'Steuergerät Lordose', unitWeightKg: 0.38, containerTareKg: 1.6 },
    ],
  },
};

const operators = (shiftLeadPinHash: string): DemoRow[] => [
  { kind: 'operator', row: { id: 'OP-1001', name: 'Anna Becker', badge: DEMO_BADGES.anna, role: 'operator', lineIds: ['L1'] } },
  { kind: 'operator', row: { id: 'OP-1002', name: 'Jonas Weber', badge: DEMO_BADGES.jonas, role: 'operator', lineIds: ['L1', 'L2'] } },
  {
    kind: 'operator',
    row: { id: 'OP-9001', name: 'Petra Schmidt', badge: DEMO_BADGES.shiftLead, role: 'shift-lead', lineIds: ['L1', 'L2'], pinHash: shiftLeadPinHash },
  },
];

const scrapReasons: DemoRow[] = [
  ['SR-01', 'MAT-DEF', 'material', 'Materialfehler', 'Material defect'],
  ['SR-02', 'MAT-DMG', 'material', 'Transportschaden', 'Damaged in transport'],
  ['SR-03', 'PRC-ASM', 'process', 'Montagefehler', 'Assembly error'],
  ['SR-04', 'PRC-TRQ', 'process', 'Drehmoment n.i.O.', 'Torque out of tolerance'],
  ['SR-05', 'TST-ELEC', 'test', 'Elektrischer Test n.i.O.', 'Electrical test failed'],
  ['SR-06', 'TST-LEAK', 'test', 'Dichtheitsprüfung n.i.O.', 'Leak test failed'],
].map(([id, code, group, de, en]) => ({ kind: 'scrap-reason', row: { id: id!, code: code!, group: group!, label: { de: de!, en: en! } } }));

/** The control unit's BOM and routing on line L1 (also the benchmarks' orders). */
export const DEMO_CONTROL_UNIT_BOM = [
  { materialId: 'M-HOUSING', quantityPerUnit: 1 },
  { materialId: 'M-PCB', quantityPerUnit: 1 },
  { materialId: 'M-SCREW', quantityPerUnit: 4 },
  { materialId: 'M-SEAL', quantityPerUnit: 1 },
];
export const DEMO_CONTROL_UNIT_OPERATIONS = [
  { number: '0010', name: 'Vormontage', workCenter: 'L1-AP1' },
  { number: '0020', name: 'Verschrauben', workCenter: 'L1-AP2' },
  { number: '0030', name: 'Endprüfung', workCenter: 'L1-PR' },
];
const sensorBom = [
  { materialId: 'M-HOUSING', quantityPerUnit: 1 },
  { materialId: 'M-CABLE', quantityPerUnit: 1 },
  { materialId: 'M-SEAL', quantityPerUnit: 2 },
];
const sensorOperations = [
  { number: '0010', name: 'Kabel montieren', workCenter: 'L2-AP1' },
  { number: '0020', name: 'Dichtheitsprüfung', workCenter: 'L2-PR' },
];

function orders(day: string): DemoRow[] {
  const order = (number: string, lineId: string, materialId: string, quantity: number, bom: typeof sensorBom, operations: typeof sensorOperations): DemoRow => ({
    kind: 'order',
    row: { id: number, number, lineId, materialId, quantity, dueDate: day, status: 'released', bom, operations },
  });
  return [
    order('ORD-1001', 'L1', 'M-SG1', 50, DEMO_CONTROL_UNIT_BOM, DEMO_CONTROL_UNIT_OPERATIONS),
    order('ORD-1002', 'L1', 'M-SG1', 120, DEMO_CONTROL_UNIT_BOM, DEMO_CONTROL_UNIT_OPERATIONS),
    order('ORD-1003', 'L1', 'M-SG2', 30, DEMO_CONTROL_UNIT_BOM, DEMO_CONTROL_UNIT_OPERATIONS),
    order('ORD-2001', 'L2', 'M-SG2', 80, sensorBom, sensorOperations),
    order('ORD-2002', 'L2', 'M-SG2', 40, sensorBom, sensorOperations),
  ];
}

/** 50 positions, two minutes apart, ten slots per rack, three part variants in turn. */
function jisSequence(startOfShift: Date): DemoRow {
  const variants = [
    { customerPartNumber: '5Q0-857-001-A', variant: 'schwarz' },
    { customerPartNumber: '5Q0-857-001-B', variant: 'grau' },
    { customerPartNumber: '5Q0-857-002', variant: 'beige' },
  ];
  const positions = Array.from({ length: DEMO_JIS_POSITIONS }, (_, i) => ({
    sequenceNumber: i + 1,
    vehicleNumber: `VIN${String(700101 + i)}`,
    ...variants[i % variants.length]!,
    quantity: 1,
    dueTime: new Date(startOfShift.getTime() + i * 120_000).toISOString(),
    unloadingPoint: 'Tor 3',
    rack: `R${Math.floor(i / 10) + 1}`,
    slot: (i % 10) + 1,
  }));
  return { kind: 'jis-sequence', row: { id: DEMO_JIS_SEQUENCE_ID, lineId: 'L1', customer: 'Autowerk Süd', callOffRevision: 1, positions } };
}

/** Every demo master row, in an order where references point backwards. Dates follow `now`. */
export function demoMasterRows(now: Date, shiftLeadPinHash: string): DemoRow[] {
  const day = now.toISOString().slice(0, 10);
  const startOfShift = new Date(`${day}T06:00:00.000Z`);
  return [
    // The plant is the supplier (VDA 4902 field 4) on every label it prints.
    { kind: 'plant', row: { id: DEMO_PLANT_ID, name: 'Takt Elektronik GmbH Werk Nord', address: 'Industriestr. 12, 38440 Wolfsburg' } },
    // L1 builds JIS seats: its racks, variant source and call-off age come from master data (the engine's defaults, spelled out).
    // Its workflow: 24 parts to a container unless the product says otherwise, scrap above 10 parts needs the shift lead,
    // 2 minutes to undo a scrap booking, auto-logout after 15 idle minutes.
    {
      kind: 'line',
      row: {
        id: 'L1',
        plantId: DEMO_PLANT_ID,
        name: 'Montage 1',
        settings: {
          jisRackSlots: 10,
          jisRecheckSlots: false,
          jisVariantSource: { kind: 'field', field: 'revision' },
          jisCallOffMaxAgeMinutes: 30,
          containerCapacity: 24,
          scrapApprovalThreshold: 10,
          scrapUndoWindowSeconds: 120,
          inactivityLogoutMinutes: 15,
        },
      },
    },
    { kind: 'line', row: { id: 'L2', plantId: DEMO_PLANT_ID, name: 'Montage 2' } },
    { kind: 'terminal', row: { id: DEMO_TERMINALS.L1, lineId: 'L1', name: 'Montage 1 – Platz 1' } },
    { kind: 'terminal', row: { id: DEMO_TERMINALS.L2, lineId: 'L2', name: 'Montage 2 – Platz 1' } },
    ...materials,
    DEMO_CUSTOMER,
    ...operators(shiftLeadPinHash),
    ...scrapReasons,
    ...orders(day),
    jisSequence(startOfShift),
    ...demoOeeRows(),
  ];
}
