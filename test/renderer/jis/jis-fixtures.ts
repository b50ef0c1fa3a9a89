import type { EventEnvelope } from '../../../shared/events';
import type { AppRig } from '../support/app-rig';
import { change } from '../support/fixtures';

/** A small call-off for line L1: 1, 2, 3, then a gap (4 missing), 5, 6. Variants travel as `part#variant`. */
export const SEQ_ID = 'JIS-T';
export const PART = { 1: 'PA100#SW', 2: 'PB200#GR', 3: 'PA100#SW', 5: 'PB200#GR', 6: 'PA100#SW' } as const;

export function jisRow(revision = 1, overrides: Record<number, { customerPartNumber?: string; variant?: string; status?: 'open' | 'cancelled' }> = {}) {
  const parts: Record<number, [string, string]> = { 1: ['PA100', 'SW'], 2: ['PB200', 'GR'], 3: ['PA100', 'SW'], 5: ['PB200', 'GR'], 6: ['PA100', 'SW'] };
  return {
    id: SEQ_ID,
    lineId: 'L1',
    customer: 'Autowerk Süd',
    callOffRevision: revision,
    positions: Object.entries(parts).map(([n, [part, variant]]) => ({
      sequenceNumber: Number(n),
      vehicleNumber: `VIN70010${n}`,
      customerPartNumber: part,
      variant,
      quantity: 1,
      dueTime: '2025-03-01T08:00:00.000Z',
      unloadingPoint: 'Tor 3',
      rack: 'R1',
      slot: Number(n),
      ...overrides[Number(n)],
    })),
  };
}

export const jisChange = (rev: number, revision = 1, overrides: Parameters<typeof jisRow>[1] = {}) => change('jis-sequence', SEQ_ID, rev, jisRow(revision, overrides));

export const JIS_CONFIG = { rackSlots: 2, partLabel: { variant: { kind: 'suffix', separator: '#' } } } as const;

export async function journalEvents(rig: AppRig): Promise<EventEnvelope[]> {
  return rig.journal.eventsAfter(0, 10_000);
}

export async function typesOf(rig: AppRig): Promise<string[]> {
  return (await journalEvents(rig)).map((e) => e.type).filter((t) => t.startsWith('Sequence') || t.startsWith('Rack') || t === 'LabelPrinted');
}
