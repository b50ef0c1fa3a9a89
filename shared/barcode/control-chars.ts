// ASCII control characters that carry structure in scans.
export const GS = '\u001d'; // group separator: FNC1 in GS1 data, field separator in ISO/IEC 15434
export const RS = '\u001e'; // record separator: ISO/IEC 15434 envelopes
export const EOT = '\u0004'; // end of transmission: ISO/IEC 15434 message trailer
