/**
 * Lookup by key in the engine's immutable arrays (positions by sequence
 * number, racks by id) in O(1) without putting a Map into the state: the
 * state stays plain JSON (snapshots), the index is a memo beside it. An array
 * that is a copy with the same keys in the same places (one element replaced)
 * shares its predecessor's index, so an update never rebuilds it; any other
 * array gets its own index on first use.
 */

const indexes = new WeakMap<readonly unknown[], Map<unknown, number>>();

export function indexOfKey<T, K>(items: readonly T[], keyOf: (item: T) => K, key: K): number {
  let index = indexes.get(items);
  if (!index) {
    index = new Map();
    for (let i = 0; i < items.length; i++) index.set(keyOf(items[i] as T), i);
    indexes.set(items, index);
  }
  return index.get(key) ?? -1;
}

/**
 * Arrays the running batch fold made itself: nobody else holds them yet, so
 * they may be changed in place. A fold over many events then copies each
 * array once instead of once per event (restoring 30 days of a 100k-position
 * call-off would otherwise copy 100k entries per event).
 */
let draft: WeakSet<readonly unknown[]> | null = null;

/** Runs `fold` (synchronous) as one batch: see `draft`. The arrays it returns are never changed afterwards. */
export function inBatch<R>(fold: () => R): R {
  if (draft) return fold(); // already inside a batch
  draft = new WeakSet();
  try {
    return fold();
  } finally {
    draft = null;
  }
}

/** `items` with the element at `at` replaced: a copy sharing the index (same keys, same places), or, in a batch, the batch's own copy. */
export function replaceAt<T>(items: readonly T[], at: number, item: T): T[] {
  if (draft?.has(items)) {
    (items as T[])[at] = item;
    return items as T[];
  }
  const next = items.slice();
  next[at] = item;
  const index = indexes.get(items);
  if (index) indexes.set(next, index);
  draft?.add(next);
  return next;
}
