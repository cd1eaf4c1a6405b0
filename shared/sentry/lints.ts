// Lints: what Sentry would drop, cut or group badly, each with a stable code, a severity, the span
// concerned and a one-line fix. Codes never change meaning; new checks get new codes.
import { stringAttribute } from '../model/attributes.js';
import type { Resource, Span } from '../model/span.js';
import { compareNanos, durationMs } from '../model/time.js';
import type { CollectorMapping } from './collector/index.js';
import type { MappingOptions } from './options.js';
import { noParent, sortedOrder } from './order.js';
import type { OtlpMapping } from './otlp-profile.js';
import type { SentrySpan, TransactionEvent } from './payload.js';
import { utf8Length } from './utf8.js';

export const LINT_CODES = [
  'missing-service-name',
  'orphan-span',
  'too-many-spans',
  'span-name-slash',
  'end-before-start',
  'child-outside-parent',
  'invalid-id',
  'tag-too-long',
  'event-too-large',
  'high-cardinality-name',
  'exception-without-type-or-message',
  'no-transaction-root',
  'span-events-dropped',
  'old-semconv-op',
  'preview-cut',
  'duplicate-exception',
  'http-error-status-unset',
  'parentless-db-transaction',
  'sql-transaction-name',
] as const;
type LintCode = (typeof LINT_CODES)[number];

/**
 * Whether a lint reports data Sentry will not keep (as opposed to data kept but mangled, or a hint): the UI
 * lists these with the dropped spans. 'dropped': documented or reproduced; 'may-drop': one unconfirmed
 * report (the UI says "may be dropped"). A record over every code, so a new code must decide.
 */
const DROPS_DATA: Record<LintCode, 'dropped' | 'may-drop' | false> = {
  'missing-service-name': false,
  'orphan-span': false,
  'too-many-spans': 'dropped',
  'span-name-slash': 'may-drop',
  'end-before-start': false,
  'child-outside-parent': false,
  'invalid-id': false,
  'tag-too-long': false,
  'event-too-large': false,
  'high-cardinality-name': false,
  'exception-without-type-or-message': false,
  'no-transaction-root': false,
  'span-events-dropped': 'dropped',
  'old-semconv-op': false,
  // The preview left part of the trace out; Sentry itself would still receive it.
  'preview-cut': false,
  'duplicate-exception': false,
  'http-error-status-unset': false,
  'parentless-db-transaction': false,
  'sql-transaction-name': false,
};

/** How sure a lint about dropped data is: 'dropped', 'may-drop', or undefined for other lints. */
export function droppedDataCertainty(lint: Pick<Lint, 'code'>): 'dropped' | 'may-drop' | undefined {
  return DROPS_DATA[lint.code] || undefined;
}
export type LintSeverity = 'error' | 'warning' | 'info';

export interface Lint {
  code: LintCode;
  severity: LintSeverity;
  /** The span concerned (null: the whole trace). */
  spanId: string | null;
  message: string;
  fix: string;
  /** Where in the preview payload, when the lint is about one field or event. */
  pointer?: string;
}

/** Sentry's size limit for one event item (sentry-protocol.md §2.6). */
const MAX_EVENT_BYTES = 1024 * 1024;
/** Relay's budget for a transaction's `spans` array (trimming keeps the prefix that fits). */
const MAX_SPANS_BYTES = 819200;
/** Sentry's SDKs cap a transaction at this many child spans. */
const MAX_SPANS = 1000;

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

/** Checks that do not depend on the profile: IDs, service.name, clock skew, orphans. */
export function traceLints(spans: readonly Span[], orphanFate: string): Lint[] {
  const out: Lint[] = [];
  const ids = new Map<string, Span>();
  for (const s of spans) if (!ids.has(s.spanId)) ids.set(s.spanId, s);
  const seenResources = new Set<object>();
  for (const i of sortedOrder(spans)) {
    const s = spans[i]!;
    if (!HEX32.test(s.traceId) || /^0+$/.test(s.traceId))
      out.push({
        code: 'invalid-id',
        severity: 'error',
        spanId: s.spanId,
        message: `trace ID "${s.traceId}" is ${/^0+$/.test(s.traceId) ? 'all zeros' : 'not 32 lowercase hex digits'}; Sentry drops the event`,
        fix: 'Let the OpenTelemetry SDK generate trace IDs (16 random bytes, not all zero).',
      });
    if (!HEX16.test(s.spanId) || /^0+$/.test(s.spanId))
      out.push({
        code: 'invalid-id',
        severity: 'error',
        spanId: s.spanId,
        message: `span ID "${s.spanId}" is ${/^0+$/.test(s.spanId) ? 'all zeros' : 'not 16 lowercase hex digits'}; Sentry drops the transaction holding it`,
        fix: 'Let the OpenTelemetry SDK generate span IDs (8 random bytes, not all zero).',
      });
    if (s.parentSpanId !== '' && (!HEX16.test(s.parentSpanId) || /^0+$/.test(s.parentSpanId)))
      out.push({
        code: 'invalid-id',
        severity: /^0+$/.test(s.parentSpanId) ? 'info' : 'error',
        spanId: s.spanId,
        message: /^0+$/.test(s.parentSpanId)
          ? 'parent span ID is all zeros: read as "no parent"'
          : `parent span ID "${s.parentSpanId}" is not 16 lowercase hex digits`,
        fix: 'Send an empty parent span ID for root spans.',
      });
    if (!seenResources.has(s.resource)) {
      seenResources.add(s.resource);
      const svc = stringAttribute(s.resource.attributes, 'service.name');
      if (!svc || svc.startsWith('unknown_service'))
        out.push({
          code: 'missing-service-name',
          severity: 'warning',
          spanId: s.spanId,
          message: svc
            ? `service.name is the SDK default "${svc}": Sentry cannot tell your services apart`
            : 'the resource has no service.name: Sentry cannot tell your services apart',
          fix: 'Set OTEL_SERVICE_NAME (or the service.name resource attribute) in the instrumented app.',
        });
    }
    if (compareNanos(s.endTimeUnixNano, s.startTimeUnixNano) < 0)
      out.push({
        code: 'end-before-start',
        severity: 'error',
        spanId: s.spanId,
        message: `span "${s.name}" ends ${(-durationMs(s.startTimeUnixNano, s.endTimeUnixNano)).toFixed(3)} ms before it starts: Relay drops the whole transaction`,
        fix: 'End spans after starting them, and check the clock of the host that produced this span.',
      });
    if (!noParent(s.parentSpanId)) {
      const parent = ids.get(s.parentSpanId);
      if (!parent)
        out.push({
          code: 'orphan-span',
          severity: 'warning',
          spanId: s.spanId,
          message: `span "${s.name}" has parent ${s.parentSpanId}, which never arrived: ${orphanFate}`,
          fix: 'Make sure the parent service exports its spans too (same collector, same sampling decision), or wait for them.',
        });
      else {
        const before = compareNanos(s.startTimeUnixNano, parent.startTimeUnixNano) < 0;
        const after = compareNanos(s.endTimeUnixNano, parent.endTimeUnixNano) > 0;
        if (before || after) {
          const by = before
            ? durationMs(s.startTimeUnixNano, parent.startTimeUnixNano)
            : durationMs(parent.endTimeUnixNano, s.endTimeUnixNano);
          const edge = `${before ? 'starts' : 'ends'} ${by.toFixed(3)} ms ${before ? 'before' : 'after'} its parent "${parent.name}"`;
          // One resource is one process (one clock): there a child outside its parent was ended late (or
          // started early) by the instrumentation, not skewed. Only spans of two resources can be skewed.
          out.push(
            sameResource(s.resource, parent.resource)
              ? {
                  code: 'child-outside-parent',
                  severity: 'info',
                  spanId: s.spanId,
                  message: `span "${s.name}" ${edge}; both come from the same process (one clock), so this is not clock skew: the ${before ? 'child was started before its parent' : 'instrumentation ended the child after its parent'}. Sentry shows the child sticking out of its parent`,
                  fix: before
                    ? 'Start child spans inside their parent (pass the parent context when starting them).'
                    : 'End child spans before their parents (await the work, or end the child in a finally block before the parent ends).',
                }
              : {
                  code: 'child-outside-parent',
                  severity: 'warning',
                  spanId: s.spanId,
                  message: `span "${s.name}" ${edge}, and the two come from different services/hosts: their clocks are probably skewed. Sentry shows the child shifted against its parent`,
                  fix: 'Sync the clocks of the hosts involved (NTP).',
                },
          );
        }
      }
    }
  }
  return out;
}

/** A resource's attributes as one comparable string (per resource object: they never change). */
const RESOURCE_KEYS = new WeakMap<Resource, string>();
function resourceKey(r: Resource): string {
  let k = RESOURCE_KEYS.get(r);
  if (k === undefined) {
    k = JSON.stringify([...r.attributes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
    RESOURCE_KEYS.set(r, k);
  }
  return k;
}

/** Same resource: one object, or (from another export batch of the same process) equal attributes. */
function sameResource(a: Resource, b: Resource): boolean {
  return a === b || resourceKey(a) === resourceKey(b);
}

const ID_SEGMENT =
  /(^|\/)(\d+|[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})(?=\/|$|\?)/i;

function isHttp(span: Span): boolean {
  return span.attributes.some((a) => a.key === 'http.method' || a.key === 'http.request.method');
}

function hasRoute(span: Span): boolean {
  return span.attributes.some((a) => a.key === 'http.route');
}

/** Lints of the collector profile. */
export function collectorLints(
  spans: readonly Span[],
  mapping: CollectorMapping,
  options: MappingOptions,
  eventBytes: { pointer: string; bytes: number; spanId: string }[],
): Lint[] {
  const out: Lint[] = [];
  if (mapping.rootCount === 0 && spans.length) {
    const first = spans[sortedOrder(spans)[0]!]!;
    out.push({
      code: 'no-transaction-root',
      severity: options.keepRootlessTraces ? 'warning' : 'error',
      spanId: first.spanId,
      message: options.keepRootlessTraces
        ? 'no span is a transaction root (no parentless, SERVER or CONSUMER span): the classic exporter would drop this whole trace, errors included; we send its orphans as transactions'
        : 'no span is a transaction root (no parentless, SERVER or CONSUMER span): the classic exporter drops the whole trace, errors included',
      fix: 'Export the root span too (or mark the entry span as SERVER/CONSUMER), or turn on keepRootlessTraces.',
    });
  }
  mapping.transactions.forEach((tx, t) => {
    const rootIdx = mapping.placement.findIndex((p) => p.where === 'transaction' && p.transaction === t);
    const root = spans[rootIdx];
    if (tx.spans && tx.spans.length > MAX_SPANS) out.push(tooManySpans(tx, t));
    if (root && isHttp(root) && !hasRoute(root)) {
      const raw = tx.transaction_info?.source === 'url' || ID_SEGMENT.test(tx.transaction ?? '');
      if (raw)
        out.push({
          code: 'high-cardinality-name',
          severity: 'warning',
          spanId: root.spanId,
          pointer: `/transactions/${t}/transaction`,
          message: `transaction name "${tx.transaction}" comes from a raw URL (no http.route): every distinct URL becomes its own transaction in Sentry`,
          fix: 'Set http.route (e.g. /users/{id}) on the server span; most HTTP framework instrumentations do.',
        });
    }
  });
  const seenTags = new Set<string>();
  for (const issue of mapping.tagIssues) {
    const span = spans[issue.spanIndex]!;
    const k = `${issue.spanIndex}\u0000${issue.key}`;
    if (seenTags.has(k)) continue;
    seenTags.add(k);
    out.push({
      code: 'tag-too-long',
      severity: issue.cut ? 'info' : 'warning',
      spanId: span.spanId,
      message: issue.cut
        ? `tag "${short(issue.key)}" was over Sentry's limits (200 characters, no newlines) and was cut`
        : `tag "${short(issue.key)}" is over Sentry's limits (200 characters, no newlines): Sentry discards it`,
      fix: 'Keep long values (SQL, payloads) in span data or shorter attributes; tags are for low-cardinality filters.',
    });
  }
  for (const e of mapping.emptyExceptions) {
    const span = spans[e.spanIndex]!;
    out.push({
      code: 'exception-without-type-or-message',
      severity: 'warning',
      spanId: span.spanId,
      message: `exception event #${e.eventIndex} on "${span.name}" has neither exception.type nor exception.message: no error event is made from it`,
      fix: 'Record exceptions with span.recordException(err), which sets exception.type and exception.message.',
    });
  }
  for (const e of eventBytes)
    if (e.bytes > MAX_EVENT_BYTES)
      out.push({
        code: 'event-too-large',
        severity: 'error',
        spanId: e.spanId,
        pointer: e.pointer,
        message: `event is ${(e.bytes / 1048576).toFixed(2)} MiB, over Sentry's 1 MiB limit: it is rejected`,
        fix: 'Send fewer or smaller attributes (long SQL, payloads) or split the work into several traces.',
      });
  return out;
}

function short(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

function tooManySpans(tx: TransactionEvent, t: number): Lint {
  // Relay trims the spans array to an 800 KiB budget, keeping the prefix (our order: by start time).
  const spans = tx.spans as SentrySpan[];
  let bytes = 2;
  let kept = 0;
  for (const s of spans) {
    const n = utf8Length(JSON.stringify(s)) + 1;
    if (bytes + n > MAX_SPANS_BYTES) break;
    bytes += n;
    kept++;
  }
  const keptNote =
    kept === spans.length
      ? 'Relay keeps them all (their JSON fits its 800 KiB spans budget)'
      : `Relay keeps only the first ${kept} (by start time, up to span ${spans[kept - 1]?.span_id ?? '-'}) that fit its 800 KiB spans budget and drops the ${spans.length - kept} after`;
  return {
    code: 'too-many-spans',
    severity: 'warning',
    spanId: tx.contexts.trace.span_id,
    pointer: `/transactions/${t}/spans`,
    message: `transaction "${tx.transaction}" has ${spans.length} spans, more than the ${MAX_SPANS} Sentry's SDKs send: ${keptNote}`,
    fix: 'Split the work into several transactions (e.g. a SERVER or CONSUMER span per batch) or drop noisy spans.',
  };
}

/** Lints of the sentry-otlp profile. */
export function otlpLints(spans: readonly Span[], mapping: OtlpMapping): Lint[] {
  const out: Lint[] = [];
  for (const i of sortedOrder(spans)) {
    const s = spans[i]!;
    // Evidence: one open report (getsentry/sentry#121417, self-hosted; the reporter saw it on SaaS too) of a
    // non-HTTP span named "test/ping" that never showed up while "testping" did. Not confirmed by Sentry and
    // not shown for HTTP route names, which Sentry's SDKs send all the time: info, and only for spans that
    // are not HTTP spans (whose names the user rarely controls).
    if (s.name.includes('/') && !isHttp(s) && !hasRoute(s)) {
      const p = mapping.placement[i]!;
      out.push({
        code: 'span-name-slash',
        severity: 'info',
        spanId: s.spanId,
        pointer: `/segments/${p.segment}/spans/${p.index}/name`,
        message: `span name "${s.name}" contains "/": one open report (getsentry/sentry#121417) says Sentry's OTLP endpoint accepted such a span (HTTP 200) but never showed it, while the same span without "/" appeared; Sentry has not confirmed it, so this span may be dropped`,
        fix: 'If this span is missing in Sentry, name it without "/" (e.g. "test.ping"), or send it through the collector profile (envelopes).',
      });
    }
    const hasOld = s.attributes.some((a) => a.key === 'http.method' || a.key === 'db.system');
    const hasNew = s.attributes.some((a) => a.key === 'http.request.method' || a.key === 'db.system.name');
    if (hasOld && !hasNew && !s.attributes.some((a) => a.key === 'sentry.op'))
      out.push({
        code: 'old-semconv-op',
        severity: 'info',
        spanId: s.spanId,
        message: `span "${s.name}" uses only old semantic-convention names (http.method / db.system): Sentry's OTLP endpoint may give it op "default"`,
        fix: 'Upgrade the instrumentation to current semantic conventions, or set a sentry.op attribute.',
      });
  }
  for (const d of mapping.droppedEvents) {
    const span = spans[d.spanIndex]!;
    const exception = d.name === 'exception';
    out.push({
      code: 'span-events-dropped',
      severity: exception ? 'warning' : 'info',
      spanId: span.spanId,
      message: exception
        ? `${d.count} exception event(s) on "${span.name}": Sentry's OTLP endpoint drops span events, so no error (issue) is created`
        : `${d.count} "${d.name}" span event(s) on "${span.name}" are dropped by Sentry's OTLP endpoint`,
      fix: exception
        ? 'Use the collector profile (envelopes) to turn exceptions into Sentry errors, or report errors with a Sentry SDK.'
        : 'Put what matters into span attributes; Sentry does not store span events sent over OTLP.',
    });
  }
  return out;
}
