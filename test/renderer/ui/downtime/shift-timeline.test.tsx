import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { DowntimeReason } from '../../../../shared/master-data-oee';
import type { BarPiece, OeeFigures } from '../../../../shared/oee';
import { createI18n, type Language } from '../../../../renderer/i18n';
import { OeeLine } from '../../../../renderer/ui/downtime/OeeLine';
import { ShiftTimeline } from '../../../../renderer/ui/downtime/ShiftTimeline';

const ms = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00.000Z`);
const REASONS: DowntimeReason[] = [
  { id: 'R-mat', lineId: 'L1', code: 'MAT', loss: 'availability', label: { de: 'Materialmangel', en: 'Material shortage' } },
  { id: 'R-tool', lineId: 'L1', code: 'TOOL', loss: 'availability', label: { de: 'Werkzeugwechsel', en: 'Tool change' } },
];
// The early shift 06:00–14:00 at 08:00: an hour's run, a 2-minute micro-stop, 30 minutes of tool change,
// 15 minutes without a reason, the rest of the two hours run, then six hours ahead.
const BAR: BarPiece[] = [
  { from: ms('06:00'), to: ms('07:00'), kind: 'run' },
  { from: ms('07:00'), to: ms('07:02'), kind: 'micro', reasonId: 'micro-stop', loss: 'performance' },
  { from: ms('07:02'), to: ms('07:32'), kind: 'stop', reasonId: 'R-tool', loss: 'availability', stopId: 'c1' },
  { from: ms('07:32'), to: ms('07:47'), kind: 'stop', reasonId: 'unqualified', loss: 'availability' },
  { from: ms('07:47'), to: ms('08:00'), kind: 'run' },
  { from: ms('08:00'), to: ms('14:00'), kind: 'ahead' },
];
const SPAN = { from: ms('06:00'), to: ms('14:00') };

async function renderIn(language: Language, ui: React.ReactElement) {
  const i18n = await createI18n(language);
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}
const text = (testId: string) => (screen.getByTestId(testId).textContent ?? '').replace(/\u00a0|\u202f/g, ' ');

describe('the shift timeline', () => {
  it('draws every piece at its share of the shift, a colour per reason, stripes where no reason was given', async () => {
    await renderIn('de', <ShiftTimeline bar={BAR} span={SPAN} reasons={REASONS} timeZone="UTC" />);
    const pieces = screen.getByTestId('dt-timeline').querySelectorAll<HTMLElement>('.dt-piece');
    // 480 minutes in all: 60 → 12.5 %, 2 → 0.4167 %, 30 → 6.25 %, 15 → 3.125 %, 13 → 2.7083 %, 360 → 75 %.
    expect([...pieces].map((p) => Number.parseFloat(p.style.width).toFixed(4))).toEqual(['12.5000', '0.4167', '6.2500', '3.1250', '2.7083', '75.0000']);
    expect([...pieces].map((p) => p.className)).toEqual(['dt-piece dt-run', 'dt-piece dt-micro', 'dt-piece dt-stop', 'dt-piece dt-unqualified', 'dt-piece dt-run', 'dt-piece dt-ahead']);
    // Tool change is the line's second reason: its own colour, not the generic stop colour.
    expect(pieces[2]!.style.background).toBe('rgb(188, 140, 255)');
    expect(pieces[2]!.title).toBe('07:02–07:32 Werkzeugwechsel');
  });

  it('names every colour in the legend with its minutes, in German and in English', async () => {
    const de = await renderIn('de', <ShiftTimeline bar={BAR} span={SPAN} reasons={REASONS} timeZone="UTC" />);
    expect([...screen.getByTestId('dt-legend').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Lauf 73 min',
      'Werkzeugwechsel 30 min',
      'Ohne Grund 15 min',
      '1 Kurzstopp 2 min',
    ]);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Lauf 73 min, Werkzeugwechsel 30 min, Ohne Grund 15 min, Kurzstopp 2 min');
    de.unmount();
    await renderIn('en', <ShiftTimeline bar={BAR} span={SPAN} reasons={REASONS} timeZone="UTC" />);
    expect([...screen.getByTestId('dt-legend').querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Running 73 min', 'Tool change 30 min', 'No reason 15 min', '1 micro-stop 2 min']);
  });
});

describe('the OEE line', () => {
  const figures = { availability: 1_980 / 2_700, performance: 1_800 / 1_980, quality: 1, oee: 1_800 / 2_700 } as OeeFigures;

  it('shows OEE and each factor in the operator’s number format', async () => {
    const de = await renderIn('de', <OeeLine label="OEE Schicht" figures={figures} testId="oee" />);
    expect(text('oee')).toBe('OEE Schicht66,7 %= V 73,3 % × L 90,9 % × Q 100 %');
    de.unmount();
    await renderIn('en', <OeeLine label="OEE shift" figures={figures} testId="oee" />);
    expect(text('oee')).toBe('OEE shift66.7%= A 73.3% × P 90.9% × Q 100%');
  });

  it('says a factor it cannot know is unknown, never a guess', async () => {
    await renderIn('en', <OeeLine label="OEE order" figures={{ ...figures, performance: null, oee: null }} testId="oee" />);
    expect(text('oee')).toBe('OEE order–= A 73.3% × P – × Q 100%');
  });

  it('shows no OEE above what the ideal cycle time allows (parts booked faster than possible), and says why', async () => {
    const de = await renderIn('de', <OeeLine label="OEE Auftrag" figures={{ ...figures, performance: 6.17, oee: 4.52 }} testId="oee" />);
    expect(text('oee')).toBe('OEE Auftrag–= V 73,3 % × L über 100 % × Q 100 %mehr Teile, als die Taktzeit zulässt');
    expect(screen.getByTestId('oee').getAttribute('data-oee')).toBe('');
    de.unmount();
    await renderIn('en', <OeeLine label="OEE order" figures={{ ...figures, performance: 6.17, oee: 4.52 }} testId="oee" />);
    expect(text('oee')).toBe('OEE order–= A 73.3% × P over 100% × Q 100%more parts than the cycle time allows');
  });
});
