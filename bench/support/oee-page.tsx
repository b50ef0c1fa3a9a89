/**
 * The bench page of `bench -- oee --live-only` (bench/support/oee-chromium.ts
 * bundles and serves it): the order screen's OEE part, the real ShiftTimeline
 * and OeeLine components over the real downtimeView, fed a shift's machine
 * cycles one per animation frame (simulated time: one cycle a second). Per
 * cycle: fold it, derive the view, commit it through React synchronously; the
 * browser then paints before the next frame. Measured in the page: each
 * update's time, the gaps between frames, and long tasks.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { LiveOee, type OeeEventInput } from '../../shared/oee';
import type { DowntimeMaster, DowntimeState } from '../../renderer/state/downtime-slice';
import { downtimeView, oeeContextOf, recomputeSource, type DowntimeView } from '../../renderer/state/downtime-view';
import { createI18n } from '../../renderer/i18n';
import { OeeLine } from '../../renderer/ui/downtime/OeeLine';
import { ShiftTimeline } from '../../renderer/ui/downtime/ShiftTimeline';
// The panel's own styles, so the browser lays out and paints the bar as on the terminal.
import '../../renderer/ui/downtime/downtime.css';

export interface PageRunInput {
  events: OeeEventInput[];
  master: DowntimeMaster;
  /** 'live': the slice's running index; 'recompute': the whole fold indexed and summed on every update. */
  mode: 'live' | 'recompute';
  /** Updates measured; the shift's cycles when fewer. */
  cycles: number;
  /** Fold this many cycles per frame, the last of them with the view and the commit (1: every cycle is an update). */
  every: number;
  /** Updates first, not counted: the first render and the JIT's warming up are not the shift's cost. */
  warmup: number;
}

export interface PageRunResult {
  updates: number[];
  frameGaps: number[];
  longTasks: number[];
  /** The figure the panel showed last, so the two modes can be checked to agree. */
  finalOee: number | null;
  finalCount: number;
}

function Panel({ view, master }: { view: DowntimeView; master: DowntimeMaster }) {
  return (
    <section className="dt-panel">
      <ShiftTimeline bar={view.bar} span={view.shift.span} reasons={master.reasons} timeZone={master.shiftModel?.timeZone} />
      <div className="dt-figures">
        <OeeLine label="OEE shift" figures={view.shiftFigures} testId="dt-oee-shift" />
        {view.orderFigures && <OeeLine label="OEE order" figures={view.orderFigures} testId="dt-oee-order" />}
      </div>
    </section>
  );
}

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

async function run(input: PageRunInput): Promise<PageRunResult> {
  const i18n = await createI18n('de');
  const host = document.getElementById('root')!;
  const root = createRoot(host);
  const live = new LiveOee();
  let d: DowntimeState = { master: input.master, live, fold: live.state, version: 0, foldedSeq: 0, now: 0, picker: null, editing: false, deferred: [], busy: false };
  let orderId: string | null = null;
  let view: DowntimeView | null = null;
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  let updates: number[] = [];
  let frameGaps: number[] = [];
  let measuring = false;
  const startMeasuring = () => {
    observer.observe({ type: 'longtask' });
    measuring = true;
    updates = [];
    frameGaps = [];
  };
  if (input.warmup === 0) startMeasuring();
  let i = 0;
  let last = await nextFrame();
  while ((!measuring || updates.length < input.cycles) && i < input.events.length) {
    if (!measuring && updates.length >= input.warmup) startMeasuring();
    const frame = await nextFrame();
    frameGaps.push(frame - last);
    last = frame;
    let cycles = 0;
    let t0 = 0;
    while (i < input.events.length && cycles < input.every) {
      const e = input.events[i++]!;
      if (e.type === 'OrderStarted') orderId = e.orderId ?? null;
      if (e.type !== 'MachineCycle') {
        live.fold(e);
        continue;
      }
      cycles += 1;
      if (cycles === input.every) t0 = performance.now();
      live.fold(e);
      d = { ...d, now: Date.parse(e.occurredAt), version: d.version + 1 };
    }
    if (cycles < input.every) break;
    const v = input.mode === 'live' ? downtimeView(d, orderId) : downtimeView(d, orderId, undefined, recomputeSource(d, oeeContextOf(d)));
    flushSync(() =>
      root.render(
        <I18nextProvider i18n={i18n}>
          <Panel view={v} master={input.master} />
        </I18nextProvider>,
      ),
    );
    updates.push(performance.now() - t0);
    view = v;
  }
  // The last update's paint and any long task it caused are reported before the observer stops.
  await nextFrame();
  await nextFrame();
  observer.disconnect();
  root.unmount();
  return { updates, frameGaps, longTasks, finalOee: view?.shiftFigures.oee ?? null, finalCount: view?.shiftFigures.machineCount ?? 0 };
}

Object.defineProperty(window, '__oeeBench', { value: { run } });
