import { z } from 'zod';
import { ok, type Result } from '../../errors';
import { bindLayout, placeholders, type Bindings } from '../bind';
import { labelFail } from '../errors';
import { LabelModel, atDpi, isSymbol, type Dpi } from '../model';
import { checkSymbol } from '../zpl';
import { gs1Logistic } from './gs1-logistic';
import { gs1MixedLoad } from './gs1-mixed-load';
import { jisRack } from './jis-rack';
import type { TemplateDef } from './types';
import { vda4902 } from './vda-4902';
import { vda4994 } from './vda-4994';

/** Built-in templates by id. */
export const BUILT_IN_TEMPLATES: Readonly<Record<string, TemplateDef>> = Object.fromEntries(
  [vda4902, vda4994, gs1Logistic, jisRack, gs1MixedLoad].map((t) => [t.id, t as unknown as TemplateDef]),
);

/**
 * A master-data `label-template` row (shared/master-data.ts LabelTemplate):
 * `kind` names the built-in whose data schema it uses, `model` is its layout
 * (a label model with placeholders). A row whose id equals a built-in's id
 * replaces that built-in's layout; other ids add a variant.
 */
export interface TemplateRow {
  id: string;
  name: string;
  kind: string;
  zpl?: string | undefined;
  model?: unknown;
}

export interface ResolvedTemplate {
  id: string;
  title: string;
  citation: string;
  kind: string;
  def: TemplateDef;
  layout: LabelModel;
  source: 'built-in' | 'master-data';
}

export function resolveTemplate(id: string, rows: readonly TemplateRow[] = []): Result<ResolvedTemplate> {
  const row = rows.find((r) => r.id === id);
  if (row) {
    const def = BUILT_IN_TEMPLATES[row.kind];
    if (!def) return labelFail('label-template-invalid', `template ${row.id}: unknown kind "${row.kind}"`);
    // Raw ZPL could neither be escaped field by field nor previewed: refused on purpose.
    if (row.model === undefined) return labelFail('label-template-invalid', `template ${row.id}: only label models are supported, not raw ZPL`);
    const layout = LabelModel.safeParse(row.model);
    if (!layout.success) return labelFail('label-template-invalid', `template ${row.id}: ${layout.error.issues[0]?.message ?? 'invalid layout'}`);
    return ok({ id: row.id, title: row.name, citation: def.citation, kind: def.id, def, layout: layout.data, source: 'master-data' });
  }
  const def = BUILT_IN_TEMPLATES[id];
  if (!def) return labelFail('label-template-unknown', `no label template "${id}"`);
  return ok({ id, title: def.title, citation: def.citation, kind: def.id, def, layout: def.layout, source: 'built-in' });
}

export interface RenderedTemplate {
  template: ResolvedTemplate;
  model: LabelModel;
  bindings: Bindings;
}

/** Validates the data against the template's schema and binds it into the layout at the asked resolution. */
export function renderTemplate(id: string, data: unknown, options: { dpi?: Dpi; rows?: readonly TemplateRow[] } = {}): Result<RenderedTemplate> {
  const template = resolveTemplate(id, options.rows);
  if (!template.ok) return template;
  const parsed = template.value.def.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return labelFail('label-data-invalid', `${id}: ${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}`);
  }
  const bindings = template.value.def.bindings(parsed.data);
  const unencodable = firstUnencodable(template.value.layout, bindings, parsed.data);
  if (unencodable) return labelFail('label-value-unencodable', `${id}: ${unencodable}`);
  const model = atDpi(bindLayout(template.value.layout, bindings), options.dpi ?? 203);
  return ok({ template: template.value, model, bindings });
}

/**
 * The first symbol the printer could not carry, named by the data field(s) it
 * came from: each placeholder of a failing symbol is tried on its own, and the
 * ones that fail alone are named (all of the symbol's, when only the mix fails).
 */
function firstUnencodable(layout: LabelModel, bindings: Bindings, data: unknown): string | undefined {
  for (const element of layout.elements) {
    const bound = bindLayout({ ...layout, elements: [element] }, bindings).elements[0];
    if (!bound || !isSymbol(bound)) continue;
    const check = checkSymbol(bound);
    if (check.ok) continue;
    const names = placeholders({ ...layout, elements: [element] }).filter((n) => (bindings[n] ?? '') !== '');
    const alone = names.filter((n) => {
      const only = Object.fromEntries(names.map((m) => [m, m === n ? bindings[m]! : ''])) as Bindings;
      const single = bindLayout({ ...layout, elements: [element] }, { ...bindings, ...only }).elements[0];
      return single !== undefined && isSymbol(single) && !checkSymbol(single).ok;
    });
    const culprits = (alone.length ? alone : names).flatMap((n) => dataFieldsOf(n, bindings, data));
    return `${[...new Set(culprits)].join(', ') || element.type}: ${check.error.message}`;
  }
  return undefined;
}

/**
 * The data fields a placeholder is made of, so a refusal names what the user typed: a placeholder
 * that is a data field is itself; a composed one ("barN" = "N" + deliveryNote) names the fields
 * whose values it contains, or itself when it contains none.
 */
function dataFieldsOf(placeholder: string, bindings: Bindings, data: unknown): string[] {
  const fields = data !== null && typeof data === 'object' ? Object.entries(data as Record<string, unknown>) : [];
  if (fields.some(([k]) => k === placeholder)) return [placeholder];
  const bound = bindings[placeholder] ?? '';
  const feeding = fields.filter(([, v]) => (typeof v === 'string' || typeof v === 'number') && String(v) !== '' && bound.includes(String(v))).map(([k]) => k);
  return feeding.length ? feeding : [placeholder];
}

export interface TemplateField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

export interface TemplateInfo {
  id: string;
  title: string;
  citation: string;
  source: 'built-in' | 'master-data';
  fields: TemplateField[];
  placeholders: string[];
}

/** Every template (built-ins, then master-data variants) with its data fields, for `takt label templates`. */
export function listTemplates(rows: readonly TemplateRow[] = []): TemplateInfo[] {
  const ids = [...Object.keys(BUILT_IN_TEMPLATES), ...rows.map((r) => r.id).filter((id) => !BUILT_IN_TEMPLATES[id])];
  return ids.flatMap((id) => {
    const t = resolveTemplate(id, rows);
    if (!t.ok) return [];
    return [{ id, title: t.value.title, citation: t.value.citation, source: t.value.source, fields: schemaFields(t.value.def.schema), placeholders: placeholders(t.value.layout) }];
  });
}

function schemaFields(schema: z.ZodType): TemplateField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { type?: string; description?: string }>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type ?? 'string',
    required: required.has(name),
    ...(p.description ? { description: p.description } : {}),
  }));
}

export { vda4902, vda4994, gs1Logistic, jisRack };
export type { TemplateDef };
