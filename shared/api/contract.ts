// The local API's contract: both the core (electron/core/api) and the UI (renderer/) import these types,
// so a change to the API fails to compile on both sides. docs/api.md documents the same routes for humans.
// Over 400 lines on purpose: it is types only, and one file is the one place both sides look for the API.
import type { RejectReason, Span } from '../model/span.js';
import type { SentryPreview } from '../sentry/preview.js';
import type { ForwardTarget } from '../forwarding/target-types.js';
import type { SamplingDecision, SamplingReason, SamplingRules } from '../sampling/types.js';

export type { ForwardTargetInput, ForwardTargetKind, ResourceAction } from '../forwarding/target-types.js';
export type {
  MatchField,
  MatchMode,
  MatchRule,
  SamplingDecision,
  SamplingReason,
  SamplingRules,
} from '../sampling/types.js';

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
  /**
   * HTTP response status of the root span (http.response.status_code, else the older http.status_code),
   * null when the root is not an HTTP span. Read once when the root arrives, so 404s stand out in the list.
   */
  httpStatus: number | null;
  /** Monotonic revision: bumps whenever the trace changes (new spans, pin, forwarding status). */
  revision: number;
  /** Forwarding status; absent when the trace was never queued for any target (state 'not-sent'). */
  forwarding?: TraceForwardStatus;
}

/** Orders of the trace list; 'received' (newest first) is the live order the stream keeps current. */
export type TraceSortKey =
  'received' | 'start' | 'duration' | 'spans' | 'errors' | 'name' | 'service' | 'httpStatus';
export const TRACE_SORT_KEYS: readonly TraceSortKey[] = [
  'received',
  'start',
  'duration',
  'spans',
  'errors',
  'name',
  'service',
  'httpStatus',
];
export type SortDirection = 'asc' | 'desc';

/** Filters shared by the trace list, the span list and the grouped view. */
export interface TraceFilterQuery {
  /** Only traces with a span of this service.name. */
  service?: string;
  /** Case-insensitive substring of trace ID, span names, services or string attribute values. */
  q?: string;
  errorsOnly?: boolean;
  minDurationMs?: number;
}

export interface TraceListQuery extends TraceFilterQuery {
  /** Only traces whose root span has this service.name (exact; a group of GET /groups). */
  rootService?: string;
  /** Only traces whose root span has this name (exact; a group of GET /groups). */
  rootName?: string;
  /** Order over every matching trace in the store (default 'received'). */
  sort?: TraceSortKey;
  /** Default 'desc'. Ties are broken newest received first. */
  dir?: SortDirection;
  /** Page size, 1..1000 (default 100). */
  limit?: number;
  /** Opaque cursor from a previous page's nextCursor (only valid with the same sort and dir). */
  cursor?: string;
}

/** Traces in the requested order (default newest received first). */
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
export interface SpanListQuery extends TraceFilterQuery {
  limit?: number;
  cursor?: string;
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

/** GET /groups: traces grouped by root service + root span name (Sentry's transaction), busiest first. */
export interface TraceGroup {
  rootService: string;
  rootName: string;
  count: number;
  /** Traces of the group with at least one error span. */
  errorCount: number;
  /** errorCount / count, 0..1. */
  errorRate: number;
  /** Duration percentiles (nearest rank) over the group's traces. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  lastReceivedAt: number;
}

/** GET /groups takes the list filters and a limit (1..1000, default 200) on the number of groups. */
export interface TraceGroupQuery extends TraceFilterQuery {
  limit?: number;
}

export interface TraceGroupResponse {
  /** Busiest first (count descending, then service and name). */
  groups: TraceGroup[];
  /** Groups in all (more than groups.length when the limit cut the list). */
  totalGroups: number;
  /** Traces matching the filter (the sum of all groups' counts). */
  traces: number;
}

/** How a trace would land in Sentry under one profile and options (GET /sentry/outcomes). */
export interface SentryOutcome {
  traceId: string;
  /** The summary revision it was computed for. */
  revision: number;
  transactions: number;
  /** sentry-otlp: Sentry spans; collector: spans inside the transactions. */
  spans: number;
  errors: number;
  lints: number;
  /** Lints of severity error (what Sentry would drop or reject). */
  lintErrors: number;
}

export interface SentryOutcomeResponse {
  outcomes: SentryOutcome[];
  /** Requested trace IDs not in the store. */
  missing: string[];
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
type ReceiverState = 'listening' | 'port-in-use' | 'error' | 'stopped';

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
  /** Forwarding counters and per-target status (absent when the inspector has no forwarding). */
  forwarding?: ForwardingStatus;
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

// ---- Forwarding (issue 10) --------------------------------------------------------------------------

/** Per trace: 'not-sent' until queued; then the least advanced state over its targets. */
export type TraceForwardState = 'not-sent' | 'queued' | 'sent' | 'failed' | 'rate-limited';

export interface TraceTargetForwardStatus {
  targetId: string;
  /** queued: an item is waiting or being retried; rate-limited: waiting for `rateLimitedUntil`. */
  state: Exclude<TraceForwardState, 'not-sent'>;
  /** Sentry event IDs delivered (accepted by the target), over every send. Empty for OTLP targets. */
  eventIds: string[];
  /** When the last item of this trace was accepted (ms). */
  sentAt?: number;
  /** Why the last item failed or was dropped (never holds a DSN key). */
  reason?: string;
  httpStatus?: number;
  /** Epoch ms until which the target's rate limit holds this trace back. */
  rateLimitedUntil?: number;
  /** How many times the trace was queued for this target (1, or more after `resend: true`). */
  sends: number;
}

export interface TraceForwardStatus {
  state: TraceForwardState;
  targets: TraceTargetForwardStatus[];
  /** The latest automatic sampling decision; `decisions` > 1 when late spans made a second decision. */
  sampling?: SamplingDecision & { decisions: number };
}

/** queued + sent + failed + dropped == every item (envelope or OTLP request) ever enqueued. */
interface ForwardingCounters {
  queued: number;
  sent: number;
  failed: number;
  dropped: number;
}

export interface TargetForwardStatus extends ForwardingCounters {
  targetId: string;
  /** Rate limits in force: category ('' = all) → epoch ms. */
  rateLimitedUntil?: Record<string, number>;
  /** The last failure: HTTP status and an excerpt of the response body when there was a response. */
  lastError?: { at: number; reason: string; httpStatus?: number; bodyExcerpt?: string };
  lastSuccessAt?: number;
}

/** Tail-sampling tallies since start (automatic mode). */
export interface SamplerCounters {
  /** Decisions made, late ones included. */
  decisions: number;
  /** Second (or later) decisions for traces that got spans after they had completed. */
  lateDecisions: number;
  kept: number;
  dropped: number;
  byReason: Record<SamplingReason, number>;
}

export interface ForwardingStatus {
  counters: ForwardingCounters;
  targets: TargetForwardStatus[];
  sampler: SamplerCounters;
}

/**
 * A target as the API shows it: the DSN with its public (and secret) key masked, header values masked.
 * PUT accepts the masked values back unchanged and keeps the stored secret.
 */
export interface ForwardTargetView extends ForwardTarget {
  /** Where it POSTs (no key in it): the envelope URL, Sentry's OTLP traces URL, or the OTLP/HTTP URL. */
  endpoint: string;
}

/** GET /api/v1/forwarding */
export interface ForwardingResponse {
  targets: ForwardTargetView[];
  sampling: SamplingRules;
  status: ForwardingStatus;
  /** How the DSN is kept in the settings file: encrypted by the OS (Electron safeStorage), or plain text
   *  in a file only the user can read (mode 0600). */
  secretStorage: 'os-encrypted' | 'plain-0600';
  /** Targets in the settings file that could not be loaded (e.g. sealed by the desktop app's keychain while
   *  running headless), with why. They stay in the file until replaced or deleted. */
  problems?: { id: string; problem: string }[];
  /** The settings file, or null when changes last until exit. */
  file: string | null;
}

/** PUT /api/v1/forwarding/targets/{id} answers the target as stored (masked). */
export type ForwardTargetResponse = ForwardTargetView;

/** PUT /api/v1/forwarding/sampling takes a (partial) SamplingRules and answers the rules in force. */
export type SamplingRulesResponse = SamplingRules;

/** POST /api/v1/forwarding/targets/{id}/test — sends an envelope with only a client report. */
export interface TargetTestResponse {
  ok: boolean;
  stage: 'dns' | 'tcp' | 'tls' | 'http' | 'auth' | 'project' | 'rate-limit' | 'ok';
  message: string;
  httpStatus?: number;
}

/** The most trace IDs one POST /api/v1/forward takes (the UI sends a bigger selection in several). */
export const MAX_FORWARD_TRACE_IDS = 1000;

/** POST /api/v1/forward */
export interface ForwardRequest {
  /** 32-hex trace IDs held in the store (at most MAX_FORWARD_TRACE_IDS). */
  traceIds: string[];
  /** Default: every enabled target. Named targets get the traces even when disabled. */
  targetIds?: string[];
  /** Answer with what would be sent, queue nothing. */
  dryRun?: boolean;
  /** Send again (as new events, with new event IDs) a trace already queued or sent to a target. */
  resend?: boolean;
}

/**
 * Per trace and target: queued (now), would-send (dryRun), already-sent / already-queued (not sent again:
 * pass resend), not-found (trace not in the store), error (could not be encoded or enqueued: see message).
 */
type ForwardOutcome = 'queued' | 'would-send' | 'already-sent' | 'already-queued' | 'not-found' | 'error';

/** One request body that would be (dryRun) POSTed: an envelope, or one OTLP/JSON request. */
export interface ForwardItemPreview {
  contentType: string;
  category: string;
  eventIds: string[];
  /** The body as text with any DSN key masked (gzip is applied on the wire). */
  body: string;
}

export interface ForwardTargetResult {
  targetId: string;
  outcome: ForwardOutcome;
  /** Event IDs queued, or (already-sent) delivered before. */
  eventIds: string[];
  message?: string;
  /** dryRun only. */
  items?: ForwardItemPreview[];
}

export interface ForwardTraceResult {
  traceId: string;
  /** 'not-found' for a trace the store does not hold; else one result per target. */
  outcome: 'ok' | 'not-found';
  targets: ForwardTargetResult[];
}

export interface ForwardResponse {
  dryRun: boolean;
  traces: ForwardTraceResult[];
}

/**
 * GET /api/v1/sampling/simulate[?rules=<JSON of a partial SamplingRules>][&limit=N]
 * What the rules (the current ones, or the proposed ones overlaid on them) would keep of the traces held.
 */
export interface SamplingSimulateResponse {
  rules: SamplingRules;
  total: number;
  kept: number;
  dropped: number;
  byReason: Record<SamplingReason, number>;
  /** The first `limit` (default 100) decisions, newest trace first. */
  decisions: (SamplingDecision & { traceId: string })[];
}

/**
 * Every route's path below API_PREFIX, `:name` standing for one path segment. The core's route tables use
 * these as they are; `routes` fills them in for the client.
 */
export const routePaths = {
  traces: '/traces',
  trace: '/traces/:traceId',
  pin: '/traces/:traceId/pin',
  sentry: '/traces/:traceId/sentry',
  spans: '/spans',
  groups: '/groups',
  sentryOutcomes: '/sentry/outcomes',
  stats: '/stats',
  receivers: '/receivers',
  stream: '/stream',
  demo: '/demo',
  settings: '/settings',
  forwarding: '/forwarding',
  forwardingTarget: '/forwarding/targets/:targetId',
  forwardingTargetTest: '/forwarding/targets/:targetId/test',
  forwardingSampling: '/forwarding/sampling',
  forward: '/forward',
  samplingSimulate: '/sampling/simulate',
} as const;

/** API_PREFIX + the path, each `:name` replaced by its URI-encoded value. */
function fillPath(path: string, params: Record<string, string> = {}): string {
  return API_PREFIX + path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name]!));
}

/** Route table, for both sides to build URLs from. */
export const routes = {
  traces: () => fillPath(routePaths.traces),
  trace: (traceId: string) => fillPath(routePaths.trace, { traceId }),
  pin: (traceId: string) => fillPath(routePaths.pin, { traceId }),
  sentry: (traceId: string) => fillPath(routePaths.sentry, { traceId }),
  spans: () => fillPath(routePaths.spans),
  groups: () => fillPath(routePaths.groups),
  sentryOutcomes: () => fillPath(routePaths.sentryOutcomes),
  stats: () => fillPath(routePaths.stats),
  receivers: () => fillPath(routePaths.receivers),
  stream: () => fillPath(routePaths.stream),
  demo: () => fillPath(routePaths.demo),
  settings: () => fillPath(routePaths.settings),
  forwarding: () => fillPath(routePaths.forwarding),
  forwardingTarget: (targetId: string) => fillPath(routePaths.forwardingTarget, { targetId }),
  forwardingTargetTest: (targetId: string) => fillPath(routePaths.forwardingTargetTest, { targetId }),
  forwardingSampling: () => fillPath(routePaths.forwardingSampling),
  forward: () => fillPath(routePaths.forward),
  samplingSimulate: () => fillPath(routePaths.samplingSimulate),
} as const;
