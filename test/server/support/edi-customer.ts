import { upsertMaster } from '../../../server/master-data-store';
import type { TestDatabase } from './test-database';

/** The plant, line L1 and customer Autowerk Süd (supplier number 47110815) the EDI fixtures address. */
export async function seedCustomer(db: TestDatabase['db']): Promise<void> {
  for (const [kind, row] of [
    ['plant', { id: 'P1', name: 'Takt Werk Nord' }],
    ['line', { id: 'L1', plantId: 'P1', name: 'Sitze' }],
    [
      'customer',
      {
        id: 'AWS000001',
        name: 'Autowerk Süd',
        supplierNumber: '47110815',
        shipTo: { name: 'Autowerk Süd Werk 1', unloadingPoint: 'Tor 3' },
        parts: [
          { materialId: 'M-HSG', customerPartNumber: 'A0004711' },
          { materialId: 'M-SEAT-A', customerPartNumber: '5Q0-857-001-A' },
          { materialId: 'M-SEAT-B', customerPartNumber: '5Q0-857-001-B' },
          { materialId: 'M-SEAT-C', customerPartNumber: '5Q0-857-002' },
        ],
      },
    ],
  ] as const) {
    const w = await upsertMaster(db, kind, row as never);
    if (!w.ok) throw new Error(w.error.message);
  }
}
