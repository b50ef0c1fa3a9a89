/** Figures as the lines page shows them: percent with one decimal, durations in minutes, '–' for unknown. */

export function percent(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function minutes(seconds: number): number {
  return Math.round(seconds / 60);
}

export function clockTime(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
