import type { StoreApi } from 'zustand/vanilla';
import type { ApprovalSlice } from './approval/approval-slice';
import type { DispatchSlice } from './dispatch-slice';
import type { DowntimeSlice } from './downtime-slice';
import type { JisSlice } from './jis-state';
import type { MasterSlice } from './master-slice';
import type { PrintJobsSlice } from './print-jobs-slice';
import type { SessionSlice } from './session-slice';
import type { StatusSlice } from './status-slice';
import type { WorkflowSlice } from './workflow-state';

export type AppState = SessionSlice & MasterSlice & StatusSlice & JisSlice & WorkflowSlice & PrintJobsSlice & ApprovalSlice & DispatchSlice & DowntimeSlice;
export type AppStore = StoreApi<AppState>;

type Setter = StoreApi<AppState>['setState'];
type Getter = StoreApi<AppState>['getState'];

/** A slice: its own state and actions, with access to the whole store. */
export type SliceCreator<S> = (set: Setter, get: Getter) => S;
