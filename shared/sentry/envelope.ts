// Sentry envelopes (reference/sentry-protocol.md §2): build one envelope per event, serialise, parse back.
//
// Hand-written serialiser, not @sentry/core's `serializeEnvelope`, and why (numbers: bench/envelope.bench.ts):
// - Faithfulness. The collector's Sentry exporter sends through sentry-go, whose envelopes carry
//   `{"type":…,"length":<bytes>}` item headers (reference/sentryexporter.md §5.2), and the protocol recommends
//   `length` (§2.3). @sentry/core never writes `length` for JSON items (valid, since JSON has no raw newline,
//   but not what the collector sends), and it leaves off the final "\n" the protocol says an envelope should
//   end with (§2.1). With core we would stringify and count bytes ourselves and use it only to join strings.
// - Speed is not the reason, either way. @sentry/core runs at 0.7–1.0× of a bare JSON.stringify of the event
//   (it is little more than that); ours at 0.5–0.75× on an 8-span transaction and 0.4–0.55× on a 1000-span one:
//   counting UTF-8 bytes costs one native encodeInto pass over the payload (figures from before long arrays
//   were serialised and measured in slices, ./json-measured.ts, which brought the 1000-span case to about 0.8×:
//   docs/benchmarks.md "Mapping"). On this shared 2-core machine runs vary by ±30%.
// The tests check that @sentry/core's own `parseEnvelope` reads what we write. From @sentry/core we use the DSN
// parser and printer and the API version (./dsn.ts). `parseEnvelope` is ours too: core's throws on bad input and
// returns bytes; ours reports every problem and never throws, for tests and for the UI.
//
// No gzip here: shared/ has no node:zlib, and CompressionStream is stream-based and async, which does not
// fit this synchronous, pure module. The forwarder (electron/core) gzips `envelopeBytes(text)` with node:zlib;
// Relay accepts `Content-Encoding: gzip` (§2.5).
import { dsnToString, parseDsn, type Dsn } from './dsn.js';
import { stringifyMeasured } from './json-measured.js';
import { utf8Decode, utf8Encode, utf8Length } from './utf8.js';

export { eventIdFor } from './event-id.js';
export { utf8Length } from './utf8.js';

export type EnvelopeHeaders = {
  event_id?: string;
  sent_at?: string;
  dsn?: string;
  sdk?: { name: string; version: string; [k: string]: unknown };
  trace?: Record<string, string>;
  [k: string]: unknown;
};

export type EnvelopeItemHeaders = { type: string; length?: number; [k: string]: unknown };

/** A string payload is written as is; anything else is written as JSON. */
export type EnvelopeItem = { headers: EnvelopeItemHeaders; payload: string | object };

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
  return withItems(headerLine(headers), items);
}

/** The envelope text after a header line that is already rendered. */
function withItems(headerText: string, items: readonly EnvelopeItem[]): string {
  let out = headerText;
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
  }
  return `${out}\n`;
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
  return withItems(eventHeaderLine(event.event_id, opts), [
    { headers: { type: isTransaction ? 'transaction' : 'event' }, payload },
  ]);
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
  const dsn =
    opts.dsn === undefined
      ? undefined
      : dsnToString(typeof opts.dsn === 'string' ? parseDsn(opts.dsn) : opts.dsn);
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

export type ParsedEnvelopeItem = {
  headers: Record<string, unknown>;
  /** The payload as text (invalid UTF-8 shown as U+FFFD). */
  payload: string;
  /** The payload parsed as JSON, when it is JSON. */
  json?: unknown;
  /** Byte offset of the item header line. */
  offset: number;
};

export type EnvelopeProblem = { message: string; /** byte offset in the UTF-8 envelope */ offset: number };

export type ParsedEnvelope = {
  headers: Record<string, unknown> | null;
  items: ParsedEnvelopeItem[];
  problems: EnvelopeProblem[];
  /** No problems found. */
  ok: boolean;
};

const JSON_ITEM_TYPES = new Set([
  'event',
  'transaction',
  'client_report',
  'span',
  'log',
  'session',
  'sessions',
  'check_in',
  'feedback',
  'user_report',
]);
const EVENT_ITEM_TYPES = new Set(['event', 'transaction', 'feedback']);
const MAX_PROBLEMS = 100;
const NL = 0x0a;
const CR = 0x0d;

/**
 * Reads an envelope as Sentry would (§2.1) and reports every problem instead of throwing: bad header JSON,
 * `\r\n` line ends, a `length` past the end or not followed by a newline, a missing `event_id` header, more
 * than one event item, a duplicated `sent_at`. Accepts a string or the raw bytes.
 */
export function parseEnvelope(input: string | Uint8Array): ParsedEnvelope {
  const problems: EnvelopeProblem[] = [];
  const items: ParsedEnvelopeItem[] = [];
  // A megabyte of garbage would otherwise list a problem per line: keep the first MAX_PROBLEMS and count the rest.
  let unreported = 0;
  const report = (message: string, offset: number) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ message, offset });
    else unreported++;
  };
  let bytes: Uint8Array;
  try {
    bytes =
      typeof input === 'string'
        ? utf8Encode(input)
        : input instanceof Uint8Array
          ? input
          : utf8Encode(String(input));
  } catch {
    return { headers: null, items, problems: [{ message: 'envelope is not text', offset: 0 }], ok: false };
  }
  let pos = 0;
  const readLine = (): { text: string; start: number } => {
    const start = pos;
    let end = bytes.indexOf(NL, pos);
    if (end < 0) end = bytes.length;
    pos = end + 1;
    let lineEnd = end;
    if (lineEnd > start && bytes[lineEnd - 1] === CR) {
      report('line ends with \\r\\n; envelopes use \\n only', lineEnd - 1);
      lineEnd--;
    }
    return { text: utf8Decode(bytes.subarray(start, lineEnd)), start };
  };
  const parseHeader = (text: string, start: number, what: string): Record<string, unknown> | null => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      report(`${what} is not JSON: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`, start);
      return null;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      report(`${what} must be a JSON object`, start);
      return null;
    }
    if (text !== text.trim()) report(`${what} has leading or trailing whitespace`, start);
    return value as Record<string, unknown>;
  };

  if (bytes.length === 0) {
    report('envelope is empty: the header line is required (it may be {})', 0);
    return { headers: null, items, problems, ok: false };
  }
  const first = readLine();
  const headers = parseHeader(first.text, first.start, 'envelope header');
  if (headers && (first.text.match(/"sent_at"\s*:/g)?.length ?? 0) > 1) {
    report('envelope header has sent_at twice; Sentry rejects the whole envelope', first.start);
  }

  while (pos < bytes.length) {
    const line = readLine();
    if (line.text === '' && pos >= bytes.length) break; // a trailing blank line after the final "\n"
    const itemHeaders = parseHeader(line.text, line.start, 'item header');
    if (!itemHeaders) {
      // Without a header we cannot know where the payload ends: skip its line and go on.
      if (pos < bytes.length) readLine();
      continue;
    }
    if (typeof itemHeaders.type !== 'string' || itemHeaders.type === '')
      report('item header has no type', line.start);
    const type = typeof itemHeaders.type === 'string' ? itemHeaders.type : '';
    let payloadBytes: Uint8Array;
    const length = itemHeaders.length;
    if (length !== undefined) {
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
        report(`item length must be a non-negative integer, got ${JSON.stringify(length)}`, line.start);
        const rest = readLine();
        payloadBytes = utf8Encode(rest.text);
      } else if (pos + length > bytes.length) {
        report(`item length is ${length} bytes but only ${Math.max(0, bytes.length - pos)} remain`, pos);
        payloadBytes = bytes.subarray(Math.min(pos, bytes.length));
        pos = bytes.length;
      } else {
        payloadBytes = bytes.subarray(pos, pos + length);
        pos += length;
        if (pos < bytes.length) {
          if (bytes[pos] !== NL)
            report(`item payload of ${length} bytes is followed by something other than \\n`, pos);
          else pos++;
        }
      }
    } else {
      const start = pos;
      let end = bytes.indexOf(NL, pos);
      if (end < 0) end = bytes.length;
      payloadBytes = bytes.subarray(start, end);
      pos = end + 1;
    }
    const payload = utf8Decode(payloadBytes);
    const item: ParsedEnvelopeItem = { headers: itemHeaders, payload, offset: line.start };
    const looksJson = JSON_ITEM_TYPES.has(type) || /^\s*[[{]/.test(payload);
    if (looksJson) {
      try {
        item.json = JSON.parse(payload);
      } catch {
        if (JSON_ITEM_TYPES.has(type)) report(`${type} item payload is not JSON`, line.start);
      }
    }
    items.push(item);
  }

  const eventItems = items.filter((i) => EVENT_ITEM_TYPES.has(String(i.headers.type)));
  if (eventItems.length > 1) {
    report(
      `envelope has ${eventItems.length} event/transaction/feedback items; at most one is allowed`,
      eventItems[1]!.offset,
    );
  }
  if (eventItems.length > 0 && headers && typeof headers.event_id !== 'string') {
    report('envelope header needs event_id when it holds an event or transaction', 0);
  }
  if (unreported > 0) problems.push({ message: `… and ${unreported} more problems`, offset: bytes.length });
  return { headers, items, problems, ok: problems.length === 0 };
}
