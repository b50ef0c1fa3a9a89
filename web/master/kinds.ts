import { LOSS_CATEGORIES } from '../../shared/master-data-oee';
import { ROLES } from '../../shared/master-data';

/**
 * How the master-data page shows and edits each kind. The kinds a plant
 * changes daily get a form of their own fields; every other kind is read
 * as its id and a one-line summary in the import file's column names (the
 * names a person writes in the file they import).
 */

export interface KindInfo {
  kind: string;
  count: number;
  editable: boolean;
}

export interface MasterRow {
  rev: number;
  data: Record<string, unknown>;
}

/** `text` a string; `list` comma-separated strings; `pin` a new PIN, empty keeps the old one. */
export interface FormField {
  /** A dot reaches into a nested object: `label.de`. */
  path: string;
  type: 'text' | 'select' | 'list' | 'pin';
  options?: readonly string[];
  /** The translation of each option under web.master.options.<optionKey>. */
  optionKey?: string;
}

const id: FormField = { path: 'id', type: 'text' };
const labels: FormField[] = [
  { path: 'label.de', type: 'text' },
  { path: 'label.en', type: 'text' },
];

export const EDIT_FORMS: Record<string, FormField[]> = {
  'blocked-batch': [id, { path: 'materialId', type: 'text' }, { path: 'batch', type: 'text' }, { path: 'reason', type: 'text' }],
  operator: [
    id,
    { path: 'name', type: 'text' },
    { path: 'badge', type: 'text' },
    { path: 'role', type: 'select', options: ROLES, optionKey: 'role' },
    { path: 'lineIds', type: 'list' },
    { path: 'pin', type: 'pin' },
  ],
  'scrap-reason': [id, { path: 'code', type: 'text' }, { path: 'group', type: 'text' }, ...labels],
  'downtime-reason': [id, { path: 'lineId', type: 'text' }, { path: 'code', type: 'text' }, { path: 'loss', type: 'select', options: LOSS_CATEGORIES, optionKey: 'loss' }, ...labels],
};

/** The translation key of a field's label: `label.de` → `labelDe`. */
export function fieldKey(path: string): string {
  return path.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
}

function at(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), data);
}

/** A row as the form's text fields. */
export function formValues(fields: FormField[], data: Record<string, unknown> | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields) {
    const v = data ? at(data, f.path) : undefined;
    values[f.path] = f.type === 'pin' ? '' : Array.isArray(v) ? v.join(', ') : v === undefined ? (f.options?.[0] ?? '') : String(v);
  }
  return values;
}

/** The form's text fields as the row the server validates (empty PIN: not changed). */
export function rowOf(fields: FormField[], values: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const f of fields) {
    const text = (values[f.path] ?? '').trim();
    if (f.type === 'pin' && text === '') continue;
    const value = f.type === 'list' ? text.split(',').map((s) => s.trim()).filter(Boolean) : text;
    const [head, tail] = f.path.split('.') as [string, string | undefined];
    if (tail) row[head] = { ...(row[head] as object | undefined), [tail]: value };
    else row[head] = value;
  }
  return row;
}

/** What a table cell shows for a field of an editable kind. */
export function cellText(field: FormField, data: Record<string, unknown>): string {
  const v = at(data, field.path);
  return Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v);
}

const SUMMARY_CHARS = 160;

/** Every field but the id, `name: value` in the file's column names, nested ones counted or shortened. */
export function summary(data: Record<string, unknown>): string {
  const parts = Object.entries(data)
    .filter(([k]) => k !== 'id')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.length}]` : v !== null && typeof v === 'object' ? short(JSON.stringify(v)) : String(v)}`);
  const text = parts.join(' · ');
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
