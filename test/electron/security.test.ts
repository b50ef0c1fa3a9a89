import { describe, expect, it } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../electron/app-origin';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/content-security';
import { applySecurity, secureWebPreferences } from '../../electron/security';
import { FakeApp, FakeSession, FakeWebContents } from './fake-electron';

function secured() {
  const session = new FakeSession();
  const app = new FakeApp();
  applySecurity(session as unknown as Session, app as unknown as App);
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents as unknown as WebContents);
  return { session, contents };
}

function navigate(contents: FakeWebContents, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  contents.emit(event, { url, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node and the preload set', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });
});

describe('applySecurity', () => {
  it('sets the CSP on every response, replacing one the response brought', () => {
    const { session } = secured();
    let response: { responseHeaders?: Record<string, string[]> } | undefined;
    session.headersListener!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, (r) => (response = r as typeof response));
    expect(response!.responseHeaders).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('prevents navigation to a foreign URL but allows the app itself', () => {
    const { contents } = secured();
    expect(navigate(contents, 'will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'takt://other/index.html')).toBe(true);
    expect(navigate(contents, 'will-navigate', APP_ENTRY_URL)).toBe(false);
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:7400/')).toBe(true);
    expect(navigate(contents, 'will-redirect', `${APP_ORIGIN}/index.html#/orders`)).toBe(false);
  });

  it('denies window.open', () => {
    const { contents } = secured();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const { contents } = secured();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, { src: 'https://evil.example' });
    expect(prevented).toBe(true);
  });

  it('grants the camera to the app and nothing else', () => {
    const { session } = secured();
    const app = { requestingUrl: APP_ENTRY_URL, isMainFrame: true };
    expect(session.request('media', { ...app, mediaTypes: ['video'] })).toBe(true);
    expect(session.request('media', { ...app, mediaTypes: ['audio'] })).toBe(false);
    expect(session.request('media', { ...app, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(session.request('media', { ...app, mediaTypes: [] })).toBe(false);
    expect(session.request('media', { ...app })).toBe(false);
    expect(session.request('media', { requestingUrl: 'https://evil.example', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'midi', 'clipboard-read', 'display-capture', 'openExternal', 'fullscreen']) {
      expect(session.request(permission, app), permission).toBe(false);
    }
  });

  it('answers permission checks the same way', () => {
    const { session } = secured();
    const check = (permission: string, origin: string, details: Record<string, unknown>) => session.permissionCheckHandler!(null, permission, origin, { isMainFrame: true, ...details });
    expect(check('media', APP_ORIGIN, { mediaType: 'video' })).toBe(true);
    expect(check('media', APP_ORIGIN, { mediaType: 'audio' })).toBe(false);
    expect(check('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(check('geolocation', APP_ORIGIN, {})).toBe(false);
    expect(check('notifications', APP_ORIGIN, {})).toBe(false);
    expect(check('serial', APP_ORIGIN, {})).toBe(false);
    expect(session.devicePermissionHandler!({ deviceType: 'serial' })).toBe(false);
  });
});
