// GET /api/v1/sentry/outcomes — how each listed trace would land in Sentry (transactions, errors, lints),
// for the trace list's Sentry column. The mapping is too costly for the store's ingest path, so it runs
// only here, for the rows a client asks about (the ones on screen), and is cached per trace revision and
// request: an unchanged trace is mapped once however often the list asks.
import type { SentryOutcome, SentryOutcomeResponse } from '../../../shared/api/contract.js';
import {
  buildSentryPreview,
  PreviewRequestError,
  type SentryPreviewRequest,
} from '../../../shared/sentry/preview.js';
import type { SpanStore } from '../store/span-store.js';
import { parseTraceId } from './query-params.js';
import { HttpError, json, type ApiRoute } from './router.js';
import { parseSentryQuery } from './sentry-routes.js';

/** Trace IDs one request may ask about (a few screens of rows). */
export const MAX_OUTCOME_IDS = 200;
/** Cached outcomes kept per store; the oldest go first. */
const CACHE_SIZE = 5000;

interface Cached {
  requestKey: string;
  outcome: SentryOutcome;
}

const caches = new WeakMap<SpanStore, Map<string, Cached>>();

function cacheOf(store: SpanStore): Map<string, Cached> {
  let c = caches.get(store);
  if (!c) {
    c = new Map();
    caches.set(store, c);
  }
  return c;
}

export function computeOutcome(
  store: SpanStore,
  traceId: string,
  request: SentryPreviewRequest,
  requestKey: string,
): SentryOutcome | null {
  const summary = store.getSummary(traceId);
  if (!summary) return null;
  const cache = cacheOf(store);
  const hit = cache.get(traceId);
  if (hit && hit.requestKey === requestKey && hit.outcome.revision === summary.revision) return hit.outcome;
  const trace = store.getTrace(traceId)!;
  const p = buildSentryPreview(trace.spans, request);
  const inTransactions = p.transactions.reduce((n, t) => n + (t.spans?.length ?? 0), 0);
  const inSegments = p.segments.reduce((n, s) => n + s.spans.length, 0);
  const outcome: SentryOutcome = {
    traceId,
    revision: trace.summary.revision,
    transactions: p.profile === 'collector' ? p.transactions.length : p.segments.length,
    spans: p.profile === 'collector' ? inTransactions : inSegments,
    errors: p.errors.length,
    lints: p.lints.length,
    lintErrors: p.lints.filter((l) => l.severity === 'error').length,
  };
  cache.delete(traceId);
  cache.set(traceId, { requestKey, outcome });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return outcome;
}

export const sentryOutcomeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/sentry/outcomes',
    handler: ({ query }, { store }) => {
      const ids = query.getAll('traceId');
      if (ids.length === 0) throw new HttpError(400, "bad parameter 'traceId': give at least one");
      if (ids.length > MAX_OUTCOME_IDS)
        throw new HttpError(400, `bad parameter 'traceId': at most ${MAX_OUTCOME_IDS} per request`);
      const traceIds = ids.map(parseTraceId);
      const rest = new URLSearchParams(query);
      rest.delete('traceId');
      const request = parseSentryQuery(rest);
      rest.delete('token');
      rest.sort();
      const requestKey = rest.toString();
      const outcomes: SentryOutcome[] = [];
      const missing: string[] = [];
      try {
        for (const id of traceIds) {
          const o = computeOutcome(store, id, request, requestKey);
          if (o) outcomes.push(o);
          else missing.push(id);
        }
      } catch (e) {
        if (e instanceof PreviewRequestError) throw new HttpError(400, e.message);
        throw e;
      }
      return json({ outcomes, missing } satisfies SentryOutcomeResponse);
    },
  },
];
