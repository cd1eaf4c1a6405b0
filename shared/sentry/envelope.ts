// Sentry envelopes (reference/sentry-protocol.md §2): build one envelope per event and serialise it.
//
// Hand-written serialiser, not @sentry/core's `serializeEnvelope`, for faithfulness: the collector's Sentry
// exporter sends through sentry-go, whose item headers carry `length` (reference/sentryexporter.md §5.2, and
// the protocol recommends it, §2.3), and envelopes end with "\n" (§2.1); @sentry/core writes neither.
// Speed is not the reason either way: figures in docs/benchmarks.md, "Envelope serialiser".
// The tests check that @sentry/core's own `parseEnvelope` reads what we write; ours, which reports every
// problem instead of throwing, is ./envelope-parse.ts. From @sentry/core we use the DSN parser and printer
// and the API version (./dsn.ts).
//
// No gzip here: shared/ has no node:zlib, and CompressionStream is stream-based and async, which does not
// fit this synchronous, pure module. The forwarder (electron/core) gzips `envelopeBytes(text)` with node:zlib;
// Relay accepts `Content-Encoding: gzip` (§2.5).
import { dsnToString, parseDsn, type Dsn } from './dsn.js';
import { stringifyMeasured } from './json-measured.js';
import { utf8Encode, utf8Length } from './utf8.js';

export { eventIdFor } from './event-id.js';
export { utf8Length } from './utf8.js';

type EnvelopeHeaders = {
  event_id?: string;
  sent_at?: string;
  dsn?: string;
  sdk?: { name: string; version: string; [k: string]: unknown };
  trace?: Record<string, string>;
  [k: string]: unknown;
};

type EnvelopeItemHeaders = { type: string; length?: number; [k: string]: unknown };

/** A string payload is written as is; anything else is written as JSON. */
type EnvelopeItem = { headers: EnvelopeItemHeaders; payload: string | object };

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const EVENT_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** RFC 3339 with a zone, as `sent_at` must be. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Forwarding passes one sending time for a whole batch of traces: check it once, not per envelope. */
let lastValidSentAt: string | null = null;

function validSentAt(sentAt: unknown): boolean {
  if (typeof sentAt !== 'string' || !RFC3339.test(sentAt) || Number.isNaN(Date.parse(sentAt))) return false;
  lastValidSentAt = sentAt;
  return true;
}

function headerLine(headers: object): string {
  // JSON.stringify escapes every control character, so a header is always one line.
  return JSON.stringify(headers);
}

function onlyTypeAndLength(h: EnvelopeItemHeaders): boolean {
  for (const k in h) if (k !== 'type' && k !== 'length') return false;
  return true;
}

/**
 * Serialises an envelope. Every item header gets `type` first and `length` (UTF-8 bytes of the payload)
 * second, replacing any `length` given; the envelope ends with "\n".
 */
export function serializeEnvelope(headers: EnvelopeHeaders, items: readonly EnvelopeItem[]): string {
  return withItems(headerLine(headers), items).text;
}

/** The envelope text after a header line that is already rendered, and each item payload's UTF-8 length. */
function withItems(headerText: string, items: readonly EnvelopeItem[]): { text: string; bytes: number[] } {
  let out = headerText;
  const sizes: number[] = [];
  for (const item of items) {
    let payload: string | undefined;
    let bytes: number;
    if (typeof item.payload === 'string') {
      payload = item.payload;
      bytes = utf8Length(payload);
    } else ({ json: payload, bytes } = stringifyMeasured(item.payload));
    if (payload === undefined)
      throw new EnvelopeError(`item of type ${item.headers.type}: payload is not JSON`);
    const h = item.headers;
    if (typeof h.type !== 'string' || h.type === '')
      throw new EnvelopeError('item header needs a non-empty type');
    let itemHeader: string;
    if (onlyTypeAndLength(h)) {
      // The usual case, written by hand: the same text JSON.stringify gives for {type, length}.
      itemHeader = `{"type":${JSON.stringify(h.type)},"length":${bytes}}`;
    } else {
      const { type, length: _ignored, ...rest } = h;
      itemHeader = headerLine({ type, length: bytes, ...rest });
    }
    out += `\n${itemHeader}\n${payload}`;
    sizes.push(bytes);
  }
  return { text: `${out}\n`, bytes: sizes };
}

export type SentEvent = { event_id: string; type?: 'transaction' | 'event' | string; [k: string]: unknown };

export type EventEnvelopeOptions = {
  /** Written into the `dsn` header (self-authenticating envelope, Relay ≥ 21.6). */
  dsn?: string | Dsn;
  /** RFC 3339 time of sending; callers pass it so that previews are reproducible. */
  sentAt: string;
  sdk?: { name: string; version: string };
  /** The trace's dynamic sampling context (see `dynamicSamplingContext`). */
  trace?: Record<string, string>;
};

/**
 * One envelope holding one event: item type `transaction` when `event.type` is 'transaction', else `event`.
 * Header order: event_id, sent_at, dsn, sdk, trace. `type: 'event'` is dropped from the payload because it is
 * our marker, not a Sentry event type (Sentry derives `error`/`default` itself); other types are kept.
 */
export function buildEventEnvelope(event: SentEvent, opts: EventEnvelopeOptions): string {
  return eventEnvelope(event, opts).text;
}

/** An envelope of one event, and the UTF-8 length of its payload (what Sentry's size limit applies to). */
type MeasuredEnvelope = { text: string; payloadBytes: number };

/** `buildEventEnvelope`, also giving the payload's length, counted while it was written. */
export function eventEnvelope(event: SentEvent, opts: EventEnvelopeOptions): MeasuredEnvelope {
  if (typeof event?.event_id !== 'string' || !EVENT_ID.test(event.event_id)) {
    throw new EnvelopeError(
      `event_id must be 32 hex characters (or a dashed UUID), got ${JSON.stringify(event?.event_id)}`,
    );
  }
  if (opts.sentAt !== lastValidSentAt && !validSentAt(opts.sentAt)) {
    throw new EnvelopeError(
      `sentAt must be an RFC 3339 timestamp such as 2026-01-02T03:04:05.678Z, got ${JSON.stringify(opts.sentAt)}`,
    );
  }
  const isTransaction = event.type === 'transaction';
  let payload: object = event;
  if (event.type === 'event') {
    const { type: _marker, ...rest } = event;
    payload = rest;
  }
  const { text, bytes } = withItems(eventHeaderLine(event.event_id, opts), [
    { headers: { type: isTransaction ? 'transaction' : 'event' }, payload },
  ]);
  return { text, payloadBytes: bytes[0]! };
}

/** The last DSN rendered for a header: every envelope of a trace (and of a forward) carries the same one. */
let lastDsn: { from: string | Dsn | undefined; text: string } = { from: undefined, text: '' };

function dsnText(dsn: string | Dsn): string {
  if (dsn !== lastDsn.from)
    lastDsn = { from: dsn, text: dsnToString(typeof dsn === 'string' ? parseDsn(dsn) : dsn) };
  return lastDsn.text;
}

/** The last rendered `"sent_at":…,"dsn":…,"sdk":…` members and the values they were rendered from. */
let middle: { sentAt: unknown; dsn: unknown; sdk: unknown; name: unknown; version: unknown; text: string } = {
  sentAt: undefined,
  dsn: undefined,
  sdk: undefined,
  name: undefined,
  version: undefined,
  text: '',
};

/**
 * JSON.stringify({event_id, sent_at, dsn?, sdk?, trace?}), with the members that are the same for every
 * event of a forward (sending time, DSN, SDK) rendered once rather than per event. An object's text is its
 * members' texts joined by commas, so the pieces give the same bytes; a `trace` with a toJSON (called with
 * its key, which a separate stringify would not pass) takes the plain path.
 */
function eventHeaderLine(eventId: string, opts: EventEnvelopeOptions): string {
  const dsn = opts.dsn === undefined ? undefined : dsnText(opts.dsn);
  const sdk = opts.sdk ? { name: opts.sdk.name, version: opts.sdk.version } : undefined;
  const trace = opts.trace;
  if (trace != null && typeof (trace as { toJSON?: unknown }).toJSON === 'function') {
    const headers: EnvelopeHeaders = { event_id: eventId, sent_at: opts.sentAt };
    if (dsn !== undefined) headers.dsn = dsn;
    if (sdk) headers.sdk = sdk;
    headers.trace = trace;
    return headerLine(headers);
  }
  const m = middle;
  if (
    m.text === '' ||
    m.sentAt !== opts.sentAt ||
    m.dsn !== dsn ||
    m.sdk !== !!sdk ||
    m.name !== sdk?.name ||
    m.version !== sdk?.version
  ) {
    const headers: EnvelopeHeaders = { sent_at: opts.sentAt };
    if (dsn !== undefined) headers.dsn = dsn;
    if (sdk) headers.sdk = sdk;
    middle = {
      sentAt: opts.sentAt,
      dsn,
      sdk: !!sdk,
      name: sdk?.name,
      version: sdk?.version,
      text: headerLine(headers).slice(1, -1),
    };
  }
  let text = `{"event_id":${JSON.stringify(eventId)},${middle.text}`;
  if (trace) text += `,"trace":${JSON.stringify(trace)}`;
  return `${text}}`;
}

/** The bytes to POST (UTF-8). The forwarder gzips them with node:zlib. */
export function envelopeBytes(text: string): Uint8Array {
  return utf8Encode(text);
}

export type DscInput = {
  traceId: string;
  publicKey: string;
  release?: string;
  environment?: string;
  transaction?: string;
  /** When 'url', the transaction name is left out (raw URLs are poor sampling keys, as the JS SDK does). */
  transactionSource?: string;
  /** 0..1; default 1 (a forwarder sends everything it has). */
  sampleRate?: number;
  /** Default true. */
  sampled?: boolean;
  orgId?: string;
};

/**
 * The dynamic sampling context for the `trace` envelope header (§7.1, §7.3): all values are strings; empty
 * optional values are left out. Build it once per trace and reuse it for every envelope of the trace.
 */
export function dynamicSamplingContext(input: DscInput): Record<string, string> {
  const rate = input.sampleRate ?? 1;
  if (!(typeof rate === 'number' && rate >= 0 && rate <= 1)) {
    throw new RangeError(`sampleRate must be a number from 0 to 1, got ${String(input.sampleRate)}`);
  }
  const dsc: Record<string, string> = {
    trace_id: input.traceId,
    public_key: input.publicKey,
    sample_rate: String(rate),
    sampled: String(input.sampled ?? true),
  };
  if (input.release) dsc.release = input.release;
  if (input.environment) dsc.environment = input.environment;
  if (input.transaction && input.transactionSource !== 'url') dsc.transaction = input.transaction;
  if (input.orgId) dsc.org_id = input.orgId;
  return dsc;
}
