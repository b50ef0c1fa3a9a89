import { SNAPSHOT_VERSION, type JournalSnapshot } from './journal-snapshot';

/**
 * Reading a stored snapshot written by this or an older version of the app.
 *
 * An update that changes the folds' shape raises SNAPSHOT_VERSION and adds
 * the step from the version before: a pure transform of the stored row (plain
 * JSON in, plain JSON out), like the Dexie versions in renderer/storage/schema.ts.
 * Without it the terminal's first open after the update refolds the whole
 * journal (seconds per 100,000 events, and what retention pruned is gone
 * from it); with it, reading the old snapshot costs what reading the current
 * one does. A change whose new state cannot be derived from the old snapshot
 * (it needs facts the old folds threw away) leaves the step out, or returns
 * null: the snapshot is then not read, and the sync worker refolds what is
 * left of the journal in the background, as before.
 */

type Row = Record<string, unknown>;
/** Turns a row of version n into one of version n + 1, or null when this one cannot be. */
export type SnapshotUpgrade = (row: Row) => Row | null;

/**
 * Version 1 → 2: the folds' first seq. Version 1 was the first snapshot
 * format, and retention prunes only what a snapshot covers, so no journal
 * was ever pruned under an unreadable one while version 1 was written: every
 * version-1 snapshot was folded from seq 1.
 */
export function snapshotV1ToV2(row: Row): Row {
  return { ...row, version: 2, foldedFrom: 1 };
}

/** The step from each version (the key) to the next. */
export const SNAPSHOT_UPGRADES: Readonly<Record<number, SnapshotUpgrade>> = {
  1: snapshotV1ToV2,
};

const isRecord = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** The versions a stored snapshot may have and still be read: the current one and each with steps all the way up to it. */
export function readableSnapshotVersions(upgrades: Readonly<Record<number, SnapshotUpgrade>> = SNAPSHOT_UPGRADES, target: number = SNAPSHOT_VERSION): number[] {
  const versions = [target];
  for (let v = target - 1; v >= 1 && upgrades[v]; v--) versions.push(v);
  return versions;
}

/** The row brought up to `target` step by step, or null (a newer version after a downgrade, a missing or refusing step). */
export function upgradeSnapshotRow(row: Row, upgrades: Readonly<Record<number, SnapshotUpgrade>> = SNAPSHOT_UPGRADES, target: number = SNAPSHOT_VERSION): Row | null {
  let current: Row | null = row;
  for (;;) {
    const version: unknown = current['version'];
    if (!isCount(version, 1) || version > target) return null;
    if (version === target) return current;
    const step: SnapshotUpgrade | undefined = upgrades[version];
    const next: Row | null = step ? step(current) : null;
    // A step must move exactly one version up, or the chain could loop or skip a step.
    if (!next || next['version'] !== version + 1) return null;
    current = next;
  }
}

/**
 * A stored row as a snapshot this code can use, or null: one it cannot
 * upgrade or a malformed row is ignored, never half-read.
 */
export function readSnapshot(row: unknown, upgrades: Readonly<Record<number, SnapshotUpgrade>> = SNAPSHOT_UPGRADES): JournalSnapshot | null {
  if (!isRecord(row)) return null;
  const current = upgradeSnapshotRow(row, upgrades);
  if (!current || current['version'] !== SNAPSHOT_VERSION) return null;
  if (!isCount(current['seq'], 0) || !isCount(current['foldedFrom'], 1)) return null;
  if (!isRecord(current['production']) || !isRecord(current['printedJobs']) || !isRecord(current['jis']) || !Array.isArray(current['unfoldedJis'])) return null;
  return current as unknown as JournalSnapshot;
}
