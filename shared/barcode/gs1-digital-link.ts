// GS1 Digital Link URIs (GS1 Digital Link Standard: URI Syntax 1.x):
//   https://host[/prefix]/{primary key AI}/{value}[/{qualifier AI}/{value}…][?{AI}={value}&…]
// Returns undefined when the URI carries no GS1 primary key, so that ordinary
// URLs stay plain text.
import { fail, type Step, done } from './errors';
import { getAi } from './gs1-ai-lookup';
import type { Gs1RawElement } from './gs1-element';

export function splitDigitalLink(uri: string, base: number): Step<Gs1RawElement[]> | undefined {
  const m = /^https?:\/\/[^/?#\s]+/i.exec(uri);
  if (!m) return undefined;
  const hashAt = uri.indexOf('#');
  const body = hashAt === -1 ? uri : uri.slice(0, hashAt);
  const queryAt = body.indexOf('?');
  const path = queryAt === -1 ? body : body.slice(0, queryAt);

  // Segments of the path with their offsets.
  const segs: { text: string; at: number }[] = [];
  for (let i = m[0].length; i < path.length; ) {
    const next = path.indexOf('/', i + 1);
    const end = next === -1 ? path.length : next;
    segs.push({ text: path.slice(i + 1, end), at: i + 1 });
    i = end;
  }
  if (segs.length > 0 && segs[segs.length - 1]!.text === '') segs.pop(); // trailing slash
  // A key counts only when its value could be one ("/01/page" is an ordinary URL).
  const keyIndex = segs.findIndex((s, i) => {
    const def = getAi(s.text);
    const next = segs[i + 1]?.text;
    return def?.dlpkey && next !== undefined && next !== '' && (def.components[0]?.type !== 'N' || /^[0-9]+$/.test(next));
  });
  if (keyIndex === -1) return undefined;

  const out: Gs1RawElement[] = [];
  const pathSegs = segs.slice(keyIndex);
  if (pathSegs.length % 2 !== 0) {
    return fail('gs1-digital-link', base + pathSegs[pathSegs.length - 1]!.at,
      'The Digital Link path must consist of AI/value pairs.');
  }
  for (let i = 0; i < pathSegs.length; i += 2) {
    const key = pathSegs[i]!;
    const val = pathSegs[i + 1]!;
    if (!getAi(key.text)) return fail('gs1-unknown-ai', base + key.at, `"${key.text}" in the Digital Link path is not a GS1 Application Identifier.`);
    const value = decode(val.text);
    if (value === undefined) return fail('gs1-digital-link', base + val.at, 'Malformed percent-encoding in the Digital Link path.');
    const normalised = normaliseKey(key.text, value);
    // Padding shifts offsets: position p of the padded value is p - padding in the URI.
    const padding = normalised.length - value.length;
    out.push({ ai: key.text, value: normalised, at: base + key.at, valueAt: base + val.at - padding });
  }

  const order = checkQualifierOrder(out);
  if (order) return order;

  if (queryAt !== -1) {
    let at = queryAt + 1;
    for (const pair of body.slice(queryAt + 1).split('&')) {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      if (/^[0-9]+$/.test(key)) {
        const def = getAi(key);
        if (!def) return fail('gs1-unknown-ai', base + at, `"${key}" in the Digital Link query is not a GS1 Application Identifier.`);
        if (!def.digitalLink || def.dlpkey) {
          return fail('gs1-digital-link', base + at, `AI (${key}) is not allowed as a Digital Link data attribute.`);
        }
        const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
        if (value === undefined) return fail('gs1-digital-link', base + at, 'Malformed percent-encoding in the Digital Link query.');
        out.push({ ai: key, value, at: base + at, valueAt: base + at + key.length + 1 });
      } // non-numeric keys (linkType, context, …) are not data
      at += pair.length + 1;
    }
  }
  return done(out);
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

// GTIN-8/12/13 may appear unpadded in a Digital Link; the element string form is always 14 digits.
function normaliseKey(ai: string, value: string): string {
  return ai === '01' && /^([0-9]{8}|[0-9]{12}|[0-9]{13})$/.test(value) ? value.padStart(14, '0') : value;
}

function checkQualifierOrder(path: Gs1RawElement[]) {
  const key = getAi(path[0]!.ai)!;
  const qualifiers = path.slice(1);
  if (qualifiers.length === 0) return undefined;
  const fits = (key.dlpkey ?? []).some((seq) => {
    let i = 0;
    for (const q of qualifiers) {
      while (i < seq.length && seq[i] !== q.ai) i++;
      if (i === seq.length) return false;
      i++;
    }
    return true;
  });
  if (fits) return undefined;
  const allowed = (key.dlpkey ?? []).map((s) => s.join('/')).filter(Boolean).join(' or ') || 'none';
  return fail('gs1-digital-link', qualifiers[0]!.at,
    `Qualifiers after (${key.ai}) must be in the order ${allowed}.`);
}
