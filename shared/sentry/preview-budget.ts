// Cutting a trace down to what a preview can show. A pathological trace (one span with 200 000 attributes,
// a trace of a million spans) would take seconds to map and answer tens of megabytes; the preview instead
// maps what fits in a size budget and says, in a `preview-cut` lint, what it left out. The cut itself costs
// work proportional to what it keeps (sizes are measured with an early stop), never to the input's size,
// so it can run on the server's event loop before the mapping is handed to a worker.
import type { AnyValue, KeyValue, Span } from '../model/span.js';
import type { Lint } from './lints.js';

export interface PreviewBudget {
  /** Most spans previewed (the first ones by start time). */
  maxSpans: number;
  /** Estimated size of all previewed spans together. */
  maxBytes: number;
  /** Estimated size of one span's attributes, events and links together. */
  maxSpanBytes: number;
}

/** Large enough for any trace a real service sends (10 000 spans is ten times what a Sentry SDK keeps). */
// Sized so the mapping of a full budget takes about a second in a worker and answers under ~20 MB: the
// preview repeats each span several times (payload, provenance, envelope, differences). Twice Sentry's
// 1000-span limit per transaction, so a trace over that limit still previews far enough to show the
// too-many-spans lint and what Relay would keep.
export const PREVIEW_BUDGET: PreviewBudget = {
  maxSpans: 2000,
  maxBytes: 4 * 1024 * 1024,
  maxSpanBytes: 256 * 1024,
};

/** What was left out of one span. */
interface SpanCut {
  spanId: string;
  attributes: { kept: number; of: number };
  events: { kept: number; of: number };
  links: { kept: number; of: number };
}

export interface PreviewCutReport {
  spans: { kept: number; of: number };
  /** Spans shown with fewer attributes, events or links (at most the first 20 are listed). */
  cutSpans: SpanCut[];
  cutSpanCount: number;
  budget: PreviewBudget;
}

// The same per-item overheads as the store's byte estimate (electron/core/store/span-bytes.ts), so a budget
// in bytes means about the same there and here.
const SPAN_BASE = 320;
const ATTRIBUTE_BASE = 64;
const NESTED_VALUE_BASE = 32;
const EVENT_BASE = 96;
const LINK_BASE = 160;
const LISTED_CUTS = 20;

/** Size of a value, or a number above `limit` as soon as it is known to exceed it (no full walk). */
function valueBytes(v: AnyValue, limit: number): number {
  const f = v as {
    stringValue?: string;
    bytesValue?: string;
    arrayValue?: { values: AnyValue[] };
    kvlistValue?: { values: KeyValue[] };
  };
  if (f.stringValue !== undefined) return f.stringValue.length;
  if (f.bytesValue !== undefined) return f.bytesValue.length;
  if (f.arrayValue !== undefined) {
    let n = 0;
    for (const x of f.arrayValue.values) {
      n += NESTED_VALUE_BASE + valueBytes(x, limit - n);
      if (n > limit) return n;
    }
    return n;
  }
  if (f.kvlistValue !== undefined) return attributesBytes(f.kvlistValue.values, limit);
  return 8;
}

/** Size of all of `attrs`, or a number above `limit` as soon as it is known to exceed it. */
function attributesBytes(attrs: readonly KeyValue[], limit: number): number {
  let n = 0;
  for (const kv of attrs) {
    n += ATTRIBUTE_BASE + kv.key.length + valueBytes(kv.value, limit - n);
    if (n > limit) return n;
  }
  return n;
}

/** How many leading attributes fit in `limit`, and their size. */
function keptAttributes(attrs: readonly KeyValue[], limit: number): { count: number; bytes: number } {
  let bytes = 0;
  let count = 0;
  for (; count < attrs.length; count++) {
    const kv = attrs[count]!;
    const size = ATTRIBUTE_BASE + kv.key.length + valueBytes(kv.value, limit - bytes);
    if (bytes + size > limit) break;
    bytes += size;
  }
  return { count, bytes };
}

/** The longest prefix of `items` that fits in `limit`, each item sized by `size` (with an early stop). */
function prefixThatFits<T>(
  items: readonly T[],
  limit: number,
  size: (item: T, left: number) => number,
): { count: number; bytes: number } {
  let bytes = 0;
  let count = 0;
  for (; count < items.length; count++) {
    const s = size(items[count]!, limit - bytes);
    if (bytes + s > limit) break;
    bytes += s;
  }
  return { count, bytes };
}

/** The span with what fits of its attributes, then events, then links; null when not even its base fits. */
function fitSpan(span: Span, limit: number): { span: Span; bytes: number; cut: SpanCut | null } | null {
  let bytes = SPAN_BASE + span.name.length + span.traceState.length;
  if (bytes > limit) return null;
  const attrs = keptAttributes(span.attributes, limit - bytes);
  bytes += attrs.bytes;
  const events = prefixThatFits(span.events, limit - bytes, (e, left) => {
    const base = EVENT_BASE + e.name.length;
    return base > left ? base : base + attributesBytes(e.attributes, left - base);
  });
  bytes += events.bytes;
  const links = prefixThatFits(span.links, limit - bytes, (l, left) => {
    const base = LINK_BASE + l.traceState.length;
    return base > left ? base : base + attributesBytes(l.attributes, left - base);
  });
  bytes += links.bytes;
  const whole =
    attrs.count === span.attributes.length &&
    events.count === span.events.length &&
    links.count === span.links.length;
  if (whole) return { span, bytes, cut: null };
  return {
    span: {
      ...span,
      attributes: span.attributes.slice(0, attrs.count),
      events: span.events.slice(0, events.count),
      links: span.links.slice(0, links.count),
    },
    bytes,
    cut: {
      spanId: span.spanId,
      attributes: { kept: attrs.count, of: span.attributes.length },
      events: { kept: events.count, of: span.events.length },
      links: { kept: links.count, of: span.links.length },
    },
  };
}

/** A start time as a number: exact enough (to ~256 ns) to pick the earliest spans of a huge trace. */
function startKey(span: Span): number {
  return Number(span.startTimeUnixNano) || 0;
}

/**
 * The `n` earliest spans by start time, in start order. Linear selection (quickselect on numeric keys)
 * before sorting only those: a store trace can hold hundreds of thousands of spans, and sorting them all
 * would hold the event loop for longer than the preview is worth.
 */
export function earliestSpans(spans: readonly Span[], n: number): Span[] {
  let picked: Span[];
  if (spans.length <= n) picked = spans.slice();
  else {
    const keys = new Float64Array(spans.length);
    for (let i = 0; i < spans.length; i++) keys[i] = startKey(spans[i]!);
    const sorted = keys.slice();
    const threshold = selectNth(sorted, n - 1);
    picked = [];
    for (let i = 0; i < spans.length && picked.length < n; i++)
      if (keys[i]! < threshold) picked.push(spans[i]!);
    for (let i = 0; i < spans.length && picked.length < n; i++)
      if (keys[i] === threshold) picked.push(spans[i]!);
  }
  return picked.sort((a, b) => {
    const d = startKey(a) - startKey(b);
    return d !== 0 ? d : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
  });
}

/** The value that would be at index k if `a` were sorted (Hoare's quickselect; reorders `a`). */
function selectNth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * The spans (any order) cut to the budget: the earliest spans that fit, in start order, each with the
 * leading attributes, events and links that fit. `report` is null when nothing was cut.
 */
export function cutForPreview(
  all: readonly Span[],
  budget: PreviewBudget = PREVIEW_BUDGET,
): { spans: readonly Span[]; report: PreviewCutReport | null } {
  const spans = earliestSpans(all, budget.maxSpans);
  const kept: Span[] = [];
  const cutSpans: SpanCut[] = [];
  let cutSpanCount = 0;
  let total = 0;
  for (const span of spans) {
    if (kept.length >= budget.maxSpans) break;
    const fit = fitSpan(span, Math.min(budget.maxSpanBytes, budget.maxBytes - total));
    if (!fit) break;
    kept.push(fit.span);
    total += fit.bytes;
    if (fit.cut) {
      cutSpanCount++;
      if (cutSpans.length < LISTED_CUTS) cutSpans.push(fit.cut);
    }
  }
  if (kept.length === all.length && cutSpanCount === 0) return { spans: kept, report: null };
  return {
    spans: kept,
    report: { spans: { kept: kept.length, of: all.length }, cutSpans, cutSpanCount, budget },
  };
}

function mib(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MiB`;
}

/** The lint that tells the user the preview is of a cut trace, naming what was left out. */
export function previewCutLint(report: PreviewCutReport): Lint {
  const parts: string[] = [];
  if (report.spans.kept < report.spans.of)
    parts.push(`only the first ${report.spans.kept} of ${report.spans.of} spans (by start time)`);
  for (const c of report.cutSpans) {
    const what = (
      [
        ['attributes', c.attributes],
        ['events', c.events],
        ['links', c.links],
      ] as const
    )
      .filter(([, n]) => n.kept < n.of)
      .map(([name, n]) => `${n.kept} of ${n.of} ${name}`);
    parts.push(`span ${c.spanId} with ${what.join(', ')}`);
  }
  if (report.cutSpanCount > report.cutSpans.length)
    parts.push(`and ${report.cutSpanCount - report.cutSpans.length} more cut spans`);
  const b = report.budget;
  return {
    code: 'preview-cut',
    severity: 'warning',
    spanId:
      report.cutSpans.length === 1 && report.spans.kept === report.spans.of
        ? report.cutSpans[0]!.spanId
        : null,
    message:
      `This trace is too large to preview in full (budget: ${b.maxSpans} spans, ${mib(b.maxBytes)} of span data, ` +
      `${mib(b.maxSpanBytes)} per span); the preview maps ${parts.join('; ')}. ` +
      'What Sentry would receive from the whole trace is larger than shown, and likely over its size limits.',
    fix: 'Cap what your instrumentation records (SDK span limits such as OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT and OTEL_SPAN_EVENT_COUNT_LIMIT), or split the work into smaller traces.',
  };
}
