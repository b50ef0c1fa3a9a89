import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../../../renderer/i18n';
import { BootScreen } from '../../../renderer/ui/BootScreen';

/**
 * The boot screen's failure in the operator's words: a sentence of their
 * language for every code, the code only as a detail for IT, and never the
 * host's English message inside a German sentence.
 */
async function renderBoot(language: Language, errorCode?: string) {
  const i18n = await createI18n(language);
  let retried = 0;
  render(
    <I18nextProvider i18n={i18n}>
      <BootScreen errorCode={errorCode} onRetry={() => (retried += 1)} />
    </I18nextProvider>,
  );
  return { retried: () => retried };
}

afterEach(cleanup);

const ENGLISH_WORDS = /\b(the|host|not|reachable|unreachable|paired|answer|error|terminal service)\b/i;

describe('boot screen', () => {
  it('while booting says so, without an error', async () => {
    await renderBoot('de');
    expect(screen.getByTestId('boot')).toBeTruthy();
    expect(screen.queryByTestId('boot-failed')).toBeNull();
  });

  for (const code of ['host-unreachable', 'timeout', 'not-paired', 'journal-copy-failed']) {
    it(`words ${code} in German only, with the code for IT`, async () => {
      await renderBoot('de', code);
      const failed = screen.getByTestId('boot-failed');
      expect(failed.getAttribute('data-code')).toBe(code);
      const sentence = screen.getByTestId('boot-failed-text').textContent ?? '';
      expect(sentence.length).toBeGreaterThan(20);
      expect(sentence).not.toMatch(ENGLISH_WORDS);
      expect(failed.textContent).toContain(`Fehlercode für die IT: ${code}`);
    });
  }

  it('says it keeps trying by itself when the host did not answer, and offers to try again now', async () => {
    const boot = await renderBoot('de', 'host-unreachable');
    expect(screen.getByTestId('boot-failed-text').textContent).toContain('Das Terminal versucht es selbst weiter');
    expect(screen.getByTestId('boot-retrying')).toBeTruthy();
    fireEvent.click(screen.getByRole('button'));
    expect(boot.retried()).toBe(1);
  });

  it('does not promise a retry it will not make (a window that was never cleared)', async () => {
    await renderBoot('en', 'not-paired');
    expect(screen.getByTestId('boot-failed-text').textContent).toBe("This window is not cleared for the terminal. Please call IT: they open the terminal's start link again.");
    expect(screen.queryByTestId('boot-retrying')).toBeNull();
  });
});
