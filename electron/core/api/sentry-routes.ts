// GET /api/v1/traces/:traceId/sentry — the Sentry preview of one stored trace: payloads, lints,
// provenance, options in force, differences from classic and the raw envelopes forwarding would send.
import type { SentryPreviewResponse } from '../../../shared/api/contract.js';
import { isOptionName, OPTION_NAMES, type MappingOptions } from '../../../shared/sentry/options.js';
import {
  buildSentryPreview,
  PreviewRequestError,
  SENTRY_PROFILES,
  type SentryPreviewRequest,
  type SentryProfile,
} from '../../../shared/sentry/preview.js';
import { applyResourceRules } from '../../../shared/forwarding/resource-rules.js';
import { targetPreviewRequest } from '../../../shared/forwarding/target-payloads.js';
import { redact, targetSecrets } from '../../../shared/forwarding/targets.js';
import type { ApiContext } from './context.js';
import { parseTraceId } from './query-params.js';
import { HttpError, json, type ApiRoute } from './router.js';

const SETTINGS = ['profile', 'environment', 'release', 'dsn', 'sentAt', 'target'] as const;
const ALWAYS_ALLOWED = new Set(['token']);

function bad(param: string, message: string): never {
  throw new HttpError(400, `bad parameter '${param}': ${message}`);
}

/** Query string → preview request; a 400 names the first bad parameter. */
export function parseSentryQuery(query: URLSearchParams): SentryPreviewRequest {
  const req: SentryPreviewRequest = {};
  const options: Partial<MappingOptions> = {};
  for (const key of new Set(query.keys())) {
    if (ALWAYS_ALLOWED.has(key)) continue;
    const all = query.getAll(key);
    if (all.length > 1) bad(key, 'given more than once');
    const v = all[0]!;
    if (isOptionName(key)) {
      if (v === '' || v === 'true' || v === '1') options[key] = true;
      else if (v === 'false' || v === '0') options[key] = false;
      else bad(key, `expected true or false, got '${v}'`);
    } else if (key === 'profile') {
      if (!SENTRY_PROFILES.includes(v as SentryProfile))
        bad(key, `expected ${SENTRY_PROFILES.join(' or ')}, got '${v}'`);
      req.profile = v as SentryProfile;
    } else if (key === 'environment' || key === 'release' || key === 'dsn' || key === 'sentAt') {
      if (v !== '') req[key] = v;
    } else if (key === 'target') {
      // Resolved by the route (it needs the forwarding settings); sentAt is the only other setting allowed.
      for (const other of query.keys())
        if (other !== 'target' && other !== 'sentAt' && !ALWAYS_ALLOWED.has(other))
          bad(other, 'cannot be combined with target (the target’s settings are what forwarding sends)');
    } else {
      bad(key, `unknown parameter (known: ${[...SETTINGS, ...OPTION_NAMES].join(', ')})`);
    }
  }
  if (Object.keys(options).length) req.options = options;
  return req;
}

/**
 * The preview as forwarding target `targetId` would send the trace: its profile, options, environment,
 * release and resource rules, through the same functions forwarding calls. Its DSN keys are masked.
 */
function previewForTarget(
  spans: Parameters<typeof buildSentryPreview>[0],
  targetId: string,
  sentAt: string | undefined,
  ctx: ApiContext,
): SentryPreviewResponse {
  const target = ctx.forwarding?.target(targetId);
  if (!target) bad('target', `no forwarding target '${targetId}' (see GET /api/v1/forwarding)`);
  if (target.kind === 'otlp-http')
    bad(
      'target',
      `'${targetId}' is an OTLP/HTTP target: see what it gets with POST /api/v1/forward and dryRun`,
    );
  const request = targetPreviewRequest(target);
  if (sentAt) request.sentAt = sentAt;
  const preview = buildSentryPreview(applyResourceRules(spans, target.resourceRules), request);
  return JSON.parse(redact(JSON.stringify(preview), targetSecrets(target))) as SentryPreviewResponse;
}

export const sentryRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/traces/:traceId/sentry',
    handler: ({ params, query }, ctx) => {
      const { store } = ctx;
      const request = parseSentryQuery(query);
      const id = parseTraceId(params.traceId);
      const trace = store.getTrace(id);
      if (!trace)
        throw new HttpError(404, `trace ${id} is not in the store (never received, evicted or cleared)`);
      try {
        const targetId = query.get('target');
        if (targetId) return json(previewForTarget(trace.spans, targetId, request.sentAt, ctx));
        return json(buildSentryPreview(trace.spans, request) satisfies SentryPreviewResponse);
      } catch (e) {
        if (e instanceof PreviewRequestError) throw new HttpError(400, e.message);
        throw e;
      }
    },
  },
];
