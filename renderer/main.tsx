import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { boot } from './boot';
import { createBridgeClient } from './bridge/client';
import { createI18n, resolveLanguage } from './i18n';
import { attachLogSink } from './lib/log';
import { App } from './ui/App';
import { BootScreen } from './ui/BootScreen';
import { wireHost } from './ui/host-wiring';
import { StoreProvider } from './ui/store-context';
import './styles.css';

/** The renderer's entry: the only file that reads page globals besides the bridge client's defaults. */
async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('#root missing');
  const root = createRoot(container);
  const i18n = await createI18n(resolveLanguage(navigator.language));
  const renderBoot = (error?: string) =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <BootScreen error={error} onRetry={() => window.location.reload()} />
      </I18nextProvider>,
    );
  renderBoot();

  const bridge = createBridgeClient();
  attachLogSink({ bridge });
  try {
    const booted = await boot({
      bridge,
      yieldToUi: () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    });
    // The host's configured language wins over the browser's.
    const hostLanguage = booted.info.language;
    await i18n.changeLanguage(resolveLanguage(hostLanguage, navigator.language));
    document.documentElement.lang = i18n.language;
    i18n.on('languageChanged', (lng) => {
      document.documentElement.lang = lng;
    });
    wireHost({ bridge, store: booted.store, keyTarget: window });
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <StoreProvider store={booted.store}>
            <App terminalId={booted.info.terminalId} />
          </StoreProvider>
        </I18nextProvider>
      </StrictMode>,
    );
  } catch (err) {
    renderBoot(err instanceof Error ? err.message : String(err));
  }
}

void main();
