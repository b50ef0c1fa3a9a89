/** One row of a `meta` table: a named value (counters, cursors, checkpoints, snapshots). */
export interface MetaRow<T = unknown> {
  key: string;
  value: T;
}
