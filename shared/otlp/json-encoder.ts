// Span model → OTLP/JSON ExportTraceServiceRequest, for the OTLP forwarding targets (Sentry's OTLP endpoint,
// Jaeger, another collector). The model already is OTLP/JSON-shaped (hex IDs, int64 as decimal strings), so
// this only regroups spans under their resource and scope and writes the few values JSON cannot carry as is
// (non-finite doubles as "NaN"/"Infinity", which the spec's JSON mapping and our own decoder accept).
// Spans sharing a Resource / Scope object (as the decoders produce them) share one resourceSpans /
// scopeSpans entry, so a request round-trips through the receiver span for span.
import type { AnyValue, KeyValue, Resource, Scope, Span } from '../model/span.js';

type Json = Record<string, unknown>;

function value(v: AnyValue): unknown {
  if ('doubleValue' in v && !Number.isFinite(v.doubleValue))
    return {
      doubleValue: Number.isNaN(v.doubleValue) ? 'NaN' : v.doubleValue > 0 ? 'Infinity' : '-Infinity',
    };
  if ('arrayValue' in v) return { arrayValue: { values: v.arrayValue.values.map(value) } };
  if ('kvlistValue' in v) return { kvlistValue: { values: attributes(v.kvlistValue.values) } };
  return v;
}

function attributes(kvs: readonly KeyValue[]): unknown[] {
  return kvs.map((kv) => ({ key: kv.key, value: value(kv.value) }));
}

function spanJson(s: Span): Json {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    traceState: s.traceState,
    flags: s.flags,
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: s.startTimeUnixNano,
    endTimeUnixNano: s.endTimeUnixNano,
    attributes: attributes(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount,
    events: s.events.map((e) => ({
      timeUnixNano: e.timeUnixNano,
      name: e.name,
      attributes: attributes(e.attributes),
      droppedAttributesCount: e.droppedAttributesCount,
    })),
    droppedEventsCount: s.droppedEventsCount,
    links: s.links.map((l) => ({
      traceId: l.traceId,
      spanId: l.spanId,
      traceState: l.traceState,
      attributes: attributes(l.attributes),
      droppedAttributesCount: l.droppedAttributesCount,
      flags: l.flags,
    })),
    droppedLinksCount: s.droppedLinksCount,
    status: { code: s.status.code, message: s.status.message },
  };
}

/** The request object (JSON.stringify it for the wire). */
function traceRequestJson(spans: readonly Span[]): { resourceSpans: Json[] } {
  const byResource = new Map<Resource, Map<Scope, Span[]>>();
  for (const s of spans) {
    let scopes = byResource.get(s.resource);
    if (!scopes) byResource.set(s.resource, (scopes = new Map()));
    let list = scopes.get(s.scope);
    if (!list) scopes.set(s.scope, (list = []));
    list.push(s);
  }
  const resourceSpans: Json[] = [];
  for (const [resource, scopes] of byResource) {
    const scopeSpans: Json[] = [];
    for (const [scope, list] of scopes)
      scopeSpans.push({
        scope: {
          name: scope.name,
          version: scope.version,
          attributes: attributes(scope.attributes),
          droppedAttributesCount: scope.droppedAttributesCount,
        },
        spans: list.map(spanJson),
        schemaUrl: scope.schemaUrl,
      });
    resourceSpans.push({
      resource: {
        attributes: attributes(resource.attributes),
        droppedAttributesCount: resource.droppedAttributesCount,
      },
      scopeSpans,
      schemaUrl: resource.schemaUrl,
    });
  }
  return { resourceSpans };
}

/** The OTLP/JSON request body as text. */
export function encodeTraceRequestJson(spans: readonly Span[]): string {
  return JSON.stringify(traceRequestJson(spans));
}
