// Filters and cursors for the trace and span lists. Cursors are opaque to clients (base64url of a position)
// so the representation can change without breaking the UI.
import type { SpanListQuery, TraceListQuery } from '../../../shared/api/contract.js';
import type { KeyValue, Span } from '../../../shared/model/span.js';
import { stringAttribute } from '../../../shared/model/attributes.js';
import { durationMs } from '../../../shared/model/time.js';
import { QueryError } from './query-error.js';
import { spanIsError, type TraceEntry } from './trace-entry.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** Default number of groups GET /groups returns. */
export const DEFAULT_GROUPS = 200;

export function pageLimit(limit: number | undefined, fallback = DEFAULT_PAGE): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new QueryError('limit', `limit must be an integer from 1 to ${MAX_PAGE}, got ${limit}`);
  return limit;
}

/** Cursor → the numbers it holds ([traceSeq] or [traceSeq, spanIndex]). */
export function decodeCursor(cursor: string | undefined, parts: 1 | 2): number[] | null {
  if (cursor === undefined || cursor === '') return null;
  let text: string;
  try {
    text = Buffer.from(cursor, 'base64url').toString('utf8');
  } catch {
    text = '';
  }
  const m = /^c(\d+)(?:\.(\d+))?$/.exec(text);
  const nums = m ? [Number(m[1]), ...(m[2] !== undefined ? [Number(m[2])] : [])] : [];
  if (nums.length !== parts || !nums.every(Number.isSafeInteger))
    throw new QueryError('cursor', 'cursor is not one this server issued (start again without it)');
  return nums;
}

export function encodeCursor(...nums: number[]): string {
  return Buffer.from(`c${nums.join('.')}`, 'utf8').toString('base64url');
}

/** Case-insensitive substring test without lowercasing (and allocating) every string it looks at. */
type TextTest = (text: string) => boolean;

function textTest(needle: string): TextTest {
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (text) => re.test(text);
}

function attributesContain(attrs: readonly KeyValue[], has: TextTest): boolean {
  for (let i = 0; i < attrs.length; i++) {
    const s = (attrs[i]!.value as { stringValue?: string }).stringValue;
    if (s !== undefined && has(s)) return true;
  }
  return false;
}

function spanContains(span: Span, service: string, has: TextTest): boolean {
  return (
    has(span.name) ||
    has(span.spanId) ||
    has(span.traceId) ||
    has(service) ||
    attributesContain(span.attributes, has)
  );
}

export function serviceOf(span: Span): string {
  return stringAttribute(span.resource.attributes, 'service.name') ?? '';
}

/** A compiled trace filter; null when the query filters nothing (so counts and paging take shortcuts). */
export function traceMatcher(q: TraceListQuery): ((e: TraceEntry) => boolean) | null {
  const { service, errorsOnly, minDurationMs, rootService, rootName } = q;
  const needle = q.q?.trim() ?? '';
  if (
    !service &&
    !errorsOnly &&
    minDurationMs === undefined &&
    needle === '' &&
    rootService === undefined &&
    rootName === undefined
  )
    return null;
  const has = needle === '' ? null : textTest(needle);
  return (e) => {
    if (rootService !== undefined && e.rootService !== rootService) return false;
    if (rootName !== undefined && e.rootName !== rootName) return false;
    if (service && !e.services.includes(service)) return false;
    if (errorsOnly && e.errorCount === 0) return false;
    if (minDurationMs !== undefined && e.durationMs() < minDurationMs) return false;
    if (has === null) return true;
    if (has(e.traceId) || has(e.rootName)) return true;
    for (const s of e.services) if (has(s)) return true;
    const spans = e.spans;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      if (has(span.name) || attributesContain(span.attributes, has)) return true;
    }
    return false;
  };
}

export function spanMatcher(q: SpanListQuery): ((s: Span) => boolean) | null {
  const { service, errorsOnly, minDurationMs } = q;
  const needle = q.q?.trim() ?? '';
  if (!service && !errorsOnly && minDurationMs === undefined && needle === '') return null;
  const has = needle === '' ? null : textTest(needle);
  return (s) => {
    const svc = service || has !== null ? serviceOf(s) : '';
    if (service && svc !== service) return false;
    if (errorsOnly && !spanIsError(s)) return false;
    if (minDurationMs !== undefined && spanDurationMs(s) < minDurationMs) return false;
    return has === null || spanContains(s, svc, has);
  };
}

export function spanDurationMs(s: Span): number {
  try {
    return Math.max(0, durationMs(s.startTimeUnixNano, s.endTimeUnixNano));
  } catch {
    return 0;
  }
}
