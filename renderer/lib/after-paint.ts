/**
 * Runs `fn` once the frame after now has painted (animation frame, then a
 * task), or after `fallbackMs` if no frame comes (a hidden page paints none),
 * whichever is first, exactly once. For work a booking starts that the
 * operator does not wait for (the sync push): it then competes with the next
 * task, not with painting the verdict.
 */
export interface PaintScheduler {
  requestAnimationFrame?: (cb: () => void) => unknown;
  setTimeout: (cb: () => void, ms: number) => unknown;
}

const pageScheduler = (): PaintScheduler => ({
  ...(typeof requestAnimationFrame === 'function' ? { requestAnimationFrame: (cb: () => void) => requestAnimationFrame(() => cb()) } : {}),
  setTimeout: (cb, ms) => setTimeout(cb, ms),
});

export function afterNextPaint(fn: () => void, fallbackMs = 100, scheduler: PaintScheduler = pageScheduler()): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  scheduler.requestAnimationFrame?.(() => scheduler.setTimeout(once, 0));
  scheduler.setTimeout(once, fallbackMs);
}
