import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/schema';
import { retireShippedContainers } from '../shipping/dock-retention';
import { decodeEdiFile, receiveEdi } from './inbound';
import { writeOutbox } from './outbox';
import type { EdiSettings } from './settings';

/**
 * The inbox an AS2/OFTP2 gateway drops files into, polled (fs.watch misses
 * events on network shares): a file is taken once its size has stayed the
 * same for one poll (the gateway has finished writing), received, and moved
 * to `processed/` or `rejected/` (with the APERAK answer beside it and in the
 * outbox), so nothing is read twice and nothing is lost. Each tick also
 * writes pending despatch advices to the outbox and, once an hour, retires
 * the dock's copies of containers shipped long enough ago (dock-retention.ts),
 * since accepting a shipment is what makes them retirable.
 */

const RETENTION_EVERY_MS = 3_600_000;

export interface EdiService {
  /** One poll now (tests and the CLI); resolves when done. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export function startEdiService(db: Db, settings: EdiSettings, log?: FastifyBaseLogger, clock: () => Date = () => new Date()): EdiService {
  for (const dir of [settings.inboxDir, join(settings.inboxDir, 'processed'), join(settings.inboxDir, 'rejected'), settings.outboxDir]) mkdirSync(dir, { recursive: true });
  const sizes = new Map<string, number>();
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let retiredAt = -Infinity;

  async function scanInbox(): Promise<void> {
    const names = readdirSync(settings.inboxDir, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
    for (const name of names) {
      const path = join(settings.inboxDir, name);
      const size = statSync(path).size;
      if (sizes.get(name) !== size) {
        sizes.set(name, size);
        continue;
      }
      sizes.delete(name);
      const outcome = await receiveEdi(db, decodeEdiFile(readFileSync(path)), 'inbox', name, { jisLineId: settings.jisLineId });
      const folder = outcome.status === 'rejected' ? 'rejected' : 'processed';
      renameSync(path, join(settings.inboxDir, folder, `${outcome.messageId}-${name}`));
      if (outcome.answer) writeFileSync(join(settings.outboxDir, `APERAK-${outcome.messageId}.edi`), outcome.answer, { mode: 0o600 });
      log?.info({ edi: { file: name, status: outcome.status, format: outcome.format, error: outcome.error?.code } }, 'edi inbound');
    }
  }

  async function tick(): Promise<void> {
    const next = running.then(async () => {
      try {
        await scanInbox();
        const written = await writeOutbox(db, { outboxDir: settings.outboxDir, formats: settings.formats, graceMs: settings.graceMs });
        for (const w of written) log?.info({ edi: w }, 'edi outbound');
        const now = clock();
        if (now.getTime() - retiredAt >= RETENTION_EVERY_MS) {
          retiredAt = now.getTime();
          const retired = await retireShippedContainers(db, { days: settings.dockRetentionDays, now });
          if (retired.length > 0) log?.info({ dock: { retired: retired.length } }, 'dock containers retired');
        }
      } catch (err) {
        log?.error({ err }, 'edi service tick failed');
      }
    });
    running = next;
    return next;
  }

  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, settings.pollMs);
  timer.unref();
  return {
    tick,
    close: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
