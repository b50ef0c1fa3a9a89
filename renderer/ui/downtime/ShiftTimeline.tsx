import { useTranslation } from 'react-i18next';
import type { DowntimeReason } from '../../../shared/master-data-oee';
import { UNQUALIFIED, type BarPiece, type Interval } from '../../../shared/oee';
import { clockTime, minutesOf, reasonColour, reasonLabel } from './downtime-format';

interface LegendEntry {
  key: string;
  label: string;
  minutes: number;
  className: string;
  colour?: string;
}

/**
 * The shift so far as one horizontal bar, read at a glance: green where the
 * line ran, amber ticks for micro-stops, a colour per stop reason, red stripes
 * where a stop still has no reason, grey for breaks, dark for what is still
 * ahead. The legend under it names every colour with its minutes, so nothing
 * is said by colour alone.
 */
export function ShiftTimeline({ bar, span, reasons, timeZone }: { bar: readonly BarPiece[]; span: Interval; reasons: readonly DowntimeReason[]; timeZone?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const total = Math.max(1, span.to - span.from);
  const labelOf = (p: BarPiece): string => {
    if (p.kind === 'stop') return p.reasonId === UNQUALIFIED ? t('downtime.kind.unqualified') : reasonLabel(reasons.find((r) => r.id === p.reasonId), i18n.language, p.reasonId ?? '');
    return t(`downtime.kind.${p.kind}`);
  };
  const classOf = (p: BarPiece): string => (p.kind === 'stop' && p.reasonId === UNQUALIFIED ? 'dt-unqualified' : `dt-${p.kind}`);
  const legend = new Map<string, LegendEntry>();
  let microStops = 0;
  for (const p of bar) {
    if (p.kind === 'ahead') continue;
    if (p.kind === 'micro') microStops += 1;
    const key = p.kind === 'stop' ? `stop:${p.reasonId}` : p.kind;
    const entry = legend.get(key) ?? {
      key,
      label: labelOf(p),
      minutes: 0,
      className: classOf(p),
      ...(p.kind === 'stop' && p.reasonId !== UNQUALIFIED ? { colour: reasonColour(reasons, p.reasonId ?? '') } : {}),
    };
    entry.minutes += (p.to - p.from) / 60_000;
    legend.set(key, entry);
  }
  const entries = [...legend.values()].sort((a, b) => (a.key === 'run' ? -1 : b.key === 'run' ? 1 : b.minutes - a.minutes));
  const summary = entries.map((e) => `${e.label} ${t('downtime.minutes', { count: Math.round(e.minutes) })}`).join(', ');
  return (
    <div className="dt-timeline" data-testid="dt-timeline">
      <div className="dt-bar" role="img" aria-label={summary}>
        {bar.map((p) => (
          <span
            key={`${p.from}-${p.kind}`}
            className={`dt-piece ${classOf(p)}`}
            style={{ width: `${((p.to - p.from) / total) * 100}%`, ...(p.kind === 'stop' && p.reasonId !== UNQUALIFIED ? { background: reasonColour(reasons, p.reasonId ?? '') } : {}) }}
            title={`${clockTime(p.from, i18n.language, timeZone)}–${clockTime(p.to, i18n.language, timeZone)} ${labelOf(p)}`}
            data-testid={`dt-piece-${p.kind}`}
            data-reason={p.reasonId}
          />
        ))}
      </div>
      <div className="dt-axis" aria-hidden="true">
        <span>{clockTime(span.from, i18n.language, timeZone)}</span>
        <span>{clockTime(span.to, i18n.language, timeZone)}</span>
      </div>
      <ul className="dt-legend" data-testid="dt-legend">
        {entries.map((e) => (
          <li key={e.key} data-testid={`dt-legend-${e.key}`}>
            <span className={`dt-swatch ${e.className}`} style={e.colour ? { background: e.colour } : undefined} aria-hidden="true" />
            {e.key === 'micro' ? t('downtime.microStops', { count: microStops }) : e.label} {t('downtime.minutes', { count: minutesOf(e.minutes * 60_000) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
