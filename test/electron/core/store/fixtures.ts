// Builds model spans for store tests without a decoder: the fields the store reads, realistic defaults.
import type { DecodedTraces, KeyValue, Resource, Scope, Span } from '../../../../shared/model/span.js';

const resources = new Map<string, Resource>();
function resourceFor(service: string): Resource {
  let r = resources.get(service);
  if (!r) {
    r = {
      attributes: [{ key: 'service.name', value: { stringValue: service } }],
      droppedAttributesCount: 0,
      schemaUrl: '',
    };
    resources.set(service, r);
  }
  return r;
}

const scope: Scope = {
  name: 'test',
  version: '1',
  attributes: [],
  droppedAttributesCount: 0,
  schemaUrl: '',
};

export function traceId(n: number): string {
  return n.toString(16).padStart(32, '0');
}
function spanId(n: number): string {
  return n.toString(16).padStart(16, '0');
}

interface SpanSpec {
  trace: number;
  span: number;
  parent?: number;
  name?: string;
  service?: string;
  /** ms offsets from a fixed epoch */
  startMs?: number;
  durationMs?: number;
  error?: boolean;
  exception?: boolean;
  attributes?: KeyValue[];
}

const EPOCH_NS = 1_700_000_000_000_000_000n;

export function makeSpan(s: SpanSpec): Span {
  const start = EPOCH_NS + BigInt(Math.round((s.startMs ?? 0) * 1e6));
  const end = start + BigInt(Math.round((s.durationMs ?? 10) * 1e6));
  return {
    traceId: traceId(s.trace),
    spanId: spanId(s.span),
    parentSpanId: s.parent === undefined ? '' : spanId(s.parent),
    traceState: '',
    flags: 1,
    name: s.name ?? `span ${s.span}`,
    kind: 1,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: end.toString(),
    attributes: s.attributes ?? [{ key: 'http.route', value: { stringValue: '/api/users' } }],
    droppedAttributesCount: 0,
    events: s.exception
      ? [
          {
            timeUnixNano: start.toString(),
            name: 'exception',
            attributes: [{ key: 'exception.type', value: { stringValue: 'ValueError' } }],
            droppedAttributesCount: 0,
          },
        ]
      : [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: s.error ? 2 : 0, message: '' },
    resource: resourceFor(s.service ?? 'checkout'),
    scope,
  };
}

export function batch(spans: Span[], rejected: DecodedTraces['rejected'] = []): DecodedTraces {
  return { spans, rejected, errors: [] };
}

/** A trace of `n` spans: one root and n-1 children. */
export function traceSpans(trace: number, n: number, extra: Partial<SpanSpec> = {}): Span[] {
  const out: Span[] = [];
  for (let i = 1; i <= n; i++)
    out.push(
      makeSpan({ trace, span: trace * 1000 + i, parent: i === 1 ? undefined : trace * 1000 + 1, ...extra }),
    );
  return out;
}
