import type { DowntimeReason, Routing, ShiftModel } from '../../../shared/master-data-oee';
import type { OeeEventInput } from '../../../shared/oee';

/** Hand-computable shifts for the OEE tests: 2026-03-02 (a Monday), UTC. */
export const DAY = '2026-03-02';
export const t = (hhmm: string, day = DAY): string => `${day}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}.000Z`;
export const ms = (hhmm: string, day = DAY): number => Date.parse(t(hhmm, day));

export const SHIFTS: ShiftModel = {
  id: 'sm-L1',
  lineId: 'L1',
  timeZone: 'UTC',
  shifts: [
    { id: 'early', name: 'Early', start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:30' }] },
    { id: 'late', name: 'Late', start: '14:00', end: '22:00', breaks: [{ start: '18:00', end: '18:30' }] },
  ],
};
export const ROUTINGS: Routing[] = [{ id: 'r-m1', materialId: 'M1', idealCycleSeconds: 30 }];
const reason = (id: string, loss: DowntimeReason['loss']): DowntimeReason => ({ id, lineId: 'L1', code: id, loss, label: { de: id, en: id } });
export const REASONS: DowntimeReason[] = [reason('R-tool', 'availability'), reason('R-material', 'availability'), reason('R-slow', 'performance'), reason('R-sort', 'quality')];
export const MICRO_MS = 120_000;

export class Events {
  readonly list: OeeEventInput[] = [];
  private n = 0;
  private sig = 0;

  private push(type: string, occurredAt: string, payload: Record<string, unknown>, orderId?: string): string {
    const id = `e${++this.n}`;
    this.list.push({ id, type, occurredAt, orderId: orderId ?? null, payload });
    return id;
  }

  start(orderId: string, at: string, materialId = 'M1'): this {
    this.push('OrderStarted', at, { orderNumber: orderId, materialId, quantity: 1000 }, orderId);
    return this;
  }
  complete(orderId: string, at: string): this {
    this.push('OrderCompleted', at, {}, orderId);
    return this;
  }
  state(at: string, state: string, alarmCode?: string): this {
    this.push('MachineStateChanged', at, { machineId: 'M-L1', state, at, signalId: `s${++this.sig}`, ...(alarmCode ? { alarmCode } : {}) });
    return this;
  }
  /** A stop of the machine from `from` to `to`. */
  machineStop(from: string, to: string, state = 'stopped', alarmCode?: string): this {
    return this.state(from, state, alarmCode).state(to, 'running');
  }
  cycles(from: string, to: string, count: number, orderId?: string): this {
    const first = `c${++this.sig}`;
    this.push('MachineCycle', to, { machineId: 'M-L1', count, from, to, firstSignalId: first, lastSignalId: `${first}+${count}` }, orderId);
    return this;
  }
  book(stopId: string, from: string, to: string | undefined, reasonId?: string): this {
    this.push('DowntimeBooked', to ?? from, { stopId, from, ...(to ? { to } : {}), ...(reasonId ? { reasonId } : {}) });
    return this;
  }
  end(stopId: string, to: string): this {
    this.push('DowntimeEnded', to, { stopId, to });
    return this;
  }
  /** The operator gives the machine stop that began at `from` its reason. */
  classify(stopId: string, from: string, reasonId: string, at: string): this {
    this.push('DowntimeClassified', at, { stopId, from, reasonId });
    return this;
  }
  split(stopId: string, at: string, newStopId: string, reasonId: string): this {
    this.push('DowntimeSplit', at, { stopId, at, newStopId, reasonId });
    return this;
  }
  reclassify(stopId: string, reasonId: string, at: string): this {
    this.push('DowntimeReclassified', at, { stopId, reasonId });
    return this;
  }
  good(quantity: number, at: string, orderId: string): this {
    this.push('GoodQuantityBooked', at, { quantity }, orderId);
    return this;
  }
  scrap(quantity: number, at: string, orderId: string): string {
    return this.push('ScrapBooked', at, { quantity, reasonId: 'SR1' }, orderId);
  }
  undoScrap(scrapEventId: string, at: string, orderId: string): this {
    this.push('ScrapUndone', at, { scrapEventId, reasonId: 'SR1', quantity: 1 }, orderId);
    return this;
  }
}
