// The Sentry payloads the mapper produces, typed with Sentry's JSON key names. Optional keys are left out
// of the object (never set to undefined) so that JSON.stringify and deep equality agree.
import type { SentryFrame } from './stacktrace/types.js';

/** Sentry span status strings (Relay's accepted set, plus `unknown_error`). */
export type SentrySpanStatus =
  | 'ok'
  | 'cancelled'
  | 'unknown'
  | 'unknown_error'
  | 'invalid_argument'
  | 'deadline_exceeded'
  | 'not_found'
  | 'already_exists'
  | 'permission_denied'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal_error'
  | 'unavailable'
  | 'data_loss'
  | 'unauthenticated';

export interface SdkInfo {
  name: string;
  version: string;
}

/** A span inside a transaction event (Sentry's v1 span). */
export interface SentrySpan {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  op?: string;
  description?: string;
  status?: SentrySpanStatus;
  tags?: Record<string, string>;
  data?: Record<string, unknown>;
  /** RFC 3339 with nanoseconds (the Go exporter's form). */
  start_timestamp: string;
  timestamp: string;
}

export interface TraceContext {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  op?: string;
  description?: string;
  status?: SentrySpanStatus;
  data?: Record<string, unknown>;
}

export interface TransactionEvent {
  type: 'transaction';
  event_id: string;
  /** Left out when the root span's name is empty (sentry-go `omitempty`). */
  transaction?: string;
  transaction_info?: { source: 'route' | 'url' | 'custom' };
  start_timestamp: string;
  timestamp: string;
  contexts: { trace: TraceContext; otel?: { resource: Record<string, unknown> } };
  tags: Record<string, string>;
  spans?: SentrySpan[];
  sdk: SdkInfo;
  environment?: string;
  release?: string;
  server_name?: string;
  platform?: string;
  user: Record<string, never>;
}

/** A frame as the stack-trace parsers produce it is exactly what an exception's stacktrace carries. */
export type ExceptionFrame = SentryFrame;

export interface ExceptionValue {
  type?: string;
  value?: string;
  mechanism?: { type: string; handled?: boolean };
  stacktrace?: { frames: ExceptionFrame[] };
}

export interface ErrorEvent {
  event_id: string;
  level: 'error';
  timestamp: string;
  transaction?: string;
  /** Classic only: Relay reads `message` as a legacy alias of `logentry`. */
  message?: string;
  /** Classic: a bare list (sentry-go's form); improved: `{ values }` (the documented form). */
  exception: ExceptionValue[] | { values: ExceptionValue[] };
  contexts: { trace: TraceContext; otel?: { attributes: Record<string, unknown> } };
  tags: Record<string, string>;
  sdk: SdkInfo;
  environment?: string;
  release?: string;
  server_name?: string;
  platform?: string;
  /** Raw stack text we could not fully turn into frames: never dropped. */
  extra?: Record<string, unknown>;
  user: Record<string, never>;
}

/** One attribute of a Span V2 (what Relay stores for OTLP spans). */
export type SpanV2Attribute =
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'integer'; value: number | string }
  | { type: 'double'; value: number };

/** Sentry Span V2, as Relay derives it from one OTLP span (sentry-protocol.md §5.3–5.4). */
export interface SentrySpanV2 {
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
  name: string;
  status: 'ok' | 'error';
  is_segment: boolean;
  start_timestamp: number;
  end_timestamp: number;
  attributes: Record<string, SpanV2Attribute>;
  links?: {
    trace_id: string;
    span_id: string;
    sampled: boolean;
    attributes?: Record<string, SpanV2Attribute>;
  }[];
}
