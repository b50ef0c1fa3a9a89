import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { EventEnvelope } from '../../shared/events';
import { journalCopyFile, openJournalCopy, type JournalCopy } from './journal-copy';

/**
 * A bench-only switch for the host's journal copy, so `npm run bench -- scan`
 * can time the same loaded terminal with the copy's durable write and without
 * it, in alternating rounds of one run (load then hits both alike).
 *
 * Off: an append is answered from memory, with no SQLite write and no fsync;
 * the bridge call itself stays (the renderer is the product's, unchanged).
 * On again: what was held is written in one transaction before the switch
 * answers, so the copy never has a gap and a later round continues it.
 *
 * Only browser-host-main.ts wires it, only when TAKT_BENCH_JOURNAL_COPY_SWITCH=1
 * is in its environment, and it is driven by lines on the host process's own
 * stdin: no bridge channel, no HTTP path, nothing the renderer or an operator
 * can reach. The kiosk (electron/main.ts) never imports this module
 * (test/electron/bench-journal-copy-switch.test.ts walks its imports).
 */

export const BENCH_COPY_SWITCH_ENV = 'TAKT_BENCH_JOURNAL_COPY_SWITCH';

/** The switchable copy for this host process, or null (always, unless the environment names the switch exactly). */
export function benchCopySwitchFor(env: Readonly<Record<string, string | undefined>>, userDataDir: string, terminalId: string): SwitchableCopy | null {
  if (env[BENCH_COPY_SWITCH_ENV] !== '1') return null;
  return switchableJournalCopy(openJournalCopy(journalCopyFile(userDataDir, terminalId)));
}

export interface SwitchableCopy extends JournalCopy {
  /** true: appends are durable in SQLite before they are answered (the product); false: held in memory. */
  setDurable(durable: boolean): void;
  readonly durable: boolean;
}

export function switchableJournalCopy(copy: JournalCopy): SwitchableCopy {
  let durable = true;
  let held: EventEnvelope[] = [];
  let heldState: Record<string, unknown> | undefined;
  const heldJobs = new Map<string, { id: string }>();
  let heldAck = 0;

  const heldHead = (): number => held[held.length - 1]?.seq ?? copy.head().head;
  /** Writes what the off rounds held, so the copy holds everything the renderer was told it holds. */
  const flush = (): void => {
    if (held.length > 0 || heldJobs.size > 0) {
      const events = held;
      held = [];
      if (events.length > 0) copy.append(events, heldState, [...heldJobs.values()]);
      else copy.mirror({ printJobs: [...heldJobs.values()] as { id: string; state: string }[] });
      heldState = undefined;
      heldJobs.clear();
    }
    if (heldAck > 0) copy.acknowledged(heldAck);
    heldAck = 0;
  };
  const flushed =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      flush();
      return fn(...args);
    };

  return {
    get durable() {
      return durable;
    },
    setDurable(next) {
      durable = next;
      if (durable) flush();
    },
    head: () => {
      const real = copy.head();
      return held.length > 0 && real.state === 'ok' ? { ...real, head: heldHead(), headId: held[held.length - 1]!.id } : real;
    },
    append(events, state, printJobs = []) {
      if (durable) return copy.append(events, state, printJobs);
      const expected = heldHead() + 1;
      if (events[0]!.seq !== expected) {
        // Not a plain continuation (a resend, a conflict): the real copy decides, with everything held written first.
        flush();
        return copy.append(events, state, printJobs);
      }
      held.push(...events);
      if (state) heldState = state;
      for (const job of printJobs) heldJobs.set(job.id, job);
      return { head: heldHead() };
    },
    read: flushed(copy.read),
    side: flushed(copy.side),
    printJobs: flushed(copy.printJobs),
    mirror: flushed(copy.mirror),
    acknowledged(ackSeq) {
      if (durable || held.length === 0) copy.acknowledged(ackSeq);
      else heldAck = Math.max(heldAck, ackSeq);
    },
    holdsThrough: (seq) => heldHead() >= seq || copy.holdsThrough(seq),
    close() {
      flush();
      copy.close();
    },
  };
}

/**
 * Reads `journal-copy on` / `journal-copy off` lines from `input` (the host
 * process's stdin) and answers each with one JSON line on `output`, once the
 * switch took effect: {"event":"bench-journal-copy","durable":false}.
 */
export function driveSwitchFrom(input: Readable, output: (line: string) => void, target: SwitchableCopy): () => void {
  const lines = createInterface({ input });
  lines.on('line', (line) => {
    const match = /^journal-copy (on|off)$/.exec(line.trim());
    if (!match) return;
    target.setDurable(match[1] === 'on');
    output(`${JSON.stringify({ event: 'bench-journal-copy', durable: target.durable })}\n`);
  });
  return () => lines.close();
}
