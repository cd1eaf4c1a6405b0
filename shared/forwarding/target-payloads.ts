// What one target receives for one trace: the single code path both forwarding and the preview (and the
// dry run) go through, so what is shown is what is sent. Sentry envelope targets get the collector
// profile's envelopes (shared/sentry/preview.ts collectorEnvelopes, the same function the preview renders);
// OTLP targets get one OTLP/JSON request. Resource rules are applied first, for every kind.
import type { Span } from '../model/span.js';
import { encodeTraceRequestJson } from '../otlp/json-encoder.js';
import { eventIdFor } from '../sentry/event-id.js';
import { buildForwardEnvelopeItems, type SentryPreviewRequest } from '../sentry/preview.js';
import { applyResourceRules } from './resource-rules.js';
import type { ForwardTarget } from './target-types.js';
import { parsedDsn } from './targets.js';

const ENVELOPE_CONTENT_TYPE = 'application/x-sentry-envelope';
const OTLP_JSON_CONTENT_TYPE = 'application/json';

/** One request body for delivery (structurally the core's NewDelivery without targetId/traceIds). */
export interface TargetItem {
  category: 'transaction' | 'error' | 'span' | 'otlp';
  contentType: string;
  eventIds: string[];
  body: string;
}

/**
 * The preview request equivalent to a Sentry target's settings (the preview route with `&target=` uses it;
 * the resource rules are applied to the spans by the caller, as here).
 */
export function targetPreviewRequest(t: ForwardTarget): SentryPreviewRequest {
  const req: SentryPreviewRequest = { profile: t.kind === 'sentry-otlp' ? 'sentry-otlp' : 'collector' };
  if (t.dsn) req.dsn = t.dsn;
  if (t.options) req.options = t.options;
  if (t.environment) req.environment = t.environment;
  if (t.release) req.release = t.release;
  return req;
}

/**
 * A resend's event ID: derived from the first send's and the send number, so it is new to Sentry (which
 * drops an event ID it has seen) yet the same on a retry of that resend.
 */
function resendEventId(eventId: string, send: number): string {
  return eventIdFor('resend', eventId, String(send));
}

/**
 * The items for one trace. `send` is 1 for the first send; a larger number gives every event a new ID
 * (a resend). `sentAt` is the RFC 3339 sending time.
 */
export function targetItems(
  spans: readonly Span[],
  target: ForwardTarget,
  sentAt: string,
  send = 1,
): TargetItem[] {
  const shaped = applyResourceRules(spans, target.resourceRules);
  if (target.kind !== 'sentry-envelope')
    return [
      {
        category: target.kind === 'sentry-otlp' ? 'span' : 'otlp',
        contentType: OTLP_JSON_CONTENT_TYPE,
        eventIds: [],
        body: encodeTraceRequestJson(shaped),
      },
    ];
  const req = targetPreviewRequest(target);
  const envelopes = buildForwardEnvelopeItems(shaped, {
    sentAt,
    dsn: parsedDsn(target),
    ...(req.options ? { options: req.options } : {}),
    ...(req.environment ? { environment: req.environment } : {}),
    ...(req.release ? { release: req.release } : {}),
  });
  return envelopes.map((e) => {
    let body = e.text;
    let eventId = e.eventId;
    if (send > 1) {
      eventId = resendEventId(e.eventId, send);
      body = body.split(e.eventId).join(eventId);
    }
    return {
      category: e.itemType === 'transaction' ? 'transaction' : 'error',
      contentType: ENVELOPE_CONTENT_TYPE,
      eventIds: [eventId],
      body,
    };
  });
}
