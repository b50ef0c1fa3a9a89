/** One formatter per language: a recall tree formats thousands of times, and each toLocaleString builds a new one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(language: string): Intl.DateTimeFormat {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    formatters.set(locale, formatter);
  }
  return formatter;
}

/** Times as people on the plant read them: local date and time, to the minute. */
export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatterFor(language).format(d);
}

export function formatWindow(from: string | null | undefined, to: string | null | undefined, language: string, open: string): string {
  return `${formatTime(from, language)} – ${to ? formatTime(to, language) : open}`;
}
