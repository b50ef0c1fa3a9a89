import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, renderTemplate, type LabelModel } from '../../../shared/labels';
import { renderSvg } from '../../../shared/labels/svg';
import { example } from './examples';

describe('SVG preview', () => {
  it.each(Object.keys(BUILT_IN_TEMPLATES))('%s renders in label dots with one picture per symbol', (id) => {
    const r = renderTemplate(id, example(id));
    if (!r.ok) throw new Error(r.error.message);
    const svg = renderSvg(r.value.model);
    expect(svg.ok).toBe(true);
    const text = svg.ok ? svg.value : '';
    expect(text).toMatch(new RegExp(`^<svg [^>]*viewBox="0 0 ${r.value.model.widthDots} ${r.value.model.heightDots}"`));
    const symbols = r.value.model.elements.filter((e) => !['text', 'box', 'line'].includes(e.type)).length;
    expect(text.match(/data-symbol=/g)?.length).toBe(symbols);
  });

  it('escapes text for XML and shows control characters as pictures', () => {
    const model: LabelModel = { widthDots: 100, heightDots: 50, dpi: 203, elements: [{ type: 'text', x: 0, y: 0, height: 20, value: '<script>&\x1d' }] };
    const svg = renderSvg(model);
    expect(svg.ok && svg.value).toContain('&lt;script&gt;&amp;\u241d</text>');
  });

  it('draws Code 39 with its AIM identifier and refuses lower case with a coded error', () => {
    const model = (value: string): LabelModel => ({ widthDots: 600, heightDots: 120, dpi: 203, elements: [{ type: 'code39', x: 20, y: 10, height: 100, moduleWidth: 2, value }] });
    expect(renderSvg(model('S900000042'))).toMatchObject({ ok: true, value: expect.stringContaining('data-symbol="code39" data-aim="]A0"') });
    expect(renderSvg(model('s900000042'))).toMatchObject({ ok: false, error: { code: 'label-value-unencodable', message: expect.stringContaining('Code 39') } });
  });

  it('refuses the same values the compiler refuses', () => {
    const model: LabelModel = { widthDots: 100, heightDots: 50, dpi: 203, elements: [{ type: 'code128', x: 0, y: 0, height: 20, moduleWidth: 2, value: 'Ä' }] };
    expect(renderSvg(model)).toMatchObject({ ok: false, error: { code: 'label-value-unencodable' } });
  });
});
