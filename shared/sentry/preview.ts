// The preview: everything the UI shows for one trace, and the exact envelopes forwarding would send.
// Deterministic: event IDs are derived from trace and span IDs, and `sent_at` defaults to the trace's end,
// so the same trace always previews byte for byte the same. Forwarding passes the real sending time, which
// (with event IDs) is the only difference between what is previewed and what is sent.
import type { Span } from '../model/span.js';
import {
  mapCollector,
  CLASSIC_SDK,
  type CollectorMapping,
  type MappingSettings,
  type Placement,
} from './collector/index.js';
import { classicDifferences, type Difference } from './differences.js';
import { parseDsn, type Dsn } from './dsn.js';
import {
  dynamicSamplingContext,
  eventEnvelope,
  type DscInput,
  type EventEnvelopeOptions,
  type SentEvent,
} from './envelope.js';
import { collectorLints, otlpLints, traceLints, type Lint } from './lints.js';
import { findDuplicateExceptions, type ExceptionRef } from './inference/duplicate-exceptions.js';
import { inferenceLints } from './inference/inference-lints.js';
import { sortedOrder } from './order.js';
import { CLASSIC_OPTIONS, DEFAULT_OPTIONS, resolveOptions, type MappingOptions } from './options.js';
import { mapSentryOtlp, type OtlpSegment } from './otlp-profile.js';
import type { ErrorEvent, TransactionEvent } from './payload.js';
import type { Provenance } from './provenance.js';

export type SentryProfile = 'collector' | 'sentry-otlp';
export const SENTRY_PROFILES: readonly SentryProfile[] = ['collector', 'sentry-otlp'];

export interface SentryPreviewRequest {
  profile?: SentryProfile;
  options?: Partial<MappingOptions>;
  /** The DSN forwarding would use: fills the envelope `dsn` header and the sampling context. */
  dsn?: string;
  /** The environment setting (wins over the resource's). */
  environment?: string;
  /** A release setting (wins over service.version). */
  release?: string;
  /** RFC 3339 `sent_at`; default: the trace's end time (so the preview is stable). */
  sentAt?: string;
}

/** Why a span is in no event (the collector drops a trace without a transaction root). */
type DropReason = Extract<Placement, { where: 'dropped' }>['reason'];

/**
 * Where one input span went: `at` is the JSON pointer of the event or span it became ('/transactions/0',
 * '/transactions/0/spans/3', '/segments/1/spans/0'); `dropped` says why it became nothing.
 */
type SpanPlacement = { spanId: string; at: string } | { spanId: string; dropped: DropReason };

interface PreviewEnvelope {
  /** Pointer of the event it carries. */
  pointer: string;
  eventId: string;
  itemType: 'transaction' | 'event';
  /** UTF-8 bytes of the event item payload (Sentry's 1 MiB limit applies to it); -1 when not measured. */
  payloadBytes: number;
  /** The envelope exactly as forwarding POSTs it (before gzip). */
  text: string;
}

export interface SentryPreview {
  traceId: string;
  profile: SentryProfile;
  /** The options in force (defaults overlaid with the request's). */
  options: MappingOptions;
  settings: { environment?: string; release?: string; dsn?: string; sentAt: string };
  /** Collector profile: the transaction events (empty under sentry-otlp). */
  transactions: TransactionEvent[];
  /** Collector profile: the error events (empty under sentry-otlp: Sentry's OTLP endpoint drops span events). */
  errors: ErrorEvent[];
  /** sentry-otlp profile: Sentry spans grouped by segment (empty under collector). */
  segments: OtlpSegment[];
  lints: Lint[];
  /** JSON pointer into this preview → where the value came from. */
  provenance: Record<string, Provenance>;
  /**
   * Collector profile with dedupeExceptions: exception events that made no error event of their own, by the
   * span that carried them, each pointing at the error event it repeats ('/errors/0').
   */
  mergedExceptions: { spanId: string; eventIndex: number; error: string }[];
  /** Collector profile: every field that differs from what the classic exporter sends. */
  differences: Difference[];
  /** Collector profile: one envelope per event, as forwarding sends them (sentry-otlp forwards OTLP as is). */
  envelopes: PreviewEnvelope[];
  /** By input span: where it went, or why it went nowhere. */
  placement: SpanPlacement[];
}

/** Thrown for a bad request (unknown profile, bad DSN, bad sentAt): the message names what is wrong. */
export class PreviewRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewRequestError';
  }
}

function defaultSentAt(spans: readonly Span[]): string {
  let max = 0;
  for (const s of spans) {
    const ms = Number(s.endTimeUnixNano.length > 6 ? s.endTimeUnixNano.slice(0, -6) : '0');
    if (ms > max) max = ms;
  }
  return new Date(max).toISOString();
}

interface EnvelopeSettings {
  dsn?: Dsn;
  sentAt: string;
  options: MappingOptions;
}

/** The envelopes for a collector mapping: one per event, transactions first, then errors. */
export function collectorEnvelopes(
  mapping: CollectorMapping,
  settings: EnvelopeSettings,
  measure = true,
): PreviewEnvelope[] {
  const out: PreviewEnvelope[] = [];
  let trace: Record<string, string> | undefined;
  const first = mapping.transactions[0];
  if (settings.options.samplingContext && settings.dsn && first) {
    // One frozen sampling context per trace, from its first transaction.
    // Assignments rather than conditional spreads: this runs once per forwarded trace.
    const input: DscInput = {
      traceId: first.contexts.trace.trace_id,
      publicKey: settings.dsn.publicKey,
      transaction: first.transaction,
    };
    if (first.release) input.release = first.release;
    if (first.environment) input.environment = first.environment;
    if (first.transaction_info) input.transactionSource = first.transaction_info.source;
    trace = dynamicSamplingContext(input);
  }
  const opts: EventEnvelopeOptions = { sentAt: settings.sentAt, sdk: CLASSIC_SDK };
  if (settings.dsn) opts.dsn = settings.dsn;
  if (trace) opts.trace = trace;
  const events: [readonly (TransactionEvent | ErrorEvent)[], string, 'transaction' | 'event'][] = [
    [mapping.transactions, '/transactions/', 'transaction'],
    [mapping.errors, '/errors/', 'event'],
  ];
  for (const [list, at, itemType] of events)
    for (let i = 0; i < list.length; i++) {
      const event = list[i]!;
      const { text, payloadBytes } = eventEnvelope(event as unknown as SentEvent, opts);
      out.push({
        pointer: at + i,
        eventId: event.event_id,
        itemType,
        payloadBytes: measure ? payloadBytes : -1,
        text,
      });
    }
  return out;
}

export function buildSentryPreview(
  spans: readonly Span[],
  request: SentryPreviewRequest = {},
): SentryPreview {
  const profile = request.profile ?? 'collector';
  if (!SENTRY_PROFILES.includes(profile))
    throw new PreviewRequestError(
      `unknown profile "${String(profile)}": use ${SENTRY_PROFILES.join(' or ')}`,
    );
  const options = resolveOptions(request.options);
  let dsn: Dsn | undefined;
  if (request.dsn !== undefined && request.dsn !== '') {
    try {
      dsn = parseDsn(request.dsn);
    } catch (e) {
      throw new PreviewRequestError(`bad dsn: ${(e as Error).message}`);
    }
  }
  const sentAt = request.sentAt ?? defaultSentAt(spans);
  if (Number.isNaN(Date.parse(sentAt)))
    throw new PreviewRequestError(`bad sentAt "${sentAt}": use an RFC 3339 time`);
  const mappingSettings: MappingSettings = {
    ...(request.environment ? { environment: request.environment } : {}),
    ...(request.release ? { release: request.release } : {}),
  };
  const settings = {
    ...mappingSettings,
    ...(request.dsn ? { dsn: request.dsn } : {}),
    sentAt,
  };
  const traceId = spans[0]?.traceId ?? '';

  if (profile === 'sentry-otlp') {
    const m = mapSentryOtlp(spans, true);
    return {
      traceId,
      profile,
      options,
      settings,
      transactions: [],
      errors: [],
      segments: m.segments,
      lints: [
        ...traceLints(spans, "Sentry's span buffer makes it the root of its own segment"),
        ...otlpLints(spans, m),
      ],
      provenance: m.provenance ?? {},
      differences: [],
      mergedExceptions: [],
      envelopes: [],
      placement: spans.map((s, i) => ({
        spanId: s.spanId,
        at: `/segments/${m.placement[i]!.segment}/spans/${m.placement[i]!.index}`,
      })),
    };
  }

  const mapping = mapCollector(spans, options, mappingSettings, true);
  const classic = mapCollector(spans, CLASSIC_OPTIONS, mappingSettings, false);
  const envelopes = collectorEnvelopes(mapping, { ...(dsn ? { dsn } : {}), sentAt, options });
  const eventBytes = envelopes.map((e) => {
    const [kind, n] = e.pointer.split('/').slice(1) as [string, string];
    const ev = kind === 'transactions' ? mapping.transactions[Number(n)]! : mapping.errors[Number(n)]!;
    return { pointer: e.pointer, bytes: e.payloadBytes, spanId: ev.contexts.trace.span_id };
  });
  const orphanFate = options.groupOrphans
    ? 'it becomes the root of a transaction holding its subtree'
    : 'it and each of its descendants become separate one-span transactions';
  return {
    traceId,
    profile,
    options,
    settings,
    transactions: mapping.transactions,
    errors: mapping.errors,
    segments: [],
    lints: [
      ...traceLints(spans, orphanFate),
      ...collectorLints(spans, mapping, options, eventBytes),
      ...sdkParityLints(spans, mapping, options),
    ],
    mergedExceptions: mapping.mergedExceptions.map((m) => ({
      spanId: spans[m.spanIndex]!.spanId,
      eventIndex: m.eventIndex,
      error: errorPointer(mapping, m.into),
    })),
    provenance: mapping.provenance ?? {},
    differences: classicDifferences(classic, mapping),
    envelopes,
    placement: spans.map((s, i): SpanPlacement => {
      const p = mapping.placement[i]!;
      if (p.where === 'dropped') return { spanId: s.spanId, dropped: p.reason };
      const at =
        p.where === 'transaction'
          ? `/transactions/${p.transaction}`
          : `/transactions/${p.transaction}/spans/${p.index}`;
      return { spanId: s.spanId, at };
    }),
  };
}

function errorPointer(mapping: CollectorMapping, ref: ExceptionRef): string {
  const n = mapping.errorSources.findIndex(
    (e) => e.spanIndex === ref.spanIndex && e.eventIndex === ref.eventIndex,
  );
  return n < 0 ? '' : `/errors/${n}`;
}

/** The lints where the classic mapping and what a Sentry SDK user sees part ways (inference/). */
function sdkParityLints(spans: readonly Span[], mapping: CollectorMapping, options: MappingOptions): Lint[] {
  const rootOf = new Map<number, number>();
  mapping.placement.forEach((p, i) => {
    if (p.where === 'transaction') rootOf.set(i, p.transaction);
  });
  return inferenceLints({
    spans,
    order: sortedOrder(spans),
    transactions: mapping.transactions,
    rootOf,
    errorSources: mapping.errorSources,
    duplicates: options.dedupeExceptions ? mapping.mergedExceptions : findDuplicateExceptions(spans),
    merged: options.dedupeExceptions,
    httpStatusInference: options.httpStatusInference,
  });
}

interface ForwardEnvelopeRequest {
  options?: Partial<MappingOptions>;
  dsn?: Dsn;
  sentAt: string;
  environment?: string;
  release?: string;
}

/**
 * What forwarding calls: the envelopes for one trace under the collector profile, no provenance, with the
 * pointer, event ID and item type of each (forwarding needs them for status and rate-limit categories).
 */
export function buildForwardEnvelopeItems(
  spans: readonly Span[],
  request: ForwardEnvelopeRequest,
): PreviewEnvelope[] {
  // The shared frozen defaults when nothing is overridden (nothing below writes to the options): saves a
  // copy per forwarded trace.
  const options = request.options ? resolveOptions(request.options) : DEFAULT_OPTIONS;
  // Plain assignments rather than conditional spreads: this runs once per forwarded trace.
  const settings: MappingSettings = {};
  if (request.environment) settings.environment = request.environment;
  if (request.release) settings.release = request.release;
  const mapping = mapCollector(spans, options, settings);
  const envelopeSettings: EnvelopeSettings = { sentAt: request.sentAt, options };
  if (request.dsn) envelopeSettings.dsn = request.dsn;
  return collectorEnvelopes(mapping, envelopeSettings, false);
}

/** The envelope texts alone (buildForwardEnvelopeItems without the per-envelope details). */
export function buildForwardEnvelopes(spans: readonly Span[], request: ForwardEnvelopeRequest): string[] {
  const envelopes = buildForwardEnvelopeItems(spans, request);
  const out: string[] = new Array(envelopes.length);
  for (let i = 0; i < envelopes.length; i++) out[i] = envelopes[i]!.text;
  return out;
}
