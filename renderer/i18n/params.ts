import { formatDay } from './format';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The parameters of a message as the operator reads them. i18next picks a
 * plural form (`key_one`, `key_other`, CLDR rules per language) from a
 * `count` option; booking messages name their number `quantity`, so that
 * number chooses the form ("1 Gutteil gebucht", "2 Gutteile gebucht").
 * Calendar days (a batch's expiry) come as ISO dates from the domain and are
 * shown in the operator's locale. Master-data words come in both languages
 * as `name@de` and `name@en`: the message gets `name` in the operator's.
 */
export function messageParams(params: Readonly<Record<string, unknown>>, language: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const base = language.toLowerCase().startsWith('de') ? 'de' : 'en';
  for (const [key, value] of Object.entries(params)) {
    const at = key.lastIndexOf('@');
    if (at > 0) {
      if (key.slice(at + 1) === base) out[key.slice(0, at)] = value;
      continue;
    }
    out[key] = typeof value === 'string' && ISO_DAY.test(value) ? formatDay(value, language) : value;
  }
  const quantity = params['quantity'];
  if (params['count'] === undefined && typeof quantity === 'number') out['count'] = quantity;
  return out;
}
