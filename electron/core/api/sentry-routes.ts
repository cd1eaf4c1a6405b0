// GET /api/v1/traces/:traceId/sentry — the Sentry preview of one stored trace: payloads, lints,
// provenance, options in force, differences from classic and the raw envelopes forwarding would send.
import { routePaths } from '../../../shared/api/contract.js';
import { decodeSentryPreviewQuery } from '../../../shared/api/query-format.js';
import { cutForPreview } from '../../../shared/sentry/preview-budget.js';
import { PreviewRequestError, type SentryPreviewRequest } from '../../../shared/sentry/preview.js';
import { targetPreviewRequest } from '../../../shared/forwarding/target-payloads.js';
import { targetSecrets } from '../../../shared/forwarding/targets.js';
import type { ApiContext } from './context.js';
import { bad, decodeOr400, parseTraceId } from './query-params.js';
import { TASKS, type SentryPreviewTaskInput } from '../workers/tasks.js';
import { WorkerPoolBusyError, WorkerTaskError } from '../workers/worker-pool.js';
import { HttpError, json, PreparedJson, type ApiRoute } from './router.js';

/** Query string → preview request (without the target, which the route resolves); a 400 names the first bad parameter. */
export function parseSentryQuery(query: URLSearchParams): SentryPreviewRequest {
  const { target: _target, ...request } = decodeOr400(decodeSentryPreviewQuery, query);
  return request;
}

/**
 * What a preview as forwarding target `targetId` needs besides the spans: its profile, options,
 * environment and release, its resource rules, and its DSN keys and header values to mask. The worker
 * applies them through the same functions forwarding calls.
 */
function targetPreviewInput(
  targetId: string,
  given: SentryPreviewRequest,
  ctx: ApiContext,
): Pick<SentryPreviewTaskInput, 'request' | 'resourceRules' | 'secrets'> {
  const target = ctx.forwarding?.target(targetId);
  if (!target) bad('target', `no forwarding target '${targetId}' (see GET /api/v1/forwarding)`);
  if (target.kind === 'otlp-http')
    bad(
      'target',
      `'${targetId}' is an OTLP/HTTP target: see what it gets with POST /api/v1/forward and dryRun`,
    );
  const request = targetPreviewRequest(target);
  if (given.profile !== undefined && given.profile !== request.profile)
    bad('profile', `target '${targetId}' is sent with the ${request.profile} profile, not ${given.profile}`);
  if (given.sentAt) request.sentAt = given.sentAt;
  return { request, resourceRules: target.resourceRules, secrets: targetSecrets(target) };
}

export const sentryRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: routePaths.sentry,
    handler: async ({ params, query }, ctx) => {
      const { target: targetId, ...request } = decodeOr400(decodeSentryPreviewQuery, query);
      const id = parseTraceId(params.traceId);
      const held = ctx.store.getTraceSpans(id);
      if (!held)
        throw new HttpError(404, `trace ${id} is not in the store (never received, evicted or cleared)`);
      // What fits the budget (cheap, bounded by the budget), mapped in a worker: a pathological trace
      // neither blocks the receivers nor answers tens of megabytes.
      const { spans, report } = cutForPreview(held);
      const input: SentryPreviewTaskInput = {
        spans,
        cut: report,
        ...(targetId ? targetPreviewInput(targetId, request, ctx) : { request }),
      };
      try {
        const { workers } = ctx;
        if (workers) return json(new PreparedJson(await workers.run('sentry-preview', input)));
        return json(new PreparedJson(TASKS['sentry-preview'](input)));
      } catch (e) {
        throw previewHttpError(e);
      }
    },
  },
];

/** A failed preview as an HTTP error: a bad request parameter is a 400, a saturated pool a 503. */
export function previewHttpError(e: unknown): unknown {
  if (e instanceof PreviewRequestError) return new HttpError(400, e.message);
  if (e instanceof WorkerTaskError && e.errorName === 'PreviewRequestError')
    return new HttpError(400, e.message);
  if (e instanceof WorkerPoolBusyError) return new HttpError(503, e.message);
  return e;
}
