import type { BridgeClient } from '../../shared/bridge';
import { logger } from '../lib/log';

const log = logger('master-news');

export interface MasterNewsOptions {
  bridge: Pick<BridgeClient, 'on'>;
  /** The cache's pull checkpoint (null before the first pull). */
  checkpoint(): Promise<number | null>;
  /** Asks the sync loop to pull now. */
  pullNow(): void;
}

/**
 * Follows the host's `master:changed` events (the server's notify long poll):
 * when the server has a newer revision than the cache holds, the sync loop
 * pulls at once, and what the pull brings (a blocked batch) takes effect on
 * the open screen through the store's master reload.
 */
export function followMasterNews(o: MasterNewsOptions): () => void {
  return o.bridge.on('master:changed', ({ rev }) => {
    void o.checkpoint().then(
      (checkpoint) => {
        if (checkpoint === null || checkpoint < rev) o.pullNow();
      },
      (err: unknown) => {
        log.warn('cache checkpoint unreadable; pulling anyway', err instanceof Error ? err.message : String(err));
        o.pullNow();
      },
    );
  });
}
