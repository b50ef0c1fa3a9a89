/**
 * What a long task on a page's main thread was made of, from a Chromium trace
 * (Browser.startTracing with the devtools.timeline and v8.cpu_profiler
 * categories): each top-level task over the threshold on a renderer main
 * thread, the trace events nested in it that took longest, and the JS
 * functions the CPU profiler sampled most inside it (self time).
 *
 * `node --import tsx bench/support/trace-long-tasks.ts <trace.json>…` prints
 * them; bench/open.ts writes such traces when BENCH_OPEN_TRACE names a folder.
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName?: string; url?: string; lineNumber?: number };
  parent?: number;
}

export interface LongTask {
  startMs: number;
  durationMs: number;
  /** The nested trace events that took longest, "name (ms)". */
  inside: string[];
  /** JS functions by sampled self time, "function url:line (ms)". */
  hottest: string[];
}

const TOP_TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

function mainThreads(events: readonly TraceEvent[]): Set<string> {
  const main = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.['name'] === 'CrRendererMain') main.add(`${e.pid}:${e.tid}`);
  return main;
}

/** Samples (time µs → leaf node name) per pid:tid from the ProfileChunk events. */
function samplesOf(events: readonly TraceEvent[]): Map<string, { ts: number; name: string }[]> {
  const nodes = new Map<string, Map<number, string>>();
  const samples = new Map<string, { ts: number; name: string }[]>();
  const clock = new Map<string, number>();
  // The chunks come from the profiler's own thread; the Profile event names the thread it samples.
  const sampled = new Map<string, string>();
  for (const e of events) {
    if (e.name === 'Profile') {
      clock.set(`${e.pid}:${e.id}`, Number((e.args?.['data'] as { startTime?: number } | undefined)?.startTime ?? e.ts));
      sampled.set(`${e.pid}:${e.id}`, `${e.pid}:${e.tid}`);
    }
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    const data = (e.args?.['data'] ?? {}) as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
    const names = nodes.get(key) ?? new Map<number, string>();
    nodes.set(key, names);
    for (const n of data.cpuProfile?.nodes ?? []) {
      const f = n.callFrame;
      names.set(n.id, `${f.functionName || '(anonymous)'} ${f.url?.split('/').pop() ?? ''}:${(f.lineNumber ?? -1) + 1}`);
    }
    const thread = sampled.get(key) ?? `${e.pid}:${e.tid}`;
    const list = samples.get(thread) ?? [];
    samples.set(thread, list);
    let t = clock.get(key) ?? e.ts;
    const deltas = data.timeDeltas ?? [];
    (data.cpuProfile?.samples ?? []).forEach((node, i) => {
      t += deltas[i] ?? 0;
      list.push({ ts: t, name: names.get(node) ?? `node ${node}` });
    });
    clock.set(key, t);
  }
  return samples;
}

/** The bench marks the order list shown (performance.mark); tasks before it are the login's, not the open's. */
export const LIST_SHOWN_MARK = 'takt-bench-list-shown';

export function longTasksIn(events: readonly TraceEvent[], thresholdMs = 50): LongTask[] {
  const main = mainThreads(events);
  const from = Math.min(...events.filter((e) => e.name === LIST_SHOWN_MARK).map((e) => e.ts), Number.POSITIVE_INFINITY);
  const since = Number.isFinite(from) ? from : 0;
  const samples = samplesOf(events);
  const complete = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && typeof e.dur === 'number');
  const out: LongTask[] = [];
  for (const task of complete) {
    if (!TOP_TASKS.has(task.name) || (task.dur ?? 0) < thresholdMs * 1000 || task.ts + (task.dur ?? 0) < since) continue;
    const end = task.ts + (task.dur ?? 0);
    const thread = `${task.pid}:${task.tid}`;
    const inside = complete
      .filter((e) => e !== task && `${e.pid}:${e.tid}` === thread && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && !TOP_TASKS.has(e.name))
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 12)
      .map((e) => `${e.name}${e.args?.['data'] ? ` ${JSON.stringify(e.args['data']).slice(0, 120)}` : ''} (${((e.dur ?? 0) / 1000).toFixed(1)} ms)`);
    const self = new Map<string, number>();
    const own = samples.get(thread) ?? [];
    for (let i = 0; i < own.length; i++) {
      const s = own[i]!;
      if (s.ts < task.ts || s.ts > end) continue;
      const next = own[i + 1]?.ts ?? s.ts;
      self.set(s.name, (self.get(s.name) ?? 0) + Math.min(next - s.ts, end - s.ts));
    }
    const hottest = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, us]) => `${name} (${(us / 1000).toFixed(1)} ms)`);
    out.push({ startMs: task.ts / 1000, durationMs: (task.dur ?? 0) / 1000, inside, hottest });
  }
  return out;
}

export function longTasksInFile(file: string, thresholdMs = 50): LongTask[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return longTasksIn(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []), thresholdMs);
}

if (process.argv[1]?.endsWith('trace-long-tasks.ts')) {
  for (const file of process.argv.slice(2)) {
    console.log(`== ${file}`);
    for (const t of longTasksInFile(file, Number(process.env['LONG_TASK_MS'] ?? 50))) {
      console.log(`long task at ${t.startMs.toFixed(0)} ms: ${t.durationMs.toFixed(1)} ms`);
      for (const line of t.inside) console.log(`  in  ${line}`);
      for (const line of t.hottest) console.log(`  js  ${line}`);
    }
  }
}
