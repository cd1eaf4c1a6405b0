// Query-string → typed list queries, with a 400 that names the bad parameter.
import {
  TRACE_SORT_KEYS,
  type SortDirection,
  type SpanListQuery,
  type TraceFilterQuery,
  type TraceGroupQuery,
  type TraceListQuery,
  type TraceSortKey,
} from '../../../shared/api/contract.js';
import { HttpError } from './router.js';

/** Parameters any API route accepts besides its own. */
export const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(['token']);

/** A 400 naming the parameter: `bad parameter 'limit': …`. */
export function bad(param: string, message: string): never {
  throw new HttpError(400, `bad parameter '${param}': ${message}`);
}

export function rejectUnknown(query: URLSearchParams, known: readonly string[]): void {
  for (const key of query.keys())
    if (!known.includes(key) && !ALWAYS_ALLOWED.has(key))
      bad(key, `unknown parameter (known: ${known.join(', ')})`);
}

/** The parameter's one value (undefined when absent); given twice is a 400. */
export function single(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  if (all.length > 1) bad(name, 'given more than once');
  return all[0];
}

/** '', 'true', '1' → true; 'false', '0' → false; anything else is a 400. */
export function bool(query: URLSearchParams, name: string): boolean | undefined {
  const v = single(query, name);
  if (v === undefined) return undefined;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return bad(name, `expected true or false, got '${v}'`);
}

function nonNegative(query: URLSearchParams, name: string): number | undefined {
  const v = single(query, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) bad(name, `expected a number ≥ 0, got '${v}'`);
  return n;
}

function limit(query: URLSearchParams): number | undefined {
  const v = single(query, 'limit');
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 1000) bad('limit', `expected an integer from 1 to 1000, got '${v}'`);
  return n;
}

function text(query: URLSearchParams, name: string): string | undefined {
  const v = single(query, name);
  return v === undefined || v === '' ? undefined : v;
}

/** Like text(), but '' is a value (a root span without service.name is a group of its own). */
function exact(query: URLSearchParams, name: string): string | undefined {
  return single(query, name);
}

function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const v = text(query, name);
  if (v !== undefined && !allowed.includes(v as T))
    bad(name, `expected one of ${allowed.join(', ')}, got '${v}'`);
  return v as T | undefined;
}

const FILTER_PARAMS = ['service', 'q', 'errorsOnly', 'minDurationMs'] as const;
const PAGE_PARAMS = ['limit', 'cursor'] as const;
const SORT_DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];

function parseFilter(query: URLSearchParams): TraceFilterQuery {
  return {
    service: text(query, 'service'),
    q: text(query, 'q'),
    errorsOnly: bool(query, 'errorsOnly'),
    minDurationMs: nonNegative(query, 'minDurationMs'),
  };
}

export function parseTraceListQuery(query: URLSearchParams): TraceListQuery {
  rejectUnknown(query, [...FILTER_PARAMS, 'rootService', 'rootName', 'sort', 'dir', ...PAGE_PARAMS]);
  return {
    ...parseFilter(query),
    rootService: exact(query, 'rootService'),
    rootName: exact(query, 'rootName'),
    sort: oneOf<TraceSortKey>(query, 'sort', TRACE_SORT_KEYS),
    dir: oneOf(query, 'dir', SORT_DIRECTIONS),
    limit: limit(query),
    cursor: text(query, 'cursor'),
  };
}

export function parseSpanListQuery(query: URLSearchParams): SpanListQuery {
  rejectUnknown(query, [...FILTER_PARAMS, ...PAGE_PARAMS, 'traceId']);
  const traceId = text(query, 'traceId');
  if (traceId !== undefined && !/^[0-9a-fA-F]{32}$/.test(traceId)) bad('traceId', 'expected 32 hex digits');
  return { ...parseFilter(query), limit: limit(query), cursor: text(query, 'cursor'), traceId };
}

export function parseTraceGroupQuery(query: URLSearchParams): TraceGroupQuery {
  rejectUnknown(query, [...FILTER_PARAMS, 'limit']);
  return { ...parseFilter(query), limit: limit(query) };
}

export function parseTraceId(raw: string | undefined): string {
  if (raw === undefined || !/^[0-9a-fA-F]{32}$/.test(raw))
    throw new HttpError(400, `bad trace ID '${raw ?? ''}': expected 32 hex digits`);
  return raw.toLowerCase();
}
