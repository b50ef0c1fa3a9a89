import { PAIR_PATH, SESSION_PATH, WS_PATH } from '../../shared/ws-protocol';

/**
 * The browser transport's page side. The host prints a URL with a one-time
 * pairing code in the fragment (`#pair=…`, never sent to a server by the
 * browser). The page redeems it once for a session cookie (HttpOnly, so no
 * script can read it) and removes it from the visible URL; from then on the
 * cookie opens the bridge, also after a reload or a restart of the host.
 */
export type PageSession = 'paired' | 'not-paired' | 'unreachable';

export interface PairingEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history?: Pick<History, 'replaceState'> | undefined;
  fetch: (url: string, init?: RequestInit) => Promise<Pick<Response, 'status'>>;
}

export function pairingCodeIn(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('pair');
}

/** Redeems a pairing code if the URL has one, then asks the host whether this page may open the bridge. */
export async function preparePageSession({ location, history, fetch }: PairingEnvironment): Promise<PageSession> {
  const code = pairingCodeIn(location.hash);
  if (code) {
    try {
      history?.replaceState(null, '', `${location.pathname}${location.search}`);
    } catch {
      // A URL that cannot be rewritten still pairs; the spent code is useless to anyone who sees it.
    }
    try {
      await fetch(PAIR_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }), credentials: 'same-origin' });
    } catch {
      // The host is down: the session check below says so.
    }
  }
  try {
    const res = await fetch(SESSION_PATH, { credentials: 'same-origin', cache: 'no-store' });
    if (res.status === 204) return 'paired';
    return res.status === 401 ? 'not-paired' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}`;
}
