// Builders for spans and summaries in renderer tests: realistic defaults, override what the test is about.
import type { TraceSummary } from '../../shared/api/contract.js';
import type { Span, SpanEvent } from '../../shared/model/span.js';

export const T0 = 1_700_000_000_000; // ms since epoch

/** ms offset from T0 → decimal ns string. */
export function ns(ms: number): string {
  return (BigInt(T0) * 1_000_000n + BigInt(Math.round(ms * 1_000_000))).toString();
}

export function makeSpan(p: {
  id: string;
  parent?: string;
  name?: string;
  service?: string;
  start?: number;
  end?: number;
  error?: boolean;
  events?: SpanEvent[];
  traceId?: string;
}): Span {
  const start = p.start ?? 0;
  return {
    traceId: p.traceId ?? 'a'.repeat(32),
    spanId: p.id.padStart(16, '0'),
    parentSpanId: p.parent ? p.parent.padStart(16, '0') : '',
    traceState: '',
    flags: 1,
    name: p.name ?? `span ${p.id}`,
    kind: 1,
    startTimeUnixNano: ns(start),
    endTimeUnixNano: ns(p.end ?? start + 10),
    attributes: [{ key: 'http.method', value: { stringValue: 'GET' } }],
    droppedAttributesCount: 0,
    events: p.events ?? [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: p.error ? 2 : 0, message: '' },
    resource: {
      attributes: [{ key: 'service.name', value: { stringValue: p.service ?? 'api' } }],
      droppedAttributesCount: 0,
      schemaUrl: '',
    },
    scope: { name: 'test', version: '1', attributes: [], droppedAttributesCount: 0, schemaUrl: '' },
  };
}

/** Padded span ID as buildWaterfall stores it. */
export function sid(id: string): string {
  return id.padStart(16, '0');
}

let seq = 0;
export function makeSummary(p: Partial<TraceSummary> & { traceId: string }): TraceSummary {
  seq++;
  return {
    rootName: `GET /${p.traceId}`,
    rootService: 'api',
    services: ['api'],
    spanCount: 1,
    errorCount: 0,
    startTimeUnixNano: ns(0),
    endTimeUnixNano: ns(10),
    durationMs: 10,
    firstReceivedAt: T0 + seq,
    lastReceivedAt: T0 + seq,
    complete: false,
    pinned: false,
    httpStatus: null,
    hasRoot: true,
    revision: 1,
    ...p,
  };
}
