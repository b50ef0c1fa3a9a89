import type { SpaceVerdict } from '../storage/space-guard';

/**
 * What the status screen may do besides reading the store: ask for a sync
 * now and read the space guard. boot.ts provides it; screens get it through
 * this one module rather than a window global, and tests provide a fake.
 */
export interface SyncControl {
  syncNow(): void;
  space(): SpaceVerdict | null;
}

let current: SyncControl | null = null;

export function provideSyncControl(control: SyncControl | null): void {
  current = control;
}

export function syncControl(): SyncControl | null {
  return current;
}
