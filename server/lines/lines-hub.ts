import type { ChangeFeed } from '../db/change-feed';
import type { Db, DatabaseDialect } from '../db/schema';
import { linesBoard, type LinesBoard } from './line-board';

/**
 * One board for every open lines page: when the change feed says the record
 * moved, the board is computed once (after a short pause, so a burst of
 * pushes is one computation) and handed to every client whose last board
 * differs. While clients are connected it is also refreshed every
 * `refreshMs`, because the shift's OEE and an open stop move with the clock
 * even when nobody writes.
 */

export type BoardMessage = { kind: 'board'; board: LinesBoard } | { kind: 'problem'; code: string; message: string };
export type BoardClient = (message: BoardMessage) => void;

export interface LinesHub {
  /** Sends the client the current board at once, then every change; returns the way to leave. */
  join(client: BoardClient): () => void;
  close(): void;
}

export const BOARD_DEBOUNCE_MS = 150;
export const BOARD_REFRESH_MS = 30_000;

export function createLinesHub(db: Db, dialect: DatabaseDialect, feed: ChangeFeed, options: { debounceMs?: number; refreshMs?: number } = {}): LinesHub {
  const debounceMs = options.debounceMs ?? BOARD_DEBOUNCE_MS;
  const refreshMs = options.refreshMs ?? BOARD_REFRESH_MS;
  const clients = new Set<BoardClient>();
  let pending: ReturnType<typeof setTimeout> | null = null;
  let refresh: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;
  let computing = false;
  let again = false;

  async function compute(): Promise<BoardMessage> {
    try {
      return { kind: 'board', board: await linesBoard(db, dialect) };
    } catch (err) {
      return { kind: 'problem', code: 'database-unavailable', message: `the lines could not be read (${err instanceof Error ? err.message : String(err)}); retrying` };
    }
  }

  async function broadcast(): Promise<void> {
    if (computing) {
      again = true;
      return;
    }
    computing = true;
    try {
      do {
        again = false;
        const message = await compute();
        for (const c of [...clients]) c(message);
      } while (again && clients.size > 0);
    } finally {
      computing = false;
    }
  }

  const changed = (): void => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      void broadcast();
    }, debounceMs);
  };

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    if (pending) clearTimeout(pending);
    pending = null;
    if (refresh) clearInterval(refresh);
    refresh = null;
  }

  return {
    join(client) {
      clients.add(client);
      if (!unsubscribe) {
        unsubscribe = feed.subscribe(changed);
        refresh = setInterval(changed, refreshMs);
      }
      void compute().then((m) => clients.has(client) && client(m));
      return () => {
        clients.delete(client);
        if (clients.size === 0) stop();
      };
    },
    close() {
      clients.clear();
      stop();
    },
  };
}
