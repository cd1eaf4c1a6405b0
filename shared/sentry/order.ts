// The one ordering every profile uses, so output never depends on the order spans arrived in.
import type { Span } from '../model/span.js';
import { compareNanos } from '../model/time.js';

/** Indices of `spans` sorted by start time, then span ID, then input index. */
export function sortedOrder(spans: readonly Span[]): number[] {
  const n = spans.length;
  const idx: number[] = new Array(n);
  // Spans mostly come in start order: one pass confirms that, and skips the sort, whose fixed cost is
  // several times that of a pass on a small trace. The order is total (the index breaks ties), so input in
  // order is exactly the sorted result.
  let inOrder = true;
  for (let i = 0; i < n; i++) {
    idx[i] = i;
    if (inOrder && i > 0 && compareSpans(spans, i - 1, i) > 0) inOrder = false;
  }
  if (!inOrder) idx.sort((a, b) => compareSpans(spans, a, b));
  return idx;
}

function compareSpans(spans: readonly Span[], a: number, b: number): number {
  const sa = spans[a]!,
    sb = spans[b]!;
  return (
    compareNanos(sa.startTimeUnixNano, sb.startTimeUnixNano) ||
    (sa.spanId < sb.spanId ? -1 : sa.spanId > sb.spanId ? 1 : 0) ||
    a - b
  );
}

/** Whether a parent span ID means "no parent" (empty or all zeros, as Go's empty SpanID). */
export function noParent(parentSpanId: string): boolean {
  if (parentSpanId === '') return true;
  // A plain loop, not /^0+$/: it runs for every span. Small counters ('…0001') end in a non-zero digit.
  const last = parentSpanId.length - 1;
  if (parentSpanId.charCodeAt(last) !== 48) return false;
  for (let i = 0; i < last; i++) if (parentSpanId.charCodeAt(i) !== 48) return false;
  return true;
}
