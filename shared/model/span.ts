// The span model every layer shares. It mirrors OTLP/JSON (camelCase, int64 as decimal strings, IDs as
// lowercase hex) so that the "raw JSON" a user copies is recognisably OTLP and nothing is lost: nanosecond
// timestamps stay exact, ints stay ints, bytes stay bytes.

/** One OTLP AnyValue. Exactly one key is present; an empty object is OTLP's "empty" value. */
export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  /** int64 as a decimal string, exactly as received (may exceed 2^53). */
  | { intValue: string }
  | { doubleValue: number }
  /** base64 (standard alphabet, padded). */
  | { bytesValue: string }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export const SpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];
export const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;

export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];
export const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

export interface Resource {
  attributes: KeyValue[];
  droppedAttributesCount: number;
  /** ResourceSpans.schema_url */
  schemaUrl: string;
}

export interface Scope {
  name: string;
  version: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
  /** ScopeSpans.schema_url */
  schemaUrl: string;
}

export interface SpanEvent {
  /** ns since epoch, decimal string */
  timeUnixNano: string;
  name: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
  flags: number;
}

export interface SpanStatus {
  code: StatusCode;
  message: string;
}

export interface Span {
  /** 32 lowercase hex digits */
  traceId: string;
  /** 16 lowercase hex digits */
  spanId: string;
  /** 16 lowercase hex digits, or '' for a root span */
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  kind: SpanKind;
  /** ns since epoch, decimal string, exact */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  status: SpanStatus;
  /** Shared by every span of the same ResourceSpans: treat as read-only. */
  resource: Resource;
  /** Shared by every span of the same ScopeSpans: treat as read-only. */
  scope: Scope;
}

/** A span that a receiver refused (e.g. an all-zero trace ID), counted per reason. */
export type RejectReason =
  | 'invalid_trace_id'
  | 'invalid_span_id'
  | 'invalid_parent_span_id'
  | 'store_full'
  /** A span whose span ID is already held in its trace (the first copy is kept). */
  | 'duplicate_span';

export const REJECT_REASONS: readonly RejectReason[] = [
  'invalid_trace_id',
  'invalid_span_id',
  'invalid_parent_span_id',
  'store_full',
  'duplicate_span',
];

/** The outcome of decoding one OTLP ExportTraceServiceRequest, whatever its encoding. */
export interface DecodedTraces {
  spans: Span[];
  rejected: { reason: RejectReason; count: number }[];
  /** Human-readable reasons for partial_success.error_message (empty when nothing was rejected). */
  errors: string[];
}
