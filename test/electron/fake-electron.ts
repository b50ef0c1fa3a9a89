import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * Just enough of the `electron` module for the glue code: the real binary is
 * not installed, so tests run the main-process and preload code against
 * these fakes (via vi.mock('electron') or by passing them in).
 */

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  windowOpenHandler: ((details: unknown) => unknown) | undefined;
  send = vi.fn();
  reload = vi.fn();
  closeDevTools = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler(handler: (details: unknown) => unknown) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  destroyed = false;
  loadURL = vi.fn(async (_url: string) => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  isMinimized = () => this.minimized;
  isDestroyed = () => this.destroyed;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

type HeadersListener = (details: { responseHeaders?: Record<string, string | string[]> }, cb: (r: unknown) => void) => void;

export class FakeSession {
  headersListener: HeadersListener | undefined;
  permissionRequestHandler: ((...args: unknown[]) => void) | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | undefined;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
    this.devicePermissionHandler = handler;
  }
  /** Asks the request handler and returns its verdict. */
  request(permission: string, details: Record<string, unknown>): boolean {
    let granted: boolean | undefined;
    this.permissionRequestHandler!({}, permission, (g: boolean) => (granted = g), details);
    if (granted === undefined) throw new Error('permission callback not called');
    return granted;
  }
}

export class FakeApp extends EventEmitter {
  hasLock = true;
  isPackaged = false;
  userData = '/tmp/takt-fake-user-data';
  appPath = '/tmp/takt-fake-app';
  private resolveReady: () => void = () => {};
  private ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  quit = vi.fn();
  exit = vi.fn();
  whenReady = vi.fn(() => this.ready);
  getPath = vi.fn((_name: string) => this.userData);
  getAppPath = () => this.appPath;
  getVersion = () => '0.1.0-test';
  becomeReady() {
    this.resolveReady();
  }
}

export class FakeIpcMain {
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: unknown, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
}

export class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from-main' }) as unknown);
}

export function createFakeElectron() {
  const exposed: Record<string, unknown> = {};
  const app = new FakeApp();
  const session = { defaultSession: new FakeSession() };
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, value: unknown) => {
        exposed[key] = value;
      }),
    },
    exposed,
    Menu: { setApplicationMenu: vi.fn((_menu: unknown) => {}) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session,
    dialog: { showErrorBox: vi.fn() },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
