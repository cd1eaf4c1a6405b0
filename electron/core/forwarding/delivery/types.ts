/**
 * The seam between forwarding delivery (outbox, HTTP, retries, rate limits) and forwarding routing
 * (targets, settings, sampling, routes). See FORWARDING-INTERFACE.md in the coordination notes; this file is
 * the source of truth for both sides. Extend only backwards compatibly.
 */

export type TargetKind = 'sentry-envelope' | 'sentry-otlp' | 'otlp-http';

/** What delivery needs to POST to one target; built by the routing side from settings (DSN already parsed). */
export interface DeliveryTarget {
  id: string;
  kind: TargetKind;
  /** Full endpoint: .../api/{project}/envelope/, Sentry OTLP traces URL, or OTLP/HTTP /v1/traces. */
  url: string;
  /** X-Sentry-Auth, or user headers for otlp-http; Content-Type and Content-Encoding are set by delivery. */
  headers: Record<string, string>;
  /** Requests in flight at once for this target; default 2. */
  concurrency?: number;
  /** Per-request timeout; default 10_000 ms. */
  timeoutMs?: number;
  /** Secrets (e.g. the DSN public key) delivery must never log or report. */
  redact?: readonly string[];
}

/** One unit of delivery: one Sentry envelope, or one OTLP/HTTP request body (protobuf or JSON). */
export interface NewDelivery {
  targetId: string;
  /** Traces this item carries (status per trace is derived from these). */
  traceIds: string[];
  /** Sentry event IDs inside (empty for OTLP). */
  eventIds: string[];
  /** For rate limits and client reports. */
  category: 'transaction' | 'error' | 'span' | 'client_report' | 'otlp';
  /** 'application/x-sentry-envelope' | 'application/x-protobuf' | 'application/json'. */
  contentType: string;
  /** Exactly what the preview shows (envelope text); gzip is delivery's job. */
  body: string | Uint8Array;
  /** How many events or spans the item carries, for client reports (default: eventIds.length, at least 1). */
  quantity?: number;
}

export type DeliveryEvent =
  | { type: 'queued'; id: string; targetId: string; traceIds: string[]; eventIds: string[] }
  | {
      type: 'sent';
      id: string;
      targetId: string;
      traceIds: string[];
      eventIds: string[];
      httpStatus: number;
      at: number;
    }
  | {
      type: 'failed';
      id: string;
      targetId: string;
      traceIds: string[];
      eventIds: string[];
      reason: string;
      httpStatus?: number;
      bodyExcerpt?: string;
      permanent: boolean;
      at: number;
    }
  | {
      type: 'rate-limited';
      id: string;
      targetId: string;
      traceIds: string[];
      until: number;
      categories: string[];
    }
  | {
      type: 'dropped';
      id: string;
      targetId: string;
      traceIds: string[];
      eventIds: string[];
      reason: 'outbox_full' | 'rate_limited' | 'target_removed';
    };

/** queued + sent + failed + dropped == ever enqueued. */
export interface DeliveryCounters {
  queued: number;
  sent: number;
  failed: number;
  dropped: number;
}

export interface TargetDeliveryStatus extends DeliveryCounters {
  targetId: string;
  rateLimitedUntil?: Record<string, number>;
  lastError?: { at: number; reason: string; httpStatus?: number; bodyExcerpt?: string };
  lastSuccessAt?: number;
}

export interface ConnectionTestResult {
  ok: boolean;
  stage: 'dns' | 'tcp' | 'tls' | 'http' | 'auth' | 'project' | 'rate-limit' | 'ok';
  message: string;
  httpStatus?: number;
}

export interface DeliveryService {
  /** Replace the target list; items of removed targets are dropped (counted). */
  setTargets(targets: DeliveryTarget[]): void;
  /** Persists to the outbox before returning the id (or throws). */
  enqueue(item: NewDelivery): string;
  /** Totals, and per target: every configured one, plus removed ones with counts (counters only). */
  status(): { totals: DeliveryCounters; targets: TargetDeliveryStatus[] };
  onEvent(listener: (e: DeliveryEvent) => void): () => void;
  testConnection(target: DeliveryTarget): Promise<ConnectionTestResult>;
  /** Stops timers and sockets; pending items stay in the outbox. */
  close(): Promise<void>;
}

export interface DeliveryServiceOptions {
  dataDir: string;
  /** Cap of the outbox files in bytes (default 64 MiB); past it the oldest items are dropped and counted. */
  maxOutboxBytes?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** Timers to go with `now` (tests run a faster clock); default the real ones. */
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** Retry backoff: delay after the first failure and its upper bound (defaults 1 s and 30 s). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** OTLP batching (defaults: 200 ms window, 1 MiB, 512 items per request). */
  batch?: { windowMs?: number; maxBytes?: number; maxItems?: number };
  /** Item bodies kept in memory (default 16 MiB); the rest is read back from the outbox when sent. */
  memoryBytes?: number;
  /** A rate limit longer than this drops the waiting items (counted, client report); default 10 minutes. */
  maxRateLimitWaitMs?: number;
  /** Discards are gathered this long before one client report is queued; default 1 s. */
  clientReportDelayMs?: number;
  /** false keeps the outbox in memory only (no crash safety): the benchmark's baseline. Default true. */
  persist?: boolean;
}

export type CreateDeliveryService = (opts: DeliveryServiceOptions) => Promise<DeliveryService>;
