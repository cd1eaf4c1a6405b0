// What every OTLP/JSON signal shares (opentelemetry-proto specification, "JSON Protobuf Encoding"): the
// body, field lookup in lowerCamelCase or snake_case, scalar conversions (int64, uint32, enums, doubles,
// hex IDs), interning, Resource, InstrumentationScope, KeyValue and AnyValue. The traces decoder is
// json-traces.ts; the leniency choices are listed there.
import type { AnyValue, KeyValue, Resource, Scope } from '../model/span.js';
import { MAX_ANY_VALUE_DEPTH, OtlpDecodeError, rethrowAt } from './errors.js';
import { canonicalInteger, excerpt, isFloatText } from './decimal-text.js';
import { canonicalBase64 } from './number-text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type Obj = Record<string, unknown>;

/** The JSON document of an OTLP/JSON request body (bytes must be UTF-8; a leading BOM is tolerated). */
export function parseJsonBody(body: Uint8Array | string): unknown {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = utf8.decode(body);
    } catch {
      throw new OtlpDecodeError('request body is not valid UTF-8', '$');
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new OtlpDecodeError(`invalid JSON: ${(e as Error).message}`, '$');
  }
}

// Short repeated strings (keys, names, enum-like values) share one instance; the table is bounded.
const INTERN_MAX_LEN = 64;
const INTERN_MAX_ENTRIES = 8192;
let interned = new Map<string, string>();
function intern(s: string): string {
  if (s.length > INTERN_MAX_LEN) return s;
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size >= INTERN_MAX_ENTRIES) interned = new Map();
  interned.set(s, s);
  return s;
}

/** obj[camel] ?? obj[snake], with null meaning absent. */
export function get(o: Obj, camel: string, snake: string): unknown {
  const v = o[camel];
  if (v !== undefined && v !== null) return v;
  const w = o[snake];
  return w === null ? undefined : w;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asObject(v: unknown, at: string): Obj | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) throw new OtlpDecodeError(`expected an object, got ${kindOf(v)}`, at);
  return v;
}

export function asArray(v: unknown, at: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new OtlpDecodeError(`expected an array, got ${kindOf(v)}`, at);
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object'
    ? 'an object'
    : `${typeof v} ${JSON.stringify(typeof v === 'string' ? v.slice(0, 40) : v)?.slice(0, 40)}`;
}

export function asString(v: unknown, at: string): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new OtlpDecodeError(`expected a string, got ${kindOf(v)}`, at);
  return intern(v);
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const DECIMAL = /^-?\d+$/;

/** A JSON int64/uint64 (string or number) → canonical decimal string, range-checked. */
export function asInt64(v: unknown, at: string, unsigned: boolean): string {
  if (v === undefined) return '0';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new OtlpDecodeError(`expected an integer, got ${v}`, at);
    if (Number.isSafeInteger(v)) {
      if (unsigned && v < 0) throw new OtlpDecodeError(`expected a non-negative integer, got ${v}`, at);
      return String(v === 0 ? 0 : v);
    }
    // A finite double has at most 309 integer digits: BigInt of it is cheap.
    const big = BigInt(v);
    if (unsigned ? big < 0n || big > UINT64_MAX : big < INT64_MIN || big > INT64_MAX)
      throw new OtlpDecodeError(`integer ${v} is out of range for ${unsigned ? 'uint64' : 'int64'}`, at);
    return big.toString();
  }
  if (typeof v !== 'string')
    throw new OtlpDecodeError(`expected an integer (number or string), got ${kindOf(v)}`, at);
  const r = canonicalInteger(v, unsigned);
  if (r.ok) return r.value;
  if (r.problem === 'not-decimal')
    throw new OtlpDecodeError(`expected a decimal integer string, got ${JSON.stringify(excerpt(v))}`, at);
  if (r.problem === 'negative')
    throw new OtlpDecodeError(`expected a non-negative integer, got ${excerpt(v)}`, at);
  throw new OtlpDecodeError(`integer ${excerpt(v)} is out of range for ${unsigned ? 'uint64' : 'int64'}`, at);
}

/** uint32 fields (flags, dropped counts): a number or a decimal string. */
export function asUint32(v: unknown, at: string): number {
  if (v === undefined) return 0;
  const n = typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new OtlpDecodeError(`expected an unsigned 32-bit integer, got ${kindOf(v)}`, at);
  }
  return n;
}

export function asEnum(v: unknown, at: string, names: readonly string[], enumName: string): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) {
      throw new OtlpDecodeError(`${enumName} must be an integer, got ${v}`, at);
    }
    return v;
  }
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i < 0) throw new OtlpDecodeError(`unknown ${enumName} name ${JSON.stringify(v.slice(0, 40))}`, at);
    return i;
  }
  throw new OtlpDecodeError(`${enumName} must be an integer or a name, got ${kindOf(v)}`, at);
}

function asDouble(v: unknown, at: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    // proto3 JSON allows a double as a decimal string; Number() alone would also take "0x10" or " 1 ".
    if (isFloatText(v)) return Number(v);
  }
  throw new OtlpDecodeError(`expected a number, got ${kindOf(v)}`, at);
}

function asBool(v: unknown, at: string): boolean {
  if (typeof v !== 'boolean') throw new OtlpDecodeError(`expected true or false, got ${kindOf(v)}`, at);
  return v;
}

const HEX = /^[0-9a-fA-F]*$/;

/** A hex ID → lowercase hex (any length; callers check it). Base64 and other text are refused. */
export function asHexId(v: unknown, at: string): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new OtlpDecodeError(`expected a hex string, got ${kindOf(v)}`, at);
  if (!HEX.test(v) || v.length % 2 !== 0) {
    throw new OtlpDecodeError(
      `${JSON.stringify(v.slice(0, 48))} is not hex: OTLP/JSON encodes trace and span IDs as hex strings, not base64`,
      at,
    );
  }
  return v.toLowerCase();
}

export function idProblem(what: string, hex: string, want: number): string | null {
  if (hex.length === 0) return `${what} is missing`;
  if (hex.length !== want * 2) return `${what} is ${hex.length / 2} bytes, expected ${want}`;
  if (/^0+$/.test(hex)) return `${what} is all zeros`;
  return null;
}

export function attributesAt(v: unknown, at: string): KeyValue[] {
  const list = asArray(v, at);
  if (list.length === 0) return NO_ATTRIBUTES;
  try {
    return keyValues(list, 0);
  } catch (e) {
    return rethrowAt(e, at);
  }
}

function keyValues(list: unknown[], depth: number): KeyValue[] {
  const out: KeyValue[] = new Array<KeyValue>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const kv = asObject(list[i], '') ?? {};
      out[i] = {
        key: asString(get(kv, 'key', 'key'), 'key'),
        value: anyValue(get(kv, 'value', 'value'), depth),
      };
    } catch (e) {
      rethrowAt(e, `[${i}]`);
    }
  }
  return out;
}

function anyValue(v: unknown, depth: number): AnyValue {
  if (v === undefined) return EMPTY_VALUE;
  try {
    const o = asObject(v, '')!;
    let x: unknown;
    if ((x = get(o, 'stringValue', 'string_value')) !== undefined)
      return { stringValue: asString(x, 'stringValue') };
    if ((x = get(o, 'boolValue', 'bool_value')) !== undefined) return { boolValue: asBool(x, 'boolValue') };
    if ((x = get(o, 'intValue', 'int_value')) !== undefined)
      return { intValue: asInt64(x, 'intValue', false) };
    if ((x = get(o, 'doubleValue', 'double_value')) !== undefined)
      return { doubleValue: asDouble(x, 'doubleValue') };
    if ((x = get(o, 'bytesValue', 'bytes_value')) !== undefined) {
      if (typeof x !== 'string')
        throw new OtlpDecodeError(`expected a base64 string, got ${kindOf(x)}`, 'bytesValue');
      const b64 = canonicalBase64(x);
      if (b64 === null) throw new OtlpDecodeError('bytesValue is not valid base64', 'bytesValue');
      return { bytesValue: b64 };
    }
    if ((x = get(o, 'arrayValue', 'array_value')) !== undefined) {
      if (depth >= MAX_ANY_VALUE_DEPTH) {
        throw new OtlpDecodeError(
          `arrays/kvlists nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`,
          'arrayValue',
        );
      }
      const arr = asObject(x, 'arrayValue')!;
      const list = asArray(get(arr, 'values', 'values'), 'arrayValue.values');
      const values: AnyValue[] = new Array<AnyValue>(list.length);
      for (let i = 0; i < list.length; i++) {
        try {
          values[i] = anyValue(list[i], depth + 1);
        } catch (e) {
          rethrowAt(e, `arrayValue.values[${i}]`);
        }
      }
      return { arrayValue: { values } };
    }
    if ((x = get(o, 'kvlistValue', 'kvlist_value')) !== undefined) {
      if (depth >= MAX_ANY_VALUE_DEPTH) {
        throw new OtlpDecodeError(
          `arrays/kvlists nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`,
          'kvlistValue',
        );
      }
      const kvl = asObject(x, 'kvlistValue')!;
      const list = asArray(get(kvl, 'values', 'values'), 'kvlistValue.values');
      try {
        return { kvlistValue: { values: keyValues(list, depth + 1) } };
      } catch (e) {
        return rethrowAt(e, 'kvlistValue.values');
      }
    }
    return EMPTY_VALUE;
  } catch (e) {
    return rethrowAt(e, 'value');
  }
}

const EMPTY_VALUE = Object.freeze({}) as AnyValue;
const NO_ATTRIBUTES = Object.freeze([]) as unknown as KeyValue[];

/** The `resource` of a ResourceSpans (or ResourceLogs, ResourceMetrics) object `rs`, with its schemaUrl. */
export function resourceOf(rs: Obj): Resource {
  const res = asObject(get(rs, 'resource', 'resource'), 'resource');
  return {
    attributes: res
      ? attributesAt(get(res, 'attributes', 'attributes'), 'resource.attributes')
      : NO_ATTRIBUTES,
    droppedAttributesCount: res
      ? asUint32(
          get(res, 'droppedAttributesCount', 'dropped_attributes_count'),
          'resource.droppedAttributesCount',
        )
      : 0,
    schemaUrl: asString(get(rs, 'schemaUrl', 'schema_url'), 'schemaUrl'),
  };
}

/** The `scope` of a ScopeSpans (or ScopeLogs, ScopeMetrics) object `ss`, with its schemaUrl. */
export function scopeOf(ss: Obj): Scope {
  const sc = asObject(get(ss, 'scope', 'scope'), 'scope');
  return {
    name: sc ? asString(get(sc, 'name', 'name'), 'scope.name') : '',
    version: sc ? asString(get(sc, 'version', 'version'), 'scope.version') : '',
    attributes: sc ? attributesAt(get(sc, 'attributes', 'attributes'), 'scope.attributes') : NO_ATTRIBUTES,
    droppedAttributesCount: sc
      ? asUint32(
          get(sc, 'droppedAttributesCount', 'dropped_attributes_count'),
          'scope.droppedAttributesCount',
        )
      : 0,
    schemaUrl: asString(get(ss, 'schemaUrl', 'schema_url'), 'schemaUrl'),
  };
}
