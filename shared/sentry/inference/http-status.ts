// The Sentry status of an HTTP span whose OTel status is UNSET, read from its response status code, as
// Sentry's own OpenTelemetry integration does (getsentry/sentry-javascript packages/opentelemetry
// src/utils/mapStatus.ts `inferStatusFromAttributes`, with @sentry/core src/tracing/spanstatus.ts
// `getSpanStatusFromHttpCode`). OTel leaves a SERVER span's status UNSET for 4xx (a client's mistake is not a
// server error), so without this a 404 page is an `ok` transaction.
import { findAttribute } from '../../model/attributes.js';
import { SpanKind, StatusCode, type Span } from '../../model/span.js';
import type { SentrySpanStatus } from '../payload.js';

/** Sentry's HTTP code → span status table (getSpanStatusFromHttpCode), not the classic exporter's. */
export function sentryStatusFromHttpCode(code: number): SentrySpanStatus {
  if (code >= 100 && code < 400) return 'ok';
  if (code >= 400 && code < 500) return SENTRY_4XX[code] ?? 'invalid_argument';
  if (code >= 500 && code < 600) return SENTRY_5XX[code] ?? 'internal_error';
  return 'internal_error';
}

const SENTRY_4XX: Readonly<Record<number, SentrySpanStatus>> = {
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  413: 'failed_precondition',
  429: 'resource_exhausted',
  499: 'cancelled',
};

const SENTRY_5XX: Readonly<Record<number, SentrySpanStatus>> = {
  501: 'unimplemented',
  503: 'unavailable',
  504: 'deadline_exceeded',
};

/** The response code keys, in Sentry's order: the current name wins over the old one. */
const HTTP_STATUS_KEYS = ['http.response.status_code', 'http.status_code'] as const;

interface HttpStatusCode {
  code: number;
  key: (typeof HTTP_STATUS_KEYS)[number];
}

/** The HTTP response code of a span (int, or a numeric string as some SDKs send), if any. */
export function httpStatusCode(span: Span): HttpStatusCode | undefined {
  for (const key of HTTP_STATUS_KEYS) {
    const v = findAttribute(span.attributes, key);
    if (!v) continue;
    const n =
      'intValue' in v
        ? Number(v.intValue)
        : 'doubleValue' in v
          ? v.doubleValue
          : 'stringValue' in v
            ? Number.parseInt(v.stringValue, 10)
            : NaN;
    if (Number.isInteger(n)) return { code: n, key };
  }
  return undefined;
}

interface InferredStatus {
  status: SentrySpanStatus;
  code: number;
  key: HttpStatusCode['key'];
}

/**
 * The status Sentry's integration infers for a SERVER or CLIENT span whose status is UNSET and whose response
 * code is not a success (1xx–3xx); undefined when there is nothing to infer (the classic `ok` stands).
 * Only SERVER/CLIENT: an INTERNAL span copying a code is not the request itself (issue 12, choice).
 */
export function inferHttpStatus(span: Span): InferredStatus | undefined {
  if (span.status.code !== StatusCode.UNSET) return undefined;
  if (span.kind !== SpanKind.SERVER && span.kind !== SpanKind.CLIENT) return undefined;
  const c = httpStatusCode(span);
  if (!c) return undefined;
  const status = sentryStatusFromHttpCode(c.code);
  return status === 'ok' ? undefined : { status, code: c.code, key: c.key };
}
