import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, compileZpl, renderTemplate, type LabelModel } from '../../shared/labels';
import { renderSvg } from '../../shared/labels/svg';
import { example } from '../shared/labels/examples';
import { scanImage, zplToPng } from '../shared/labels/readback';
import { launchChromium } from './support/browser';

/**
 * The SVG preview the operator sees, drawn by real Chromium, screenshotted and
 * scanned with zxing-wasm, carries exactly the data the printed label does
 * (the ZPL read back through zpl-renderer-js), symbology identifiers included.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function previewInChromium(model: LabelModel): Promise<Uint8Array> {
  const svg = renderSvg(model);
  if (!svg.ok) throw new Error(svg.error.message);
  // Drawn 1:1 in printer dots (one CSS px per dot), as the screen shows it before printing.
  const page = await browser.newPage({ viewport: { width: model.widthDots + 40, height: model.heightDots + 40 }, deviceScaleFactor: 1 });
  try {
    await page.setContent(
      `<!doctype html><html><body style="margin:0;padding:20px;background:#fff"><div id="label" style="width:${model.widthDots}px;height:${model.heightDots}px">${svg.value}</div></body></html>`,
    );
    await page.evaluate(() => {
      const el = document.querySelector('#label svg');
      if (!el) throw new Error('no svg');
      el.setAttribute('width', '100%');
      el.setAttribute('height', '100%');
    });
    // A white margin around the label (quiet zone), as on paper.
    return new Uint8Array(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: model.widthDots + 40, height: model.heightDots + 40 } }));
  } finally {
    await page.close();
  }
}

describe('SVG preview in Chromium reads back like the printed label', () => {
  it.each(Object.keys(BUILT_IN_TEMPLATES))('%s', async (id) => {
    const rendered = renderTemplate(id, example(id));
    if (!rendered.ok) throw new Error(rendered.error.message);
    const model = rendered.value.model;
    const zpl = compileZpl(model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    const [fromScreen, fromPrinter] = await Promise.all([previewInChromium(model).then(scanImage), zplToPng(zpl.value, model).then(scanImage)]);
    expect(fromPrinter.length).toBeGreaterThan(0);
    // Same symbols, same AIM identifiers (]C1, ]d2, ]Q…, ]L…), same transmitted data.
    expect(fromScreen).toEqual(fromPrinter);
    expect(fromScreen.every((s) => /^\][A-Za-z]\d/.test(s))).toBe(true);
  });
});
