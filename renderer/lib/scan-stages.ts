/**
 * The scan path's stages as User Timing marks, for `npm run bench -- scan`'s
 * breakdown (host stamp → WebSocket → parse → classify → check → journal
 * commit → React commit → paint). Off unless the page sets
 * `globalThis.taktScanTrace = true` before the app starts (the bench's init
 * script does): a terminal in service leaves no mark behind and pays one
 * property read per stage.
 */

export const SCAN_STAGE_PREFIX = 'takt:scan-stage:';

/** In path order; `received` is the existing takt:scan-received mark (after the bridge's parse and validation). */
export type ScanStage =
  | 'ws-message'
  | 'classified'
  | 'checked'
  // Inside the journal's group commit (renderer/storage/journal-commit.ts): its transaction began, its writes
  // were issued, IndexedDB reported it durable, the host copy answered (in parallel with the IndexedDB side).
  | 'commit-started'
  | 'idb-written'
  | 'idb-committed'
  | 'copy-answered'
  | 'journal-committed'
  | 'react-committed';

const tracing = (): boolean => (globalThis as { taktScanTrace?: unknown }).taktScanTrace === true;

let lastFrameAt: number | null = null;

/** A bridge frame arrived (before its JSON is parsed); a scan it carries is marked from this moment. */
export function noteBridgeFrame(): void {
  if (tracing() && typeof performance !== 'undefined') lastFrameAt = performance.now();
}

/** The scan in hand arrived in the frame noted last: its WebSocket stage ends there. */
export function markScanFrame(): void {
  if (!tracing() || lastFrameAt === null) return;
  performance.mark(`${SCAN_STAGE_PREFIX}ws-message`, { startTime: lastFrameAt });
  lastFrameAt = null;
}

export function markScanStage(stage: Exclude<ScanStage, 'ws-message'>): void {
  if (tracing() && typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`${SCAN_STAGE_PREFIX}${stage}`);
}
