// OTLP/JSON ExportTraceServiceRequest → DecodedTraces (opentelemetry-proto specification, "JSON Protobuf
// Encoding"); what every signal shares is in json-common.ts. As lenient as the collector where the spec allows it, strict where data would be lost:
// - keys in lowerCamelCase or the original snake_case (the collector accepts both); unknown keys ignored;
//   null means "not set";
// - trace/span IDs are hex (any case). The spec says they are NOT base64 as in the standard proto3 JSON
//   mapping, so a value that is not hex (e.g. a base64 ID from a generic protobuf→JSON converter) is
//   refused with a message saying so, rather than being guessed at;
// - int64/fixed64 as decimal strings or JSON numbers (a number above 2^53 has already lost precision in
//   JSON.parse; we keep the double's exact integer value); negative timestamps are refused;
// - enums as integers or their names (SPAN_KIND_SERVER, STATUS_CODE_ERROR); an unknown name is an error;
// - bytesValue is base64 (standard or URL-safe, padding optional) and is stored in canonical padded form;
// - span ID validation and rejection are the same as for protobuf (see protobuf-traces.ts).
import type {
  DecodedTraces,
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
import { MAX_ERROR_MESSAGES, OtlpDecodeError, rethrowAt, type DecoderRejectReason } from './errors.js';
import {
  asArray,
  asEnum,
  asHexId,
  asInt64,
  asObject,
  asString,
  asUint32,
  attributesAt,
  get,
  idProblem,
  parseJsonBody,
  resourceOf,
  scopeOf,
  type Obj,
} from './json-common.js';

/** Decodes an OTLP/JSON request body (bytes must be UTF-8; a leading BOM is tolerated). */
export function decodeTraceRequestJson(body: Uint8Array | string): DecodedTraces {
  const root = parseJsonBody(body);
  try {
    return decodeRequest(root);
  } catch (e) {
    return rethrowAt(e, '$');
  }
}

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
  const resource = resourceOf(rs);
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
  const scope = scopeOf(ss);
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
