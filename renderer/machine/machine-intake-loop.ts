import type { BridgeClient } from '../../shared/bridge';
import { executionOf } from '../../shared/production/order-state';
import type { Timers } from '../bridge/types';
import { logger } from '../lib/log';
import type { AppState } from '../state/types';
import { takeMachineSignals, type IntakeOptions } from './machine-intake';

/**
 * Keeps the journal abreast of the machine: a round of take → append → ack
 * whenever the host says signals are pending (its `machine:status` event),
 * when the bridge comes back, and every `pollMs` as a backstop for an event
 * missed while the page was away. Rounds never overlap (two at once would
 * journal the same items twice before either acknowledged them); a round
 * that filled its batch is followed at once by the next.
 */

export interface MachineIntakeLoopOptions extends Omit<IntakeOptions, 'bridge'> {
  bridge: Pick<BridgeClient, 'call' | 'on'>;
  timers: Timers;
  /** Called after a round journalled something (the sync engine's notify). */
  onJournalled?: (count: number) => void;
  pollMs?: number;
}

export interface MachineIntakeLoop {
  /** Runs rounds until nothing is pending; resolves with how many items were journalled. */
  drain(): Promise<number>;
  stop(): void;
}

const log = logger('machine-intake');

export function startMachineIntake(o: MachineIntakeLoopOptions): MachineIntakeLoop {
  const batch = o.batch ?? 500;
  const pollMs = o.pollMs ?? 10_000;
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;
  let poll: unknown = null;

  const round = (): Promise<number> =>
    takeMachineSignals({ ...o, batch }).catch((err: unknown) => {
      log.warn(`machine signals not taken: ${(err as Error).message}`);
      return 0;
    });

  const drain = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        for (;;) {
          if (stopped) break;
          const n = await round();
          total += n;
          if (n > 0) o.onJournalled?.(n);
          if (n < batch) break;
        }
      } while (again && !stopped);
      return total;
    })().finally(() => (running = null));
    return running;
  };

  const schedule = (): void => {
    if (stopped) return;
    poll = o.timers.setTimeout(() => {
      void drain().finally(schedule);
    }, pollMs);
  };

  const unsubscribe = o.bridge.on('machine:status', (status) => {
    if (status.pending > 0) void drain();
  });
  void drain();
  schedule();

  return {
    drain,
    stop() {
      stopped = true;
      unsubscribe();
      if (poll !== null) o.timers.clearTimeout(poll);
    },
  };
}

/** The order on the machine: the terminal's active order while it is started or paused (parts made in a pause are still its parts). */
export function runningOrderOf(state: Pick<AppState, 'terminal' | 'workflow'>): string | undefined {
  const id = state.terminal.activeOrderId;
  if (!id) return undefined;
  const status = executionOf(state.workflow.production, id).status;
  return status === 'started' || status === 'paused' ? id : undefined;
}
