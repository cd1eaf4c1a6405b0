// OTLP/JSON ExportTraceServiceRequest → DecodedTraces (opentelemetry-proto specification, "JSON Protobuf
// Encoding"). As lenient as the collector where the spec allows it, strict where data would be lost:
// - keys in lowerCamelCase or the original snake_case (the collector accepts both); unknown keys ignored;
//   null means "not set";
// - trace/span IDs are hex (any case). The spec says they are NOT base64 as in the standard proto3 JSON
//   mapping, so a value that is not hex (e.g. a base64 ID from a generic protobuf→JSON converter) is
//   refused with a message saying so, rather than being guessed at;
// - int64/fixed64 as decimal strings or JSON numbers (a number above 2^53 has already lost precision in
//   JSON.parse; we keep the double's exact integer value); negative timestamps are refused;
// - enums as integers or their names (SPAN_KIND_SERVER, STATUS_CODE_ERROR); an unknown name is an error;
// - bytesValue is base64 (standard or URL-safe, padding optional) and is stored in canonical padded form;
// - span ID validation and rejection are the same as for protobuf (see protobuf-decoder.ts).
import type {
  AnyValue,
  DecodedTraces,
  KeyValue,
  Resource,
  Scope,
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
} from '../model/span.js';
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from '../model/span.js';
import { MAX_ANY_VALUE_DEPTH, MAX_ERROR_MESSAGES, OtlpDecodeError, rethrowAt } from './errors.js';
import { canonicalInteger, excerpt, isFloatText } from './decimal-text.js';
import { canonicalBase64 } from './number-text.js';
import type { DecoderRejectReason } from './errors.js';

type Obj = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes an OTLP/JSON request body (bytes must be UTF-8; a leading BOM is tolerated). */
export function decodeTraceRequestJson(body: Uint8Array | string): DecodedTraces {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = utf8.decode(body);
    } catch {
      throw new OtlpDecodeError('request body is not valid UTF-8', '$');
    }
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new OtlpDecodeError(`invalid JSON: ${(e as Error).message}`, '$');
  }
  try {
    return decodeRequest(root);
  } catch (e) {
    return rethrowAt(e, '$');
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
function get(o: Obj, camel: string, snake: string): unknown {
  const v = o[camel];
  if (v !== undefined && v !== null) return v;
  const w = o[snake];
  return w === null ? undefined : w;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asObject(v: unknown, at: string): Obj | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) throw new OtlpDecodeError(`expected an object, got ${kindOf(v)}`, at);
  return v;
}

function asArray(v: unknown, at: string): unknown[] {
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

function asString(v: unknown, at: string): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new OtlpDecodeError(`expected a string, got ${kindOf(v)}`, at);
  return intern(v);
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const DECIMAL = /^-?\d+$/;

/** A JSON int64/uint64 (string or number) → canonical decimal string, range-checked. */
function asInt64(v: unknown, at: string, unsigned: boolean): string {
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
function asUint32(v: unknown, at: string): number {
  if (v === undefined) return 0;
  const n = typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new OtlpDecodeError(`expected an unsigned 32-bit integer, got ${kindOf(v)}`, at);
  }
  return n;
}

function asEnum(v: unknown, at: string, names: readonly string[], enumName: string): number {
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
function asHexId(v: unknown, at: string): string {
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

const EMPTY_VALUE = Object.freeze({}) as AnyValue;
const NO_ATTRIBUTES = Object.freeze([]) as unknown as KeyValue[];
const NO_EVENTS = Object.freeze([]) as unknown as SpanEvent[];
const NO_LINKS = Object.freeze([]) as unknown as SpanLink[];
const STATUS_UNSET: SpanStatus = Object.freeze({ code: 0, message: '' });

interface Ctx {
  spans: Span[];
  rejected: Record<DecoderRejectReason, number>;
  errors: string[];
  rejectedTotal: number;
}

function decodeRequest(root: unknown): DecodedTraces {
  const req = asObject(root, '');
  if (req === undefined) throw new OtlpDecodeError('expected an object, got null');
  const ctx: Ctx = {
    spans: [],
    rejected: { invalid_trace_id: 0, invalid_span_id: 0, invalid_parent_span_id: 0 },
    errors: [],
    rejectedTotal: 0,
  };
  const list = asArray(get(req, 'resourceSpans', 'resource_spans'), 'resourceSpans');
  for (let i = 0; i < list.length; i++) {
    try {
      decodeResourceSpans(ctx, list[i]);
    } catch (e) {
      rethrowAt(e, `resourceSpans[${i}]`);
    }
  }
  const rejected: DecodedTraces['rejected'] = [];
  for (const reason of Object.keys(ctx.rejected) as DecoderRejectReason[]) {
    if (ctx.rejected[reason] > 0) rejected.push({ reason, count: ctx.rejected[reason] });
  }
  if (ctx.rejectedTotal > ctx.errors.length) {
    ctx.errors.push(`… and ${ctx.rejectedTotal - ctx.errors.length} more rejected spans`);
  }
  return { spans: ctx.spans, rejected, errors: ctx.errors };
}

function decodeResourceSpans(ctx: Ctx, v: unknown): void {
  const rs = asObject(v, '') ?? {};
  const res = asObject(get(rs, 'resource', 'resource'), 'resource');
  const resource: Resource = {
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
  const list = asArray(get(rs, 'scopeSpans', 'scope_spans'), 'scopeSpans');
  for (let i = 0; i < list.length; i++) {
    try {
      decodeScopeSpans(ctx, list[i], resource);
    } catch (e) {
      rethrowAt(e, `scopeSpans[${i}]`);
    }
  }
}

function decodeScopeSpans(ctx: Ctx, v: unknown, resource: Resource): void {
  const ss = asObject(v, '') ?? {};
  const sc = asObject(get(ss, 'scope', 'scope'), 'scope');
  const scope: Scope = {
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
  const list = asArray(get(ss, 'spans', 'spans'), 'spans');
  for (let i = 0; i < list.length; i++) {
    try {
      decodeSpan(ctx, list[i], resource, scope, i);
    } catch (e) {
      rethrowAt(e, `spans[${i}]`);
    }
  }
}

/** "span 3 \"GET /x\"": built only when a span is rejected (never on the hot path). */
function spanLabel(index: number, name: string): string {
  return `span ${index}${name ? ` "${name}"` : ''}`;
}

function reject(ctx: Ctx, reason: DecoderRejectReason, message: string): void {
  ctx.rejected[reason]++;
  ctx.rejectedTotal++;
  if (ctx.errors.length < MAX_ERROR_MESSAGES) ctx.errors.push(message);
}

function idProblem(what: string, hex: string, want: number): string | null {
  if (hex.length === 0) return `${what} is missing`;
  if (hex.length !== want * 2) return `${what} is ${hex.length / 2} bytes, expected ${want}`;
  if (/^0+$/.test(hex)) return `${what} is all zeros`;
  return null;
}

function decodeSpan(ctx: Ctx, v: unknown, resource: Resource, scope: Scope, index: number): void {
  const s = asObject(v, '') ?? {};
  const traceId = asHexId(get(s, 'traceId', 'trace_id'), 'traceId');
  const spanId = asHexId(get(s, 'spanId', 'span_id'), 'spanId');
  const parentSpanId = asHexId(get(s, 'parentSpanId', 'parent_span_id'), 'parentSpanId');
  const name = asString(get(s, 'name', 'name'), 'name');
  const statusObj = asObject(get(s, 'status', 'status'), 'status');
  const eventList = asArray(get(s, 'events', 'events'), 'events');
  const linkList = asArray(get(s, 'links', 'links'), 'links');
  const events: SpanEvent[] = eventList.length === 0 ? NO_EVENTS : [];
  for (let i = 0; i < eventList.length; i++) {
    try {
      events.push(decodeEvent(eventList[i]));
    } catch (e) {
      rethrowAt(e, `events[${i}]`);
    }
  }
  const links: SpanLink[] = linkList.length === 0 ? NO_LINKS : [];
  for (let i = 0; i < linkList.length; i++) {
    try {
      links.push(decodeLink(linkList[i]));
    } catch (e) {
      rethrowAt(e, `links[${i}]`);
    }
  }
  const span: Span = {
    traceId,
    spanId,
    parentSpanId,
    traceState: asString(get(s, 'traceState', 'trace_state'), 'traceState'),
    flags: asUint32(get(s, 'flags', 'flags'), 'flags'),
    name,
    kind: asEnum(get(s, 'kind', 'kind'), 'kind', SPAN_KIND_NAMES, 'SpanKind') as SpanKind,
    startTimeUnixNano: asInt64(
      get(s, 'startTimeUnixNano', 'start_time_unix_nano'),
      'startTimeUnixNano',
      true,
    ),
    endTimeUnixNano: asInt64(get(s, 'endTimeUnixNano', 'end_time_unix_nano'), 'endTimeUnixNano', true),
    attributes: attributesAt(get(s, 'attributes', 'attributes'), 'attributes'),
    droppedAttributesCount: asUint32(
      get(s, 'droppedAttributesCount', 'dropped_attributes_count'),
      'droppedAttributesCount',
    ),
    events,
    droppedEventsCount: asUint32(get(s, 'droppedEventsCount', 'dropped_events_count'), 'droppedEventsCount'),
    links,
    droppedLinksCount: asUint32(get(s, 'droppedLinksCount', 'dropped_links_count'), 'droppedLinksCount'),
    status: statusObj ? decodeStatus(statusObj) : STATUS_UNSET,
    resource,
    scope,
  };

  // Validation happens after the whole span is read, so malformed data anywhere still fails the request.
  const traceProblem = idProblem('traceId', traceId, 16);
  if (traceProblem) return reject(ctx, 'invalid_trace_id', `${spanLabel(index, name)}: ${traceProblem}`);
  const spanProblem = idProblem('spanId', spanId, 8);
  if (spanProblem) return reject(ctx, 'invalid_span_id', `${spanLabel(index, name)}: ${spanProblem}`);
  if (parentSpanId.length !== 0) {
    if (parentSpanId.length !== 16) {
      return reject(
        ctx,
        'invalid_parent_span_id',
        `${spanLabel(index, name)}: parentSpanId is ${parentSpanId.length / 2} bytes, expected 8 or empty`,
      );
    }
    // All zeros = no parent, as for protobuf.
    if (parentSpanId === '0000000000000000') span.parentSpanId = '';
  }
  ctx.spans.push(span);
}

function decodeStatus(o: Obj): SpanStatus {
  const code = asEnum(get(o, 'code', 'code'), 'status.code', STATUS_CODE_NAMES, 'StatusCode') as StatusCode;
  const message = asString(get(o, 'message', 'message'), 'status.message');
  return code === 0 && message === '' ? STATUS_UNSET : { code, message };
}

function decodeEvent(v: unknown): SpanEvent {
  const e = asObject(v, '') ?? {};
  return {
    timeUnixNano: asInt64(get(e, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano', true),
    name: asString(get(e, 'name', 'name'), 'name'),
    attributes: attributesAt(get(e, 'attributes', 'attributes'), 'attributes'),
    droppedAttributesCount: asUint32(
      get(e, 'droppedAttributesCount', 'dropped_attributes_count'),
      'droppedAttributesCount',
    ),
  };
}

function decodeLink(v: unknown): SpanLink {
  const l = asObject(v, '') ?? {};
  return {
    traceId: asHexId(get(l, 'traceId', 'trace_id'), 'traceId'),
    spanId: asHexId(get(l, 'spanId', 'span_id'), 'spanId'),
    traceState: asString(get(l, 'traceState', 'trace_state'), 'traceState'),
    attributes: attributesAt(get(l, 'attributes', 'attributes'), 'attributes'),
    droppedAttributesCount: asUint32(
      get(l, 'droppedAttributesCount', 'dropped_attributes_count'),
      'droppedAttributesCount',
    ),
    flags: asUint32(get(l, 'flags', 'flags'), 'flags'),
  };
}

function attributesAt(v: unknown, at: string): KeyValue[] {
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
