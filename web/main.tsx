import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createWebI18n, resolveLanguage } from './i18n';
import './web.css';

const LANGUAGE_KEY = 'takt.web.language';

function remembered(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

const i18n = await createWebI18n(resolveLanguage(remembered(), navigator.language));
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Storage disabled: the browser's language is used next time.
  }
});
document.documentElement.lang = i18n.language;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}
