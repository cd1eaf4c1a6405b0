// The grouped view: traces by root service + root span name (what Sentry calls the transaction), with
// count, error rate and duration percentiles, like Sentry's and the Aspire dashboard's endpoint views.
import type { TraceGroup, TraceGroupResponse } from '../../../shared/api/contract.js';
import type { TraceEntry } from './trace-entry.js';

interface Bucket {
  rootService: string;
  rootName: string;
  durations: number[];
  errorCount: number;
  lastReceivedAt: number;
}

/** Nearest-rank percentile of ascending values (p in 0..1); the p-th value a user could point at. */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sortedAsc.length));
  return sortedAsc[Math.min(rank, sortedAsc.length) - 1]!;
}

function toGroup(b: Bucket): TraceGroup {
  const d = b.durations.sort((x, y) => x - y);
  return {
    rootService: b.rootService,
    rootName: b.rootName,
    count: d.length,
    errorCount: b.errorCount,
    errorRate: b.errorCount / d.length,
    p50Ms: percentile(d, 0.5),
    p95Ms: percentile(d, 0.95),
    maxMs: d[d.length - 1]!,
    lastReceivedAt: b.lastReceivedAt,
  };
}

export function groupTraces(
  entries: readonly TraceEntry[],
  match: ((e: TraceEntry) => boolean) | null,
  limit: number,
): TraceGroupResponse {
  const buckets = new Map<string, Bucket>();
  let traces = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (!e.alive || (match !== null && !match(e))) continue;
    traces++;
    // JSON of the pair: unambiguous whatever characters the names hold.
    const key = JSON.stringify([e.rootService, e.rootName]);
    let b = buckets.get(key);
    if (!b) {
      b = {
        rootService: e.rootService,
        rootName: e.rootName,
        durations: [],
        errorCount: 0,
        lastReceivedAt: 0,
      };
      buckets.set(key, b);
    }
    b.durations.push(e.durationMs());
    if (e.errorCount > 0) b.errorCount++;
    if (e.lastReceivedAt > b.lastReceivedAt) b.lastReceivedAt = e.lastReceivedAt;
  }
  const all = [...buckets.values()].sort(
    (a, b) =>
      b.durations.length - a.durations.length ||
      (a.rootService < b.rootService ? -1 : a.rootService > b.rootService ? 1 : 0) ||
      (a.rootName < b.rootName ? -1 : a.rootName > b.rootName ? 1 : 0),
  );
  return { groups: all.slice(0, limit).map(toGroup), totalGroups: all.length, traces };
}
