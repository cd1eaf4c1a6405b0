// Profile `collector`: the OpenTelemetry Collector contrib sentryexporter's classic (Era A) mapping
// (sentryexporter.md §3–§4), on one whole trace, plus the improvements selected in MappingOptions.
//
// Output order (the Go exporter's is random; ours is fixed and documented in docs/sentry-mapping.md):
//   spans are first sorted by start time, then span ID, so the input order never matters;
//   transactions: the transaction roots in that order, then the orphan transactions in that order;
//   spans inside a transaction: in that order; errors: by span in that order, then by event order.
import type { KeyValue, Resource, Span, SpanEvent } from '../model/span.js';
import { SPAN_KIND_NAMES, SpanKind } from '../model/span.js';
import { noParent, sortedOrder } from './order.js';
import { spanDescriptors, type Descriptors, goStr } from './descriptors.js';
import { eventIdFor } from './eventId.js';
import { rfc3339Nano } from './go-format.js';
import type { MappingOptions } from './options.js';
import type {
  ErrorEvent,
  ExceptionValue,
  SdkInfo,
  SentrySpan,
  TraceContext,
  TransactionEvent,
} from './payload.js';
import { pointer, type Provenance } from './provenance.js';
import { resourceContext, platformFromLanguage, type ResourceContext } from './resource-context.js';
import { statusFromSpanStatus, type StatusResult, type TagLookup } from './status.js';
import {
  cutTag,
  dataFromAttributes,
  goTagValue,
  setOwn,
  TAG_KEY_MAX,
  TAG_VALUE_MAX,
  tagOverLimit,
  tagsFromAttributes,
} from './tags.js';
import { parseStackTrace } from './stacktrace/index.js';
import { stringAttribute } from '../model/attributes.js';

/** Markers of chained exceptions in Python, JVM, .NET and JS stack text. */
const CHAINED_CAUSE =
  /^(?:Caused by: |During handling of the above exception|The above exception was the direct cause)|--- End of inner exception stack trace ---|\[cause\]:/m;

/** The SDK the classic exporter announces (sentry_exporter.go constants). */
export const CLASSIC_SDK: Readonly<SdkInfo> = Object.freeze({
  name: 'sentry.opentelemetry',
  version: '0.0.2',
});

export interface MappingSettings {
  /** The exporter's `environment` setting: wins over the resource's. */
  environment?: string;
  /** A release to stamp on every event: wins over service.version. */
  release?: string;
}

export type Placement =
  | { where: 'transaction'; transaction: number }
  | { where: 'span'; transaction: number; index: number }
  | { where: 'dropped'; reason: 'no-transaction-root' };

export interface TagIssue {
  spanIndex: number;
  key: string;
  /** Whether the tag was cut (option on) or goes out over the limit (option off). */
  cut: boolean;
}

export interface CollectorMapping {
  transactions: TransactionEvent[];
  errors: ErrorEvent[];
  /** Where each input span went, by input index. */
  placement: Placement[];
  /** For each error event, the input index of the span that carried it and the exception event's index. */
  errorSources: { spanIndex: number; eventIndex: number }[];
  /** Exception events that produced no error (neither type nor message), by input span index. */
  emptyExceptions: { spanIndex: number; eventIndex: number }[];
  /** Input indices of transaction roots found by the classic rule (parent empty, SERVER or CONSUMER). */
  rootCount: number;
  tagIssues: TagIssue[];
  /** JSON pointer ('/transactions/0/tags/http.method') → where the value came from. */
  provenance: Record<string, Provenance> | null;
}

interface Converted {
  index: number;
  span: Span;
  out: SentrySpan;
  desc: Descriptors;
  status: StatusResult;
  /** Pointer relative to the span object → provenance (null when not recorded). */
  prov: Map<string, Provenance> | null;
}

const OTEL_KIND: Record<number, string> = {
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

/** Event IDs are derived, not random: the same trace always previews and forwards with the same IDs. */
export function transactionEventId(traceId: string, spanId: string): string {
  return eventIdFor('transaction', traceId, spanId);
}
export function errorEventId(traceId: string, spanId: string, eventIndex: number): string {
  return eventIdFor('error', traceId, spanId, String(eventIndex));
}

export function isTransactionRoot(span: Span): boolean {
  return noParent(span.parentSpanId) || span.kind === SpanKind.SERVER || span.kind === SpanKind.CONSUMER;
}

function hasParent(span: Span): boolean {
  return !noParent(span.parentSpanId);
}

export function mapCollector(
  spans: readonly Span[],
  options: MappingOptions,
  settings: MappingSettings = {},
  withProvenance = false,
): CollectorMapping {
  const order = sortedOrder(spans);
  const tagIssues: TagIssue[] = [];
  const converted: Converted[] = new Array(spans.length);
  for (const i of order) converted[i] = convertSpan(i, spans[i]!, options, tagIssues, withProvenance);

  // --- Grouping (sentryexporter.md §3.1–3.3): roots, first pass, fix-point, orphans. ---
  const rootOf = new Map<string, number>(); // span ID → input index of its transaction root
  const roots: number[] = [];
  const children = new Map<number, number[]>();
  let maybeOrphans: number[] = [];
  for (const i of order) {
    const s = spans[i]!;
    if (isTransactionRoot(s)) {
      roots.push(i);
      rootOf.set(s.spanId, i);
      children.set(i, []);
    } else {
      const r = rootOf.get(s.parentSpanId);
      if (r !== undefined) {
        rootOf.set(s.spanId, r);
        children.get(r)!.push(i);
      } else maybeOrphans.push(i);
    }
  }
  const rootCount = roots.length;
  const placement: Placement[] = new Array(spans.length);
  if (roots.length === 0 && !options.keepRootlessTraces) {
    for (let i = 0; i < spans.length; i++) placement[i] = { where: 'dropped', reason: 'no-transaction-root' };
    return {
      transactions: [],
      errors: [],
      placement,
      errorSources: [],
      emptyExceptions: [],
      rootCount,
      tagIssues,
      provenance: withProvenance ? {} : null,
    };
  }
  if (maybeOrphans.length) maybeOrphans = attach(maybeOrphans, spans, rootOf, children);
  const orphanRoots: number[] = [];
  if (options.groupOrphans && maybeOrphans.length) {
    // A leftover whose parent is not itself a leftover has a parent that never arrived: make it a root and
    // attach its subtree. Whatever is still left (parent cycles) becomes one transaction per span.
    const leftIds = new Set(maybeOrphans.map((i) => spans[i]!.spanId));
    const rest: number[] = [];
    for (const i of maybeOrphans) {
      const s = spans[i]!;
      if (!leftIds.has(s.parentSpanId) || !hasParent(s)) {
        orphanRoots.push(i);
        rootOf.set(s.spanId, i);
        children.set(i, []);
      } else rest.push(i);
    }
    maybeOrphans = attach(rest, spans, rootOf, children);
  }
  for (const i of maybeOrphans) {
    orphanRoots.push(i);
    children.set(i, []);
  }
  const position = new Int32Array(spans.length);
  for (let p = 0; p < order.length; p++) position[order[p]!] = p;
  orphanRoots.sort((a, b) => position[a]! - position[b]!);

  // --- Events. ---
  const prov: Record<string, Provenance> | null = withProvenance ? {} : null;
  const transactions: TransactionEvent[] = [];
  const txOfRoot = new Map<number, number>();
  for (const r of [...roots, ...orphanRoots]) {
    const kids = children.get(r)!;
    // The first pass attaches in sorted order; only spans attached by later passes are out of place.
    let sorted = true;
    for (let k = 1; k < kids.length && sorted; k++) sorted = position[kids[k - 1]!]! < position[kids[k]!]!;
    if (!sorted) kids.sort((a, b) => position[a]! - position[b]!);
    const t = transactions.length;
    txOfRoot.set(r, t);
    placement[r] = { where: 'transaction', transaction: t };
    kids.forEach((k, j) => (placement[k] = { where: 'span', transaction: t, index: j }));
    transactions.push(
      buildTransaction(
        converted[r]!,
        kids.map((k) => converted[k]!),
        options,
        settings,
        t,
        prov,
      ),
    );
  }

  const errors: ErrorEvent[] = [];
  const errorSources: CollectorMapping['errorSources'] = [];
  const emptyExceptions: CollectorMapping['emptyExceptions'] = [];
  for (const i of order) {
    const c = converted[i]!;
    const events = c.span.events;
    for (let e = 0; e < events.length; e++) {
      const ev = events[e]!;
      if (ev.name !== 'exception') continue;
      const type = goStr(ev.attributes, 'exception.type');
      const message = goStr(ev.attributes, 'exception.message');
      if (!type && !message) {
        emptyExceptions.push({ spanIndex: i, eventIndex: e });
        continue;
      }
      const p = placement[i]!;
      const tx = p.where === 'dropped' ? undefined : transactions[p.transaction];
      const n = errors.length;
      errors.push(buildError(c, ev, e, type, message, tx, options, settings, n, prov));
      errorSources.push({ spanIndex: i, eventIndex: e });
    }
  }
  return {
    transactions,
    errors,
    placement,
    errorSources,
    emptyExceptions,
    rootCount,
    tagIssues,
    provenance: prov,
  };
}

/**
 * classifyAsOrphanSpans: attach pending spans to the root of their parent, repeating until a pass attaches
 * nothing; returns the spans still unattached. A module function rather than a closure in mapCollector:
 * under tsx (keepNames) every closure bound to a name costs a defineProperty call per trace.
 */
function attach(
  pending: number[],
  spans: readonly Span[],
  rootOf: Map<string, number>,
  children: Map<number, number[]>,
): number[] {
  for (;;) {
    const next: number[] = [];
    for (const i of pending) {
      const s = spans[i]!;
      const r = rootOf.get(s.parentSpanId);
      if (r !== undefined) {
        rootOf.set(s.spanId, r);
        children.get(r)!.push(i);
      } else next.push(i);
    }
    if (next.length === 0 || next.length === pending.length) return next;
    pending = next;
  }
}

/** The tag map as the exporter merges it (resource attributes win), read without building it. */
class MergedTags implements TagLookup {
  constructor(
    private readonly res: Map<string, string>,
    private readonly attrs: readonly KeyValue[],
  ) {}
  get(k: string): string | undefined {
    const r = this.res.get(k);
    if (r !== undefined) return r;
    // The last occurrence wins, as when Go fills its map in attribute order.
    for (let n = this.attrs.length - 1; n >= 0; n--) {
      const kv = this.attrs[n]!;
      if (kv.key === k) {
        const v = goTagValue(kv.value);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }
}

const NO_TAGS: TagLookup = { get: () => undefined };

const SRC_STATUS = 0;
const SRC_KIND = 1;
const SRC_LIBRARY_NAME = 2;
const SRC_LIBRARY_VERSION = 3;
const SRC_RESOURCE = 4;
const SRC_SPAN = 5;

/** Sorted tag keys of spans that share a resource and an attribute key signature, and each value's source. */
interface TagTemplate {
  /** The layout it was built for: attribute keys in order, whether each gave a tag, message and kind flags. */
  attrKeys: string[];
  attrTagged: Uint8Array;
  hasMessage: boolean;
  hasKind: boolean;
  keys: string[];
  src: Uint8Array;
  /** For SRC_SPAN keys: the index of the attribute that supplies the value (its last occurrence). */
  attrIndex: Int32Array;
  /** For SRC_RESOURCE keys: the value (constant: templates are per resource). */
  resValues: (string | undefined)[];
  /** Whether the key itself is over Sentry's limit (then the tag always needs cutting). */
  keyTooLong: Uint8Array;
  /**
   * An object with the template's keys, created in tag order, or null when a key is over the limit (a cut
   * key may collide with another, so those spans build their tags key by key). Spreading it and overwriting
   * the values gives the same own-key order as adding the keys one by one (so the same JSON), but copies one
   * finished layout instead of walking a property transition per key. Resource values that need neither a
   * cut nor a lint are already in place (`prefilled`); the other values are placeholders.
   */
  shape: Record<string, string> | null;
  prefilled: Uint8Array;
  /**
   * `shape` with span_kind, library_name and library_version also in place (when clean), for the kind and
   * scope the latest span of this template had: spans of one layout nearly always share them.
   */
  scoped: ScopedShape | null;
}

interface ScopedShape {
  kind: string;
  name: string;
  version: string;
  shape: Record<string, string>;
  prefilled: Uint8Array;
}

/** A tag value that Relay takes as is: never cut, never linted (at most TAG_VALUE_MAX units, no newline). */
function cleanTagValue(v: string): boolean {
  return v.length <= TAG_VALUE_MAX && v.indexOf('\n') === -1;
}

function scopedShape(
  tpl: TagTemplate,
  shape: Record<string, string>,
  kind: string,
  name: string,
  version: string,
) {
  const out: ScopedShape = { kind, name, version, shape: { ...shape }, prefilled: tpl.prefilled.slice() };
  for (let n = 0; n < tpl.keys.length; n++) {
    const from = tpl.src[n];
    const v =
      from === SRC_KIND
        ? kind
        : from === SRC_LIBRARY_NAME
          ? name
          : from === SRC_LIBRARY_VERSION
            ? version
            : undefined;
    if (v !== undefined && cleanTagValue(v)) {
      setOwn(out.shape, tpl.keys[n]!, v);
      out.prefilled[n] = 1;
    }
  }
  return out;
}

function tagTemplate(
  attrs: readonly KeyValue[],
  resTags: Map<string, string>,
  hasStatusMessage: boolean,
  hasKind: boolean,
): TagTemplate {
  const from = new Map<string, [number, number]>();
  for (let n = 0; n < attrs.length; n++)
    if (goTagValue(attrs[n]!.value) !== undefined) from.set(attrs[n]!.key, [SRC_SPAN, n]);
  for (const k of resTags.keys()) from.set(k, [SRC_RESOURCE, -1]);
  if (hasStatusMessage) from.set('status_message', [SRC_STATUS, -1]);
  if (hasKind) from.set('span_kind', [SRC_KIND, -1]);
  from.set('library_name', [SRC_LIBRARY_NAME, -1]);
  from.set('library_version', [SRC_LIBRARY_VERSION, -1]);
  const keys = [...from.keys()].sort();
  const src = new Uint8Array(keys.length);
  const attrIndex = new Int32Array(keys.length);
  keys.forEach((k, n) => {
    const [s, i] = from.get(k)!;
    src[n] = s;
    attrIndex[n] = i;
  });
  const attrTagged = new Uint8Array(attrs.length);
  for (let n = 0; n < attrs.length; n++) attrTagged[n] = goTagValue(attrs[n]!.value) !== undefined ? 1 : 0;
  const resValues = keys.map((k, n) => (src[n] === SRC_RESOURCE ? resTags.get(k) : undefined));
  const keyTooLong = Uint8Array.from(keys, (k) => (k.length > TAG_KEY_MAX ? 1 : 0));
  let shape: Record<string, string> | null = null;
  const prefilled = new Uint8Array(keys.length);
  if (!keyTooLong.includes(1)) {
    shape = {};
    keys.forEach((k, n) => {
      const v = resValues[n];
      // A value of at most TAG_VALUE_MAX units without a newline is never cut nor over the limit.
      const fixed = v !== undefined && cleanTagValue(v);
      prefilled[n] = fixed ? 1 : 0;
      setOwn(shape!, k, fixed ? v : '');
    });
  }
  return {
    attrKeys: attrs.map((a) => a.key),
    attrTagged,
    hasMessage: hasStatusMessage,
    hasKind,
    keys,
    src,
    attrIndex,
    resValues,
    keyTooLong,
    shape,
    prefilled,
    scoped: null,
  };
}

/** Whether `attrs` has exactly the layout `tpl` was built for. */
function sameLayout(
  tpl: TagTemplate,
  attrs: readonly KeyValue[],
  hasMessage: boolean,
  hasKind: boolean,
): boolean {
  if (tpl.hasMessage !== hasMessage || tpl.hasKind !== hasKind || tpl.attrKeys.length !== attrs.length)
    return false;
  for (let n = 0; n < attrs.length; n++) {
    const kv = attrs[n]!;
    if (kv.key !== tpl.attrKeys[n]) return false;
    const v = kv.value;
    const tagged = 'stringValue' in v || 'intValue' in v || 'boolValue' in v || 'doubleValue' in v ? 1 : 0;
    if (tagged !== tpl.attrTagged[n]) return false;
  }
  return true;
}

function tagProvenance(k: string, from: number, statusRule: string): Provenance {
  switch (from) {
    case SRC_STATUS:
      return statusRule === 'status-code-out-of-range'
        ? { source: 'rule', key: 'status.code', rule: 'status-code-out-of-range' }
        : { source: 'span', key: 'status.message', rule: 'status-message' };
    case SRC_KIND:
      return { source: 'span', key: 'kind', rule: 'span-kind-name' };
    case SRC_LIBRARY_NAME:
      return { source: 'scope', key: 'name' };
    case SRC_LIBRARY_VERSION:
      return { source: 'scope', key: 'version' };
    case SRC_RESOURCE:
      return { source: 'resource', key: k };
    default:
      return { source: 'attribute', key: k };
  }
}

interface ResourceTags {
  tags: Map<string, string>;
  templates: Map<string, TagTemplate>;
  /** The templates the latest spans of this resource used, most recent first (at most RECENT_TEMPLATES). */
  recent: TagTemplate[];
}

/** A trace alternates between a few layouts (a server root, then its db children…): keep that many at hand. */
const RECENT_TEMPLATES = 4;

/**
 * Resource tags and tag templates, per resource object. A Resource is shared by every span of its
 * ResourceSpans and never changed after decoding (span.ts), so this survives across mappings of the same
 * stored spans (a preview, then a forward) and goes with the resource.
 */
const RESOURCE_TAGS = new WeakMap<Resource, ResourceTags>();

function convertSpan(
  index: number,
  span: Span,
  options: MappingOptions,
  tagIssues: TagIssue[],
  withProvenance: boolean,
): Converted {
  const prov = withProvenance ? new Map<string, Provenance>() : null;
  const desc = spanDescriptors(span, options);

  // Tags: span attributes, then resource attributes (they win), then the exporter's own.
  let res = RESOURCE_TAGS.get(span.resource);
  if (!res) {
    res = { tags: tagsFromAttributes(span.resource.attributes), templates: new Map(), recent: [] };
    RESOURCE_TAGS.set(span.resource, res);
  }
  const resTags = res.tags;
  const attrs = span.attributes;
  // UNSET and OK never look at the tags: skip building the lookup for them.
  const code = span.status.code;
  const status = statusFromSpanStatus(
    code,
    span.status.message,
    code === 0 || code === 1 ? NO_TAGS : new MergedTags(resTags, attrs),
    options,
  );
  const kindName =
    span.kind !== SpanKind.UNSPECIFIED ? (SPAN_KIND_NAMES[span.kind] ?? `SPAN_KIND_${span.kind}`) : '';

  // Go marshals maps with sorted keys: so do we. Spans of one resource mostly share their attribute keys,
  // so the sorted key list, and where each value comes from, is cached per resource and key signature.
  // Fast path: the same layout as one of the latest spans of this resource (keys compared by identity
  // first; decoders intern them, so this is usually a pointer comparison), which saves building the
  // signature and hashing it.
  const hasMessage = status.message !== '';
  const recent = res.recent;
  let tpl: TagTemplate | undefined;
  for (let r = 0; r < recent.length; r++) {
    const t = recent[r]!;
    if (sameLayout(t, attrs, hasMessage, kindName !== '')) {
      tpl = t;
      if (r > 0) {
        recent.splice(r, 1);
        recent.unshift(t);
      }
      break;
    }
  }
  if (!tpl) {
    let signature = hasMessage ? 'm' : '-';
    if (kindName) signature += 'k';
    for (let n = 0; n < attrs.length; n++)
      // Every attribute takes part (dropped kinds marked), so equal signatures mean equal attribute positions.
      signature += (goTagValue(attrs[n]!.value) !== undefined ? '\u0000' : '\u0001') + attrs[n]!.key;
    tpl = res.templates.get(signature);
    if (!tpl) {
      tpl = tagTemplate(attrs, resTags, hasMessage, kindName !== '');
      if (res.templates.size < 256) res.templates.set(signature, tpl);
    }
    recent.unshift(tpl);
    if (recent.length > RECENT_TEMPLATES) recent.pop();
  }
  const { keys, src, attrIndex, resValues, keyTooLong } = tpl;
  let { shape, prefilled } = tpl;
  if (shape) {
    // Compared by value, not by scope object: the layout holds the values themselves.
    const name = span.scope.name;
    const version = span.scope.version;
    let sc = tpl.scoped;
    if (!sc || sc.kind !== kindName || sc.name !== name || sc.version !== version)
      sc = tpl.scoped = scopedShape(tpl, shape, kindName, name, version);
    shape = sc.shape;
    prefilled = sc.prefilled;
  }
  // Every key below is written once, in `keys` order; a cut value keeps its key (keys over the limit have
  // no shape), so writing into the copied layout yields the same properties in the same order.
  const tags: Record<string, string> = shape ? { ...shape } : {};
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n]!;
    const from = src[n]!;
    if (shape && prefilled[n] === 1) {
      prov?.set(pointer('tags', k), tagProvenance(k, from, status.rule));
      continue;
    }
    const v =
      from === SRC_RESOURCE
        ? resValues[n]!
        : from === SRC_SPAN
          ? goTagValue(attrs[attrIndex[n]!]!.value)!
          : from === SRC_STATUS
            ? status.message
            : from === SRC_KIND
              ? kindName
              : from === SRC_LIBRARY_NAME
                ? span.scope.name
                : span.scope.version;
    if (options.tagLimits) {
      if (keyTooLong[n] === 1 || v.length > TAG_VALUE_MAX || v.indexOf('\n') !== -1) {
        const c = cutTag(k, v);
        setOwn(tags, c.key, c.value);
        if (c.keyCut || c.valueCut) {
          tagIssues.push({ spanIndex: index, key: k, cut: true });
          prov?.set(pointer('tags', c.key), {
            ...tagProvenance(k, from, status.rule),
            option: 'tagLimits',
            note: `cut to Sentry's limits (${c.keyCut ? 'key' : ''}${c.keyCut && c.valueCut ? ' and ' : ''}${c.valueCut ? 'value' : ''})`,
          });
          continue;
        }
      } else setOwn(tags, k, v);
    } else {
      setOwn(tags, k, v);
      if (tagOverLimit(k, v)) tagIssues.push({ spanIndex: index, key: k, cut: false });
    }
    prov?.set(pointer('tags', k), tagProvenance(k, from, status.rule));
  }

  const out: SentrySpan = { trace_id: span.traceId, span_id: span.spanId } as SentrySpan;
  if (hasParent(span)) out.parent_span_id = span.parentSpanId;
  if (desc.op !== '') out.op = desc.op;
  out.description = desc.description;
  out.status = status.status;
  out.tags = tags;
  if (options.spanData) {
    out.data = spanData(span, desc, prov);
    prov?.set('/data', { source: 'attribute', note: "the span's attributes", option: 'spanData' });
  }
  out.start_timestamp = rfc3339Nano(span.startTimeUnixNano);
  out.timestamp = rfc3339Nano(span.endTimeUnixNano);

  if (prov) {
    prov.set('/trace_id', { source: 'span', key: 'traceId' });
    prov.set('/span_id', { source: 'span', key: 'spanId' });
    if (out.parent_span_id) prov.set('/parent_span_id', { source: 'span', key: 'parentSpanId' });
    if (out.op !== undefined)
      prov.set('/op', {
        source: desc.opKey ? 'attribute' : 'rule',
        ...(desc.opKey ? { key: desc.opKey } : {}),
        rule: desc.opRule,
        ...(desc.opOption ? { option: desc.opOption } : {}),
      });
    prov.set('/description', {
      source: desc.descKey ? 'attribute' : 'span',
      key: desc.descKey ?? 'name',
      rule: desc.descRule,
      ...(desc.descOption ? { option: desc.descOption } : {}),
    });
    prov.set('/status', {
      source: status.key ? 'attribute' : 'span',
      key: status.key ?? 'status.code',
      rule: status.rule,
      ...((status.key && status.key !== 'http.status_code' && status.key !== 'rpc.grpc.status_code') ||
      (status.status === 'unknown_error' && options.unknownErrorStatus)
        ? { option: status.status === 'unknown_error' ? 'unknownErrorStatus' : 'semconvFallbacks' }
        : {}),
    });
    prov.set('/start_timestamp', { source: 'span', key: 'startTimeUnixNano', rule: 'rfc3339-nanos' });
    prov.set('/timestamp', { source: 'span', key: 'endTimeUnixNano', rule: 'rfc3339-nanos' });
  }
  return { index, span, out, desc, status, prov };
}

/** Span attributes as data, plus the keys Sentry's span views read (sentry-protocol.md §3.4, §9). */
function spanData(
  span: Span,
  desc: Descriptors,
  prov: Map<string, Provenance> | null,
): Record<string, unknown> {
  const data = dataFromAttributes(span.attributes);
  if (prov)
    for (const k of Object.keys(data))
      prov.set(pointer('data', k), { source: 'attribute', key: k, option: 'spanData' });
  // Provenance objects are only built when provenance is recorded: this runs for every span.
  const kind = OTEL_KIND[span.kind];
  if (kind)
    addData(data, prov, 'otel.kind', kind, prov && { source: 'span', key: 'kind', option: 'spanData' });
  if (desc.op)
    addData(
      data,
      prov,
      'sentry.op',
      desc.op,
      prov && { source: 'rule', rule: desc.opRule, option: 'spanData' },
    );
  for (let n = 0; n < LEGACY_DATA_KEYS.length; n++) {
    const pair = LEGACY_DATA_KEYS[n]!;
    const from = pair[0];
    const to = pair[1];
    if (from in data)
      addData(
        data,
        prov,
        to,
        data[from],
        prov && { source: 'attribute', key: from, rule: 'sentry-span-data-key', option: 'spanData' },
      );
  }
  const url = data['url.full'] ?? data['http.url'];
  if (typeof url === 'string')
    addData(
      data,
      prov,
      'url',
      url.split(/[?#]/, 1)[0],
      prov && {
        source: 'attribute',
        key: 'url.full' in data ? 'url.full' : 'http.url',
        rule: 'sentry-span-data-key',
        option: 'spanData',
      },
    );
  return data;
}

/** Old semconv keys whose values Sentry's span views read under the current name. */
const LEGACY_DATA_KEYS: readonly (readonly [string, string])[] = [
  ['http.method', 'http.request.method'],
  ['http.status_code', 'http.response.status_code'],
  ['db.system.name', 'db.system'],
];

function addData(
  data: Record<string, unknown>,
  prov: Map<string, Provenance> | null,
  k: string,
  v: unknown,
  p: Provenance | null,
): void {
  if (v === undefined || v === '' || Object.hasOwn(data, k)) return;
  setOwn(data, k, v);
  if (prov && p) prov.set(pointer('data', k), p);
}

function traceContext(c: Converted, withData: boolean): TraceContext {
  return traceContextOf(c.out, withData);
}

/** sentry-go's TraceContext.Map(): trace_id and span_id always; the rest only when set and non-empty. */
export function traceContextOf(s: SentrySpan, withData = false): TraceContext {
  const t: TraceContext = { trace_id: s.trace_id, span_id: s.span_id };
  if (s.parent_span_id) t.parent_span_id = s.parent_span_id;
  if (s.op) t.op = s.op;
  if (s.description) t.description = s.description;
  if (s.status) t.status = s.status;
  if (withData && s.data) t.data = s.data;
  return t;
}

/** Copy a span's provenance under a new prefix, renaming span fields to where an event puts them. */
function copyProv(
  from: Map<string, Provenance> | null,
  to: Record<string, Provenance> | null,
  rename: (rel: string) => string | undefined,
) {
  if (!from || !to) return;
  for (const [rel, p] of from) {
    const target = rename(rel);
    if (target) to[target] = p;
  }
}

/** A value set in the settings wins over the one the resourceContext option reads from the resource. */
function settingOrResource(
  key: 'environment' | 'release',
  setting: string | undefined,
  fromResource: { value: string; key: string } | undefined,
): { value: string; prov: Provenance } | undefined {
  if (setting !== undefined && setting !== '') return { value: setting, prov: { source: 'setting', key } };
  return fromResource
    ? {
        value: fromResource.value,
        prov: { source: 'resource', key: fromResource.key, option: 'resourceContext' },
      }
    : undefined;
}

function resolveContext(span: Span, options: MappingOptions, settings: MappingSettings) {
  const rc: ResourceContext = options.resourceContext ? resourceContext(span.resource) : {};
  const environment = settingOrResource('environment', settings.environment, rc.environment);
  const release = settingOrResource('release', settings.release, rc.release);
  return { rc, environment, release };
}

/** `contexts.otel.resource` per resource object (see RESOURCE_TAGS for why that is safe to keep). */
const RESOURCE_DATA = new WeakMap<Resource, Record<string, unknown>>();

/**
 * A fresh copy of the resource attributes as data for each transaction: building them costs a type test and
 * conversion per attribute, which an 8-span trace pays once per event. The copy is shallow (array and
 * kvlist values are shared between events); its own keys, in the same order, give the same JSON.
 */
function resourceData(resource: Resource): Record<string, unknown> {
  let data = RESOURCE_DATA.get(resource);
  if (!data) {
    data = dataFromAttributes(resource.attributes);
    RESOURCE_DATA.set(resource, data);
  }
  return { ...data };
}

function buildTransaction(
  root: Converted,
  kids: Converted[],
  options: MappingOptions,
  settings: MappingSettings,
  t: number,
  prov: Record<string, Provenance> | null,
): TransactionEvent {
  const s = root.out;
  const tx = {
    type: 'transaction',
    event_id: transactionEventId(s.trace_id, s.span_id),
    transaction: s.description ?? '',
  } as TransactionEvent;
  const base = `/transactions/${t}`;
  if (options.httpRouteNames) tx.transaction_info = { source: root.desc.source };
  tx.start_timestamp = s.start_timestamp;
  tx.timestamp = s.timestamp;
  tx.contexts = { trace: traceContext(root, options.spanData) };
  tx.tags = s.tags!;
  if (kids.length) tx.spans = kids.map((k) => k.out);
  tx.sdk = CLASSIC_SDK;
  const { rc, environment, release } = resolveContext(root.span, options, settings);
  if (options.resourceContext) {
    tx.contexts.otel = { resource: resourceData(root.span.resource) };
  }
  if (environment) tx.environment = environment.value;
  if (release) tx.release = release.value;
  if (rc.serverName) tx.server_name = rc.serverName.value;
  if (rc.platform) tx.platform = rc.platform.value;
  tx.user = {};

  if (prov) {
    prov[`${base}/type`] = { source: 'rule', rule: 'transaction-event' };
    prov[`${base}/event_id`] = {
      source: 'rule',
      rule: 'derived-event-id',
      note: 'derived from trace and span IDs',
    };
    const dp = root.prov!.get('/description');
    if (dp) prov[`${base}/transaction`] = { ...dp, note: "the root span's description" };
    if (tx.transaction_info)
      prov[`${base}/transaction_info/source`] = {
        source: 'rule',
        rule: `name-source-${root.desc.source}`,
        option: 'httpRouteNames',
      };
    copyProv(root.prov, prov, (rel) => {
      if (rel === '/start_timestamp' || rel === '/timestamp') return base + rel;
      if (rel.startsWith('/tags/')) return base + rel;
      if (rel.startsWith('/data/')) return `${base}/contexts/trace${rel}`;
      if (rel === '/data') return `${base}/contexts/trace/data`;
      if (rel === '/tags') return undefined;
      return `${base}/contexts/trace${rel}`;
    });
    prov[`${base}/sdk`] = {
      source: 'default',
      note: 'the classic exporter announces sentry.opentelemetry 0.0.2',
    };
    prov[`${base}/user`] = { source: 'default', note: 'sentry-go always serialises an empty user' };
    if (environment) prov[`${base}/environment`] = environment.prov;
    if (release) prov[`${base}/release`] = release.prov;
    if (rc.serverName)
      prov[`${base}/server_name`] = { source: 'resource', key: rc.serverName.key, option: 'resourceContext' };
    if (rc.platform)
      prov[`${base}/platform`] = {
        source: 'resource',
        key: rc.platform.key,
        rule: 'platform-from-language',
        option: 'resourceContext',
      };
    if (tx.contexts.otel)
      prov[`${base}/contexts/otel/resource`] = {
        source: 'resource',
        note: 'all resource attributes',
        option: 'resourceContext',
      };
    kids.forEach((k, j) => copyProv(k.prov, prov, (rel) => `${base}/spans/${j}${rel}`));
  }
  return tx;
}

function buildError(
  c: Converted,
  ev: SpanEvent,
  eventIndex: number,
  type: string,
  message: string,
  tx: TransactionEvent | undefined,
  options: MappingOptions,
  settings: MappingSettings,
  n: number,
  prov: Record<string, Provenance> | null,
): ErrorEvent {
  const s = c.out;
  const base = `/errors/${n}`;
  const err = { event_id: errorEventId(s.trace_id, s.span_id, eventIndex), level: 'error' } as ErrorEvent;
  const value: ExceptionValue = {};
  if (type) value.type = type;
  if (message) value.value = message;
  const details = options.exceptionDetails;
  if (!details) {
    // sentry_exporter.go sentryEventFromError: span end time, span description, bare exception list.
    err.timestamp = s.timestamp;
    err.transaction = s.description ?? '';
    if (message) err.message = message;
    err.exception = [value];
    err.contexts = { trace: traceContext(c, false) };
    err.tags = s.tags!;
    err.sdk = CLASSIC_SDK;
    if (prov) {
      prov[`${base}/timestamp`] = {
        source: 'span',
        key: 'endTimeUnixNano',
        note: 'the span end, not the exception time',
      };
      prov[`${base}/transaction`] = { ...c.prov!.get('/description')!, note: "the span's description" };
      if (message) prov[`${base}/message`] = { source: 'event', key: 'exception.message' };
    }
  } else {
    const { rc, environment, release } = resolveContext(c.span, options, settings);
    const platform =
      rc.platform ??
      (() => {
        const lang = stringAttribute(c.span.resource.attributes, 'telemetry.sdk.language');
        return lang ? { value: platformFromLanguage(lang)!, key: 'telemetry.sdk.language' } : undefined;
      })();
    if (platform) err.platform = platform.value;
    err.timestamp = rfc3339Nano(ev.timeUnixNano);
    err.transaction = tx ? tx.transaction : (s.description ?? '');
    const escaped = ev.attributes.find((a) => a.key === 'exception.escaped')?.value;
    value.mechanism = { type: 'generic' };
    if (escaped && 'boolValue' in escaped) value.mechanism.handled = !escaped.boolValue;
    const stackText = goStr(ev.attributes, 'exception.stacktrace');
    if (stackText) {
      const parsed = parseStackTrace(stackText, {
        ...(platform
          ? {
              language:
                stringAttribute(c.span.resource.attributes, 'telemetry.sdk.language') ?? platform.value,
            }
          : {}),
        ...(type ? { exceptionType: type } : {}),
      });
      if (parsed.parsed && parsed.frames.length) value.stacktrace = { frames: parsed.frames };
      // Frames carry only the outermost exception: keep the raw text whenever something would be lost
      // (nothing parsed, frames capped, or a chained cause the frames cannot show).
      if (!parsed.parsed || !parsed.frames.length || parsed.framesOmitted || CHAINED_CAUSE.test(stackText))
        err.extra = { 'exception.stacktrace': stackText };
      if (prov) {
        if (value.stacktrace)
          prov[`${base}/exception/values/0/stacktrace`] = {
            source: 'event',
            key: 'exception.stacktrace',
            rule: `stacktrace-${parsed.language ?? 'unknown'}`,
            option: 'exceptionDetails',
          };
        if (err.extra)
          prov[`${base}/extra/exception.stacktrace`] = {
            source: 'event',
            key: 'exception.stacktrace',
            option: 'exceptionDetails',
            note: !parsed.parsed
              ? 'raw text kept: no frame could be parsed'
              : parsed.framesOmitted
                ? 'raw text kept: frames were omitted'
                : 'raw text kept: it has a chained cause',
          };
      }
    }
    err.exception = { values: [value] };
    const trace = traceContext(c, false);
    delete trace.description;
    err.contexts = { trace };
    err.tags = s.tags!;
    err.sdk = CLASSIC_SDK;
    if (environment) err.environment = environment.value;
    if (release) err.release = release.value;
    if (rc.serverName) err.server_name = rc.serverName.value;
    if (prov) {
      prov[`${base}/timestamp`] = { source: 'event', key: 'timeUnixNano', option: 'exceptionDetails' };
      prov[`${base}/transaction`] = tx
        ? { source: 'rule', rule: 'containing-transaction-name', option: 'exceptionDetails' }
        : { ...c.prov!.get('/description')! };
      prov[`${base}/exception/values/0/mechanism`] = {
        source: escaped ? 'event' : 'default',
        ...(escaped ? { key: 'exception.escaped' } : {}),
        option: 'exceptionDetails',
      };
      if (platform)
        prov[`${base}/platform`] = {
          source: 'resource',
          key: platform.key,
          rule: 'platform-from-language',
          option: 'exceptionDetails',
        };
      if (environment) prov[`${base}/environment`] = { ...environment.prov, option: 'exceptionDetails' };
      if (release) prov[`${base}/release`] = { ...release.prov, option: 'exceptionDetails' };
      if (rc.serverName)
        prov[`${base}/server_name`] = {
          source: 'resource',
          key: rc.serverName.key,
          option: 'resourceContext',
        };
    }
  }
  err.user = {};
  if (prov) {
    prov[`${base}/event_id`] = {
      source: 'rule',
      rule: 'derived-event-id',
      note: 'derived from trace ID, span ID and event index',
    };
    prov[`${base}/level`] = { source: 'default' };
    prov[`${base}/user`] = { source: 'default', note: 'sentry-go always serialises an empty user' };
    prov[`${base}/sdk`] = { source: 'default' };
    if (type)
      prov[`${base}/exception${details ? '/values' : ''}/0/type`] = {
        source: 'event',
        key: 'exception.type',
      };
    if (message)
      prov[`${base}/exception${details ? '/values' : ''}/0/value`] = {
        source: 'event',
        key: 'exception.message',
      };
    copyProv(c.prov, prov, (rel) => {
      if (rel.startsWith('/tags/')) return base + rel;
      if (
        ['/trace_id', '/span_id', '/parent_span_id', '/op', '/status'].includes(rel) ||
        (!details && rel === '/description')
      )
        return `${base}/contexts/trace${rel}`;
      return undefined;
    });
  }
  return err;
}
