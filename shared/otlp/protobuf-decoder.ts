// OTLP/protobuf ExportTraceServiceRequest → DecodedBatch, in one pass over the bytes, with no generated
// code and no intermediate message objects. Field numbers: opentelemetry-proto trace/common/resource v1.
//
// Choices (the spec leaves them open):
// - A span whose trace_id is not 16 bytes or is all zeros, or whose span_id is not 8 bytes or is all zeros,
//   is rejected (counted by reason, with a message) and the rest of the batch goes on.
// - parent_span_id: empty = root; 8 bytes = parent; 8 zero bytes = root as well (the collector's pdata
//   treats an all-zero SpanID as empty, and no span can have that ID); any other length is rejected
//   (invalid_parent_span_id).
// - Link IDs are references to spans we may never see, so they are kept as hex of whatever bytes came.
// - Unknown enum values (kind, status code) are kept as numbers, as proto3 open enums require.
// - Wrong wire type on a known field is a decode error (a producer bug worth seeing), unknown fields are
//   skipped, groups are refused.
// - Decoded objects are shared and must be treated as immutable: Resource and Scope per
//   ResourceSpans/ScopeSpans (and identical ones across requests), and identical scalar KeyValues.
import type {
  AnyValue,
  DecodedBatch,
  KeyValue,
  RejectReason,
  Resource,
  Scope,
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
} from '../model/span.js';
import { MAX_ANY_VALUE_DEPTH, MAX_ERROR_MESSAGES, OtlpDecodeError, rethrowAt } from './errors.js';
import { ByteKeyedCache } from './intern.js';
import { bytesToBase64, bytesToHex, int64ToDecimal, uint64ToDecimal } from './number-text.js';
import { decodeUtf8 } from './utf8.js';
import { WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader.js';

// Tags are (field << 3) | wire type.
const T_LEN_1 = (1 << 3) | WIRE_LEN;
const T_LEN_2 = (2 << 3) | WIRE_LEN;
const T_LEN_3 = (3 << 3) | WIRE_LEN;
const T_LEN_4 = (4 << 3) | WIRE_LEN;
const T_LEN_5 = (5 << 3) | WIRE_LEN;
const T_LEN_6 = (6 << 3) | WIRE_LEN;
const T_LEN_7 = (7 << 3) | WIRE_LEN;
const T_LEN_9 = (9 << 3) | WIRE_LEN;
const T_LEN_11 = (11 << 3) | WIRE_LEN;
const T_LEN_13 = (13 << 3) | WIRE_LEN;
const T_LEN_15 = (15 << 3) | WIRE_LEN;
const T_VAR_2 = (2 << 3) | WIRE_VARINT;
const T_VAR_3 = (3 << 3) | WIRE_VARINT;
const T_VAR_4 = (4 << 3) | WIRE_VARINT;
const T_VAR_5 = (5 << 3) | WIRE_VARINT;
const T_VAR_6 = (6 << 3) | WIRE_VARINT;
const T_VAR_10 = (10 << 3) | WIRE_VARINT;
const T_VAR_12 = (12 << 3) | WIRE_VARINT;
const T_VAR_14 = (14 << 3) | WIRE_VARINT;
const T_I64_1 = (1 << 3) | WIRE_I64;
const T_I64_4 = (4 << 3) | WIRE_I64;
const T_I64_7 = (7 << 3) | WIRE_I64;
const T_I64_8 = (8 << 3) | WIRE_I64;
const T_I32_6 = (6 << 3) | WIRE_I32;
const T_I32_16 = (16 << 3) | WIRE_I32;

const EMPTY_VALUE = Object.freeze({}) as AnyValue;
const NO_ATTRIBUTES = Object.freeze([]) as unknown as KeyValue[];
const NO_EVENTS = Object.freeze([]) as unknown as SpanEvent[];
const NO_LINKS = Object.freeze([]) as unknown as SpanLink[];
const STATUS_UNSET: SpanStatus = Object.freeze({ code: 0, message: '' });

// Bounded interning (see intern.ts): short strings, whole scalar KeyValues, resources and scopes.
const STRING_MAX = 64;
const strings = new ByteKeyedCache<string>(4096, STRING_MAX);
const KV_MAX = 192;
const keyValues = new ByteKeyedCache<KeyValue>(4096, KV_MAX);
const RESOURCE_MAX = 4096;
const resources = new ByteKeyedCache<Resource>(64, RESOURCE_MAX);
const SCOPE_MAX = 512;
const scopes = new ByteKeyedCache<Scope>(64, SCOPE_MAX);

/** The reasons a decoder rejects a span for (the store adds its own). */
export type DecoderRejectReason = Extract<
  RejectReason,
  'invalid_trace_id' | 'invalid_span_id' | 'invalid_parent_span_id'
>;

const spanAttrScratch: KeyValue[] = [];
const eventAttrScratch: KeyValue[] = [];

/** Per-request state threaded through the decode. */
interface Ctx {
  r: WireReader;
  spans: Span[];
  rejected: Record<DecoderRejectReason, number>;
  errors: string[];
  rejectedTotal: number;
  /** The last valid trace ID seen (offset in the buffer and its hex), so spans of one trace share a string. */
  lastTraceStart: number;
  lastTraceHex: string;
  /** Set by decodeAnyValue: whether the value just decoded contains an array or kvlist. */
  nested: boolean;
}

export function decodeTraceRequestProtobuf(buf: Uint8Array): DecodedBatch {
  const ctx: Ctx = {
    r: new WireReader(buf),
    spans: [],
    rejected: { invalid_trace_id: 0, invalid_span_id: 0, invalid_parent_span_id: 0 },
    errors: [],
    rejectedTotal: 0,
    lastTraceStart: -1,
    lastTraceHex: '',
    nested: false,
  };
  const r = ctx.r;
  const end = buf.length;
  let index = 0;
  while (r.pos < end) {
    const tag = r.uint32(end);
    if (tag === T_LEN_1) {
      const e = r.lenEnd(end);
      try {
        decodeResourceSpans(ctx, e, index);
      } catch (err) {
        rethrowAt(err, `resource_spans[${index}]`);
      }
      r.pos = e;
      index++;
    } else skipField(r, tag, end, 0b10);
  }
  const rejected: DecodedBatch['rejected'] = [];
  for (const reason of Object.keys(ctx.rejected) as DecoderRejectReason[]) {
    const count = ctx.rejected[reason];
    if (count > 0) rejected.push({ reason, count });
  }
  if (ctx.rejectedTotal > ctx.errors.length) {
    ctx.errors.push(`… and ${ctx.rejectedTotal - ctx.errors.length} more rejected spans`);
  }
  return { spans: ctx.spans, rejected, errors: ctx.errors };
}

/** Skips an unknown field; a known field number (bit set in `known`) with the wrong wire type is an error. */
function skipField(r: WireReader, tag: number, limit: number, known: number): void {
  const field = tag >>> 3;
  if (field === 0) throw new OtlpDecodeError('field number 0 is invalid');
  if ((tag & 7) > 5) throw new OtlpDecodeError(`invalid wire type ${tag & 7}`);
  if (field < 32 && (known & (1 << field)) !== 0) {
    throw new OtlpDecodeError(`field ${field} has unexpected wire type ${tag & 7}`);
  }
  r.skip(tag & 7, limit);
}

function readString(r: WireReader, limit: number): string {
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

function decodeResourceSpans(ctx: Ctx, end: number, _index: number): void {
  const r = ctx.r;
  const resource: Resource = { attributes: NO_ATTRIBUTES, droppedAttributesCount: 0, schemaUrl: '' };
  const firstSpan = ctx.spans.length;
  let resStart = -1;
  let resEnd = -1;
  let scopeIndex = 0;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_LEN_1: {
        const e = r.lenEnd(end);
        resStart = r.pos;
        resEnd = e;
        try {
          decodeResource(ctx, e, resource);
        } catch (err) {
          rethrowAt(err, 'resource');
        }
        r.pos = e;
        break;
      }
      case T_LEN_2: {
        const e = r.lenEnd(end);
        try {
          decodeScopeSpans(ctx, e, resource);
        } catch (err) {
          rethrowAt(err, `scope_spans[${scopeIndex}]`);
        }
        r.pos = e;
        scopeIndex++;
        break;
      }
      case T_LEN_3:
        try {
          resource.schemaUrl = readString(r, end);
        } catch (err) {
          rethrowAt(err, 'schema_url');
        }
        break;
      default:
        skipField(r, tag, end, 0b1110);
    }
  }
  // The same service sends the same resource with every request: keep one object for all of them.
  if (resEnd - resStart <= RESOURCE_MAX && resStart >= 0) {
    const buf = r.buf;
    const slot = resources.slot(buf, resStart, resEnd);
    const hit = resources.get(slot, buf, r.view, resStart, resEnd);
    if (hit !== undefined && hit.schemaUrl === resource.schemaUrl) {
      const spans = ctx.spans;
      for (let i = firstSpan; i < spans.length; i++) spans[i]!.resource = hit;
    } else resources.set(slot, buf, resStart, resEnd, resource);
  }
}

function decodeResource(ctx: Ctx, end: number, resource: Resource): void {
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

function decodeScopeSpans(ctx: Ctx, end: number, resource: Resource): void {
  const r = ctx.r;
  const scope: Scope = {
    name: '',
    version: '',
    attributes: NO_ATTRIBUTES,
    droppedAttributesCount: 0,
    schemaUrl: '',
  };
  const firstSpan = ctx.spans.length;
  let scopeStart = -1;
  let scopeEnd = -1;
  let spanIndex = 0;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_LEN_1: {
        const e = r.lenEnd(end);
        scopeStart = r.pos;
        scopeEnd = e;
        try {
          decodeScope(ctx, e, scope);
        } catch (err) {
          rethrowAt(err, 'scope');
        }
        r.pos = e;
        break;
      }
      case T_LEN_2: {
        const e = r.lenEnd(end);
        try {
          decodeSpan(ctx, e, resource, scope, spanIndex);
        } catch (err) {
          rethrowAt(err, `spans[${spanIndex}]`);
        }
        r.pos = e;
        spanIndex++;
        break;
      }
      case T_LEN_3:
        try {
          scope.schemaUrl = readString(r, end);
        } catch (err) {
          rethrowAt(err, 'schema_url');
        }
        break;
      default:
        skipField(r, tag, end, 0b1110);
    }
  }
  if (scopeStart >= 0 && scopeEnd - scopeStart <= SCOPE_MAX) {
    const buf = r.buf;
    const slot = scopes.slot(buf, scopeStart, scopeEnd);
    const hit = scopes.get(slot, buf, r.view, scopeStart, scopeEnd);
    if (hit !== undefined && hit.schemaUrl === scope.schemaUrl) {
      const spans = ctx.spans;
      for (let i = firstSpan; i < spans.length; i++) spans[i]!.scope = hit;
    } else scopes.set(slot, buf, scopeStart, scopeEnd, scope);
  }
}

function decodeScope(ctx: Ctx, end: number, scope: Scope): void {
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

function isAllZero(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

/** "span 3 \"GET /x\"": built only when a span is rejected (never on the hot path). */
function spanLabel(index: number, name: string): string {
  return `span ${index}${name ? ` "${name}"` : ''}`;
}

function reject(ctx: Ctx, reason: DecoderRejectReason, message: string): null {
  ctx.rejected[reason]++;
  ctx.rejectedTotal++;
  if (ctx.errors.length < MAX_ERROR_MESSAGES) ctx.errors.push(message);
  return null;
}

function idProblem(what: string, buf: Uint8Array, start: number, end: number, want: number): string | null {
  const len = end - start;
  if (start < 0 || len === 0) return `${what} is missing`;
  if (len !== want) return `${what} is ${len} bytes, expected ${want}`;
  if (isAllZero(buf, start, end)) return `${what} is all zeros`;
  return null;
}

function decodeSpan(ctx: Ctx, end: number, resource: Resource, scope: Scope, index: number): Span | null {
  const r = ctx.r;
  const buf = r.buf;
  let traceStart = -1;
  let traceEnd = -1;
  let spanStart = -1;
  let spanEnd = -1;
  let parentStart = -1;
  let parentEnd = -1;
  let traceState = '';
  let flags = 0;
  let name = '';
  let kind = 0;
  let startLo = 0;
  let startHi = 0;
  let endLo = 0;
  let endHi = 0;
  // Attributes gather in a reused scratch array and are copied out at exact size: a growing array keeps
  // spare capacity, and the store retains these arrays.
  const attrScratch = spanAttrScratch;
  let attrCount = 0;
  let droppedAttributesCount = 0;
  let events = NO_EVENTS;
  let droppedEventsCount = 0;
  let links = NO_LINKS;
  let droppedLinksCount = 0;
  let status = STATUS_UNSET;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_LEN_1:
        traceEnd = r.lenEnd(end);
        traceStart = r.pos;
        r.pos = traceEnd;
        break;
      case T_LEN_2:
        spanEnd = r.lenEnd(end);
        spanStart = r.pos;
        r.pos = spanEnd;
        break;
      case T_LEN_3:
        traceState = field(r, end, 'trace_state');
        break;
      case T_LEN_4:
        parentEnd = r.lenEnd(end);
        parentStart = r.pos;
        r.pos = parentEnd;
        break;
      case T_LEN_5:
        name = field(r, end, 'name');
        break;
      case T_VAR_6:
        kind = r.uint32(end);
        break;
      case T_I64_7:
        r.fixed64(end);
        startLo = r.lo;
        startHi = r.hi;
        break;
      case T_I64_8:
        r.fixed64(end);
        endLo = r.lo;
        endHi = r.hi;
        break;
      case T_LEN_9:
        attrScratch[attrCount] = keyValueAt(ctx, end, attrCount, 'attributes');
        attrCount++;
        break;
      case T_VAR_10:
        droppedAttributesCount = r.uint32(end);
        break;
      case T_LEN_11: {
        if (events === NO_EVENTS) events = [];
        const e = r.lenEnd(end);
        try {
          events.push(decodeEvent(ctx, e));
        } catch (err) {
          rethrowAt(err, `events[${events.length}]`);
        }
        r.pos = e;
        break;
      }
      case T_VAR_12:
        droppedEventsCount = r.uint32(end);
        break;
      case T_LEN_13: {
        if (links === NO_LINKS) links = [];
        const e = r.lenEnd(end);
        try {
          links.push(decodeLink(ctx, e));
        } catch (err) {
          rethrowAt(err, `links[${links.length}]`);
        }
        r.pos = e;
        break;
      }
      case T_VAR_14:
        droppedLinksCount = r.uint32(end);
        break;
      case T_LEN_15: {
        const e = r.lenEnd(end);
        try {
          status = decodeStatus(ctx, e);
        } catch (err) {
          rethrowAt(err, 'status');
        }
        r.pos = e;
        break;
      }
      case T_I32_16:
        flags = r.fixed32(end);
        break;
      default:
        skipField(r, tag, end, 0x1fffe);
    }
  }

  const attributes = attrCount === 0 ? NO_ATTRIBUTES : attrScratch.slice(0, attrCount);
  const traceProblem = idProblem('trace_id', buf, traceStart, traceEnd, 16);
  if (traceProblem) return reject(ctx, 'invalid_trace_id', `${spanLabel(index, name)}: ${traceProblem}`);
  const spanProblem = idProblem('span_id', buf, spanStart, spanEnd, 8);
  if (spanProblem) return reject(ctx, 'invalid_span_id', `${spanLabel(index, name)}: ${spanProblem}`);
  let parentSpanId = '';
  if (parentEnd - parentStart > 0) {
    if (parentEnd - parentStart !== 8) {
      return reject(
        ctx,
        'invalid_parent_span_id',
        `${spanLabel(index, name)}: parent_span_id is ${parentEnd - parentStart} bytes, expected 8 or empty`,
      );
    }
    if (!isAllZero(buf, parentStart, parentEnd)) parentSpanId = bytesToHex(buf, parentStart, parentEnd);
  }

  const span: Span = {
    traceId: traceHex(ctx, traceStart),
    spanId: bytesToHex(buf, spanStart, spanEnd),
    parentSpanId,
    traceState,
    flags,
    name,
    kind: kind as SpanKind,
    startTimeUnixNano: uint64ToDecimal(startLo, startHi),
    endTimeUnixNano: uint64ToDecimal(endLo, endHi),
    attributes,
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links,
    droppedLinksCount,
    status,
    resource,
    scope,
  };
  ctx.spans.push(span);
  return span;
}

/** Hex of a valid 16-byte trace ID, reusing the previous span's string when the bytes are the same. */
function traceHex(ctx: Ctx, start: number): string {
  const buf = ctx.r.buf;
  const last = ctx.lastTraceStart;
  if (last >= 0) {
    let same = true;
    for (let i = 0; i < 16; i++) {
      if (buf[last + i] !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return ctx.lastTraceHex;
  }
  ctx.lastTraceStart = start;
  ctx.lastTraceHex = bytesToHex(buf, start, start + 16);
  return ctx.lastTraceHex;
}

function field(r: WireReader, end: number, name: string): string {
  try {
    return readString(r, end);
  } catch (err) {
    return rethrowAt(err, name);
  }
}

function keyValueAt(ctx: Ctx, limit: number, index: number, name: string): KeyValue {
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

function decodeKeyValue(ctx: Ctx, end: number, depth: number): KeyValue {
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

function decodeAnyValue(ctx: Ctx, end: number, depth: number): AnyValue {
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

function decodeEvent(ctx: Ctx, end: number): SpanEvent {
  const r = ctx.r;
  let lo = 0;
  let hi = 0;
  let name = '';
  const attrScratch = eventAttrScratch;
  let attrCount = 0;
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_I64_1:
        r.fixed64(end);
        lo = r.lo;
        hi = r.hi;
        break;
      case T_LEN_2:
        name = field(r, end, 'name');
        break;
      case T_LEN_3:
        attrScratch[attrCount] = keyValueAt(ctx, end, attrCount, 'attributes');
        attrCount++;
        break;
      case T_VAR_4:
        droppedAttributesCount = r.uint32(end);
        break;
      default:
        skipField(r, tag, end, 0b11110);
    }
  }
  const attributes = attrCount === 0 ? NO_ATTRIBUTES : attrScratch.slice(0, attrCount);
  return { timeUnixNano: uint64ToDecimal(lo, hi), name, attributes, droppedAttributesCount };
}

function decodeLink(ctx: Ctx, end: number): SpanLink {
  const r = ctx.r;
  const buf = r.buf;
  let traceId = '';
  let spanId = '';
  let traceState = '';
  let attributes = NO_ATTRIBUTES;
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.uint32(end);
    switch (tag) {
      case T_LEN_1: {
        const e = r.lenEnd(end);
        traceId = bytesToHex(buf, r.pos, e);
        r.pos = e;
        break;
      }
      case T_LEN_2: {
        const e = r.lenEnd(end);
        spanId = bytesToHex(buf, r.pos, e);
        r.pos = e;
        break;
      }
      case T_LEN_3:
        traceState = field(r, end, 'trace_state');
        break;
      case T_LEN_4:
        if (attributes === NO_ATTRIBUTES) attributes = [];
        attributes.push(keyValueAt(ctx, end, attributes.length, 'attributes'));
        break;
      case T_VAR_5:
        droppedAttributesCount = r.uint32(end);
        break;
      case T_I32_6:
        flags = r.fixed32(end);
        break;
      default:
        skipField(r, tag, end, 0b1111110);
    }
  }
  return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags };
}

const STATUS_BY_CODE: SpanStatus[] = [
  STATUS_UNSET,
  Object.freeze({ code: 1, message: '' }),
  Object.freeze({ code: 2, message: '' }),
];

function decodeStatus(ctx: Ctx, end: number): SpanStatus {
  const r = ctx.r;
  let code = 0;
  let message = '';
  while (r.pos < end) {
    const tag = r.uint32(end);
    if (tag === T_LEN_2) message = field(r, end, 'message');
    else if (tag === T_VAR_3) code = r.uint32(end);
    else skipField(r, tag, end, 0b1100);
  }
  if (message === '' && code < 3) return STATUS_BY_CODE[code]!;
  return { code: code as StatusCode, message };
}
