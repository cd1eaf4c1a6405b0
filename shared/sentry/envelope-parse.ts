// Reading an envelope back (reference/sentry-protocol.md §2.1) as Sentry would, reporting every problem
// instead of throwing (@sentry/core's parseEnvelope throws on bad input and returns bytes): for the tests
// and for the UI.
import { utf8Decode, utf8Encode } from './utf8.js';

type ParsedEnvelopeItem = {
  headers: Record<string, unknown>;
  /** The payload as text (invalid UTF-8 shown as U+FFFD). */
  payload: string;
  /** The payload parsed as JSON, when it is JSON. */
  json?: unknown;
  /** Byte offset of the item header line. */
  offset: number;
};

type EnvelopeProblem = { message: string; /** byte offset in the UTF-8 envelope */ offset: number };

type ParsedEnvelope = {
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
