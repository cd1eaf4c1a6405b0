// The typed client of the local API (shared/api/contract.ts). Same-origin URLs only: the UI is served by
// the API server, so the CSP's connect-src 'self' holds in the browser and in the Electron window.
import {
  routes,
  type DemoResponse,
  type ReceiversResponse,
  type SpanListQuery,
  type SpanListResponse,
  type StatsResponse,
  type TraceListQuery,
  type TraceListResponse,
  type TraceResponse,
  type SentryPreviewResponse,
  type ForwardingResponse,
  type ForwardRequest,
  type ForwardResponse,
  type ForwardTargetInput,
  type ForwardTargetResponse,
  type SamplingRules,
  type SamplingRulesResponse,
  type SamplingSimulateResponse,
  type TargetTestResponse,
  type SentryOutcomeResponse,
  type TraceGroupQuery,
  type TraceGroupResponse,
} from '../../../shared/api/contract.js';
import {
  encodeSpanListQuery,
  encodeTraceGroupQuery,
  encodeTraceListQuery,
  toSearch,
} from '../../../shared/api/query-format.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  listTraces(q: TraceListQuery, signal?: AbortSignal): Promise<TraceListResponse>;
  getTrace(traceId: string, signal?: AbortSignal): Promise<TraceResponse>;
  setPinned(traceId: string, pinned: boolean): Promise<void>;
  listSpans(q: SpanListQuery, signal?: AbortSignal): Promise<SpanListResponse>;
  stats(): Promise<StatsResponse>;
  receivers(): Promise<ReceiversResponse>;
  sendDemo(): Promise<DemoResponse>;
  clear(): Promise<void>;
  /** `query`: model/sentry-view.ts previewQuery (encodeSentryPreviewQuery: profile and changed options). */
  sentryPreview(traceId: string, query: string, signal?: AbortSignal): Promise<SentryPreviewResponse>;
  /** Forwarding targets (keys masked), sampling rules and status. */
  forwarding(): Promise<ForwardingResponse>;
  putTarget(id: string, target: ForwardTargetInput): Promise<ForwardTargetResponse>;
  deleteTarget(id: string): Promise<void>;
  testTarget(id: string): Promise<TargetTestResponse>;
  putSampling(rules: Partial<SamplingRules>): Promise<SamplingRulesResponse>;
  forward(req: ForwardRequest): Promise<ForwardResponse>;
  /** `query`: from model/sampling-form.ts simulateQuery (the proposed rules). */
  simulateSampling(query: string, signal?: AbortSignal): Promise<SamplingSimulateResponse>;
  listGroups(q: TraceGroupQuery, signal?: AbortSignal): Promise<TraceGroupResponse>;
  /** `query`: previewQuery's search string (profile and changed options), as for sentryPreview. */
  sentryOutcomes(traceIds: readonly string[], query: string): Promise<SentryOutcomeResponse>;
}

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export function createApiClient(token: string, fetchFn: FetchFn = (i, init) => fetch(i, init)): ApiClient {
  async function call<T>(method: string, url: string, signal?: AbortSignal, json?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetchFn(url, {
      method,
      headers,
      signal,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: report the status with the text below.
    }
    if (!res.ok) {
      const msg =
        body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
          ? body.error
          : text.slice(0, 200) || res.statusText;
      throw new ApiError(res.status, `${method} ${url.split('?')[0]}: ${res.status} ${msg}`);
    }
    return body as T;
  }
  return {
    listTraces: (q, signal) => call('GET', routes.traces() + encodeTraceListQuery(q), signal),
    getTrace: (id, signal) => call('GET', routes.trace(id), signal),
    setPinned: async (id, pinned) => {
      await call(pinned ? 'PUT' : 'DELETE', routes.pin(id));
    },
    listSpans: (q, signal) => call('GET', routes.spans() + encodeSpanListQuery(q), signal),
    stats: () => call('GET', routes.stats()),
    receivers: () => call('GET', routes.receivers()),
    sendDemo: () => call('POST', routes.demo()),
    clear: async () => {
      await call('DELETE', routes.traces());
    },
    sentryPreview: (id, query, signal) => call('GET', routes.sentry(id) + query, signal),
    forwarding: () => call('GET', routes.forwarding()),
    putTarget: (id, target) => call('PUT', routes.forwardingTarget(id), undefined, target),
    deleteTarget: async (id) => {
      await call('DELETE', routes.forwardingTarget(id));
    },
    testTarget: (id) => call('POST', routes.forwardingTargetTest(id), undefined, {}),
    putSampling: (rules) => call('PUT', routes.forwardingSampling(), undefined, rules),
    forward: (req) => call('POST', routes.forward(), undefined, req),
    simulateSampling: (query, signal) => call('GET', routes.samplingSimulate() + query, signal),
    listGroups: (q, signal) => call('GET', routes.groups() + encodeTraceGroupQuery(q), signal),
    sentryOutcomes: (ids, query) =>
      call('GET', routes.sentryOutcomes() + toSearch({ traceId: ids }) + query.replace(/^\?/, '&')),
  };
}
