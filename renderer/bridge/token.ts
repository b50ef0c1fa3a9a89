import { WS_PATH } from '../../shared/ws-protocol';

/**
 * The browser transport's per-launch token arrives in the URL fragment
 * (`#token=…`, never sent to a server by the browser). It is kept in
 * sessionStorage so a reload keeps working, and removed from the visible URL.
 */
export const TOKEN_STORAGE_KEY = 'takt.bridgeToken';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  history?: Pick<History, 'replaceState'> | undefined;
}

export function readBridgeToken({ location, storage, history }: TokenSources): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromHash);
      history?.replaceState(null, '', `${location.pathname}${location.search}`);
    } catch {
      // Storage can be disabled; the token still works for this page.
    }
    return fromHash;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}
