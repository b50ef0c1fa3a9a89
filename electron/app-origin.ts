/**
 * The renderer is served from a privileged custom scheme, `takt://app/`,
 * rather than file://: it gets a real, unique origin, so CSP 'self', the
 * Dexie (IndexedDB) storage and the IPC sender check all key on one origin
 * that no other page or local file can share.
 */
export const APP_SCHEME = 'takt';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs (or origins) of the app itself; everything else is foreign. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    // Node reports an opaque origin ("null") for custom schemes, so compare the parts.
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
