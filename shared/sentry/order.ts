// The one ordering every profile uses, so output never depends on the order spans arrived in.
import type { Span } from '../model/span.js';
import { compareNanos } from '../model/time.js';

/** Indices of `spans` sorted by start time, then span ID, then input index. */
export function sortedOrder(spans: readonly Span[]): number[] {
  const idx = spans.map((_, i) => i);
  idx.sort((a, b) => {
    const sa = spans[a]!,
      sb = spans[b]!;
    return (
      compareNanos(sa.startTimeUnixNano, sb.startTimeUnixNano) ||
      (sa.spanId < sb.spanId ? -1 : sa.spanId > sb.spanId ? 1 : 0) ||
      a - b
    );
  });
  return idx;
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
