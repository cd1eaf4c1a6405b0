// The loaded window of the trace list: the pages fetched so far (newest first, as the server orders them)
// kept current by the live stream's deltas: changed traces are replaced in place, new ones are inserted in
// receipt order, evicted ones drop out. Pure: every function returns a new window.
import type { TraceSummary } from '../../../shared/api/contract.js';
import { nanosToMs } from '../../../shared/model/time.js';
import { matchesFilter, type ListFilter } from './trace-filter.js';

export interface TraceWindow {
  /** Newest first by first receipt. */
  rows: TraceSummary[];
  /** Traces matching the filter on the server (kept approximately current between fetches). */
  total: number;
  /** Cursor of the next page; null when everything matching has been loaded. */
  nextCursor: string | null;
}

export const EMPTY_WINDOW: TraceWindow = { rows: [], total: 0, nextCursor: null };

export interface DeltaInput {
  upserted: readonly TraceSummary[];
  removed: readonly string[];
}

export interface MergeResult {
  window: TraceWindow;
  /** Traces not in view whose match only the server can decide: the caller refetches the head page. */
  undecided: number;
  /** Traces that entered the window. */
  inserted: number;
}

function newerFirst(a: TraceSummary, b: TraceSummary): number {
  return b.firstReceivedAt - a.firstReceivedAt;
}

/**
 * Apply a delta. `authoritative` marks summaries the server has already filtered (a head-page refetch),
 * which are inserted without asking matchesFilter.
 */
export function mergeDelta(
  win: TraceWindow,
  delta: DeltaInput,
  filter: ListFilter,
  authoritative = false,
): MergeResult {
  const removed = delta.removed.length ? new Set(delta.removed) : null;
  const updates = new Map<string, TraceSummary>();
  for (const s of delta.upserted) {
    const prev = updates.get(s.traceId);
    if (!prev || prev.revision <= s.revision) updates.set(s.traceId, s);
  }
  let removedLoaded = 0;
  let replaced = 0;
  const kept: TraceSummary[] = [];
  for (const row of win.rows) {
    if (removed?.has(row.traceId)) {
      removedLoaded++;
      continue;
    }
    const u = updates.get(row.traceId);
    if (u) {
      updates.delete(row.traceId);
      // Never step back to an older revision (a stale page answer racing the stream).
      if (u.revision >= row.revision && u !== row) {
        kept.push(u);
        replaced++;
      } else kept.push(row);
    } else kept.push(row);
  }
  let undecided = 0;
  const incoming: TraceSummary[] = [];
  const oldest = kept.length ? kept[kept.length - 1]!.firstReceivedAt : -Infinity;
  for (const s of updates.values()) {
    if (removed?.has(s.traceId)) continue;
    const m = authoritative ? true : matchesFilter(s, filter);
    if (m === 'unknown') undecided++;
    if (m !== true) continue;
    // Not newer than the window's tail while more pages remain: the loaded pages already hold everything
    // down to the cursor, so this one lies beyond it and paging will bring it in its place.
    if (win.nextCursor !== null && s.firstReceivedAt <= oldest) continue;
    incoming.push(s);
  }
  let rows = kept;
  if (incoming.length) {
    incoming.sort(newerFirst);
    rows = mergeSorted(kept, incoming);
  }
  const changed = incoming.length > 0 || removedLoaded > 0 || replaced > 0;
  const total = Math.max(rows.length, win.total + incoming.length - removedLoaded);
  return {
    window: changed || total !== win.total ? { rows, total, nextCursor: win.nextCursor } : win,
    undecided,
    inserted: incoming.length,
  };
}

/** Merge two newest-first lists; the common case (all incoming newer) is a cheap concat. */
function mergeSorted(a: TraceSummary[], b: TraceSummary[]): TraceSummary[] {
  if (!a.length) return b;
  if (b[b.length - 1]!.firstReceivedAt >= a[0]!.firstReceivedAt) return b.concat(a);
  const out: TraceSummary[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = newerFirst(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Append a fetched page, dropping traces already present (the stream may have inserted them first). */
export function appendPage(
  win: TraceWindow,
  page: { traces: TraceSummary[]; total: number; nextCursor: string | null },
): TraceWindow {
  const have = new Set(win.rows.map((r) => r.traceId));
  const fresh = page.traces.filter((t) => !have.has(t.traceId));
  return {
    rows: fresh.length ? win.rows.concat(fresh) : win.rows,
    total: Math.max(page.total, win.rows.length + fresh.length),
    nextCursor: page.nextCursor,
  };
}

export type SortColumn = 'received' | 'start' | 'name' | 'services' | 'spans' | 'duration' | 'errors';
export interface SortState {
  column: SortColumn;
  desc: boolean;
}

/**
 * The default order is the server's: newest received first. Any other sort orders the loaded rows ('start'
 * by the trace's own start time, which differs from receipt with batching exporters and clock skew).
 */
export const DEFAULT_SORT: SortState = { column: 'received', desc: true };

export function isDefaultSort(s: SortState): boolean {
  return s.column === 'received' && s.desc;
}

export function sortRows(rows: readonly TraceSummary[], sort: SortState): readonly TraceSummary[] {
  if (isDefaultSort(sort)) return rows;
  const key = (t: TraceSummary): number | string => {
    switch (sort.column) {
      case 'received':
        return t.firstReceivedAt;
      case 'start':
        return nanosToMs(t.startTimeUnixNano);
      case 'name':
        return t.rootName.toLowerCase();
      case 'services':
        return t.services.join(',').toLowerCase();
      case 'spans':
        return t.spanCount;
      case 'duration':
        return t.durationMs;
      case 'errors':
        return t.errorCount;
    }
  };
  const dir = sort.desc ? -1 : 1;
  // Decorate-sort-undecorate: keys computed once, ties broken by receipt order (newest first) for stability.
  return rows
    .map((t, i) => ({ t, k: key(t), i }))
    .sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.i - b.i))
    .map((x) => x.t);
}
