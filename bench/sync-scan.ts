/**
 * (d) of `npm run bench -- sync`: scan → committed journal event at a steady
 * 10 scans/s, through the renderer's own workflow booking: the app store's
 * `scanIntoOrder` (normalise, parse, classify, production verdict, Journal.append
 * through the group commit, fold) on a terminal whose master data came from
 * the demo server by the real pull, with the sync engine pushing meanwhile.
 * A scan's latency runs from its arrival (its slot in the 10/s schedule)
 * until `scanIntoOrder` resolved, i.e. the events are committed and the verdict is
 * set; queueing behind a slow scan counts.
 */
import { createAppStore, type AppStore } from '../renderer/state/app-store';
import { createPrintQueue } from '../renderer/state/print-queue';
import { DEMO_BADGES, DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../server/demo/demo-data';
import { verifyPin } from '../shared/pin';
import type { ChaosServer } from '../test/e2e/support/chaos-server';
import { startNodeTerminal, type NodeTerminal } from '../test/e2e/support/node-terminal';
import { APP_PUSH_BATCH, dropTerminalDatabases } from './sync-takt';

const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';
/** Demo labels (as in test/e2e/shift.test.ts): the order's four BOM materials, and the finished part with its serial. */
const LOAD_BOM = [`(01)${DEMO_HOUSING_GTIN}(10)H-0001`, `[)>${RS}06${GS}P100-0410${GS}1TS-77${RS}${EOT}`, 'PCB7-A0815', 'SEAL-004711'];
const partLabel = (serial: string) => `[)>${RS}06${GS}PSG-100${GS}S${serial}${RS}${EOT}`;
const housingLabel = (batch: string) => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17301231`;

export interface ScanLatencyRun {
  scans: number;
  ratePerSecond: number;
  seconds: number;
  latenciesMs: number[];
  events: number;
  nok: number;
}

/** Logs in, opens and starts the demo order with its BOM loaded; throws if the workflow refuses. */
async function readyToProduce(store: AppStore): Promise<void> {
  const s = () => store.getState();
  await s().refreshMaster();
  await s().restoreSession();
  await s().handleScan({ raw: DEMO_BADGES.anna });
  if (!s().terminal.operator) throw new Error(`login refused: ${JSON.stringify(s().feedback)}`);
  await s().openOrder(DEMO_ORDERS.L1[0]);
  for (const raw of LOAD_BOM) await s().scanIntoOrder(raw);
  await s().startOpenOrder();
  if (s().workflow.verdict?.key !== 'workflow.started') throw new Error(`order not started: ${JSON.stringify(s().workflow.verdict)}`);
}

export async function scanLatency(server: ChaosServer, terminalId: string, rate: number, seconds: number): Promise<ScanLatencyRun> {
  const token = await server.addTerminal(terminalId);
  const terminal: NodeTerminal = await startNodeTerminal({ terminalId, serverUrl: server.url, token, pushBatch: APP_PUSH_BATCH });
  try {
    await terminal.engine.runOnce(); // the first pull: the demo master data
    // No devices in this bench: the booking path makes no bridge call; anything else is refused as data.
    const noHost = { call: async () => ({ ok: false, error: { code: 'unknown-channel', message: 'no host in the sync bench' } }) as never };
    const store = createAppStore({
      terminalId,
      journal: terminal.journal,
      cache: terminal.cache,
      bridge: noHost,
      clock: () => new Date(),
      printQueue: createPrintQueue({ store: terminal.journal.printJobStore(), bridge: noHost, clock: () => new Date() }),
      notifySync: () => terminal.engine.notify(),
      verifyPin,
      yieldToUi: async () => {},
    });
    await readyToProduce(store);
    terminal.engine.start();
    const headBefore = await terminal.journal.head();
    const count = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const latenciesMs: number[] = [];
    let nok = 0;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Every 50th scan changes the housing batch (a material scan), the rest are finished parts.
      const raw = i % 50 === 49 ? housingLabel(`H-${1000 + i}`) : partLabel(`SN-${String(i).padStart(6, '0')}`);
      inFlight.push(
        store
          .getState()
          .scanIntoOrder(raw)
          .then(() => {
            latenciesMs.push(performance.now() - due);
            if (store.getState().workflow.verdict?.tone !== 'ok') nok += 1;
          }),
      );
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - started) / 1000;
    const events = (await terminal.journal.head()) - headBefore;
    return { scans: count, ratePerSecond: rate, seconds: elapsed, latenciesMs, events, nok };
  } finally {
    terminal.close();
    await dropTerminalDatabases(terminalId);
  }
}
