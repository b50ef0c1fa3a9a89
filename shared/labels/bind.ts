import type { DiField, Gs1Element, LabelElement, LabelModel } from './model';

/**
 * Template layouts are label models whose strings may hold `{{field}}`
 * placeholders. Binding is one pass of plain string replacement, so a value
 * that itself contains `{{…}}` stays literal. GS1 elements, ISO/IEC 15434
 * fields and whole symbols whose placeholders bind to "" are left out: that is
 * how a layout marks optional data. Escaping happens later, in the compiler, for every value.
 */
export type Bindings = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{([A-Za-z0-9_.-]+)\}\}/g;

export function bindString(template: string, values: Bindings): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name]! : ''));
}

/** The placeholder names a layout uses. */
export function placeholders(layout: LabelModel): string[] {
  const names = new Set<string>();
  const visit = (s: string) => {
    for (const m of s.matchAll(PLACEHOLDER)) names.add(m[1]!);
  };
  for (const e of layout.elements) for (const s of elementStrings(e)) visit(s);
  return [...names].sort();
}

function elementStrings(e: LabelElement): string[] {
  switch (e.type) {
    case 'text':
    case 'code128':
    case 'code39':
    case 'qr':
    case 'pdf417':
      return [e.value];
    case 'gs1-128':
      return e.elements.map((x) => x.value);
    case 'datamatrix':
      return e.content.kind === 'text' ? [e.content.value] : e.content.kind === 'gs1' ? e.content.elements.map((x) => x.value) : e.content.fields.map((x) => x.value);
    default:
      return [];
  }
}

const bindGs1 = (list: readonly Gs1Element[], v: Bindings) =>
  list.map((x) => ({ ...x, value: bindString(x.value, v) })).filter((x) => x.value !== '');
const bindDi = (list: readonly DiField[], v: Bindings) =>
  list.map((x) => ({ ...x, value: bindString(x.value, v) })).filter((x) => x.value !== '');

/** A symbol whose data came only from placeholders that bound to "" is optional and left out. */
const optionalEmpty = (template: string, bound: string) => bound === '' && template !== bound;

export function bindLayout(layout: LabelModel, values: Bindings): LabelModel {
  const elements = layout.elements.flatMap((e): LabelElement[] => {
    switch (e.type) {
      case 'text':
        return [{ ...e, value: bindString(e.value, values) }];
      case 'code128':
      case 'code39':
      case 'qr':
      case 'pdf417': {
        const value = bindString(e.value, values);
        return optionalEmpty(e.value, value) ? [] : [{ ...e, value }];
      }
      case 'gs1-128': {
        const elements = bindGs1(e.elements, values);
        return elements.length === 0 ? [] : [{ ...e, elements }];
      }
      case 'datamatrix': {
        const c = e.content;
        if (c.kind === 'text') {
          const value = bindString(c.value, values);
          return optionalEmpty(c.value, value) ? [] : [{ ...e, content: { ...c, value } }];
        }
        if (c.kind === 'gs1') {
          const elements = bindGs1(c.elements, values);
          return elements.length === 0 ? [] : [{ ...e, content: { ...c, elements } }];
        }
        const fields = bindDi(c.fields, values);
        return fields.length === 0 ? [] : [{ ...e, content: { ...c, fields } }];
      }
      default:
        return [e];
    }
  });
  return { ...layout, elements };
}
