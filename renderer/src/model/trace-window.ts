// The loaded window of the trace list: the pages fetched so far (newest first, as the server orders them)
// kept current by the live stream's deltas: changed traces are replaced in place, new ones are inserted in
// receipt order, evicted ones drop out. Pure: every function returns a new window.
import type { TraceListQuery, TraceSortKey, TraceSummary } from '../../../shared/api/contract.js';
import { nanosToMs } from '../../../shared/model/time.js';
import { matchesFilter, type ListFilter } from './trace-filter.js';
import { stableSortBy } from './group-sort.js';

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

interface MergeResult {
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
  const { kept, updates, removed, removedLoaded, replaced } = replaceInPlace(win.rows, delta);
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

interface InPlace {
  kept: TraceSummary[];
  /** Upserted summaries of traces not in the rows (latest revision of each). */
  updates: Map<string, TraceSummary>;
  removed: Set<string> | null;
  removedLoaded: number;
  replaced: number;
}

/** Rows with the delta's removals dropped and its newer revisions swapped in, keeping their order. */
function replaceInPlace(rows: readonly TraceSummary[], delta: DeltaInput): InPlace {
  const removed = delta.removed.length ? new Set(delta.removed) : null;
  const updates = new Map<string, TraceSummary>();
  for (const s of delta.upserted) {
    const prev = updates.get(s.traceId);
    if (!prev || prev.revision <= s.revision) updates.set(s.traceId, s);
  }
  let removedLoaded = 0;
  let replaced = 0;
  const kept: TraceSummary[] = [];
  for (const row of rows) {
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
  return { kept, updates, removed, removedLoaded, replaced };
}

/**
 * A delta applied to a window in a user-chosen order: loaded rows are updated or dropped in place (the view
 * re-sorts them), but where a new trace belongs only the server knows, so `outside` counts the new traces
 * that may match: the caller refetches the loaded range when it is above zero.
 */
export function updateSortedWindow(
  win: TraceWindow,
  delta: DeltaInput,
  filter: ListFilter,
): { window: TraceWindow; outside: number } {
  const { kept, updates, removed, removedLoaded, replaced } = replaceInPlace(win.rows, delta);
  let outside = 0;
  for (const s of updates.values())
    if (!removed?.has(s.traceId) && matchesFilter(s, filter) !== false) outside++;
  const changed = removedLoaded > 0 || replaced > 0;
  return {
    window: changed
      ? { rows: kept, total: Math.max(kept.length, win.total - removedLoaded), nextCursor: win.nextCursor }
      : win,
    outside,
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

export type SortColumn = TraceSortKey;
export interface SortState {
  column: SortColumn;
  desc: boolean;
}

/**
 * The default order is the live one: newest received first, kept current by the stream. Any other sort is
 * done by the server over every trace held ('start' by the trace's own start time, which differs from
 * receipt with batching exporters and clock skew); sortRows re-sorts the loaded rows with the same keys as
 * the server when the stream updates them in place.
 */
export const DEFAULT_SORT: SortState = { column: 'received', desc: true };

export function isDefaultSort(s: SortState): boolean {
  return s.column === 'received' && s.desc;
}

/** The API parameters of a sort ({} for the live order, the server's default). */
export function sortToQuery(sort: SortState): Pick<TraceListQuery, 'sort' | 'dir'> {
  return isDefaultSort(sort) ? {} : { sort: sort.column, dir: sort.desc ? 'desc' : 'asc' };
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
      case 'service':
        return t.rootService.toLowerCase();
      case 'httpStatus':
        return t.httpStatus ?? -1;
      case 'spans':
        return t.spanCount;
      case 'duration':
        return t.durationMs;
      case 'errors':
        return t.errorCount;
    }
  };
  // Ties keep the server's order (newest received first), as the server breaks them.
  return stableSortBy(rows, key, sort.desc);
}
