// Query string → typed list queries, with a 400 that names the bad parameter. The URL format itself lives
// in shared/api/query-format.ts (the client encodes with it); this turns its errors into HTTP answers.
import type { SpanListQuery, TraceGroupQuery, TraceListQuery } from '../../../shared/api/contract.js';
import * as format from '../../../shared/api/query-format.js';
import { HttpError } from './router.js';

/** A 400 naming the parameter: `bad parameter 'limit': …`. */
export function bad(param: string, message: string): never {
  throw new HttpError(400, new format.QueryParamError(param, message).message);
}

/** Runs a decoder; a refused parameter becomes a 400 with the decoder's message. */
export function decodeOr400<A extends unknown[], T>(decode: (...args: A) => T, ...args: A): T {
  try {
    return decode(...args);
  } catch (e) {
    if (e instanceof format.QueryParamError) throw new HttpError(400, e.message);
    throw e;
  }
}

export const rejectUnknown = (query: URLSearchParams, known: readonly string[]): void =>
  decodeOr400(format.rejectUnknown, query, known);
export const parseTraceListQuery = (query: URLSearchParams): TraceListQuery =>
  decodeOr400(format.decodeTraceListQuery, query);
export const parseSpanListQuery = (query: URLSearchParams): SpanListQuery =>
  decodeOr400(format.decodeSpanListQuery, query);
export const parseTraceGroupQuery = (query: URLSearchParams): TraceGroupQuery =>
  decodeOr400(format.decodeTraceGroupQuery, query);

export function parseTraceId(raw: string | undefined): string {
  if (raw === undefined || !/^[0-9a-fA-F]{32}$/.test(raw))
    throw new HttpError(400, `bad trace ID '${raw ?? ''}': expected 32 hex digits`);
  return raw.toLowerCase();
}
