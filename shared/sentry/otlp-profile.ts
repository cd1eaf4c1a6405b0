// Profile `sentry-otlp`: what Sentry's own OTLP endpoint (Relay) makes of each span
// (sentry-protocol.md §5.3–5.4, the newest rules seen): a Span V2 with derived sentry.* attributes, span
// events dropped, grouped here by segment the way Sentry's span buffer groups them.
//
// Segment rule (our inference; Relay's OTLP path marks only remote spans as segments and the span buffer
// does the rest): a span starts a segment when it has no parent, is flagged remote, or its parent never
// arrived; every other span belongs to the segment of its nearest such ancestor.
import { utf8Decode } from './utf8.js';
import type { AnyValue, KeyValue, Span } from '../model/span.js';
import { SpanKind } from '../model/span.js';
import { anyValueToPlain, stringAttribute } from '../model/attributes.js';
import { nanosToSecondsMicros } from './go-format.js';
import type { SentrySpanV2, SpanV2Attribute } from './payload.js';
import { pointer } from './json-pointer.js';
import type { Provenance } from './provenance.js';
import { sortedOrder } from './order.js';
import { setOwn } from './set-own.js';

export interface OtlpSegment {
  /** Span ID of the segment's root span. */
  segment_id: string;
  /** The segment root's name: what Sentry shows where a transaction name would be. */
  name: string;
  /** The root first, then the other spans by start time. */
  spans: SentrySpanV2[];
}

interface DroppedSpanEvent {
  spanIndex: number;
  name: string;
  count: number;
}

export interface OtlpMapping {
  segments: OtlpSegment[];
  /** Span events Sentry drops (all of them), grouped by span and event name. */
  droppedEvents: DroppedSpanEvent[];
  /** Where each input span went, by input index. */
  placement: { segment: number; index: number }[];
  provenance: Record<string, Provenance> | null;
}

const KIND_NAMES: Record<number, string> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const PLATFORMS: Record<string, string> = { nodejs: 'node', dotnet: 'csharp', webjs: 'javascript' };

/** OTLP span flags: bit 8 says whether bit 9 (parent is remote) is known. */
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

function base64ToBytes(b64: string): Uint8Array | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = b64.replace(/=+$/, '');
  const out: number[] = [];
  let buf = 0,
    bits = 0;
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return undefined;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Relay's attribute conversion: scalars kept, bytes as UTF-8 text, arrays and kvlists as JSON strings. */
export function v2Attribute(v: AnyValue): SpanV2Attribute | undefined {
  if ('stringValue' in v) return { type: 'string', value: v.stringValue };
  if ('boolValue' in v) return { type: 'boolean', value: v.boolValue };
  if ('intValue' in v) {
    const n = Number(v.intValue);
    return { type: 'integer', value: Number.isSafeInteger(n) ? n : v.intValue };
  }
  if ('doubleValue' in v) return { type: 'double', value: v.doubleValue };
  if ('bytesValue' in v) {
    const bytes = base64ToBytes(v.bytesValue);
    if (!bytes) return undefined;
    const text = utf8Decode(bytes);
    return text.includes('\uFFFD') ? undefined : { type: 'string', value: text };
  }
  if ('arrayValue' in v) return { type: 'string', value: JSON.stringify(anyValueToPlain(v)) };
  if ('kvlistValue' in v) return { type: 'string', value: JSON.stringify(anyValueToPlain(v)) };
  return undefined;
}

function attrString(attrs: Record<string, SpanV2Attribute>, key: string): string | undefined {
  const a = attrs[key];
  return a && a.type === 'string' ? a.value : undefined;
}

/** sentry.op per Relay's newest rules (relay-spans/src/op.rs): current semconv names only. */
export function deriveOp(attrs: Record<string, SpanV2Attribute>): { op: string; key?: string } {
  if ('http.request.method' in attrs) {
    const kind = attrString(attrs, 'sentry.kind');
    if (kind === 'client') return { op: 'http.client', key: 'http.request.method' };
    if (kind === 'server') return { op: 'http.server', key: 'http.request.method' };
    if ('sentry.http.prefetch' in attrs) return { op: 'http.prefetch', key: 'sentry.http.prefetch' };
    return { op: 'http', key: 'http.request.method' };
  }
  if ('db.system.name' in attrs) return { op: 'db', key: 'db.system.name' };
  if ('gen_ai.provider.name' in attrs) return { op: 'gen_ai', key: 'gen_ai.provider.name' };
  if ('rpc.service' in attrs) return { op: 'rpc', key: 'rpc.service' };
  if ('messaging.system' in attrs) return { op: 'message', key: 'messaging.system' };
  const faas = attrs['faas.trigger'];
  if (faas) return { op: String(faas.value), key: 'faas.trigger' };
  return { op: 'default' };
}

/** sentry.description per relay-spans/src/description.rs: query text, else method + URL, else none. */
export function deriveDescription(
  name: string,
  attrs: Record<string, SpanV2Attribute>,
): { description: string; keys: string[] } | undefined {
  if (attrString(attrs, 'sentry.origin') === 'manual') return { description: name, keys: [] };
  const q = attrString(attrs, 'db.query.text');
  if (q !== undefined) return { description: q, keys: ['db.query.text'] };
  const method = attrString(attrs, 'http.request.method');
  const url = attrString(attrs, 'url.full');
  if (method !== undefined && url !== undefined)
    return { description: `${method} ${url}`, keys: ['http.request.method', 'url.full'] };
  return undefined;
}

function fallbackName(span: Span): string {
  if (span.name) return span.name;
  if (span.attributes.some((a) => a.key.startsWith('db'))) return 'db';
  if (span.attributes.some((a) => a.key === 'http.method' || a.key === 'http.request.method'))
    return span.kind === SpanKind.SERVER
      ? 'http.server'
      : span.kind === SpanKind.CLIENT
        ? 'http.client'
        : 'http';
  return '';
}

function isRemote(span: Span): boolean | undefined {
  return span.flags & HAS_IS_REMOTE ? (span.flags & IS_REMOTE) !== 0 : undefined;
}

function convert(span: Span, prov: Map<string, Provenance> | null): SentrySpanV2 {
  const attributes: Record<string, SpanV2Attribute> = {};
  const put = (k: string, v: SpanV2Attribute | undefined, p: Provenance) => {
    if (!v) return;
    setOwn(attributes, k, v);
    prov?.set(pointer('attributes', k), p);
  };
  const putAll = (kvs: readonly KeyValue[], prefix: string, source: Provenance['source']) => {
    for (const kv of kvs) put(prefix + kv.key, v2Attribute(kv.value), { source, key: kv.key });
  };
  putAll(span.attributes, '', 'attribute');
  putAll(span.resource.attributes, 'resource.', 'resource');
  if (span.scope.name)
    put('instrumentation.name', { type: 'string', value: span.scope.name }, { source: 'scope', key: 'name' });
  if (span.scope.version)
    put(
      'instrumentation.version',
      { type: 'string', value: span.scope.version },
      { source: 'scope', key: 'version' },
    );
  putAll(span.scope.attributes, 'instrumentation.', 'scope');
  const kind = KIND_NAMES[span.kind];
  if (kind) put('sentry.kind', { type: 'string', value: kind }, { source: 'span', key: 'kind' });
  if (span.status.message)
    put(
      'sentry.status.message',
      { type: 'string', value: span.status.message },
      { source: 'span', key: 'status.message' },
    );
  if (!('sentry.origin' in attributes))
    put(
      'sentry.origin',
      { type: 'string', value: 'auto.otlp.spans' },
      { source: 'default', note: "Relay's OTLP origin" },
    );
  const lang = stringAttribute(span.resource.attributes, 'telemetry.sdk.language');
  if (lang)
    put(
      'sentry.platform',
      { type: 'string', value: PLATFORMS[lang] ?? lang },
      { source: 'resource', key: 'telemetry.sdk.language', rule: 'platform-from-language' },
    );
  const remote = isRemote(span);
  if (remote !== undefined)
    put('sentry.is_remote', { type: 'boolean', value: remote }, { source: 'span', key: 'flags' });
  if (!('sentry.op' in attributes)) {
    const op = deriveOp(attributes);
    put(
      'sentry.op',
      { type: 'string', value: op.op },
      op.key
        ? { source: 'attribute', key: op.key, rule: 'relay-op' }
        : { source: 'default', rule: 'relay-op' },
    );
  }
  const name = fallbackName(span);
  if (!('sentry.description' in attributes)) {
    const d = deriveDescription(name, attributes);
    if (d)
      put(
        'sentry.description',
        { type: 'string', value: d.description },
        d.keys.length
          ? { source: 'attribute', key: d.keys.join(' + '), rule: 'relay-description' }
          : { source: 'span', key: 'name' },
      );
  }
  const out: SentrySpanV2 = {
    trace_id: span.traceId,
    span_id: span.spanId,
    name,
    status: span.status.code === 2 ? 'error' : 'ok',
    is_segment: false,
    start_timestamp: nanosToSecondsMicros(span.startTimeUnixNano),
    end_timestamp: nanosToSecondsMicros(span.endTimeUnixNano),
    attributes,
  };
  if (span.parentSpanId && !/^0+$/.test(span.parentSpanId)) out.parent_span_id = span.parentSpanId;
  if (span.links.length)
    out.links = span.links.map((l) => {
      const link: NonNullable<SentrySpanV2['links']>[number] = {
        trace_id: l.traceId,
        span_id: l.spanId,
        sampled: (l.flags & 1) === 1,
      };
      if (l.attributes.length) {
        link.attributes = {};
        for (const kv of l.attributes) {
          const a = v2Attribute(kv.value);
          if (a) setOwn(link.attributes, kv.key, a);
        }
      }
      return link;
    });
  if (prov) {
    prov.set('/trace_id', { source: 'span', key: 'traceId' });
    prov.set('/span_id', { source: 'span', key: 'spanId' });
    if (out.parent_span_id) prov.set('/parent_span_id', { source: 'span', key: 'parentSpanId' });
    prov.set('/is_segment', {
      source: 'rule',
      rule: 'segment-member',
      note: 'belongs to the segment of its nearest segment ancestor (inference)',
    });
    if (out.links) prov.set('/links', { source: 'span', key: 'links' });
    prov.set(
      '/name',
      span.name ? { source: 'span', key: 'name' } : { source: 'rule', rule: 'relay-empty-name' },
    );
    prov.set('/status', { source: 'span', key: 'status.code', rule: 'ERROR → error, otherwise ok' });
    prov.set('/start_timestamp', { source: 'span', key: 'startTimeUnixNano' });
    prov.set('/end_timestamp', { source: 'span', key: 'endTimeUnixNano' });
  }
  return out;
}

export function mapSentryOtlp(spans: readonly Span[], withProvenance = false): OtlpMapping {
  const order = sortedOrder(spans);
  const byId = new Map<string, number>();
  for (const i of order) if (!byId.has(spans[i]!.spanId)) byId.set(spans[i]!.spanId, i);
  // Segment root of each span, memoised; a parent cycle makes the span where we noticed it a root.
  const segOf = new Int32Array(spans.length).fill(-1);
  const isSegRoot = (i: number): boolean => {
    const s = spans[i]!;
    if (!s.parentSpanId || /^0+$/.test(s.parentSpanId) || isRemote(s) === true) return true;
    return !byId.has(s.parentSpanId);
  };
  const segmentRoot = (start: number): number => {
    const path: number[] = [];
    const seen = new Set<number>();
    let i = start;
    while (segOf[i] === -1 && !isSegRoot(i) && !seen.has(i)) {
      seen.add(i);
      path.push(i);
      i = byId.get(spans[i]!.parentSpanId)!;
    }
    const root = segOf[i] !== -1 ? segOf[i]! : i;
    segOf[i] = root;
    for (const p of path) segOf[p] = root;
    return root;
  };
  const segIndex = new Map<number, number>();
  const members: number[][] = [];
  const roots: number[] = [];
  for (const i of order) {
    const r = segmentRoot(i);
    if (!segIndex.has(r)) {
      // Roots are met in sorted order only if they start first; fix the order below.
      segIndex.set(r, -1);
      roots.push(r);
    }
  }
  const position = new Map<number, number>();
  order.forEach((i, p) => position.set(i, p));
  roots.sort((a, b) => position.get(a)! - position.get(b)!);
  roots.forEach((r, n) => {
    segIndex.set(r, n);
    members.push([r]);
  });
  for (const i of order) {
    const r = segOf[i]!;
    if (r !== i) members[segIndex.get(r)!]!.push(i);
  }

  const provenance: Record<string, Provenance> | null = withProvenance ? {} : null;
  const placement: OtlpMapping['placement'] = new Array(spans.length);
  const segments: OtlpSegment[] = members.map((idx, n) => {
    const out = idx.map((i, j) => {
      placement[i] = { segment: n, index: j };
      const p = provenance ? new Map<string, Provenance>() : null;
      const v2 = convert(spans[i]!, p);
      if (j === 0) {
        v2.is_segment = true;
        p?.set('/is_segment', {
          source: 'rule',
          rule: 'segment-root',
          note: 'no parent, remote parent, or parent never arrived (inference)',
        });
      }
      if (p) for (const [rel, pv] of p) provenance![`/segments/${n}/spans/${j}${rel}`] = pv;
      return v2;
    });
    if (provenance) {
      provenance[`/segments/${n}/segment_id`] = {
        source: 'span',
        key: 'spanId',
        note: "the segment root's span ID",
      };
      provenance[`/segments/${n}/name`] = { source: 'span', key: 'name', note: "the segment root's name" };
    }
    return { segment_id: spans[idx[0]!]!.spanId, name: out[0]!.name, spans: out };
  });

  const droppedEvents: DroppedSpanEvent[] = [];
  for (const i of order) {
    const counts = new Map<string, number>();
    for (const e of spans[i]!.events) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
    for (const [name, count] of counts) droppedEvents.push({ spanIndex: i, name, count });
  }
  return { segments, droppedEvents, placement, provenance };
}
