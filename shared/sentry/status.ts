// Span status: the classic exporter's statusFromSpanStatus (sentryexporter.md §3.4.2) with its HTTP and
// gRPC tables, plus the improvements (current semconv keys, `unknown_error`).
import type { Span } from '../model/span.js';
import { inferHttpStatus } from './inference/http-status.js';
import type { OptionName } from './options.js';
import type { SentrySpanStatus } from './payload.js';

/** The classic exporter's HTTP table (keys are the stringified `http.status_code` tag). */
export const HTTP_STATUS_TABLE: Readonly<Record<string, SentrySpanStatus>> = {
  '400': 'failed_precondition',
  '401': 'unauthenticated',
  '403': 'permission_denied',
  '404': 'not_found',
  '409': 'aborted',
  '429': 'resource_exhausted',
  '499': 'cancelled',
  '500': 'internal_error',
  '501': 'unimplemented',
  '503': 'unavailable',
  '504': 'deadline_exceeded',
};

/** The classic exporter's gRPC table (`rpc.grpc.status_code`); 0 and anything else are unknown. */
export const GRPC_STATUS_TABLE: Readonly<Record<string, SentrySpanStatus>> = {
  '1': 'cancelled',
  '2': 'unknown',
  '3': 'invalid_argument',
  '4': 'deadline_exceeded',
  '5': 'not_found',
  '6': 'already_exists',
  '7': 'permission_denied',
  '8': 'resource_exhausted',
  '9': 'failed_precondition',
  '10': 'aborted',
  '11': 'out_of_range',
  '12': 'unimplemented',
  '13': 'internal_error',
  '14': 'unavailable',
  '15': 'data_loss',
  '16': 'unauthenticated',
};

/** `rpc.status_code` (current semconv) may carry the code's name rather than its number. */
const GRPC_CODE_NAMES: Readonly<Record<string, string>> = {
  CANCELLED: '1',
  UNKNOWN: '2',
  INVALID_ARGUMENT: '3',
  DEADLINE_EXCEEDED: '4',
  NOT_FOUND: '5',
  ALREADY_EXISTS: '6',
  PERMISSION_DENIED: '7',
  RESOURCE_EXHAUSTED: '8',
  FAILED_PRECONDITION: '9',
  ABORTED: '10',
  OUT_OF_RANGE: '11',
  UNIMPLEMENTED: '12',
  INTERNAL: '13',
  UNAVAILABLE: '14',
  DATA_LOSS: '15',
  UNAUTHENTICATED: '16',
};

export interface StatusResult {
  status: SentrySpanStatus;
  /** The status message the tags and error events carry ('' when none). */
  message: string;
  /** How the status was chosen, for provenance. */
  rule: string;
  /** The tag the status was read from, if any. */
  key?: string;
  /** The option that decided the status, when not the classic rules. */
  option?: OptionName;
}

/** Read access to the merged tag map without building it. */
export interface TagLookup {
  get(key: string): string | undefined;
}

class RecordLookup implements TagLookup {
  constructor(private readonly tags: Readonly<Record<string, string>>) {}
  get(key: string): string | undefined {
    return Object.hasOwn(this.tags, key) ? this.tags[key] : undefined;
  }
}

function isLookup(t: object): t is TagLookup {
  return typeof (t as TagLookup).get === 'function';
}

interface StatusOptions {
  semconvFallbacks: boolean;
  unknownErrorStatus: boolean;
  /** UNSET SERVER/CLIENT spans with an HTTP error code get Sentry's inferred status (inference/http-status.ts). */
  httpStatusInference?: boolean;
}

/**
 * `tags` is the merged tag map (span attributes, then resource attributes, stringified), which is where the
 * classic exporter looks the codes up (so a resource attribute overrides the span's, as in Go).
 */
export function statusFromSpanStatus(
  code: number,
  message: string,
  tags: Readonly<Record<string, string>> | TagLookup,
  opts: StatusOptions,
  /** The span itself, for httpStatusInference (its kind and its own attributes, as Sentry reads them). */
  span?: Span,
): StatusResult {
  if (code === 0 && span && opts.httpStatusInference) {
    const inferred = inferHttpStatus(span);
    if (inferred)
      return {
        status: inferred.status,
        message,
        rule: 'sentry-http-status-inference',
        key: inferred.key,
        option: 'httpStatusInference',
      };
  }
  const lookup: TagLookup = isLookup(tags) ? tags : new RecordLookup(tags);
  const unknown: SentrySpanStatus = opts.unknownErrorStatus ? 'unknown_error' : 'unknown';
  if (code < 0 || code > 2 || !Number.isInteger(code))
    return { status: unknown, message: `error code ${code}`, rule: 'status-code-out-of-range' };
  if (code === 0 || code === 1)
    return { status: 'ok', message, rule: code === 0 ? 'status-unset' : 'status-ok' };

  let httpKey: string | undefined =
    lookup.get('http.status_code') !== undefined ? 'http.status_code' : undefined;
  if (!httpKey && opts.semconvFallbacks && lookup.get('http.response.status_code') !== undefined)
    httpKey = 'http.response.status_code';
  if (httpKey) {
    const mapped = HTTP_STATUS_TABLE[lookup.get(httpKey)!];
    if (mapped) return { status: mapped, message, rule: 'http-status-table', key: httpKey };
    return { status: unknown, message, rule: 'http-status-unmapped', key: httpKey };
  }

  let grpcKey: string | undefined =
    lookup.get('rpc.grpc.status_code') !== undefined ? 'rpc.grpc.status_code' : undefined;
  if (!grpcKey && opts.semconvFallbacks && lookup.get('rpc.status_code') !== undefined)
    grpcKey = 'rpc.status_code';
  if (grpcKey) {
    let value = lookup.get(grpcKey)!;
    if (grpcKey === 'rpc.status_code') value = GRPC_CODE_NAMES[value.toUpperCase()] ?? value;
    let mapped = GRPC_STATUS_TABLE[value];
    // The table's own "unknown" (code 2) is a failure whose cause is unknown, too.
    if (mapped === 'unknown') mapped = unknown;
    if (mapped) return { status: mapped, message, rule: 'grpc-status-table', key: grpcKey };
    return { status: unknown, message, rule: 'grpc-status-unmapped', key: grpcKey };
  }
  return { status: unknown, message, rule: 'status-error' };
}
