// The trace/span list filter: what the user typed → the API's query parameters, and whether a summary that
// arrives on the live stream belongs in the filtered view (decided locally where the summary allows it).
import type { TraceFilterQuery, TraceListQuery, TraceSummary } from '../../../shared/api/contract.js';

/** One row of the grouped view: traces with this root service and root span name. */
export interface GroupKey {
  rootService: string;
  rootName: string;
}

export interface ListFilter {
  service: string;
  /** Free text: trace ID, span names, services, string attribute values (matched by the server). */
  q: string;
  errorsOnly: boolean;
  /** null = no minimum. */
  minDurationMs: number | null;
  /** A group opened from the grouped view (trace list only; the span list ignores it). */
  group: GroupKey | null;
}

export const EMPTY_FILTER: ListFilter = {
  service: '',
  q: '',
  errorsOnly: false,
  minDurationMs: null,
  group: null,
};

export function isFilterActive(f: ListFilter): boolean {
  return (
    f.service !== '' || f.q.trim() !== '' || f.errorsOnly || f.minDurationMs !== null || f.group !== null
  );
}

/** The trace list's query: the shared filters plus the opened group. */
export function traceFilterToQuery(f: ListFilter): TraceListQuery {
  const q: TraceListQuery = filterToQuery(f);
  if (f.group) {
    q.rootService = f.group.rootService;
    q.rootName = f.group.rootName;
  }
  return q;
}

/** The filters every list shares (traces, spans, groups). */
export function filterToQuery(f: ListFilter): TraceFilterQuery {
  const q: TraceFilterQuery = {};
  if (f.service) q.service = f.service;
  if (f.q.trim()) q.q = f.q.trim();
  if (f.errorsOnly) q.errorsOnly = true;
  if (f.minDurationMs !== null && f.minDurationMs > 0) q.minDurationMs = f.minDurationMs;
  return q;
}

// The URL encoding is the API's (shared/api/query-format.ts); re-exported for the list code.
export { toSearch } from '../../../shared/api/query-format.js';

/** "250", "250ms", "1.5s", "2m", "1h" → ms; '' → null; anything else → undefined (invalid). */
export function parseDurationInput(text: string): number | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  const m = /^(\d+(?:\.\d+)?)\s*(µs|us|ms|s|m|h)?$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const factor = { µs: 0.001, us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit] ?? 1;
  return n * factor;
}

/**
 * Does this summary belong in the filtered list? 'unknown' when only the server can tell (free text that
 * might match a span name or attribute the summary does not carry).
 */
export function matchesFilter(s: TraceSummary, f: ListFilter): boolean | 'unknown' {
  if (f.group && (s.rootService !== f.group.rootService || s.rootName !== f.group.rootName)) return false;
  if (f.service && !s.services.includes(f.service)) return false;
  if (f.errorsOnly && s.errorCount === 0) return false;
  if (f.minDurationMs !== null && s.durationMs < f.minDurationMs) return false;
  const needle = f.q.trim().toLowerCase();
  if (!needle) return true;
  if (
    s.traceId.includes(needle) ||
    s.rootName.toLowerCase().includes(needle) ||
    s.services.some((x) => x.toLowerCase().includes(needle))
  )
    return true;
  return 'unknown';
}
