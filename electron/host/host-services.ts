import { mkdir, statfs } from 'node:fs/promises';
import type { HostHandlers, ScannerStatus } from '../../shared/bridge';
import type { TerminalConfig } from './config';
import { createHostEventHub, type HostEvents } from './host-events';
import { hostLog, writeRendererRecords } from './log-file';
import { HostError } from './coded-error';
import { journalCopyFile, openJournalCopy, type JournalCopy } from './journal-copy';
import { createPrinterService, printerDriverFromConfig, type PrinterService } from './printer-service';
import { createMasterWatcher } from './master-watcher';
import { createSerialScanner, type Scanner } from './serial-scanner';
import { createServerTransport, type ServerTransport } from './server-transport';
import { storageInfo } from './storage-settings';
import { createMachineService, type MachineService } from './machine-service';
import { machineStoreFile, openMachineSignalStore } from './machine-signal-store';

/**
 * The host services behind the bridge: one object whatever the transport
 * (Electron IPC or the loopback WebSocket). Pure Node, no electron import.
 */

export interface Host {
  handlers: HostHandlers;
  events: HostEvents;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface CreateHostOptions {
  config: TerminalConfig;
  version: string;
  transport: 'electron' | 'browser';
  userDataDir: string;
  /** Test seams; by default built from the config. */
  scanner?: Scanner | null;
  server?: ServerTransport;
  printer?: PrinterService;
  journalCopy?: JournalCopy;
  machine?: MachineService;
}

const NOT_CONFIGURED: ScannerStatus = { state: 'not-configured', message: 'no serial scanner configured (TAKT_SCANNER_PORT)' };

export function createHost(options: CreateHostOptions): Host {
  const { config, version, transport, userDataDir } = options;
  const hub = createHostEventHub();
  const scanner = options.scanner !== undefined ? options.scanner : scannerFromConfig(config);
  const server =
    options.server ?? createServerTransport({ serverUrl: config.serverUrl, terminalId: config.terminalId, token: config.terminalToken, version });
  const printer = options.printer ?? createPrinterService({ driver: printerDriverFromConfig(config.printer ?? '', config.printerBaud ?? 9600), pollMs: 10_000 });
  const unsubscribe: (() => void)[] = [];
  // Master-data news from the server, so the renderer pulls within seconds of a change (a blocked batch).
  const masterWatcher = createMasterWatcher({ server, onRevision: (rev) => hub.emit('master:changed', { rev }) });
  // The journal's second copy (journal-copy.ts), opened at the first call that needs it.
  let journalCopy: JournalCopy | null = options.journalCopy ?? null;
  const copy = (): JournalCopy => (journalCopy ??= openJournalCopy(journalCopyFile(userDataDir, config.terminalId)));
  const machine =
    options.machine ??
    createMachineService({ config, terminalId: config.terminalId, store: openMachineSignalStore(config.mqttUrl ? machineStoreFile(userDataDir, config.terminalId) : ':memory:') });

  const handlers: HostHandlers = {
    'host:info': async () => ({
      terminalId: config.terminalId,
      serverUrl: config.serverUrl,
      version,
      transport,
      language: config.language,
      ...(config.wedgeGapMs !== undefined ? { wedgeGapMs: config.wedgeGapMs } : {}),
      ...storageInfo(config),
    }),
    'host:disk': async () => {
      await mkdir(userDataDir, { recursive: true });
      const stats = await statfs(userDataDir);
      // bavail, not bfree: what this (non-root) process may actually still write.
      return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
    },
    'scanner:status': async () => scanner?.status() ?? NOT_CONFIGURED,
    'sync:push': async ({ events }) => {
      // Only what both copies hold reaches the server: a booking whose host write failed is rolled back, never sent.
      // The copy holds a seq and all below it, so one look at the push's top seq answers for every event in the
      // usual case (asked per event, it cost a SQLite read each: ~13 µs per event in the host's CPU profile).
      const top = events.reduce((max, e) => Math.max(max, e.seq), 0);
      const held = copy().head().state !== 'ok' || copy().holdsThrough(top) ? events : events.filter((e) => copy().holdsThrough(e.seq));
      if (held.length === 0 && events.length > 0) throw new HostError('journal-copy-conflict', `seq ${events[0]!.seq} is not in the host's journal copy yet`);
      const res = await server.push(held);
      copy().acknowledged(res.ackSeq);
      return res;
    },
    'sync:pull': ({ after, limit }) => server.pull(after, limit),
    'sync:status': (report) => server.status(report),
    'printer:print': (request) => printer.print(request),
    'printer:status': () => printer.status(),
    'log:write': async ({ records }) => ({ written: writeRendererRecords(hostLog, records) }),
    'journal:head': async () => copy().head(),
    'journal:append': async ({ events, state, printJobs }) => copy().append(events, state, printJobs),
    'journal:read': async ({ after, limit }) => ({ events: copy().read(after, limit) }),
    'journal:side': async () => copy().side(),
    'journal:print-jobs': async ({ after, limit }) => ({ jobs: copy().printJobs(after, limit) as { id: string; state: string }[] }),
    'journal:mirror': async (request) => copy().mirror(request),
    'machine:status': async () => machine.status(),
    'machine:take': async ({ limit }) => ({ items: machine.take(limit) }),
    'machine:ack': async ({ ids }) => ({ acknowledged: machine.ack(ids) }),
    'machine:line-state': async (state) => ({ published: await machine.publishLineState(state) }),
  };

  return {
    handlers,
    events: { on: hub.on },
    async start() {
      unsubscribe.push(printer.onStatus((status) => hub.emit('printer:status', status)));
      printer.start();
      unsubscribe.push(machine.onStatus((status) => hub.emit('machine:status', status)));
      machine.start();
      if (config.terminalToken) masterWatcher.start();
      if (!scanner) {
        hub.emit('device:status', { device: 'scanner', status: NOT_CONFIGURED });
        return;
      }
      unsubscribe.push(
        scanner.onScan((scan) => hub.emit('scanner:scan', scan)),
        scanner.onStatus((status) => hub.emit('device:status', { device: 'scanner', status })),
      );
      scanner.start();
    },
    async stop() {
      masterWatcher.stop();
      printer.stop();
      await machine.stop();
      for (const off of unsubscribe.splice(0)) off();
      await scanner?.stop();
      journalCopy?.close();
      journalCopy = null;
    },
  };
}

function scannerFromConfig(config: TerminalConfig): Scanner | null {
  if (!config.scannerPort) return null;
  return createSerialScanner({
    path: config.scannerPort,
    baudRate: config.scannerBaud,
    framing: config.scannerFraming,
    ...(config.scannerGapMs !== undefined ? { gapMs: config.scannerGapMs } : {}),
  });
}
