import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/i18n';
import { SpaceGuard } from '../../../renderer/storage/space-guard';
import { saveFailedFeedback, storageLowText } from '../../../renderer/storage/storage-refusal';
import { writeFailure } from '../../../renderer/storage/journal';
import { appRig, type AppRig } from '../support/app-rig';
import { ManualTimers } from '../support/manual-timers';
import { renderApp } from '../support/render-app';
import { scan, SCREW, workflowSetup } from '../workflow/workflow-rig';

/** Storage refusals reach the operator in the terminal's language, with the guard's figures, never as the English log message. */

const MB = 1024 * 1024;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A guard whose host reports `freeMb` free (the default policy needs 200 MB), installed on the rig's journal. */
async function lowDisk(rig: AppRig, freeMb: number): Promise<void> {
  const guard = new SpaceGuard({ hostDisk: async () => ({ freeBytes: freeMb * MB }), estimate: async () => null }, new ManualTimers());
  await guard.refresh();
  rig.journal.setAppendGuard(guard.check);
}

describe('storage-low refusals in German', () => {
  it('a badge login refused for disk space says so in German, with the figures', async () => {
    const rig = await appRig();
    cleanups.push(() => rig.close());
    await lowDisk(rig, 150);
    const view = await renderApp(rig, 'de');
    cleanups.push(view.unwire);
    await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
    const banner = await screen.findByTestId('feedback');
    expect(banner.getAttribute('data-tone')).toBe('nok');
    expect(banner.textContent).toContain('Speicher fast voll: nur 150 MB frei auf der Festplatte des Terminals, mindestens 200 MB nötig. Nichts wurde gebucht');
    expect(banner.textContent).not.toContain('Storage almost full');
    expect(rig.store.getState().terminal.operator).toBeNull();
  });

  it('a material scan on the order screen refused for disk space shows the German sentence in the verdict', async () => {
    const { rig } = await workflowSetup('de');
    await lowDisk(rig, 120);
    const verdict = await scan(rig, SCREW('L1'));
    expect(verdict.tone).toBe('nok');
    expect(verdict.text).toContain('nur 120 MB frei');
    expect(verdict.text).not.toMatch(/Storage|Nicht gespeichert/);
    await waitFor(async () => expect(await rig.journal.head()).toBe(1)); // only the login, nothing of the scan
  });

  it('quota and full-disk refusals, and the JIS verdict key, have German sentences too', async () => {
    const i18n = await createI18n('de');
    const quota = { code: 'storage-low' as const, message: 'x', shortage: { reason: 'quota', usedPercent: 97, limitPercent: 95 } };
    const q = saveFailedFeedback(quota, 'feedback.saveFailed');
    expect(i18n.t(q.key, q.params)).toBe('Speicher fast voll: 97 % des Browser-Speichers belegt (Grenze 95 %). Nichts wurde gebucht; bitte die IT verständigen.');
    const full = saveFailedFeedback(writeFailure(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })), 'feedback.saveFailed');
    expect(i18n.t(full.key, full.params)).toBe('Der Speicher des Terminals ist voll. Nichts wurde gebucht; bitte die IT verständigen.');
    const jis = storageLowText(quota)!;
    expect(i18n.t(`jis.verdict.storage-low-${jis.reason}`, jis.params)).toBe(i18n.t(q.key, q.params));
    // Other failures keep the caller's "not saved: <message>".
    expect(saveFailedFeedback({ code: 'journal-write-failed', message: 'boom' }, 'feedback.saveFailed')).toEqual({ key: 'feedback.saveFailed', params: { message: 'boom' } });
  });
});
