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
import { parseTraceId } from './query-params.js';
import { HttpError, json, type ApiRoute } from './router.js';

const SETTINGS = ['profile', 'environment', 'release', 'dsn', 'sentAt'] as const;
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
    } else {
      bad(key, `unknown parameter (known: ${[...SETTINGS, ...OPTION_NAMES].join(', ')})`);
    }
  }
  if (Object.keys(options).length) req.options = options;
  return req;
}

export const sentryRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/traces/:traceId/sentry',
    handler: ({ params, query }, { store }) => {
      const request = parseSentryQuery(query);
      const id = parseTraceId(params.traceId);
      const trace = store.getTrace(id);
      if (!trace)
        throw new HttpError(404, `trace ${id} is not in the store (never received, evicted or cleared)`);
      try {
        return json(buildSentryPreview(trace.spans, request) satisfies SentryPreviewResponse);
      } catch (e) {
        if (e instanceof PreviewRequestError) throw new HttpError(400, e.message);
        throw e;
      }
    },
  },
];
