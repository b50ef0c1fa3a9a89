import type { SpaceVerdict } from '../storage/space-guard';

/**
 * What the status screen may do besides reading the store: ask for a sync
 * now and read the space guard. boot.ts builds it (Booted.syncControl) and
 * main.tsx hands it to the screens through <StoreProvider>; tests pass a fake.
 */
export interface SyncControl {
  syncNow(): void;
  space(): SpaceVerdict | null;
}
