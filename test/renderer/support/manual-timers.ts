import type { Timers } from '../../../renderer/bridge/types';

/** Timers driven by the test: nothing fires until `advance` or `runNext`. */
export class ManualTimers implements Timers {
  now = 0;
  private nextId = 1;
  private tasks: { id: number; at: number; fn: () => void }[] = [];

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.tasks.push({ id, at: this.now + ms, fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.tasks = this.tasks.filter((t) => t.id !== handle);
  };

  /** Delays (from now) of the timers still waiting, in order. */
  pending(): number[] {
    return this.tasks.map((t) => t.at - this.now).sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((t) => t !== due);
      this.now = due.at;
      due.fn();
    }
    this.now = until;
  }

  /** Fires the earliest timer, whatever its delay; returns that delay. */
  runNext(): number | null {
    const due = [...this.tasks].sort((a, b) => a.at - b.at)[0];
    if (!due) return null;
    const delay = due.at - this.now;
    this.advance(delay);
    return delay;
  }
}
