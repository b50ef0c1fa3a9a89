/** One category of ANSI MH10.8.2: the letter every data identifier of it ends in. */
export interface Mh10Category {
  letter: string;
  title: string;
}

/**
 * One ANSI MH10.8.2 data identifier as the standard lists it: its format in
 * the standard's notation (`an1..35`, `n9`, `YYYYMMDD`, …), with length
 * bounds and character class where the format is a plain `an` / `n` one.
 */
export interface Mh10DataIdentifier {
  di: string;
  category: string;
  name: string;
  format: string;
  numeric?: boolean;
  minLength?: number;
  maxLength?: number;
  description: string;
}
