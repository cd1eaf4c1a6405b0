// JSON text of an envelope payload together with its UTF-8 length (the item header's `length`), for the
// forwarding hot path.
//
// Why not just `utf8Length(JSON.stringify(event))`: V8 builds a large JSON.stringify result as a rope of
// parts, and measuring it (encodeInto, a regex, charCodeAt, any scan) first copies the whole rope into one
// flat string. For a 1000-span transaction (about 1 MB of JSON) that copy costs about a third of the
// stringify itself. Serialising a long array in slices keeps every piece small, so each is measured
// without that large copy; the envelope text is then a rope of the pieces, flattened once by whoever
// encodes it for sending.
//
// The text is exactly `JSON.stringify(value)`: an object's members are `"key":value` in Object.keys order,
// joined by commas, members whose value stringifies to undefined left out; an array is its elements joined
// by commas, undefined becoming null, which is what stringifying slices of it and stripping the brackets
// gives. Anything with a toJSON (which JSON.stringify calls with the member's key or index, a key the
// sliced serialisation could not reproduce) goes through plain JSON.stringify instead.
import { utf8Length } from './utf8.js';

/** Arrays longer than this are serialised in slices of this many elements (about 64 kB for spans). */
export const SLICE = 64;

/** `JSON.stringify(value)` and its UTF-8 byte count; undefined text when JSON.stringify gives undefined. */
export function stringifyMeasured(value: unknown): { json: string | undefined; bytes: number } {
  const members = slicedMembers(value);
  if (!members) {
    const json = JSON.stringify(value) as string | undefined;
    return { json, bytes: json === undefined ? 0 : utf8Length(json) };
  }
  let json = '{';
  let bytes = 2; // the braces
  let first = true;
  for (const [key, v] of members) {
    let body: string;
    let bodyBytes: number;
    if (Array.isArray(v) && v.length > SLICE) {
      body = '[';
      bodyBytes = 2;
      for (let i = 0; i < v.length; i += SLICE) {
        const slice = JSON.stringify(v.slice(i, i + SLICE));
        const inner = slice.slice(1, -1);
        if (i > 0) {
          body += ',';
          bodyBytes++;
        }
        body += inner;
        bodyBytes += utf8Length(inner);
      }
      body += ']';
    } else {
      const s = JSON.stringify(v) as string | undefined;
      if (s === undefined) continue;
      body = s;
      bodyBytes = utf8Length(s);
    }
    const k = JSON.stringify(key);
    json += first ? `${k}:${body}` : `,${k}:${body}`;
    bytes += utf8Length(k) + 1 + bodyBytes + (first ? 0 : 1);
    first = false;
  }
  return { json: `${json}}`, bytes };
}

/**
 * The members of `value` (each read once, as JSON.stringify reads them) when slicing pays and gives the
 * same text: a non-array object holding an array longer than SLICE, and no toJSON on the object, its
 * members or that array's elements. Otherwise null.
 */
function slicedMembers(value: unknown): [string, unknown][] | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || hasToJson(value)) return null;
  const members: [string, unknown][] = [];
  let long = false;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (hasToJson(v)) return null;
    if (Array.isArray(v) && v.length > SLICE) {
      for (let i = 0; i < v.length; i++) if (hasToJson(v[i])) return null;
      long = true;
    }
    members.push([key, v]);
  }
  return long ? members : null;
}

/** Whether JSON.stringify would call a toJSON on `v` (objects, functions and BigInts can have one). */
function hasToJson(v: unknown): boolean {
  if (v === null) return false;
  const t = typeof v;
  if (t !== 'object' && t !== 'function' && t !== 'bigint') return false;
  return typeof (v as { toJSON?: unknown }).toJSON === 'function';
}
