import { initialProductionState, type BatchTrace, type ContainerTrace, type PartTrace, type ProductionState } from '../../shared/production';
import type { CompletionPrompt, CountActions } from './workflow-counts';
import { DEFAULT_WORKFLOW_CONFIG, type ContainerLabel, type VerdictParams, type WorkflowConfig, type WorkflowMaster } from './workflow-logic';

/**
 * The state and actions of the operator workflow on the order detail screen.
 * Every step asks the pure domain core (shared/production) for a verdict; OK
 * verdicts are journal appends, NOK verdicts book nothing and wait for
 * acknowledgement. The production fold is rebuilt from the journal
 * (storage/production-loader.ts) when a screen opens; bookings keep it current.
 */

export interface WorkflowVerdict {
  tone: 'ok' | 'nok';
  key: string;
  params: VerdictParams;
  serial: number;
}

export interface ScrapRequest {
  reasonId: string;
  quantity: number;
  comment?: string;
  serial?: string;
}

/** The local trace (offline, over this terminal's journal) of the last scan in trace mode. */
export type TraceResult =
  | { kind: 'batch'; trace: BatchTrace }
  | { kind: 'part'; serial: string; trace: PartTrace | null }
  | { kind: 'container'; trace: ContainerTrace };

export interface WorkflowState {
  /** The scrap panel is open: a part serial scanned now names the scrapped part instead of booking it good. */
  scrapping: boolean;
  scrapSerial: string | null;
  /** Trace mode: scans are looked up, not booked. */
  tracing: boolean;
  trace: TraceResult | null;
  openOrderId: string | null;
  production: ProductionState;
  verdict: WorkflowVerdict | null;
  /** Waiting for the next operator's badge. */
  handover: boolean;
  /** The last scrap booking (event id), undoable within the window. */
  lastScrapId: string | null;
  /** Labels of closed containers: preview first, then print. */
  labels: ContainerLabel[];
  /** The print job of each container's label (from LabelPrinted), named by a reprint. */
  printedJobs: Readonly<Record<string, string>>;
  master: WorkflowMaster;
  busy: boolean;
  /** The open order's progress is still being read from the journal: the screen shows the order and says so. */
  productionLoading: boolean;
  config: WorkflowConfig;
  /** The completion dialog's open question (count differs, parts in no container). */
  completion: CompletionPrompt;
}

export interface WorkflowActions extends CountActions {
  openOrder(orderId: string): Promise<void>;
  /** Folds the journal (from its snapshot) once, so the order list shows each order's progress; bookings keep it current. */
  loadProduction(): Promise<void>;
  closeOrderDetail(): void;
  configureWorkflow(patch: Partial<WorkflowConfig>): void;
  startOpenOrder(): Promise<void>;
  pauseOpenOrder(reason: string): Promise<void>;
  resumeOpenOrder(): Promise<void>;
  beginHandover(): void;
  cancelHandover(): void;
  scanIntoOrder(raw: string): Promise<void>;
  bookGood(quantity: number): Promise<void>;
  bookScrap(request: ScrapRequest): Promise<void>;
  undoLastScrap(): Promise<void>;
  closeOpenContainer(): Promise<void>;
  printNextLabel(): Promise<void>;
  reprintLabel(containerId: string, reason: string): Promise<void>;
  acknowledgeVerdict(): void;
  setTracing(on: boolean): void;
  setScrapping(on: boolean): void;
  logoutInactive(): Promise<void>;
}

export interface WorkflowSlice extends WorkflowActions {
  workflow: WorkflowState;
}

export const initialWorkflow: WorkflowState = {
  scrapping: false,
  scrapSerial: null,
  tracing: false,
  trace: null,
  openOrderId: null,
  production: initialProductionState,
  verdict: null,
  handover: false,
  lastScrapId: null,
  labels: [],
  printedJobs: {},
  master: { scrapReasons: [], blockedBatches: [], labelTemplates: [] },
  busy: false,
  productionLoading: false,
  config: DEFAULT_WORKFLOW_CONFIG,
  completion: null,
};
