import { createStore } from 'zustand/vanilla';
import { createApprovalSlice } from './approval/approval-slice';
import type { StoreDeps } from './deps';
import { createDispatchSlice } from './dispatch-slice';
import { createDowntimeSlice } from './downtime-slice';
import { createJisSlice } from './jis-slice';
import { createMasterSlice } from './master-slice';
import { createPrintJobsSlice } from './print-jobs-slice';
import { createSessionSlice } from './session-slice';
import { createStatusSlice } from './status-slice';
import type { AppState, AppStore } from './types';
import { createWorkflowSlice } from './workflow-slice';

export type { AppState, AppStore } from './types';

/** One vanilla zustand store made of slices; React binds to it through ui/store-context. */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createStatusSlice()(set, get),
    ...createMasterSlice(deps)(set, get),
    ...createSessionSlice(deps)(set, get),
    ...createWorkflowSlice(deps)(set, get),
    ...createJisSlice(deps)(set, get),
    ...createPrintJobsSlice(deps)(set, get),
    ...createApprovalSlice(deps)(set, get),
    ...createDispatchSlice(deps)(set, get),
    ...createDowntimeSlice(deps)(set, get),
  }));
}
