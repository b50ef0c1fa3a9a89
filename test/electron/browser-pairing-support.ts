import type { BrowserHost } from '../../electron/host/browser-host';

/** What a page does with the printed URL: redeem its one-time code at /bridge/pair; returns the cookie to send. */
export async function pairedCookie(browser: Pick<BrowserHost, 'port'>, url?: string, originHeader?: string): Promise<string> {
  const res = await pair(browser, codeIn(url ?? (browser as BrowserHost).url), originHeader);
  if (res.status !== 204) throw new Error(`pairing refused: ${res.status}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

export function pair(browser: Pick<BrowserHost, 'port'>, code: string, originHeader = `http://127.0.0.1:${browser.port}`): Promise<Response> {
  return fetch(`http://127.0.0.1:${browser.port}/bridge/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: originHeader },
    body: JSON.stringify({ code }),
  });
}

export function codeIn(url: string): string {
  return new URL(url).hash.replace(/^#pair=/, '');
}
