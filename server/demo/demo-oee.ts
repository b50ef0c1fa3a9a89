import type { MasterInput } from '../master-data-store';

type OeeRow = { kind: 'shift-model'; row: MasterInput<'shift-model'> } | { kind: 'downtime-reason'; row: MasterInput<'downtime-reason'> } | { kind: 'routing'; row: MasterInput<'routing'> };

/**
 * The demo plant's OEE master data: line L1 works three shifts (so the
 * terminal is in one whenever the demo runs), its stops have seven reasons,
 * each with the OEE loss it counts against, and the control units have their
 * ideal cycle times.
 */
export const DEMO_DOWNTIME_REASONS = [
  ['DR-TOOL', 'TOOL', 'availability', 'Werkzeugwechsel', 'Tool change'],
  ['DR-MAT', 'MAT', 'availability', 'Materialmangel', 'Material shortage'],
  ['DR-FAULT', 'FAULT', 'availability', 'Technische Störung', 'Breakdown'],
  ['DR-SETUP', 'SETUP', 'availability', 'Rüsten', 'Setup'],
  ['DR-STAFF', 'STAFF', 'availability', 'Personalmangel', 'No operator'],
  ['DR-SLOW', 'SLOW', 'performance', 'Langsamlauf', 'Slow running'],
  ['DR-SORT', 'SORT', 'quality', 'Sortieren, Nacharbeit', 'Sorting, rework'],
] as const;

export function demoOeeRows(): OeeRow[] {
  return [
    {
      kind: 'shift-model',
      row: {
        id: 'SM-L1',
        lineId: 'L1',
        timeZone: 'Europe/Berlin',
        shifts: [
          { id: 'early', name: 'Früh', start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:15' }, { start: '12:00', end: '12:15' }] },
          { id: 'late', name: 'Spät', start: '14:00', end: '22:00', breaks: [{ start: '17:00', end: '17:15' }, { start: '20:00', end: '20:15' }] },
          { id: 'night', name: 'Nacht', start: '22:00', end: '06:00', breaks: [{ start: '01:00', end: '01:30' }] },
        ],
      },
    },
    ...DEMO_DOWNTIME_REASONS.map(([id, code, loss, de, en]): OeeRow => ({ kind: 'downtime-reason', row: { id, lineId: 'L1', code, loss, label: { de, en } } })),
    { kind: 'routing', row: { id: 'RT-SG1', materialId: 'M-SG1', idealCycleSeconds: 45 } },
    { kind: 'routing', row: { id: 'RT-SG2', materialId: 'M-SG2', idealCycleSeconds: 60 } },
  ];
}
