import type { Line, Material, Operator, Order, Terminal } from '../../shared/master-data';
import type { StoreDeps } from './deps';
import type { SliceCreator } from './types';
import { loadWorkflowMaster } from './workflow-logic';

/**
 * Master data the screens read, loaded from the cache after boot and after
 * every pull, including the open order's blocked batches and scrap reasons:
 * a batch blocked at the server takes effect on the screen that is open.
 */
export interface MasterState {
  /** False until the first pull wrote a checkpoint: the screens say "waiting for master data". */
  masterLoaded: boolean;
  operators: Operator[];
  terminalRow: Terminal | null;
  line: Line | null;
  orders: Order[];
  materials: Record<string, Material>;
}

export interface MasterActions {
  refreshMaster(): Promise<void>;
}

export type MasterSlice = MasterState & MasterActions;

export const initialMaster: MasterState = {
  masterLoaded: false,
  operators: [],
  terminalRow: null,
  line: null,
  orders: [],
  materials: {},
};

export const createMasterSlice =
  (deps: StoreDeps): SliceCreator<MasterSlice> =>
  (set, get) => ({
    ...initialMaster,
    async refreshMaster() {
      const { cache, terminalId } = deps;
      const [checkpoint, operators, terminalRow, lines, materials] = await Promise.all([
        cache.checkpoint(),
        cache.operators(),
        cache.terminal(terminalId),
        cache.lines(),
        cache.all('material'),
      ]);
      const line = terminalRow ? (lines.find((l) => l.id === terminalRow.lineId) ?? null) : null;
      const orders = terminalRow ? await cache.ordersForLine(terminalRow.lineId) : [];
      const workflowMaster = await loadWorkflowMaster(cache);
      set({
        workflow: { ...get().workflow, master: workflowMaster },
        masterLoaded: checkpoint !== null,
        operators,
        terminalRow: terminalRow ?? null,
        line,
        orders,
        materials: Object.fromEntries(materials.map((m) => [m.id, m])),
      });
      // The line's downtime reasons, shift model and cycle times come with the same pull.
      await get().loadDowntimeMaster();
    },
  });
