// The local API's URL format in one place: the list queries (GET /traces, /spans, /groups) and the Sentry
// preview query (GET /traces/{id}/sentry, /sentry/outcomes) as query strings. The client encodes with it and
// the core decodes with it, so both sides agree on names, spellings and what an empty value means.
// Decoding throws QueryParamError naming the first bad parameter; the core answers it as a 400.
import {
  TRACE_SORT_KEYS,
  type SortDirection,
  type SpanListQuery,
  type TraceFilterQuery,
  type TraceGroupQuery,
  type TraceListQuery,
  type TraceSortKey,
} from './contract.js';
import { isOptionName, OPTION_NAMES, type MappingOptions } from '../sentry/options.js';
import { SENTRY_PROFILES, type SentryPreviewRequest, type SentryProfile } from '../sentry/preview.js';

/** A query parameter the API refuses: `bad parameter 'limit': …`. */
export class QueryParamError extends Error {
  constructor(
    readonly param: string,
    detail: string,
  ) {
    super(`bad parameter '${param}': ${detail}`);
    this.name = 'QueryParamError';
  }
}

/** Parameters any API route accepts besides its own (the token of a URL opened outside the app). */
const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(['token']);

function badParam(param: string, detail: string): never {
  throw new QueryParamError(param, detail);
}

// ---------------------------------------------------------------------------------------------------------
// Encoding

/** Keys whose empty string is a value (a root span without service.name or name is a group of its own). */
const EMPTY_IS_VALUE: ReadonlySet<string> = new Set(['rootService', 'rootName']);

/**
 * Query object → "?a=b&…" ('' when empty), keys in the object's order. Absent, null and false values are
 * left out, and so is '' except where it is a value; arrays repeat the key.
 */
export function toSearch(query: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === false || (v === '' && !EMPTY_IS_VALUE.has(k))) continue;
    if (Array.isArray(v)) for (const item of v as unknown[]) p.append(k, String(item));
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const encodeTraceListQuery = (q: TraceListQuery): string => toSearch(q);
export const encodeSpanListQuery = (q: SpanListQuery): string => toSearch(q);
export const encodeTraceGroupQuery = (q: TraceGroupQuery): string => toSearch(q);

/** What GET /traces/{id}/sentry takes: a preview request, or a forwarding target whose settings it uses. */
export interface SentryPreviewQuery extends SentryPreviewRequest {
  /** Preview as this forwarding target receives it; only sentAt and the target's own profile may join it. */
  target?: string;
}

const PREVIEW_SETTINGS = ['profile', 'environment', 'release', 'dsn', 'sentAt', 'target'] as const;

/** The preview query string: the settings, then each given option in the API's order. */
export function encodeSentryPreviewQuery(q: SentryPreviewQuery): string {
  const p = new URLSearchParams();
  for (const key of PREVIEW_SETTINGS) {
    const v = q[key];
    if (v !== undefined && v !== '') p.set(key, v);
  }
  for (const name of OPTION_NAMES) {
    const v = q.options?.[name];
    if (typeof v === 'boolean') p.set(name, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

export function rejectUnknown(query: URLSearchParams, known: readonly string[]): void {
  for (const key of query.keys())
    if (!known.includes(key) && !ALWAYS_ALLOWED.has(key))
      badParam(key, `unknown parameter (known: ${known.join(', ')})`);
}

/** The parameter's one value (undefined when absent); given twice is an error. */
function single(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  if (all.length > 1) badParam(name, 'given more than once');
  return all[0];
}

/** '', 'true', '1' → true; 'false', '0' → false; anything else is an error. */
function bool(query: URLSearchParams, name: string): boolean | undefined {
  const v = single(query, name);
  if (v === undefined) return undefined;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return badParam(name, `expected true or false, got '${v}'`);
}

function nonNegative(query: URLSearchParams, name: string): number | undefined {
  const v = single(query, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) badParam(name, `expected a number ≥ 0, got '${v}'`);
  return n;
}

function limit(query: URLSearchParams): number | undefined {
  const v = single(query, 'limit');
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 1000)
    badParam('limit', `expected an integer from 1 to 1000, got '${v}'`);
  return n;
}

function text(query: URLSearchParams, name: string): string | undefined {
  const v = single(query, name);
  return v === undefined || v === '' ? undefined : v;
}

function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const v = text(query, name);
  if (v !== undefined && !allowed.includes(v as T))
    badParam(name, `expected one of ${allowed.join(', ')}, got '${v}'`);
  return v as T | undefined;
}

const FILTER_PARAMS = ['service', 'q', 'errorsOnly', 'minDurationMs'] as const;
const PAGE_PARAMS = ['limit', 'cursor'] as const;
const SORT_DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];

function decodeFilter(query: URLSearchParams): TraceFilterQuery {
  return {
    service: text(query, 'service'),
    q: text(query, 'q'),
    errorsOnly: bool(query, 'errorsOnly'),
    minDurationMs: nonNegative(query, 'minDurationMs'),
  };
}

export function decodeTraceListQuery(query: URLSearchParams): TraceListQuery {
  rejectUnknown(query, [...FILTER_PARAMS, 'rootService', 'rootName', 'sort', 'dir', ...PAGE_PARAMS]);
  return {
    ...decodeFilter(query),
    // single(), not text(): '' is a value here (see EMPTY_IS_VALUE).
    rootService: single(query, 'rootService'),
    rootName: single(query, 'rootName'),
    sort: oneOf<TraceSortKey>(query, 'sort', TRACE_SORT_KEYS),
    dir: oneOf(query, 'dir', SORT_DIRECTIONS),
    limit: limit(query),
    cursor: text(query, 'cursor'),
  };
}

export function decodeSpanListQuery(query: URLSearchParams): SpanListQuery {
  rejectUnknown(query, [...FILTER_PARAMS, ...PAGE_PARAMS, 'traceId']);
  const traceId = text(query, 'traceId');
  if (traceId !== undefined && !/^[0-9a-fA-F]{32}$/.test(traceId))
    badParam('traceId', 'expected 32 hex digits');
  return { ...decodeFilter(query), limit: limit(query), cursor: text(query, 'cursor'), traceId };
}

export function decodeTraceGroupQuery(query: URLSearchParams): TraceGroupQuery {
  rejectUnknown(query, [...FILTER_PARAMS, 'limit']);
  return { ...decodeFilter(query), limit: limit(query) };
}

/**
 * Query string → preview query. A target is resolved by the core (it needs the forwarding settings);
 * besides sentAt, only a profile (which the core checks agrees with the target's) may come with it.
 */
export function decodeSentryPreviewQuery(query: URLSearchParams): SentryPreviewQuery {
  const req: SentryPreviewQuery = {};
  const options: Partial<MappingOptions> = {};
  for (const key of new Set(query.keys())) {
    if (ALWAYS_ALLOWED.has(key)) continue;
    const v = single(query, key)!;
    if (isOptionName(key)) options[key] = bool(query, key)!;
    else if (key === 'profile') {
      if (!SENTRY_PROFILES.includes(v as SentryProfile))
        badParam(key, `expected ${SENTRY_PROFILES.join(' or ')}, got '${v}'`);
      req.profile = v as SentryProfile;
    } else if (key === 'environment' || key === 'release' || key === 'dsn' || key === 'sentAt') {
      if (v !== '') req[key] = v;
    } else if (key === 'target') {
      for (const other of query.keys())
        if (!['target', 'sentAt', 'profile'].includes(other) && !ALWAYS_ALLOWED.has(other))
          badParam(other, 'cannot be combined with target (the target’s settings are what forwarding sends)');
      if (v !== '') req.target = v;
    } else {
      badParam(key, `unknown parameter (known: ${[...PREVIEW_SETTINGS, ...OPTION_NAMES].join(', ')})`);
    }
  }
  if (Object.keys(options).length) req.options = options;
  return req;
}
