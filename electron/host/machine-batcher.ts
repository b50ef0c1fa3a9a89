import type { MachineItem } from '../../shared/bridge-machine';
import type { MachineSignal } from './machine-payload';

/**
 * Signals → journal items, pure (the clock is passed in). The part counter
 * is the machine's cumulative count, so the counter values themselves name
 * the parts: a message delivered twice (QoS 1, a retained message after a
 * reconnect) carries a value already seen and adds nothing. Parts are
 * batched into one MachineCycle per interval; a state change closes the
 * batch first so the journal keeps the machine's order. No signal for longer
 * than the gap = `no-signal` from the last signal on; the next part after a
 * gap means the machine runs again.
 */

export interface BatcherMemory {
  lastCounter: number | null;
  /** Counter resets start a new epoch, so part ids stay unique. */
  epoch: number;
  lastSignalAt: number | null;
  lastReceivedAt: number | null;
  gapOpen: boolean;
  /** The last state the machine reported (for the line-state topics). */
  lastState?: string;
  batch: { firstCounter: number; lastCounter: number; count: number; from: number; to: number; openedAt: number } | null;
}

export const freshMemory = (): BatcherMemory => ({ lastCounter: null, epoch: 0, lastSignalAt: null, lastReceivedAt: null, gapOpen: false, batch: null });

export interface BatcherOptions {
  machineId: string;
  batchMs: number;
  gapMs: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class MachineBatcher {
  constructor(
    private readonly o: BatcherOptions,
    public memory: BatcherMemory = freshMemory(),
  ) {}

  private partId(counter: number): string {
    return `${this.o.machineId}:c:${this.memory.epoch}:${counter}`;
  }

  private flush(out: MachineItem[]): void {
    const b = this.memory.batch;
    if (!b) return;
    const firstSignalId = this.partId(b.firstCounter);
    const lastSignalId = this.partId(b.lastCounter);
    out.push({ id: `${firstSignalId}..${b.lastCounter}`, type: 'MachineCycle', payload: { machineId: this.o.machineId, count: b.count, from: iso(b.from), to: iso(b.to), firstSignalId, lastSignalId } });
    this.memory.batch = null;
  }

  private state(out: MachineItem[], at: number, state: 'running' | 'stopped' | 'fault' | 'no-signal', alarmCode?: string, derived?: boolean): void {
    const signalId = `${this.o.machineId}:s:${at}:${state}${derived ? ':derived' : ''}`;
    out.push({ id: signalId, type: 'MachineStateChanged', payload: { machineId: this.o.machineId, state, at: iso(at), signalId, ...(alarmCode ? { alarmCode } : {}), ...(derived ? { derived } : {}) } });
  }

  /** One signal in; the items it completes out. */
  signal(s: MachineSignal, now: number): MachineItem[] {
    const out: MachineItem[] = [];
    const m = this.memory;
    const afterGap = m.gapOpen;
    m.gapOpen = false;
    m.lastReceivedAt = now;
    m.lastSignalAt = Math.max(m.lastSignalAt ?? 0, s.at);
    if (s.kind === 'state') {
      m.lastState = s.state;
      this.flush(out);
      this.state(out, s.at, s.state, s.alarmCode);
      return out;
    }
    if (m.lastCounter !== null && s.counter === m.lastCounter) return out;
    let first: number;
    if (m.lastCounter === null) {
      // The first value ever heard is where counting starts, not a burst of parts.
      m.lastCounter = s.counter;
      return out;
    }
    if (s.counter < m.lastCounter) {
      this.flush(out);
      m.epoch = s.at;
      first = 1;
    } else first = m.lastCounter + 1;
    m.lastCounter = s.counter;
    if (s.counter < first) return out;
    if (afterGap) {
      this.flush(out);
      this.state(out, s.at, 'running', undefined, true);
      m.lastState = 'running';
    }
    if (m.batch && s.at - m.batch.from >= this.o.batchMs) this.flush(out);
    if (m.batch) {
      m.batch.lastCounter = s.counter;
      m.batch.count += s.counter - first + 1;
      m.batch.to = s.at;
    } else m.batch = { firstCounter: first, lastCounter: s.counter, count: s.counter - first + 1, from: s.at, to: s.at, openedAt: now };
    return out;
  }

  /** Time passing: closes a batch whose interval is over, and notices a gap. */
  tick(now: number): MachineItem[] {
    const out: MachineItem[] = [];
    const m = this.memory;
    if (m.batch && now - m.batch.openedAt >= this.o.batchMs) this.flush(out);
    if (!m.gapOpen && m.lastReceivedAt !== null && m.lastSignalAt !== null && now - m.lastReceivedAt > this.o.gapMs) {
      this.flush(out);
      this.state(out, m.lastSignalAt, 'no-signal');
      m.gapOpen = true;
    }
    return out;
  }
}
