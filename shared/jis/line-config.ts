import type { LineSettings } from '../master-data';
import { DEFAULT_PART_LABEL, isStringField, type VariantSource } from './part-label';
import type { JisConfig } from './state';

/**
 * The sequence engine's configuration from the line's master data:
 * rack size, slot recheck, where the variant sits on the part label, and the
 * call-off's maximum age. A setting left out keeps the built-in default; a
 * variant field that is no scan field falls back to the default with a
 * warning (plant IT typed it; the line keeps working).
 */

export interface JisLineConfig {
  readonly config: Partial<JisConfig>;
  /** Null: the terminal's default applies. */
  readonly callOffMaxAgeMs: number | null;
  readonly warnings: readonly string[];
}

type VariantSetting = NonNullable<LineSettings['jisVariantSource']>;

function variantSource(setting: VariantSetting, warnings: string[]): VariantSource {
  if (setting.kind !== 'field') return setting;
  if (isStringField(setting.field)) return { kind: 'field', field: setting.field };
  warnings.push(`jisVariantSource: "${setting.field}" is not a scan field; reading the variant from the default (${JSON.stringify(DEFAULT_PART_LABEL.variant)})`);
  return DEFAULT_PART_LABEL.variant;
}

export function jisConfigFromLine(settings: LineSettings | undefined): JisLineConfig {
  const warnings: string[] = [];
  const s = settings ?? {};
  const config: Partial<JisConfig> = {
    ...(s.jisRackSlots !== undefined ? { rackSlots: s.jisRackSlots } : {}),
    ...(s.jisRecheckSlots !== undefined ? { recheckSlots: s.jisRecheckSlots } : {}),
    ...(s.jisVariantSource !== undefined ? { partLabel: { variant: variantSource(s.jisVariantSource, warnings) } } : {}),
  };
  return { config, callOffMaxAgeMs: s.jisCallOffMaxAgeMinutes !== undefined ? s.jisCallOffMaxAgeMinutes * 60_000 : null, warnings };
}
