import type { Page } from 'playwright-core';

/**
 * Where a control is, as an operator with gloves meets it: inside the
 * viewport without scrolling, and the topmost thing at its centre (no banner
 * or overlay on top of it). Returns what is wrong, or null.
 */
export async function notReachable(page: Page, testId: string): Promise<string | null> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return `${id}: not on the page`;
    const r = el.getBoundingClientRect();
    const { innerWidth: w, innerHeight: h } = window;
    if (r.width === 0 || r.height === 0) return `${id}: not shown`;
    if (r.top < 0 || r.left < 0 || r.bottom > h || r.right > w) return `${id}: outside the ${w}×${h} viewport at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`;
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!top || !(top === el || el.contains(top))) return `${id}: covered by ${top?.getAttribute('data-testid') ?? top?.className ?? 'nothing'}`;
    return null;
  }, testId);
}

/** Every control named is reachable; the list of what is not otherwise. */
export async function unreachable(page: Page, testIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of testIds) {
    const problem = await notReachable(page, id);
    if (problem) out.push(problem);
  }
  return out;
}
