import { describe, expect, it } from 'vitest';
import type { ScheduleLine } from '../../../shared/edi/schedule';
import { allocateToSchedule, allocationOrder, openQuantity } from '../../../shared/shipping/allocate';

const line = (date: string, quantity: number, commitment: ScheduleLine['commitment'], dateKind: ScheduleLine['dateKind'] = 'day', time?: string): ScheduleLine => ({ date, quantity, commitment, dateKind, ...(time ? { time } : {}) });

const schedule = [
  line('2025-04-01', 9600, 'forecast', 'month'),
  line('2025-03-04', 480, 'firm'),
  line('2025-03-10', 2400, 'forecast', 'week'),
  line('2025-03-03', 480, 'firm'),
  line('', 100, 'firm', 'backlog'),
];

describe('allocation of a shipment to the call-off', () => {
  it('orders firm before forecast, backlog first, then by date and time', () => {
    expect(allocationOrder(schedule).map((l) => [l.commitment, l.date])).toEqual([
      ['firm', ''], ['firm', '2025-03-03'], ['firm', '2025-03-04'], ['forecast', '2025-03-10'], ['forecast', '2025-04-01'],
    ]);
    const jit = [line('2025-03-03', 1, 'firm', 'day', '2025-03-03T14:00'), line('2025-03-03', 1, 'firm', 'day', '2025-03-03T06:00')];
    expect(allocationOrder(jit).map((l) => l.time)).toEqual(['2025-03-03T06:00', '2025-03-03T14:00']);
  });

  it('lays the quantity on the earliest firm requirement, after what is already in transit', () => {
    expect(allocateToSchedule(schedule, 0, 300)).toEqual([
      { position: 1, lineDate: '', commitment: 'firm', quantity: 100 },
      { position: 2, lineDate: '2025-03-03', commitment: 'firm', quantity: 200 },
    ]);
    // 600 in transit cover the backlog and 500 of the next two firm lines.
    expect(allocateToSchedule(schedule, 600, 500)).toEqual([
      { position: 1, lineDate: '2025-03-04', commitment: 'firm', quantity: 460 },
      { position: 2, lineDate: '2025-03-10', commitment: 'forecast', quantity: 40 },
    ]);
  });

  it('calls what no line asks for unscheduled, and an empty schedule all of it', () => {
    expect(allocateToSchedule(schedule, 13_000, 200)).toEqual([
      { position: 1, lineDate: '2025-04-01', commitment: 'forecast', quantity: 60 },
      { position: 2, lineDate: '', commitment: 'unscheduled', quantity: 140 },
    ]);
    expect(allocateToSchedule([], 0, 5)).toEqual([{ position: 1, lineDate: '', commitment: 'unscheduled', quantity: 5 }]);
    expect(allocateToSchedule([line('2025-03-03', 0, 'firm')], 0, 1)).toEqual([{ position: 1, lineDate: '', commitment: 'unscheduled', quantity: 1 }]);
  });

  it('says what is still open after the goods in transit', () => {
    expect(openQuantity(schedule, 0)).toBe(13_060);
    expect(openQuantity(schedule, 13_000)).toBe(60);
    expect(openQuantity(schedule, 20_000)).toBe(0);
  });
});
