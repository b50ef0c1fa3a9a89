/** Times as people on the plant read them: local date and time, to the minute. */
export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

export function formatWindow(from: string | null | undefined, to: string | null | undefined, language: string, open: string): string {
  return `${formatTime(from, language)} – ${to ? formatTime(to, language) : open}`;
}
