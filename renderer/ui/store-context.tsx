import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../state/app-store';
import type { SyncControl } from '../sync/sync-control';

const StoreContext = createContext<AppStore | null>(null);
const SyncControlContext = createContext<SyncControl | null>(null);

/** The app store and, once boot started the sync engine, what the status screen may ask of it. */
export function StoreProvider({ store, syncControl = null, children }: { store: AppStore; syncControl?: SyncControl | null; children: ReactNode }) {
  return (
    <StoreContext.Provider value={store}>
      <SyncControlContext.Provider value={syncControl}>{children}</SyncControlContext.Provider>
    </StoreContext.Provider>
  );
}

/** "Sync now" and the space guard's last verdict; null where no sync engine runs. */
export function useSyncControl(): SyncControl | null {
  return useContext(SyncControlContext);
}

/** Reads from the app store; the selector should return a stable value (a field, not a new object). */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside <StoreProvider>');
  return useStore(store, selector);
}
