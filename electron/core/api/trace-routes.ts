// Trace list, one trace, clear, pin and unpin.
import { routePaths } from '../../../shared/api/contract.js';
import type {
  OkResponse,
  TraceGroupResponse,
  TraceListResponse,
  TraceResponse,
  TraceSummary,
} from '../../../shared/api/contract.js';
import { sendSlicedJson } from '../http/sliced-json.js';
import { HttpError, json, type ApiRoute } from './router.js';
import { parseTraceGroupQuery, parseTraceId, parseTraceListQuery, rejectUnknown } from './query-params.js';

function notFound(traceId: string): never {
  throw new HttpError(404, `trace ${traceId} is not in the store (never received, evicted or cleared)`);
}

export const traceRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.traces,
    handler: ({ query }, { store }) =>
      json(store.listTraces(parseTraceListQuery(query)) satisfies TraceListResponse),
  },
  {
    method: 'GET',
    path: routePaths.groups,
    handler: ({ query }, { store }) =>
      json(store.groupTraces(parseTraceGroupQuery(query)) satisfies TraceGroupResponse),
  },
  {
    method: 'DELETE',
    path: routePaths.traces,
    handler: ({ query }, { store }) => {
      rejectUnknown(query, []);
      store.clear();
      return json({ ok: true } satisfies OkResponse);
    },
  },
  {
    method: 'GET',
    path: routePaths.trace,
    handler: async ({ params, query, res }, { store }) => {
      rejectUnknown(query, []);
      const id = parseTraceId(params.traceId);
      const trace = store.getTrace(id);
      if (!trace) return notFound(id);
      // A big trace is tens of megabytes of JSON: written in slices so receiving goes on meanwhile.
      await sendSlicedJson(res, 200, trace satisfies TraceResponse);
      return 'streamed' as const;
    },
  },
  ...(['PUT', 'DELETE'] as const).map((method): ApiRoute => ({
    method,
    path: routePaths.pin,
    handler: ({ params, query }, { store }) => {
      rejectUnknown(query, []);
      const id = parseTraceId(params.traceId);
      const summary = store.pin(id, method === 'PUT');
      return summary ? json(summary satisfies TraceSummary) : notFound(id);
    },
  })),
];
