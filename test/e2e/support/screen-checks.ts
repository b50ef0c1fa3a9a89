import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * What the screen audit checks on one rendered state, inside the page:
 * every control of the active layer lies in the viewport and is the element
 * a finger at its centre would hit, no text leaves its box or the viewport
 * or lies under another element,
 * every visible character comes from a bundled font face that is loaded, no
 * text looks like a raw translation key or an i18next error, and axe-core
 * finds no contrast or accessible-name violation.
 */
export interface Problem {
  check: 'outside' | 'covered' | 'overflow' | 'glyph' | 'raw-key' | 'axe';
  what: string;
}

/** The family the renderer bundles (@fontsource/noto-sans). */
export const BUNDLED_FAMILY = 'Noto Sans';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core rules about contrast and names; layout rules are this file's own checks. */
const AXE_RULES = [
  'color-contrast',
  'button-name',
  'link-name',
  'input-button-name',
  'image-alt',
  'label',
  'select-name',
  'aria-command-name',
  'aria-dialog-name',
  'aria-input-field-name',
  'aria-toggle-field-name',
  'aria-progressbar-name',
  'svg-img-alt',
];

/** Runs in the page: no references to anything outside this function. */
function inspect(family: string): Problem[] {
  const problems: Problem[] = [];
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const describe = (el: Element): string => {
    const id = el.getAttribute('data-testid');
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''}> "${text}"`;
  };
  const visible = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
  };

  // As opened: nothing scrolled (a click may have scrolled the page or a list to reach its target).
  for (const el of [document.scrollingElement, ...document.querySelectorAll('*')]) if (el && (el.scrollTop > 0 || el.scrollLeft > 0)) el.scrollTo(0, 0);
  /** A list that scrolls inside the screen: what it clips is reached by scrolling that list, not the page. */
  const scroller = (el: Element): Element | null => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      // The screen itself or a dialog scrolling is exactly what must not happen: only a list inside a screen may scroll.
      if (p.tagName === 'MAIN' || p.matches('[role="dialog"], [role="alertdialog"], [aria-modal="true"], #root, .app')) return null;
      const o = getComputedStyle(p).overflowY;
      if ((o === 'auto' || o === 'scroll') && p.scrollHeight > p.clientHeight + 1) return p;
    }
    return null;
  };
  const clippedAway = (el: Element, r: DOMRect): boolean => {
    const list = scroller(el);
    if (!list) return false;
    const c = list.getBoundingClientRect();
    return r.bottom <= c.top || r.top >= c.bottom || r.right <= c.left || r.left >= c.right || r.bottom > c.bottom || r.top < c.top;
  };

  // The active layer: the last open modal (dialogs sit above the page and are drawn in DOM order), else the page.
  const modals = [...document.querySelectorAll('[role="dialog"], [role="alertdialog"], [aria-modal="true"]')].filter(visible);
  const layer: Element = modals.length > 0 ? (modals[modals.length - 1] as Element) : document.body;

  const controls = [...layer.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])')].filter(visible);
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (clippedAway(el, r)) continue;
    if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
      problems.push({ check: 'outside', what: `${describe(el)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} (viewport ${vw}×${vh})` });
      continue;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === el || el.contains(hit))) problems.push({ check: 'covered', what: `${describe(el)} covered by ${hit ? describe(hit) : 'nothing'}` });
  }

  const chars = new Set<number>();
  // Text under an open layer is dimmed out of use; the layer's own text is what the operator reads now.
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (text.trim() === '') continue;
    const parent = node.parentElement;
    if (!parent || !visible(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0 && !clippedAway(parent, r));
    if (rects.length === 0) continue;
    let box: Element | null = parent;
    while (box && getComputedStyle(box).display.startsWith('inline') && box.parentElement) box = box.parentElement;
    const b = (box ?? parent).getBoundingClientRect();
    // A glyph's box is taller than a tight line box (line-height 1): vertically, allow that much, no more.
    const slack = Math.max(2, 0.3 * parseFloat(getComputedStyle(parent).fontSize));
    for (const r of rects) {
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - slack || r.bottom > b.bottom + slack) {
        problems.push({ check: 'overflow', what: `"${text.trim().slice(0, 40)}" leaves ${describe(box ?? parent)} (${Math.round(r.right - b.right)} px right, ${Math.round(r.bottom - b.bottom)} px below)` });
        break;
      }
      if (r.left < -1 || r.right > vw + 1 || r.bottom > vh + 1 || r.top < -1) {
        problems.push({ check: 'overflow', what: `"${text.trim().slice(0, 40)}" outside the viewport` });
        break;
      }
    }
    // Text drawn under a neighbour (a button laid over a date) is as unreadable as text cut off: probe both ends of each line.
    for (const r of rects) {
      const y = r.top + r.height / 2;
      const covering = [r.left + 2, r.right - 2]
        .map((x) => (x >= 0 && x < vw && y >= 0 && y < vh ? document.elementFromPoint(x, y) : null))
        .find((hit) => hit && !(hit === parent || parent.contains(hit) || hit.contains(parent)));
      if (covering) {
        problems.push({ check: 'covered', what: `"${text.trim().slice(0, 40)}" in ${describe(parent)} is drawn under ${describe(covering)}` });
        break;
      }
    }
    // Clipped text (overflow hidden, an ellipsis) is text the operator cannot read either.
    const clip = getComputedStyle(box ?? parent);
    if (clip.overflowX !== 'visible' && (box ?? parent).scrollWidth > (box ?? parent).clientWidth + 1 && !scroller(parent)) {
      problems.push({ check: 'overflow', what: `"${text.trim().slice(0, 40)}" is cut off in ${describe(box ?? parent)}` });
    }
    const trimmed = text.trim();
    if (/^[a-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/.test(trimmed) || /returned an object instead of string|\{\{|\}\}|^key '/.test(trimmed)) {
      problems.push({ check: 'raw-key', what: `"${trimmed.slice(0, 80)}" in ${describe(parent)}` });
    }
    // Masked text (PIN dots) is drawn as the mask's glyph, not as the characters in the DOM.
    const security = getComputedStyle(parent).getPropertyValue('-webkit-text-security');
    const drawn = security === 'disc' ? '\u2022' : security === 'circle' ? '\u25e6' : security === 'square' ? '\u25a0' : null;
    for (const ch of drawn ? [drawn] : text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (!/\s/.test(ch)) chars.add(cp);
    }
    const used = getComputedStyle(parent).fontFamily.split(',')[0]?.trim().replace(/^["']|["']$/g, '');
    if (used !== family) problems.push({ check: 'glyph', what: `${describe(parent)} is set in "${used}", not the bundled "${family}"` });
  }

  // Tofu check: every visible character needs a loaded face of the bundled family whose unicode-range covers it.
  const faces = [...document.fonts].filter((f) => f.family.replace(/^["']|["']$/g, '') === family && f.status === 'loaded');
  const ranges = faces.flatMap((f) =>
    f.unicodeRange.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      const lo = parseInt(from ?? '0', 16);
      return [lo, to ? parseInt(to, 16) : lo] as const;
    }),
  );
  const missing = [...chars].filter((cp) => !ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
  if (missing.length > 0) {
    problems.push({ check: 'glyph', what: `no loaded "${family}" face for ${missing.map((cp) => `${String.fromCodePoint(cp)} U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}` });
  }
  return problems;
}

/** Every problem of the page as it is now (fonts settled first). */
export async function auditPage(page: Page): Promise<Problem[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const problems = await page.evaluate(inspect, BUNDLED_FAMILY);
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated rather than injected as a <script>: the page's CSP (script-src 'self') rightly refuses inline scripts.
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`) }));
  }, AXE_RULES);
  for (const v of violations) for (const n of v.nodes) problems.push({ check: 'axe', what: `${v.id} ${n}` });
  return problems;
}

/**
 * What a tap on this control would meet, checked BEFORE tapping: Playwright's
 * click scrolls its target into view and so hides a control below the fold.
 * The control must lie wholly inside the viewport and be the topmost element
 * at its centre and at the middle of each edge (a banner over half a button
 * is a missed tap). Null when a finger would hit it as it is.
 */
export async function tapProblem(page: Page, testId: string): Promise<string | null> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return `${id}: not on the page`;
    const r = el.getBoundingClientRect();
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    if (r.width === 0 || r.height === 0) return `${id}: not shown`;
    if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
      return `${id}: outside the ${vw}×${vh} viewport at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`;
    }
    const inset = Math.min(4, r.width / 4, r.height / 4);
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const probes: [string, number, number][] = [['centre', cx, cy], ['top', cx, r.top + inset], ['bottom', cx, r.bottom - inset], ['left', r.left + inset, cy], ['right', r.right - inset, cy]];
    for (const [where, x, y] of probes) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) {
        const by = hit ? `<${hit.tagName.toLowerCase()}${hit.getAttribute('data-testid') ? ` data-testid="${hit.getAttribute('data-testid')}"` : ''} class="${hit.getAttribute('class') ?? ''}">` : 'nothing';
        return `${id}: its ${where} is covered by ${by}`;
      }
    }
    return null;
  }, testId);
}

/**
 * Whether anything scrolled or would have to: the page at its top and no
 * taller than the window, and no element (a screen, a dialog, a list)
 * scrolled away from its start. Empty when the screen is as it opened.
 */
export async function scrollProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (window.scrollY !== 0 || window.scrollX !== 0) out.push(`page scrolled to ${window.scrollX},${window.scrollY}`);
    const doc = document.documentElement;
    if (doc.scrollHeight > window.innerHeight) out.push(`page is ${doc.scrollHeight} px tall in a ${window.innerHeight} px window`);
    if (doc.scrollWidth > window.innerWidth) out.push(`page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
    for (const el of document.querySelectorAll('*')) {
      if (el.scrollTop > 0 || el.scrollLeft > 0) {
        const id = el.getAttribute('data-testid');
        out.push(`<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''} class="${el.getAttribute('class') ?? ''}"> scrolled to ${el.scrollLeft},${el.scrollTop}`);
      }
    }
    return out;
  });
}
