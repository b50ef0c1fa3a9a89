// Shapes of the generated GS1 AI table (gs1-ai-table.ts), as described in the
// header of the GS1 Barcode Syntax Dictionary.

/** N numeric, X CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type Gs1ComponentType = 'N' | 'X' | 'Y' | 'Z';

export interface Gs1Component {
  readonly type: Gs1ComponentType;
  readonly min: number;
  readonly max: number;
  /** Optional components may be left out once the data is exhausted. */
  readonly optional: boolean;
  /** Names of the GS1 linter procedures to apply to this component. */
  readonly linters: readonly string[];
}

export interface Gs1AiDefinition {
  readonly ai: string;
  /** Flag "*": fixed length, so no FNC1/GS separator is needed after it. */
  readonly predefinedLength: boolean;
  /** Flag "?": permitted as a GS1 Digital Link data attribute. */
  readonly digitalLink: boolean;
  readonly components: readonly Gs1Component[];
  /** Each req= key: one of the alternatives (each a list of AI patterns, "n" = any digit) must be present. */
  readonly req: readonly (readonly (readonly string[])[])[];
  /** ex= patterns: none of these AIs may occur together with this one. */
  readonly ex: readonly string[];
  /** Digital Link primary key: null if not a key, else the allowed qualifier sequences. */
  readonly dlpkey: readonly (readonly string[])[] | null;
  readonly title: string;
}
