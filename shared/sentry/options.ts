// The mapping options: each one is an improvement over the classic collector exporter, on by default, and
// named so the API can take it as a query parameter (`?httpRouteNames=false`). With every option off the
// collector profile sends exactly what the classic (Era A) exporter sends.

export const OPTION_NAMES = [
  'semconvFallbacks',
  'httpRouteNames',
  'spanData',
  'tagLimits',
  'exceptionDetails',
  'resourceContext',
  'unknownErrorStatus',
  'groupOrphans',
  'keepRootlessTraces',
  'samplingContext',
  'dedupeExceptions',
  'httpStatusInference',
  'frameworkOps',
] as const;

export type OptionName = (typeof OPTION_NAMES)[number];
export type MappingOptions = Record<OptionName, boolean>;

/** One line per option, for the docs, the API and the UI's toggles. */
export const OPTION_DESCRIPTIONS: Record<OptionName, string> = {
  semconvFallbacks:
    'Read current semantic-convention names when the old ones are absent (http.request.method, http.response.status_code, url.full, db.system.name, db.query.text, rpc.system.name, rpc.status_code, …).',
  httpRouteNames:
    'Name HTTP transactions and spans "METHOD route" from http.route (else the URL path) and send transaction_info.source (route, url, custom).',
  spanData: "Copy span attributes into the span's data (and the root's into contexts.trace.data).",
  tagLimits:
    "Cut tag keys and values to Sentry's 200-character limit and replace newlines in values, instead of letting Sentry discard them.",
  exceptionDetails:
    'Error events get a parsed stack trace, a mechanism, the event time, platform, environment and release, and the name of the transaction they belong to.',
  resourceContext:
    'Release from service.version, environment from deployment.environment.name / deployment.environment (unless set in the settings), server_name from host.name, platform from telemetry.sdk.language.',
  unknownErrorStatus:
    'A failed span whose cause is unknown gets "unknown_error" (Sentry maps it to internal_error) instead of "unknown".',
  groupOrphans:
    'A span whose parent never arrived becomes the root of one transaction holding its whole subtree, instead of one empty transaction per span.',
  keepRootlessTraces:
    'A trace with no transaction root is still sent (its orphans become transactions); the classic exporter drops the whole batch, errors included.',
  samplingContext:
    'Envelopes carry the trace header (dynamic sampling context: trace_id, public_key, sample_rate 1, sampled, environment, release, transaction).',
  dedupeExceptions:
    'An exception recorded on several spans of one trace (same type, message and stack, on a span and its ancestors) makes one error event, on the innermost span, instead of one per record.',
  httpStatusInference:
    "A SERVER or CLIENT span with status UNSET and an HTTP error code gets the status Sentry's OpenTelemetry integration infers (404 → not_found, 503 → unavailable, …) instead of ok.",
  frameworkOps:
    "Framework spans (Express/Fastify/Koa/Hapi/Connect/Hono/NestJS layers, Celery tasks, Jinja2 and Spring view rendering, Java controller spans) get the op and description Sentry's SDKs give them (middleware.express, queue.task.celery, template.render, …).",
};

export const DEFAULT_OPTIONS: Readonly<MappingOptions> = Object.freeze(
  Object.fromEntries(OPTION_NAMES.map((n) => [n, true])) as MappingOptions,
);

export const CLASSIC_OPTIONS: Readonly<MappingOptions> = Object.freeze(
  Object.fromEntries(OPTION_NAMES.map((n) => [n, false])) as MappingOptions,
);

export function isOptionName(name: string): name is OptionName {
  return (OPTION_NAMES as readonly string[]).includes(name);
}

/** Defaults overlaid with the given values. */
export function resolveOptions(partial?: Partial<MappingOptions>): MappingOptions {
  const out = { ...DEFAULT_OPTIONS };
  if (partial) for (const n of OPTION_NAMES) if (typeof partial[n] === 'boolean') out[n] = partial[n]!;
  return out;
}
