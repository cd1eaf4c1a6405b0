// An in-memory ApiClient for slice tests: serves pages from a list, records every call.
import type {
  ForwardingResponse,
  ForwardRequest,
  ForwardResponse,
  ForwardTargetInput,
  ForwardTargetView,
  SamplingRules,
  SamplingSimulateResponse,
  TargetTestResponse,
  SentryOutcome,
  SentryPreviewResponse,
  TraceGroupQuery,
  TraceGroupResponse,
  SpanRow,
  StatsResponse,
  TraceResponse,
  TraceSummary,
  TraceListQuery,
} from '../../../shared/api/contract.js';
import { MAX_FORWARD_TRACE_IDS } from '../../../shared/api/contract.js';
import type { ApiClient } from '../../../renderer/src/api/client.js';
import { ApiError } from '../../../renderer/src/api/client.js';
import { matchesFilter, EMPTY_FILTER } from '../../../renderer/src/model/trace-filter.js';
import { DEFAULT_SAMPLING_RULES } from '../../../shared/sampling/types.js';

/** A forwarding answer with no targets and the default rules. */
function emptyForwarding(): ForwardingResponse {
  return {
    targets: [],
    sampling: { ...DEFAULT_SAMPLING_RULES, include: [], exclude: [] },
    status: {
      counters: { queued: 0, sent: 0, failed: 0, dropped: 0 },
      targets: [],
      sampler: {
        decisions: 0,
        lateDecisions: 0,
        kept: 0,
        dropped: 0,
        byReason: {
          excluded: 0,
          error: 0,
          latency: 0,
          included: 0,
          'percentage-kept': 0,
          'percentage-dropped': 0,
        },
      },
    },
    secretStorage: 'plain-0600',
    file: null,
    problems: [],
  };
}
import { sortRows } from '../../../renderer/src/model/trace-window.js';

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
  groups: TraceGroupResponse = { groups: [], totalGroups: 0, traces: 0 };
  /** Outcomes by trace ID (answered for the IDs asked; others are missing). */
  outcomeData = new Map<string, SentryOutcome>();

  async listTraces(q: TraceListQuery) {
    this.calls.push(`list ${JSON.stringify(q)}`);
    if (this.gate) await this.gate;
    const f = {
      ...EMPTY_FILTER,
      service: q.service ?? '',
      errorsOnly: !!q.errorsOnly,
      minDurationMs: q.minDurationMs ?? null,
      group:
        q.rootService !== undefined && q.rootName !== undefined
          ? { rootService: q.rootService, rootName: q.rootName }
          : null,
    };
    const matching = this.traces.filter(
      (t) => matchesFilter(t, f) === true && (!q.q || t.rootName.includes(q.q)),
    );
    // The real core sorts over every trace; the fake does the same with the UI's own keys.
    const all = q.sort ? sortRows(matching, { column: q.sort, desc: q.dir !== 'asc' }) : matching;
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
  /** Forwarding as the core holds it; putTarget stores inputs with the DSN key masked, like the core. */
  fwd: ForwardingResponse = emptyForwarding();
  /** Bodies of PUT /targets and POST /forward, in order. */
  puts: { id: string; body: ForwardTargetInput }[] = [];
  forwards: ForwardRequest[] = [];
  testAnswer: TargetTestResponse = { ok: true, stage: 'ok', message: 'accepted' };
  /** Simulator answers per call (the query is recorded in calls). */
  simulate: (query: string) => SamplingSimulateResponse = () => {
    throw new ApiError(500, 'no simulator');
  };
  forwardAnswer: (req: ForwardRequest) => ForwardResponse = (req) => ({
    dryRun: false,
    traces: req.traceIds.map((traceId) => ({
      traceId,
      outcome: 'ok' as const,
      targets: (req.targetIds ?? []).map((targetId) => ({
        targetId,
        outcome: 'queued' as const,
        eventIds: [`ev-${traceId}`],
      })),
    })),
  });
  /** When set, PUT /targets answers this error. */
  putError: ApiError | null = null;

  async forwarding() {
    this.calls.push('forwarding');
    return structuredClone(this.fwd);
  }
  async putTarget(id: string, body: ForwardTargetInput) {
    this.calls.push(`put ${id}`);
    this.puts.push({ id, body });
    if (this.putError) throw this.putError;
    const view: ForwardTargetView = {
      ...body,
      id,
      enabled: body.enabled ?? true,
      resourceRules: body.resourceRules ?? [],
      endpoint: 'https://sentry.example/api/1/envelope/',
      ...(body.dsn ? { dsn: body.dsn.replace(/\/\/[^@]*@/, '//****@') } : {}),
    };
    this.fwd.targets = [...this.fwd.targets.filter((t) => t.id !== id), view];
    return view;
  }
  async deleteTarget(id: string) {
    this.calls.push(`delete ${id}`);
    this.fwd.targets = this.fwd.targets.filter((t) => t.id !== id);
  }
  async testTarget(id: string) {
    this.calls.push(`test ${id}`);
    return this.testAnswer;
  }
  async putSampling(rules: Partial<SamplingRules>) {
    this.calls.push(`sampling ${JSON.stringify(rules)}`);
    this.fwd.sampling = { ...this.fwd.sampling, ...rules };
    return structuredClone(this.fwd.sampling);
  }
  async forward(req: ForwardRequest) {
    this.calls.push('forward');
    this.forwards.push(req);
    if (req.traceIds.length > MAX_FORWARD_TRACE_IDS)
      throw new ApiError(400, `POST /api/v1/forward: 400 traceIds: at most ${MAX_FORWARD_TRACE_IDS} traces`);
    return this.forwardAnswer(req);
  }
  async simulateSampling(query: string) {
    this.calls.push(`simulate ${query}`);
    return this.simulate(query);
  }
  async listGroups(q: TraceGroupQuery) {
    this.calls.push(`groups ${JSON.stringify(q)}`);
    return this.groups;
  }
  async sentryOutcomes(ids: readonly string[], query: string) {
    this.calls.push(`outcomes ${ids.join(',')}${query}`);
    const outcomes = ids.flatMap((id) => {
      const o = this.outcomeData.get(id);
      return o ? [o] : [];
    });
    return { outcomes, missing: ids.filter((id) => !this.outcomeData.has(id)) };
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
