import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { SECURITY_HEADERS } from './host/content-security';
import { contentTypeFor, resolveStaticFile } from './host/static-files';

/** Must run before `app.ready`: only privileged schemes get a real origin, fetch and storage. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves the built renderer on takt://app/ with the same traversal rules and
 * security headers as the browser host.
 */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, staticDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(staticDir, request.url));
}

export async function serveAppRequest(staticDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === APP_HOST ? await resolveStaticFile(staticDir, url.pathname) : undefined;
  if (!file) return new Response('Not Found', { status: 404, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain' } });
  return new Response(await readFile(file), { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': contentTypeFor(file) } });
}
