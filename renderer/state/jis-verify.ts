import { parseBarcode } from '../../shared/barcode';
import { beginRackCheck, checkRackSlot, verifyScan } from '../../shared/jis';
import { normalizeScan } from '../scan/scan-text';
import type { JisKit } from './jis-kit';

/**
 * A scan on the JIS screen: a rack's label starts (or continues) the rack
 * check, anything else is verified as the part for the current position.
 * A wrong part books its mismatch and blocks until acknowledged or overridden.
 */
export function createJisVerify(kit: JisKit): (raw: string) => Promise<void> {
  const { deps, get, set, verdict, record } = kit;

  /** True when the scan belonged to a rack check (started, continued, or refused). */
  async function handleRackCheck(raw: string): Promise<boolean> {
    const jis = get().jis;
    if (!jis) return false;
    const session = get().jisRackCheck;
    const parsed = parseBarcode(normalizeScan(raw));
    if (session) {
      const result = checkRackSlot(jis, session, parsed);
      if (!result.ok) {
        await record(result.events ?? []);
        set({ jisRackCheck: null });
        verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
        return true;
      }
      await record(result.events);
      set({ jisRackCheck: result.session });
      verdict('ok', result.passed ? 'rack-check-passed' : 'rack-slot-ok', { rackId: session.rackId, next: (result.session?.nextIndex ?? 0) + 1 });
      return true;
    }
    const begin = beginRackCheck(jis, parsed.ok ? parsed : raw.trim());
    if (!begin.ok && begin.reason.code === 'rack-unknown') return false;
    if (!begin.ok) {
      verdict('nok', begin.reason.code, begin.reason.params as Record<string, unknown>);
      return true;
    }
    await record(begin.events);
    set({ jisRackCheck: begin.session });
    const rackId = begin.session?.rackId ?? String((begin.events[0]?.payload as { rackId?: string } | undefined)?.rackId ?? '');
    verdict('ok', begin.passed ? 'rack-check-passed' : 'rack-check-started', { rackId, next: 1 });
    return true;
  }

  return async function verifyPart(raw: string) {
    set({ jisBusy: true });
    try {
      if (await handleRackCheck(raw)) return;
      const jis = get().jis;
      if (!jis) return;
      const result = verifyScan(jis, parseBarcode(normalizeScan(raw)), deps.clock().getTime());
      if (!result.ok) {
        await record(result.events ?? []);
        verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
        return;
      }
      if (!(await record(result.events))) return;
      verdict('ok', 'verified', { sequenceNumber: result.sequenceNumber, rackId: result.rackId, slot: result.slot, late: result.late ? 1 : 0 });
      kit.afterPlacement(result.closedRackId);
    } finally {
      set({ jisBusy: false });
    }
  };
}
