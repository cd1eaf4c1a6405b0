// An in-memory ApiClient for slice tests: serves pages from a list, records every call.
import type {
  SentryPreviewResponse,
  SpanRow,
  StatsResponse,
  TraceResponse,
  TraceSummary,
  TraceListQuery,
} from '../../../shared/api/contract.js';
import type { ApiClient } from '../../../renderer/src/api/client.js';
import { ApiError } from '../../../renderer/src/api/client.js';
import { matchesFilter, EMPTY_FILTER } from '../../../renderer/src/model/trace-filter.js';

export class FakeApi implements ApiClient {
  traces: TraceSummary[] = [];
  full = new Map<string, TraceResponse>();
  /** Sentry previews by trace ID; a function gets the query (to answer per option or fail). */
  previews = new Map<string, SentryPreviewResponse | ((query: string) => SentryPreviewResponse)>();
  spans: SpanRow[] = [];
  calls: string[] = [];
  failPin = false;
  /** When set, listTraces waits for this before answering (to test races). */
  gate: Promise<void> | null = null;

  async listTraces(q: TraceListQuery) {
    this.calls.push(`list ${JSON.stringify(q)}`);
    if (this.gate) await this.gate;
    const f = {
      ...EMPTY_FILTER,
      service: q.service ?? '',
      errorsOnly: !!q.errorsOnly,
      minDurationMs: q.minDurationMs ?? null,
    };
    const all = this.traces.filter((t) => matchesFilter(t, f) === true && (!q.q || t.rootName.includes(q.q)));
    const start = q.cursor ? Number(q.cursor) : 0;
    const limit = q.limit ?? 100;
    const page = all.slice(start, start + limit);
    return {
      traces: page,
      total: all.length,
      nextCursor: start + limit < all.length ? String(start + limit) : null,
    };
  }
  async getTrace(id: string) {
    this.calls.push(`get ${id}`);
    const t = this.full.get(id);
    if (!t) throw new ApiError(404, `no trace ${id}`);
    return t;
  }
  async setPinned(id: string, pinned: boolean) {
    this.calls.push(`pin ${id} ${pinned}`);
    if (this.failPin) throw new ApiError(500, 'pin failed');
  }
  async listSpans() {
    this.calls.push('spans');
    return { spans: this.spans, total: this.spans.length, nextCursor: null };
  }
  async stats(): Promise<StatsResponse> {
    throw new Error('not used');
  }
  async receivers() {
    this.calls.push('receivers');
    return {
      receivers: [],
      env: { http: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' }, grpc: {} },
    };
  }
  async sendDemo() {
    this.calls.push('demo');
    return { traceId: 'demo' };
  }
  async sentryPreview(id: string, query: string) {
    this.calls.push(`sentry ${id}${query}`);
    const p = this.previews.get(id);
    if (!p) throw new ApiError(404, `GET /api/v1/traces/${id}/sentry: 404 trace ${id} is not in the store`);
    return typeof p === 'function' ? p(query) : p;
  }
  async clear() {
    this.calls.push('clear');
    this.traces = [];
  }
}

export function stats(traces = 0): StatsResponse {
  return {
    counters: {
      received: 0,
      accepted: 0,
      stored: 0,
      evicted: 0,
      rejected: 0,
      rejectedByReason: {
        invalid_trace_id: 0,
        invalid_span_id: 0,
        invalid_parent_span_id: 0,
        store_full: 0,
        duplicate_span: 0,
      },
      badRequests: 0,
      traces,
      storedBytes: 0,
    },
    limits: { maxSpans: 1000, maxBytes: 1 << 20, idleTimeoutMs: 5000 },
    evicting: false,
    spansPerSecond: [],
    receivers: [],
    startedAt: 0,
    version: 'test',
  };
}
