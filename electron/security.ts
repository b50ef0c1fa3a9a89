import type { App, PermissionRequest, Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './host/content-security';

/**
 * The renderer's security policy in one small, tested file (DESIGN §9): an
 * isolated, sandboxed renderer with no Node, a strict CSP, the camera as the
 * only permission, and no way to navigate away or open windows.
 */

/** `devTools` only for a windowed development run; a kiosk never has them (kiosk-lockdown.ts). */
export function secureWebPreferences(preload: string, devTools = false): WebPreferences {
  return {
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    preload,
  };
}

type IsAppUrl = (url: string) => boolean;

/** Session-wide rules plus per-contents rules for every webContents the app ever creates. */
export function applySecurity(session: Session, app: Pick<App, 'on'>, isApp: IsAppUrl = isAppUrl): void {
  applySessionSecurity(session, isApp);
  app.on('web-contents-created', (_event, contents) => applyContentsSecurity(contents, isApp));
}

export function applySessionSecurity(session: Session, isApp: IsAppUrl = isAppUrl): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(permission === 'media' && isCameraOnly(mediaTypes) && isApp((details as PermissionRequest).requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return permission === 'media' && details.mediaType === 'video' && isApp(requestingOrigin);
  });
  // USB/HID/serial from the page: devices belong to the host.
  session.setDevicePermissionHandler(() => false);
}

export function applyContentsSecurity(contents: WebContents, isApp: IsAppUrl = isAppUrl): void {
  contents.on('will-navigate', (event) => {
    if (!isApp(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isApp(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function isCameraOnly(mediaTypes: readonly string[] | undefined): boolean {
  return !!mediaTypes && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
}
