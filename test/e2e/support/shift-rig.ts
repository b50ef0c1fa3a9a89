import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../../../server/demo/demo-data';
import { scrollProblems, tapProblem } from './screen-checks';
import type { Stack } from './stack';

/**
 * What the whole-shift e2e drives and how: the demo plant's terminal and
 * order, the codes a scanner sends, and a driver that taps like an operator
 * on the smallest terminal we support. Every tap first checks that the
 * control is wholly in view and not covered (Playwright's click would scroll
 * it into view and hide the fault), and after every step nothing may have
 * scrolled.
 *
 * The settings are the demo plant's master data: SG-100 ships 20 parts to a
 * container (its packaging; line L1's own default is 24), and L1 wants the
 * shift lead for scrap above 10 parts.
 */
export const TERMINAL = 'T-L1-01';
export const ORDER = DEMO_ORDERS.L1[0]; // ORD-1001: SG-100, BOM housing, PCB, screw, seal
export const CAPACITY = 20; // M-SG1's containerCapacity in server/demo/demo-data.ts
/** The smallest terminal we support: the whole shift runs at this size. */
export const SMALLEST = { width: 1024, height: 768 } as const;
/** Every wait is bounded; generous for a loaded machine, but it ends as soon as its condition holds. */
export const T = 15_000;

const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';

/** GS1-128 as a scanner with AIM identifiers sends it: ]C1, GTIN, batch (variable, so GS), expiry. */
export const housing = (batch: string, expiry = '301231') => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17${expiry}`;
/** ISO/IEC 15434 format 06 (ASC data identifiers): P part number, 1T batch. */
export const screw = (batch: string) => `[)>${RS}06${GS}P100-0410${GS}1T${batch}${RS}${EOT}`;
/** A finished part's label: P part number of the order's material, S serial. */
export const part = (serial: string) => `[)>${RS}06${GS}PSG-100${GS}S${serial}${RS}${EOT}`;
export const PCB = 'PCB7-A0815'; // plain code, prefix rule
export const SEAL = 'SEAL-004711'; // plain code, pattern rule

export const BLOCKED = 'H-BLOCKED';
export const FIRST = 'H-0001';
export const SECOND = 'H-0002';

export interface JournalEvent {
  seq: number;
  id: string;
  type: string;
  orderId?: string;
  operatorId?: string;
  payload: Record<string, unknown>;
}

/** The terminal's journal as IndexedDB holds it. */
export async function journal(page: Page): Promise<JournalEvent[]> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('events', 'readonly').objectStore('events').getAll();
          req.onsuccess = () => {
            resolve(req.result as JournalEvent[]);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    `takt-journal-${TERMINAL}`,
  );
}

export interface ShiftDriver {
  readonly page: Page;
  readonly stack: Stack;
  /** Nothing scrolled and nothing needs a scroll, now. */
  settled(where: string): Promise<void>;
  /** Taps a control after checking that a finger can reach it as the screen is. */
  tap(testId: string): Promise<void>;
  /** Waits for the verdict overlay with this tone and text, then dismisses it (OK: tap, NOK: acknowledge). */
  verdict(tone: 'ok' | 'nok', text: string): Promise<void>;
  scanFor(raw: string, tone: 'ok' | 'nok', text: string): Promise<void>;
  tapFor(testId: string, tone: 'ok' | 'nok', text: string): Promise<void>;
  /** Digits on a numeric pad, key by key. */
  pad(testId: string, digits: string): Promise<void>;
  /** The label preview is up: print it and wait for the printed verdict. */
  printLabel(quantity: number): Promise<void>;
  text(testId: string): Promise<string | null>;
  status(): Promise<string | null>;
}

/**
 * Installs, before the app's first script, a record of every verdict the
 * page shows ("tone|text"), however briefly it stays up.
 */
export async function recordVerdicts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { __taktVerdicts: string[] }).__taktVerdicts = shown;
    // The overlay may stay mounted while one verdict replaces another: a new text is a new verdict.
    let last = '';
    const look = () => {
      const el = document.querySelector('[data-testid="wf-verdict"]');
      const now = el ? `${el.getAttribute('data-tone') ?? ''}|${(el.textContent ?? '').replace(/\s+/g, ' ').trim()}` : '';
      if (now !== last && el && (el.textContent ?? '').trim() !== '') shown.push(now);
      last = now;
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-tone'] });
  });
}

export function shiftDriver(page: Page, stack: Stack): ShiftDriver {
  const settled = async (where: string) => {
    expect(await scrollProblems(page), `scrolled ${where}`).toEqual([]);
  };
  const tap = async (testId: string) => {
    const target = page.getByTestId(testId);
    await target.waitFor({ timeout: T });
    // A control still appearing (a layer's first frame) is judged once it is there and stable.
    await expect.poll(() => tapProblem(page, testId), { timeout: 2_000, interval: 50 }).toBeNull().catch(() => undefined);
    expect(await tapProblem(page, testId), `before tapping ${testId}`).toBeNull();
    await settled(`before tapping ${testId}`);
    await target.click({ timeout: T });
  };
  let verdictsSeen = 0;
  const verdict = async (tone: 'ok' | 'nok', text: string) => {
    // An OK verdict hides itself after 1.5 s; on a loaded machine that can pass between two polls, so the page
    // records every verdict it shows (recordVerdicts) and the wait reads that record.
    let found = -1;
    await expect
      .poll(
        async () => {
          const shown = await page.evaluate(() => (window as unknown as { __taktVerdicts?: string[] }).__taktVerdicts ?? []);
          found = shown.findIndex((v, i) => i >= verdictsSeen && v.startsWith(`${tone}|`) && v.includes(text));
          return found >= 0 ? 'shown' : shown.slice(verdictsSeen).join(' / ') || 'none yet';
        },
        { timeout: T, interval: 50, message: `verdict ${tone} "${text}"` },
      )
      .toBe('shown');
    verdictsSeen = found + 1;
    const overlay = page.locator(`[data-testid="wf-verdict"][data-tone="${tone}"]`).filter({ hasText: text });
    if ((await overlay.count()) > 0) {
      await settled(`with the verdict "${text}" up`);
      if (tone === 'nok') await tap('wf-ack');
      // An OK verdict also hides itself after a moment; tapping it just saves the wait.
      else await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
    }
    await page.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: T });
    await settled(`after the verdict "${text}"`);
  };
  const driver: ShiftDriver = {
    page,
    stack,
    settled,
    tap,
    verdict,
    async scanFor(raw, tone, text) {
      stack.scan(raw);
      await verdict(tone, text);
    },
    async tapFor(testId, tone, text) {
      await tap(testId);
      await verdict(tone, text);
    },
    async pad(testId, digits) {
      for (const d of digits) await tap(`${testId}-key-${d}`);
    },
    async printLabel(quantity) {
      await page.getByTestId('wf-label-preview').waitFor({ timeout: T });
      await settled('with the label preview up');
      await driver.tapFor('wf-print', 'ok', `Label printed (${quantity} parts)`);
      await page.getByTestId('wf-label-preview').waitFor({ state: 'detached', timeout: T });
    },
    text: (testId) => page.getByTestId(testId).textContent({ timeout: T }),
    status: () => page.getByTestId('order-detail').getAttribute('data-status', { timeout: T }),
  };
  return driver;
}
