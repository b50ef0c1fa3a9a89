import { useTranslation } from 'react-i18next';
import type { LineShift, LineStop } from '../../server/lines/line-shift';
import { clockTime, minutes } from './format-figures';

const durationS = (s: LineStop) => (Date.parse(s.to) - Date.parse(s.from)) / 1000;
const LONGEST = 3;

/**
 * The shift as a bar from its start to its end: stops in red, micro-stops in
 * amber, "now" as a white mark; below it, in words, how many stops and the
 * longest ones with their reason, so nothing depends on colour alone.
 */
export function StopTimeline({ shift, at }: { shift: LineShift; at: string }) {
  const { t, i18n } = useTranslation();
  const from = Date.parse(shift.from);
  const span = Math.max(1, Date.parse(shift.to) - from);
  const at0 = (iso: string) => `${Math.min(100, Math.max(0, ((Date.parse(iso) - from) / span) * 100))}%`;
  const reason = (s: LineStop) => (s.label ? s.label[i18n.language === 'de' ? 'de' : 'en'] : t(`web.lines.reason.${s.reasonId === 'micro-stop' || s.reasonId === 'unqualified' ? s.reasonId : 'other'}`, { id: s.reasonId }));
  const stops = shift.stops.filter((s) => s.kind === 'stop');
  const longest = [...stops].sort((a, b) => durationS(b) - durationS(a)).slice(0, LONGEST);
  const stopSeconds = stops.reduce((sum, s) => sum + durationS(s), 0);
  return (
    <div className="lines-timeline" data-testid="line-timeline">
      <div className="lines-bar" role="img" aria-label={t('web.lines.timelineLabel', { from: clockTime(shift.from, i18n.language), to: clockTime(shift.to, i18n.language), count: stops.length })}>
        {shift.stops.map((s) => (
          <span key={`${s.from}-${s.reasonId}`} className={`lines-seg lines-seg-${s.kind}`} style={{ left: at0(s.from), width: `calc(${at0(s.to)} - ${at0(s.from)})` }} />
        ))}
        <span className="lines-now" style={{ left: at0(at) }} />
      </div>
      <div className="lines-bar-scale">
        <span>{clockTime(shift.from, i18n.language)}</span>
        <span>{clockTime(shift.to, i18n.language)}</span>
      </div>
      <p className="lines-stops" data-testid="line-stops">
        {stops.length === 0 ? t('web.lines.noStops') : t('web.lines.stops', { count: stops.length, minutes: minutes(stopSeconds) })}
        {longest.map((s) => (
          <span key={`${s.from}-l`} className="lines-stop">
            {' · '}
            {clockTime(s.from, i18n.language)} {reason(s)} ({t('web.lines.minutes', { count: minutes(durationS(s)) })})
          </span>
        ))}
      </p>
    </div>
  );
}
