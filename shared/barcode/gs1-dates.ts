// GS1 date handling: YYMMDD with the century window of GS1 General
// Specifications 7.12, and DD = 00 meaning "no specific day" (3.4.x), which
// is read as the last day of the month.

export function resolveCentury(yy: number, referenceYear: number): number {
  const current = referenceYear % 100;
  const century = referenceYear - current;
  const diff = yy - current;
  if (diff >= 51) return century - 100 + yy; // 51..99 years ahead: previous century
  if (diff <= -50) return century + 100 + yy; // 50..99 years behind: next century
  return century + yy;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Parses YYMMDD / YYYYMMDD; returns a reason when the date does not exist. */
export function checkDate(
  digits: string,
  opts: { fourDigitYear: boolean; allowDayZero: boolean; referenceYear: number },
): DateParts | string {
  const yLen = opts.fourDigitYear ? 4 : 2;
  if (!new RegExp(`^[0-9]{${yLen + 4}}$`).test(digits)) return `a date needs ${yLen + 4} digits`;
  const y = Number(digits.slice(0, yLen));
  const year = opts.fourDigitYear ? y : resolveCentury(y, opts.referenceYear);
  const month = Number(digits.slice(yLen, yLen + 2));
  const day = Number(digits.slice(yLen + 2, yLen + 4));
  if (month < 1 || month > 12) return `month ${pad2(month)} does not exist`;
  if (day === 0 && opts.allowDayZero) return { year, month, day: 0 };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) return `day ${pad2(day)} does not exist in ${year}-${pad2(month)}`;
  return { year, month, day };
}

/** ISO 8601 calendar date; day 0 ("any day of the month") becomes the last day. */
export function toIsoDate({ year, month, day }: DateParts): string {
  const d = day === 0 ? daysInMonth(year, month) : day;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(d)}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
