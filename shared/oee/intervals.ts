/**
 * Half-open time intervals [from, to) in epoch milliseconds, the arithmetic
 * the OEE fold is made of. Lists are kept sorted and disjoint.
 */
export interface Interval {
  from: number;
  to: number;
}

export function duration(list: readonly Interval[]): number {
  let total = 0;
  for (const i of list) total += i.to - i.from;
  return total;
}

/** Sorted, merged, empty intervals dropped. */
export function normalise(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ from: i.from, to: i.to });
  }
  return out;
}

/** The parts of `a` inside `b` (both normalised). */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i]!.from, b[j]!.from);
    const to = Math.min(a[i]!.to, b[j]!.to);
    if (to > from) out.push({ from, to });
    if (a[i]!.to < b[j]!.to) i += 1;
    else j += 1;
  }
  return out;
}

/** The parts of `a` outside `b` (both normalised). */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const piece of a) {
    let from = piece.from;
    while (j < b.length && b[j]!.to <= from) j += 1;
    let k = j;
    while (k < b.length && b[k]!.from < piece.to) {
      if (b[k]!.from > from) out.push({ from, to: b[k]!.from });
      from = Math.max(from, b[k]!.to);
      k += 1;
    }
    if (from < piece.to) out.push({ from, to: piece.to });
  }
  return out;
}

/** Milliseconds of `list` (normalised) inside one window. */
export function overlap(list: readonly Interval[], window: Interval): number {
  let total = 0;
  for (const i of list) {
    if (i.from >= window.to) break;
    const from = Math.max(i.from, window.from);
    const to = Math.min(i.to, window.to);
    if (to > from) total += to - from;
  }
  return total;
}
