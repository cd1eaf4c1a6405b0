// OTLP/protobuf Span (opentelemetry-proto trace v1: Span, Span.Event, Span.Link, Status) → the span
// model, with the ID checks that reject a span (see protobuf-traces.ts for the choices) and the per-request
// state the traces decoder threads through.
import type {
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
import { MAX_ERROR_MESSAGES, rethrowAt, type DecoderRejectReason } from './errors.js';
import { bytesToHex, uint64ToDecimal } from './number-text.js';
import {
  field,
  idProblem,
  isAllZero,
  keyValueAt,
  NO_ATTRIBUTES,
  skipField,
  T_I32_16,
  T_I32_6,
  T_I64_1,
  T_I64_7,
  T_I64_8,
  T_LEN_1,
  T_LEN_11,
  T_LEN_13,
  T_LEN_15,
  T_LEN_2,
  T_LEN_3,
  T_LEN_4,
  T_LEN_5,
  T_LEN_9,
  T_VAR_10,
  T_VAR_12,
  T_VAR_14,
  T_VAR_3,
  T_VAR_4,
  T_VAR_5,
  T_VAR_6,
  type DecodeCtx,
} from './protobuf-common.js';

const NO_EVENTS = Object.freeze([]) as unknown as SpanEvent[];
const NO_LINKS = Object.freeze([]) as unknown as SpanLink[];
const STATUS_UNSET: SpanStatus = Object.freeze({ code: 0, message: '' });

const spanAttrScratch: KeyValue[] = [];
const eventAttrScratch: KeyValue[] = [];

/** Per-request state of the traces decoder. */
export interface TracesCtx extends DecodeCtx {
  spans: Span[];
  rejected: Record<DecoderRejectReason, number>;
  errors: string[];
  rejectedTotal: number;
  /** The last valid trace ID seen (offset in the buffer and its hex), so spans of one trace share a string. */
  lastTraceStart: number;
  lastTraceHex: string;
}

/** "span 3 \"GET /x\"": built only when a span is rejected (never on the hot path). */
function spanLabel(index: number, name: string): string {
  return `span ${index}${name ? ` "${name}"` : ''}`;
}

function reject(ctx: TracesCtx, reason: DecoderRejectReason, message: string): null {
  ctx.rejected[reason]++;
  ctx.rejectedTotal++;
  if (ctx.errors.length < MAX_ERROR_MESSAGES) ctx.errors.push(message);
  return null;
}

export function decodeSpan(
  ctx: TracesCtx,
  end: number,
  resource: Resource,
  scope: Scope,
  index: number,
): Span | null {
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
function traceHex(ctx: TracesCtx, start: number): string {
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

function decodeEvent(ctx: TracesCtx, end: number): SpanEvent {
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

function decodeLink(ctx: TracesCtx, end: number): SpanLink {
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

function decodeStatus(ctx: TracesCtx, end: number): SpanStatus {
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

const STATUS_BY_CODE: SpanStatus[] = [
  STATUS_UNSET,
  Object.freeze({ code: 1, message: '' }),
  Object.freeze({ code: 2, message: '' }),
];
