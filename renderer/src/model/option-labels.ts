// Plain names for the mapping options, shown on the Sentry tab's toggles with the identifier (the query
// parameter and settings key) as secondary text. The one-line descriptions stay in shared/sentry/options.ts.
import type { OptionName } from '../../../shared/sentry/options.js';

export const OPTION_LABELS: Record<OptionName, string> = {
  semconvFallbacks: 'Read current semconv names',
  httpRouteNames: 'Use http.route for names',
  spanData: 'Attributes as span data',
  tagLimits: 'Fit tags to Sentry limits',
  exceptionDetails: 'Full error events',
  resourceContext: 'Release, environment from resource',
  unknownErrorStatus: 'Unknown failures as unknown_error',
  groupOrphans: 'Group orphan spans',
  keepRootlessTraces: 'Keep traces without a root',
  samplingContext: 'Send the sampling context',
  dedupeExceptions: 'One error per thrown exception',
  httpStatusInference: 'HTTP status from the response code',
  frameworkOps: 'Framework span ops',
};
