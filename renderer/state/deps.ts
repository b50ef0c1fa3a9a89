import type { BridgeClient } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import type { NewEvent } from '../../shared/events';
import type { Line, MasterKind, MasterRowByKind, Operator, Order, Terminal } from '../../shared/master-data';
import type { TerminalState } from '../../shared/terminal-state';
import type { AppendContext, AppendResult } from '../storage/envelopes';
import type { PinLockout } from '../storage/pin-lockout';
import type { JournalReader, TakenSnapshot } from '../storage/production-loader';
import type { PrintQueue } from './print-queue';

/**
 * What store actions may touch: repositories, the bridge client, a clock.
 * Never `window` globals, so every action runs in a test with fakes.
 */
/** The journal: appends, the terminal state, and reading back (snapshot and pages) for the folds. */
export interface JournalPort extends JournalReader {
  append(newEvents: readonly NewEvent[], ctx: AppendContext): Promise<Result<AppendResult>>;
  loadState(): Promise<TerminalState>;
  /** The lowest seq still in the journal (head + 1 when empty): a fold may start from a state only if nothing after it was pruned. */
  firstSeq(): Promise<number>;
}

export interface CachePort {
  checkpoint(): Promise<number | null>;
  operators(): Promise<Operator[]>;
  terminal(id: string): Promise<Terminal | undefined>;
  lines(): Promise<Line[]>;
  ordersForLine(lineId: string): Promise<Order[]>;
  /** Any cached master kind (materials, scrap reasons, label templates, JIS call-offs, …). */
  all<K extends MasterKind>(kind: K): Promise<MasterRowByKind[K][]>;
}

export interface StoreDeps {
  terminalId: string;
  journal: JournalPort;
  cache: CachePort;
  bridge: Pick<BridgeClient, 'call'>;
  clock: () => Date;
  /** Tell the sync engine that the journal grew. */
  notifySync: () => void;
  /** PIN check (scrypt: slow-ish); injectable so tests can make it instant or observable. */
  verifyPin: (pin: string, hash: string) => boolean | Promise<boolean>;
  /** Lets the UI paint the busy state before a blocking check runs. */
  yieldToUi: () => Promise<void>;
  /** Wrong PINs per badge; boot keeps them in local storage so a reload does not reset them. Default: memory. */
  pinLockout?: PinLockout;
  /**
   * Has the sync worker fold the journal into a fresh snapshot (off the UI
   * thread); resolves with the seq it covers (and its production part), or null where there is no worker.
   * Absent in rigs without one: the order screen then folds here.
   */
  takeSnapshot?: () => Promise<TakenSnapshot | null>;
  /** Print jobs as journal records, over the journal's own database (boot and test rigs build it from the journal). */
  printQueue: PrintQueue;
}
