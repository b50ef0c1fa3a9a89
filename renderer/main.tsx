import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { boot, BootError, type Booted } from './boot';
import { createBridgeClient, type TaktBridge } from './bridge/client';
import { preparePageSession } from './bridge/pairing';
import { createI18n, resolveLanguage } from './i18n';
import { attachLogSink, logger } from './lib/log';
import { App } from './ui/App';
import { BootScreen, RETRIED_BOOT_ERRORS } from './ui/BootScreen';
import { wireHost } from './ui/host-wiring';
import { runningOrderOf, startMachineIntake } from './machine/machine-intake-loop';
import { followMachineLink } from './machine/machine-link';
import { lineStateOf } from './machine/line-state';
import { startLineStatePublisher } from './machine/line-state-publisher';
import { realTimers } from './bridge/types';
import { StoreProvider } from './ui/store-context';
import './styles.css';

/** The operator's language from the last run, so even a boot error before the host answers is in their words. */
const LANGUAGE_KEY = 'takt.language';

function rememberedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function rememberLanguage(language: string): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage disabled: the next boot falls back to the browser's language.
  }
}

/** Resolves when the bridge is connected again, or after `ms` at the latest. */
function connectedOrAfter(bridge: TaktBridge, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const off = bridge.onConnectionChange((state) => {
      if (state === 'connected') done();
    });
    function done(): void {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

/** The renderer's entry: the only file that reads page globals besides the bridge client's defaults. */
async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('#root missing');
  const root = createRoot(container);
  const i18n = await createI18n(resolveLanguage(rememberedLanguage(), navigator.language));
  const renderBoot = (errorCode?: string) =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <BootScreen errorCode={errorCode} onRetry={() => window.location.reload()} />
      </I18nextProvider>,
    );
  renderBoot();

  if (!window.takt) {
    // The browser transport: redeem the one-time code of the printed URL, if any, for the session cookie.
    const session = await preparePageSession({ location: window.location, history: window.history, fetch: (url, init) => window.fetch(url, init) });
    if (session === 'not-paired') {
      renderBoot('not-paired');
      return;
    }
  }

  const bridge = createBridgeClient();
  attachLogSink({ bridge });
  let booted: Booted;
  for (;;) {
    try {
      booted = await boot({
        bridge,
        yieldToUi: () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
      });
      break;
    } catch (err) {
      const code = err instanceof BootError ? err.code : 'unknown';
      logger('boot').error('boot failed', err);
      renderBoot(code);
      if (!RETRIED_BOOT_ERRORS.has(code)) return;
      // Nothing was opened yet (the host never answered): boot again as soon as the host is back.
      await connectedOrAfter(bridge, 5_000);
    }
  }
  // The host's configured language wins over the browser's.
  const hostLanguage = booted.info.language;
  await i18n.changeLanguage(resolveLanguage(hostLanguage, navigator.language));
  document.documentElement.lang = i18n.language;
  rememberLanguage(i18n.language);
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    rememberLanguage(lng);
  });
  wireHost({ bridge, store: booted.store, keyTarget: window });
  // Machine signals the host kept (also while this page was away) go into the journal, then to the server.
  const { store, journal, sync } = booted;
  followMachineLink(bridge);
  startMachineIntake({
    bridge,
    journal,
    timers: realTimers,
    clock: () => new Date(),
    runningOrder: () => runningOrderOf(store.getState()),
    // The order screen's OEE and the stop prompt follow the machine as soon as its signals are journalled.
    onJournalled: () => {
      sync.notify();
      void store.getState().refreshDowntime();
    },
  });
  // The line's live state for the plant's other systems: the host publishes it retained on the broker.
  startLineStatePublisher({ bridge, timers: realTimers, now: () => Date.now(), subscribe: store.subscribe, getState: store.getState, derive: lineStateOf });
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreProvider store={booted.store} syncControl={booted.syncControl}>
          <App terminalId={booted.info.terminalId} />
        </StoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void main();
