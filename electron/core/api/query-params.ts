// Query-string → typed list queries, with a 400 that names the bad parameter.
import type { SpanListQuery, TraceListQuery } from '../../../shared/api/contract.js';
import { HttpError } from './router.js';

/** Parameters any API route accepts besides its own. */
const ALWAYS_ALLOWED = new Set(['token']);

function bad(param: string, message: string): never {
  throw new HttpError(400, `bad parameter '${param}': ${message}`);
}

export function rejectUnknown(query: URLSearchParams, known: readonly string[]): void {
  for (const key of query.keys())
    if (!known.includes(key) && !ALWAYS_ALLOWED.has(key))
      bad(key, `unknown parameter (known: ${known.join(', ')})`);
}

function single(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  if (all.length > 1) bad(name, 'given more than once');
  return all[0];
}

function bool(query: URLSearchParams, name: string): boolean | undefined {
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

const TRACE_PARAMS = ['service', 'q', 'errorsOnly', 'minDurationMs', 'limit', 'cursor'] as const;

export function parseTraceListQuery(query: URLSearchParams): TraceListQuery {
  rejectUnknown(query, TRACE_PARAMS);
  return {
    service: text(query, 'service'),
    q: text(query, 'q'),
    errorsOnly: bool(query, 'errorsOnly'),
    minDurationMs: nonNegative(query, 'minDurationMs'),
    limit: limit(query),
    cursor: text(query, 'cursor'),
  };
}

export function parseSpanListQuery(query: URLSearchParams): SpanListQuery {
  rejectUnknown(query, [...TRACE_PARAMS, 'traceId']);
  const traceId = text(query, 'traceId');
  if (traceId !== undefined && !/^[0-9a-fA-F]{32}$/.test(traceId)) bad('traceId', 'expected 32 hex digits');
  return { ...parseTraceListQuery(withoutKey(query, 'traceId')), traceId };
}

function withoutKey(query: URLSearchParams, key: string): URLSearchParams {
  const copy = new URLSearchParams(query);
  copy.delete(key);
  return copy;
}

export function parseTraceId(raw: string | undefined): string {
  if (raw === undefined || !/^[0-9a-fA-F]{32}$/.test(raw))
    throw new HttpError(400, `bad trace ID '${raw ?? ''}': expected 32 hex digits`);
  return raw.toLowerCase();
}
