// GET /api/v1/sentry/outcomes — how each listed trace would land in Sentry (transactions, errors, lints),
// for the trace list's Sentry column. The mapping is too costly for the store's ingest path, so it runs
// only here, for the rows a client asks about (the ones on screen), and is cached per trace revision and
// request: an unchanged trace is mapped once however often the list asks.
import { routePaths } from '../../../shared/api/contract.js';
import type { SentryOutcome, SentryOutcomeResponse } from '../../../shared/api/contract.js';
import { cutForPreview } from '../../../shared/sentry/preview-budget.js';
import type { SentryPreviewRequest } from '../../../shared/sentry/preview.js';
import type { SpanStore } from '../store/span-store.js';
import { parseTraceId } from './query-params.js';
import { HttpError, json, type ApiRoute } from './router.js';
import { parseSentryQuery, previewHttpError } from './sentry-routes.js';
import { TASKS, type OutcomeCounts, type SentryPreviewTaskInput } from '../workers/tasks.js';
import type { ApiContext } from './context.js';

/** Trace IDs one request may ask about (a few screens of rows). */
const MAX_OUTCOME_IDS = 200;
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

/** Maps one (cut) trace to its outcome counts: in the worker pool when there is one, else inline. */
function mapOutcome(ctx: ApiContext, input: SentryPreviewTaskInput): Promise<OutcomeCounts> {
  return ctx.workers
    ? ctx.workers.run('sentry-outcome', input)
    : Promise.resolve(TASKS['sentry-outcome'](input));
}

async function computeOutcome(
  ctx: ApiContext,
  traceId: string,
  request: SentryPreviewRequest,
  requestKey: string,
): Promise<SentryOutcome | null> {
  const { store } = ctx;
  const summary = store.getSummary(traceId);
  const held = store.getTraceSpans(traceId);
  if (!summary || !held) return null;
  const cache = cacheOf(store);
  const hit = cache.get(traceId);
  if (hit && hit.requestKey === requestKey && hit.outcome.revision === summary.revision) return hit.outcome;
  const revision = summary.revision;
  // The same budget as the preview (and its preview-cut lint among the lints), mapped off the event loop.
  const { spans, report } = cutForPreview(held);
  const outcome: SentryOutcome = {
    traceId,
    revision,
    ...(await mapOutcome(ctx, { spans, request, cut: report })),
  };
  cache.delete(traceId);
  cache.set(traceId, { requestKey, outcome });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return outcome;
}

export const sentryOutcomeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.sentryOutcomes,
    handler: async ({ query }, ctx) => {
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
          // One at a time: each trace's input is bounded by the preview budget, and the pool's queue
          // stays free for previews.
          const o = await computeOutcome(ctx, id, request, requestKey);
          if (o) outcomes.push(o);
          else missing.push(id);
        }
      } catch (e) {
        throw previewHttpError(e);
      }
      return json({ outcomes, missing } satisfies SentryOutcomeResponse);
    },
  },
];
