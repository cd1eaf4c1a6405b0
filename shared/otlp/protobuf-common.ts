// What every OTLP/protobuf signal shares (traces now; logs and metrics later as sibling files): reading the
// wire, interning strings and scalar KeyValues, Resource, InstrumentationScope, KeyValue, AnyValue, and ID
// checks. Field numbers: opentelemetry-proto common/resource v1. Signal decoders (protobuf-traces.ts) keep
// their per-request state in an object extending DecodeCtx.
//
// Decoded objects are shared and must be treated as immutable: identical scalar KeyValues, and identical
// Resources and Scopes across requests (sharedResource, sharedScope).
import type { AnyValue, KeyValue, Resource, Scope } from '../model/span.js';
import { MAX_ANY_VALUE_DEPTH, OtlpDecodeError, rethrowAt } from './errors.js';
import { ByteKeyedCache } from './intern.js';
import { bytesToBase64, int64ToDecimal } from './number-text.js';
import { decodeUtf8 } from './utf8.js';
import { WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader.js';

// Tags are (field << 3) | wire type.
export const T_LEN_1 = (1 << 3) | WIRE_LEN;
export const T_LEN_2 = (2 << 3) | WIRE_LEN;
export const T_LEN_3 = (3 << 3) | WIRE_LEN;
export const T_LEN_4 = (4 << 3) | WIRE_LEN;
export const T_LEN_5 = (5 << 3) | WIRE_LEN;
const T_LEN_6 = (6 << 3) | WIRE_LEN;
const T_LEN_7 = (7 << 3) | WIRE_LEN;
export const T_LEN_9 = (9 << 3) | WIRE_LEN;
export const T_LEN_11 = (11 << 3) | WIRE_LEN;
export const T_LEN_13 = (13 << 3) | WIRE_LEN;
export const T_LEN_15 = (15 << 3) | WIRE_LEN;
const T_VAR_2 = (2 << 3) | WIRE_VARINT;
export const T_VAR_3 = (3 << 3) | WIRE_VARINT;
export const T_VAR_4 = (4 << 3) | WIRE_VARINT;
export const T_VAR_5 = (5 << 3) | WIRE_VARINT;
export const T_VAR_6 = (6 << 3) | WIRE_VARINT;
export const T_VAR_10 = (10 << 3) | WIRE_VARINT;
export const T_VAR_12 = (12 << 3) | WIRE_VARINT;
export const T_VAR_14 = (14 << 3) | WIRE_VARINT;
export const T_I64_1 = (1 << 3) | WIRE_I64;
const T_I64_4 = (4 << 3) | WIRE_I64;
export const T_I64_7 = (7 << 3) | WIRE_I64;
export const T_I64_8 = (8 << 3) | WIRE_I64;
export const T_I32_6 = (6 << 3) | WIRE_I32;
export const T_I32_16 = (16 << 3) | WIRE_I32;

const EMPTY_VALUE = Object.freeze({}) as AnyValue;
export const NO_ATTRIBUTES = Object.freeze([]) as unknown as KeyValue[];

// Bounded interning (see intern.ts): short strings, whole scalar KeyValues, resources and scopes.
const STRING_MAX = 64;
const strings = new ByteKeyedCache<string>(4096, STRING_MAX);
const KV_MAX = 192;
const keyValues = new ByteKeyedCache<KeyValue>(4096, KV_MAX);
const RESOURCE_MAX = 4096;
const resources = new ByteKeyedCache<Resource>(64, RESOURCE_MAX);
const SCOPE_MAX = 512;
const scopes = new ByteKeyedCache<Scope>(64, SCOPE_MAX);

/** Per-request decode state every signal has. */
export interface DecodeCtx {
  r: WireReader;
  /** Set by decodeAnyValue: whether the value just decoded contains an array or kvlist. */
  nested: boolean;
}

/** Skips an unknown field; a known field number (bit set in `known`) with the wrong wire type is an error. */
export function skipField(r: WireReader, tag: number, limit: number, known: number): void {
  const field = tag >>> 3;
  if (field === 0) throw new OtlpDecodeError('field number 0 is invalid');
  if ((tag & 7) > 5) throw new OtlpDecodeError(`invalid wire type ${tag & 7}`);
  if (field < 32 && (known & (1 << field)) !== 0) {
    throw new OtlpDecodeError(`field ${field} has unexpected wire type ${tag & 7}`);
  }
  r.skip(tag & 7, limit);
}

export function readString(r: WireReader, limit: number): string {
  const end = r.lenEnd(limit);
  const start = r.pos;
  r.pos = end;
  return text(r.buf, r.view, start, end);
}

function text(buf: Uint8Array, view: DataView, start: number, end: number): string {
  const len = end - start;
  if (len === 0) return '';
  if (len > STRING_MAX) return decodeUtf8(buf, start, end);
  const slot = strings.slot(buf, start, end);
  const hit = strings.get(slot, buf, view, start, end);
  if (hit !== undefined) return hit;
  const s = decodeUtf8(buf, start, end);
  strings.set(slot, buf, start, end, s);
  return s;
}

export function decodeResource(ctx: DecodeCtx, end: number, resource: Resource): void {
  const r = ctx.r;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_LEN_1: {
        if (resource.attributes === NO_ATTRIBUTES) resource.attributes = [];
        resource.attributes.push(keyValueAt(ctx, end, resource.attributes.length, 'attributes'));
        break;
      }
      case T_VAR_2:
        resource.droppedAttributesCount = r.uint32(end);
        break;
      default:
        // Field 3 (entity_refs, development) is skipped on purpose.
        skipField(r, tag, end, 0b110);
    }
  }
}

export function decodeScope(ctx: DecodeCtx, end: number, scope: Scope): void {
  const r = ctx.r;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_LEN_1:
        scope.name = readString(r, end);
        break;
      case T_LEN_2:
        scope.version = readString(r, end);
        break;
      case T_LEN_3:
        if (scope.attributes === NO_ATTRIBUTES) scope.attributes = [];
        scope.attributes.push(keyValueAt(ctx, end, scope.attributes.length, 'attributes'));
        break;
      case T_VAR_4:
        scope.droppedAttributesCount = r.uint32(end);
        break;
      default:
        skipField(r, tag, end, 0b11110);
    }
  }
}

export function isAllZero(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

export function idProblem(
  what: string,
  buf: Uint8Array,
  start: number,
  end: number,
  want: number,
): string | null {
  const len = end - start;
  if (start < 0 || len === 0) return `${what} is missing`;
  if (len !== want) return `${what} is ${len} bytes, expected ${want}`;
  if (isAllZero(buf, start, end)) return `${what} is all zeros`;
  return null;
}

export function field(r: WireReader, end: number, name: string): string {
  try {
    return readString(r, end);
  } catch (err) {
    return rethrowAt(err, name);
  }
}

export function keyValueAt(ctx: DecodeCtx, limit: number, index: number, name: string): KeyValue {
  const r = ctx.r;
  const e = r.lenEnd(limit);
  try {
    const kv = decodeKeyValue(ctx, e, 0);
    r.pos = e;
    return kv;
  } catch (err) {
    return rethrowAt(err, `${name}[${index}]`);
  }
}

function decodeKeyValue(ctx: DecodeCtx, end: number, depth: number): KeyValue {
  const r = ctx.r;
  const buf = r.buf;
  const start = r.pos;
  const cacheable = end - start <= KV_MAX;
  let slot = 0;
  if (cacheable) {
    slot = keyValues.slot(buf, start, end);
    const hit = keyValues.get(slot, buf, r.view, start, end);
    if (hit !== undefined) {
      r.pos = end;
      return hit;
    }
  }
  let key = '';
  let value = EMPTY_VALUE;
  let nested = false;
  while (r.pos < end) {
    const tag = r.uint32(end);
    if (tag === T_LEN_1) key = field(r, end, 'key');
    else if (tag === T_LEN_2) {
      const e = r.lenEnd(end);
      try {
        value = decodeAnyValue(ctx, e, depth);
      } catch (err) {
        rethrowAt(err, 'value');
      }
      nested = ctx.nested;
      r.pos = e;
    } else skipField(r, tag, end, 0b110);
  }
  const kv: KeyValue = { key, value };
  // Only flat values are shared: a nested value is rarely repeated and would pin more memory.
  if (cacheable && !nested) keyValues.set(slot, buf, start, end, kv);
  return kv;
}

function decodeAnyValue(ctx: DecodeCtx, end: number, depth: number): AnyValue {
  const r = ctx.r;
  let value = EMPTY_VALUE;
  let nested = false;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_LEN_1:
        value = { stringValue: field(r, end, 'string_value') };
        nested = false;
        break;
      case T_VAR_2:
        r.varint64(end);
        value = { boolValue: (r.lo | r.hi) !== 0 };
        nested = false;
        break;
      case T_VAR_3:
        r.varint64(end);
        value = { intValue: int64ToDecimal(r.lo, r.hi) };
        nested = false;
        break;
      case T_I64_4:
        value = { doubleValue: r.double(end) };
        nested = false;
        break;
      case T_LEN_5: {
        const e = r.lenEnd(end);
        if (depth >= MAX_ANY_VALUE_DEPTH) {
          throw new OtlpDecodeError(
            `arrays/kvlists nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`,
            'array_value',
          );
        }
        const values: AnyValue[] = [];
        try {
          while (r.pos < e) {
            const t = r.uint32(e);
            if (t === T_LEN_1) {
              const ve = r.lenEnd(e);
              values.push(decodeAnyValue(ctx, ve, depth + 1));
              r.pos = ve;
            } else skipField(r, t, e, 0b10);
          }
        } catch (err) {
          rethrowAt(err, `array_value.values[${values.length}]`);
        }
        value = { arrayValue: { values } };
        nested = true;
        break;
      }
      case T_LEN_6: {
        const e = r.lenEnd(end);
        if (depth >= MAX_ANY_VALUE_DEPTH) {
          throw new OtlpDecodeError(
            `arrays/kvlists nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`,
            'kvlist_value',
          );
        }
        const values: KeyValue[] = [];
        try {
          while (r.pos < e) {
            const t = r.uint32(e);
            if (t === T_LEN_1) {
              const ve = r.lenEnd(e);
              values.push(decodeKeyValue(ctx, ve, depth + 1));
              r.pos = ve;
            } else skipField(r, t, e, 0b10);
          }
        } catch (err) {
          rethrowAt(err, `kvlist_value.values[${values.length}]`);
        }
        value = { kvlistValue: { values } };
        nested = true;
        break;
      }
      case T_LEN_7: {
        const e = r.lenEnd(end);
        value = { bytesValue: bytesToBase64(r.buf, r.pos, e) };
        r.pos = e;
        nested = false;
        break;
      }
      default:
        // Field 8 (string_value_strindex) belongs to profiles and is skipped like any unknown field.
        skipField(r, tag, end, 0b11111110);
    }
  }
  ctx.nested = nested;
  return value;
}

/**
 * The one Resource object for these bytes: the same service sends the same resource with every request, so
 * every request shares the first one decoded (`resource`, when none is cached yet). Bytes [start, end).
 */
export function sharedResource(r: WireReader, start: number, end: number, resource: Resource): Resource {
  if (start < 0 || end - start > RESOURCE_MAX) return resource;
  const slot = resources.slot(r.buf, start, end);
  const hit = resources.get(slot, r.buf, r.view, start, end);
  if (hit !== undefined && hit.schemaUrl === resource.schemaUrl) return hit;
  resources.set(slot, r.buf, start, end, resource);
  return resource;
}

/** The one Scope object for these bytes, as sharedResource. */
export function sharedScope(r: WireReader, start: number, end: number, scope: Scope): Scope {
  if (start < 0 || end - start > SCOPE_MAX) return scope;
  const slot = scopes.slot(r.buf, start, end);
  const hit = scopes.get(slot, r.buf, r.view, start, end);
  if (hit !== undefined && hit.schemaUrl === scope.schemaUrl) return hit;
  scopes.set(slot, r.buf, start, end, scope);
  return scope;
}
