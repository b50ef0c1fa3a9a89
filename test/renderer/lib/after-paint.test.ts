import { describe, expect, it } from 'vitest';
import { afterNextPaint, type PaintScheduler } from '../../../renderer/lib/after-paint';

/** Work a booking starts in the background waits for the verdict's frame, but never forever. */
function manualScheduler() {
  const frames: (() => void)[] = [];
  const timers: { at: number; cb: () => void }[] = [];
  let now = 0;
  const scheduler: PaintScheduler = {
    requestAnimationFrame: (cb) => frames.push(cb),
    setTimeout: (cb, ms) => timers.push({ at: now + ms, cb }),
  };
  return {
    scheduler,
    frame: () => frames.splice(0).forEach((cb) => cb()),
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.cb();
      }
    },
  };
}

describe('afterNextPaint', () => {
  it('runs after the next frame and the task after it, once', () => {
    const m = manualScheduler();
    const calls: string[] = [];
    afterNextPaint(() => calls.push('run'), 100, m.scheduler);
    m.advance(0);
    expect(calls).toEqual([]);
    m.frame();
    expect(calls).toEqual([]);
    m.advance(0);
    expect(calls).toEqual(['run']);
    m.advance(200);
    expect(calls).toEqual(['run']);
  });

  it('runs after the fallback when no frame comes (a hidden page)', () => {
    const m = manualScheduler();
    const calls: string[] = [];
    afterNextPaint(() => calls.push('run'), 100, m.scheduler);
    m.advance(99);
    expect(calls).toEqual([]);
    m.advance(1);
    expect(calls).toEqual(['run']);
    m.frame();
    m.advance(0);
    expect(calls).toEqual(['run']);
  });

  it('falls back to the timer where there are no animation frames', () => {
    const m = manualScheduler();
    const calls: string[] = [];
    afterNextPaint(() => calls.push('run'), 50, { setTimeout: m.scheduler.setTimeout });
    m.advance(50);
    expect(calls).toEqual(['run']);
  });
});
