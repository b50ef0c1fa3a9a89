import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../../renderer/i18n';
import { App } from '../../../renderer/ui/App';
import { wireHost } from '../../../renderer/ui/host-wiring';
import { StoreProvider } from '../../../renderer/ui/store-context';
import type { SyncControl } from '../../../renderer/sync/sync-control';
import type { AppRig } from './app-rig';

/** Renders the whole app over a rig, with host events and the keyboard wedge wired like main.tsx does. */
export async function renderApp(rig: AppRig, language: Language = 'en', syncControl: SyncControl | null = null) {
  const i18n = await createI18n(language);
  const unwire = wireHost({ bridge: rig.bridge, store: rig.store, keyTarget: window });
  const view = render(
    <I18nextProvider i18n={i18n}>
      <StoreProvider store={rig.store} syncControl={syncControl}>
        <App terminalId={rig.terminalId} />
      </StoreProvider>
    </I18nextProvider>,
  );
  return { ...view, i18n, unwire };
}
