// Where a Sentry target takes envelopes. A sentry-otlp target's URL is the project's OTLP traces endpoint;
// its envelope endpoint (for client reports and the connection test) sits beside it under the same project.
import type { DeliveryTarget } from './types.js';

export function envelopeUrlOf(target: Pick<DeliveryTarget, 'kind' | 'url'>): string | undefined {
  if (target.kind === 'sentry-envelope') return target.url;
  if (target.kind === 'sentry-otlp') {
    const m = /^(.*\/api\/[^/]+)\/integration\/otlp\/v1\/traces\/?$/.exec(target.url);
    return m ? `${m[1]}/envelope/` : undefined;
  }
  return undefined;
}
