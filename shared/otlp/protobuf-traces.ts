// OTLP/protobuf ExportTraceServiceRequest → DecodedTraces, in one pass over the bytes, with no generated
// code and no intermediate message objects. Field numbers: opentelemetry-proto trace v1; what every signal
// shares (Resource, Scope, KeyValue, AnyValue, interning, ID checks) is in protobuf-common.ts.
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
import type { DecodedTraces, Resource, Scope } from '../model/span.js';
import { rethrowAt, type DecoderRejectReason } from './errors.js';
import {
  decodeResource,
  decodeScope,
  NO_ATTRIBUTES,
  readString,
  sharedResource,
  sharedScope,
  skipField,
  T_LEN_1,
  T_LEN_2,
  T_LEN_3,
} from './protobuf-common.js';
import { decodeSpan, type TracesCtx } from './protobuf-span.js';
import { WireReader } from './wire-reader.js';

export function decodeTraceRequestProtobuf(buf: Uint8Array): DecodedTraces {
  const ctx: TracesCtx = {
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
  const rejected: DecodedTraces['rejected'] = [];
  for (const reason of Object.keys(ctx.rejected) as DecoderRejectReason[]) {
    const count = ctx.rejected[reason];
    if (count > 0) rejected.push({ reason, count });
  }
  if (ctx.rejectedTotal > ctx.errors.length) {
    ctx.errors.push(`… and ${ctx.rejectedTotal - ctx.errors.length} more rejected spans`);
  }
  return { spans: ctx.spans, rejected, errors: ctx.errors };
}

function decodeResourceSpans(ctx: TracesCtx, end: number, _index: number): void {
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
  const shared = sharedResource(r, resStart, resEnd, resource);
  if (shared !== resource) {
    const spans = ctx.spans;
    for (let i = firstSpan; i < spans.length; i++) spans[i]!.resource = shared;
  }
}

function decodeScopeSpans(ctx: TracesCtx, end: number, resource: Resource): void {
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
  const shared = sharedScope(r, scopeStart, scopeEnd, scope);
  if (shared !== scope) {
    const spans = ctx.spans;
    for (let i = firstSpan; i < spans.length; i++) spans[i]!.scope = shared;
  }
}
