// The local API's contract: both the core (electron/core/api) and the UI (renderer/) import these types,
// so a change to the API fails to compile on both sides. docs/api.md documents the same routes for humans.
import type { RejectReason, Span } from '../model/span.js';
import type { SentryPreview } from '../sentry/preview.js';

export const API_PREFIX = '/api/v1';

/** One row of the trace list. */
export interface TraceSummary {
  traceId: string;
  /** Name of the root span (no parent in this trace), else of the earliest span. */
  rootName: string;
  /** service.name of that span ('' when unknown). */
  rootService: string;
  /** Distinct service.name values, sorted. */
  services: string[];
  spanCount: number;
  /** Spans with status ERROR, or with an `exception` event. */
  errorCount: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationMs: number;
  /** Wall-clock ms when the first / latest span of this trace arrived. */
  firstReceivedAt: number;
  lastReceivedAt: number;
  /** True once no span has arrived for the idle window (the collector's decision_wait). */
  complete: boolean;
  pinned: boolean;
  /** Whether a span without a parent has been seen. */
  hasRoot: boolean;
  /** Monotonic revision: bumps whenever the trace changes (new spans, pin). */
  revision: number;
}

export interface TraceListQuery {
  /** Only traces with a span of this service.name. */
  service?: string;
  /** Case-insensitive substring of trace ID, span names, services or string attribute values. */
  q?: string;
  errorsOnly?: boolean;
  minDurationMs?: number;
  /** Page size, 1..1000 (default 100). */
  limit?: number;
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string;
}

/** Traces newest first (by first receipt). */
export interface TraceListResponse {
  traces: TraceSummary[];
  /** How many traces match the filter in all. */
  total: number;
  nextCursor: string | null;
}

export interface TraceResponse {
  summary: TraceSummary;
  /** Sorted by start time, then span ID. */
  spans: Span[];
}

/**
 * Filters of GET /spans: TraceListQuery's, applied to single spans (service is the span's resource
 * service.name; q also matches the span ID; errorsOnly means status ERROR or an `exception` event).
 */
export interface SpanListQuery extends TraceListQuery {
  /** Only spans of this trace. */
  traceId?: string;
}

/** One row of the span-level table: a span without its resource/scope bulk. */
export interface SpanRow {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  service: string;
  kind: number;
  statusCode: number;
  startTimeUnixNano: string;
  durationMs: number;
  attributeCount: number;
  hasException: boolean;
}

export interface SpanListResponse {
  spans: SpanRow[];
  total: number;
  nextCursor: string | null;
}

export interface Counters {
  /** Spans that arrived in decodable requests. */
  received: number;
  /** received - rejected */
  accepted: number;
  /** Spans held now. */
  stored: number;
  /** Spans dropped to stay within the limits. */
  evicted: number;
  /** Spans refused, in all. */
  rejected: number;
  rejectedByReason: Record<RejectReason, number>;
  /** Requests that could not be decoded at all (their spans are unknown, so not in `received`). */
  badRequests: number;
  /** Traces held now. */
  traces: number;
  /** Estimated bytes held now. */
  storedBytes: number;
}

export interface StoreLimits {
  maxSpans: number;
  maxBytes: number;
  idleTimeoutMs: number;
}

export type ReceiverProtocol = 'otlp-grpc' | 'otlp-http';
export type ReceiverState = 'listening' | 'port-in-use' | 'error' | 'stopped';

export interface ReceiverInfo {
  protocol: ReceiverProtocol;
  state: ReceiverState;
  /** host:port actually bound (IPv6 in brackets), or the requested one when not listening. */
  address: string;
  /** Every address bound (127.0.0.1 and ::1 by default). */
  addresses: string[];
  /** The endpoint to paste into OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  error?: string;
}

export interface StatsResponse {
  counters: Counters;
  limits: StoreLimits;
  /** True while the store has evicted in the last minute: the UI shows a banner. */
  evicting: boolean;
  /** Spans accepted per second over the last 60 s, oldest first (one bucket per second). */
  spansPerSecond: number[];
  receivers: ReceiverInfo[];
  startedAt: number;
  version: string;
}

export interface ReceiversResponse {
  receivers: ReceiverInfo[];
  /** Ready-to-paste environment settings. */
  env: { http: Record<string, string>; grpc: Record<string, string> };
}

/** GET and PUT /api/v1/settings (PUT takes a JSON object of the fields to change). */
export interface SettingsResponse {
  /** The store limits and idle window in force, plus any other fields the settings file holds. */
  settings: StoreLimits & Record<string, unknown>;
  /** The settings file changes are saved to, or null when this inspector has none (changes last until exit). */
  file: string | null;
}

export interface OkResponse {
  ok: true;
}

export interface ErrorResponse {
  error: string;
}

export interface DemoResponse {
  traceId: string;
}

/**
 * Messages on the live stream (GET /api/v1/stream, Server-Sent Events). The server batches changes and
 * sends at most a few `delta` messages a second, never one per span.
 */
export type StreamMessage =
  | {
      type: 'hello';
      stats: StatsResponse;
    }
  | {
      type: 'delta';
      /** Traces created or changed since the last delta (latest state). */
      upserted: TraceSummary[];
      /** Trace IDs evicted since the last delta. */
      removed: string[];
      stats: StatsResponse;
    }
  | { type: 'cleared'; stats: StatsResponse };

/**
 * GET /api/v1/traces/{traceId}/sentry?profile=collector|sentry-otlp&<option>=true|false&environment=&release=&dsn=&sentAt=
 * The Sentry preview of one trace (see shared/sentry/preview.ts and docs/sentry-mapping.md).
 */
export type SentryPreviewResponse = SentryPreview;

/** Route table, for both sides to build URLs from. */
export const routes = {
  traces: () => `${API_PREFIX}/traces`,
  trace: (traceId: string) => `${API_PREFIX}/traces/${encodeURIComponent(traceId)}`,
  pin: (traceId: string) => `${API_PREFIX}/traces/${encodeURIComponent(traceId)}/pin`,
  sentry: (traceId: string) => `${API_PREFIX}/traces/${encodeURIComponent(traceId)}/sentry`,
  spans: () => `${API_PREFIX}/spans`,
  stats: () => `${API_PREFIX}/stats`,
  receivers: () => `${API_PREFIX}/receivers`,
  stream: () => `${API_PREFIX}/stream`,
  demo: () => `${API_PREFIX}/demo`,
  settings: () => `${API_PREFIX}/settings`,
} as const;
