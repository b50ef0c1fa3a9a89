/** A GS1 element located in the raw scan, before validation. */
export interface Gs1RawElement {
  readonly ai: string;
  readonly value: string;
  /** Offset of the AI (or its bracket / URI segment) in the raw scan. */
  readonly at: number;
  /** Offset of the first value character in the raw scan. */
  readonly valueAt: number;
}
