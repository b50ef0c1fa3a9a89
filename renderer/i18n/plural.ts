/**
 * i18next picks a plural form (`key_one`, `key_other`, CLDR rules per
 * language) from a `count` option. Booking messages name their number
 * `quantity`; this lets that number choose the form ("1 Gutteil gebucht",
 * "2 Gutteile gebucht") without every caller naming it twice.
 */
export function withCount(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const quantity = params['quantity'];
  if (params['count'] === undefined && typeof quantity === 'number') return { ...params, count: quantity };
  return { ...params };
}
