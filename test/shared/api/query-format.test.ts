import { describe, expect, it } from 'vitest';
import type { SpanListQuery, TraceGroupQuery, TraceListQuery } from '../../../shared/api/contract.js';
import {
  decodeSentryPreviewQuery,
  decodeSpanListQuery,
  decodeTraceGroupQuery,
  decodeTraceListQuery,
  encodeSentryPreviewQuery,
  encodeSpanListQuery,
  encodeTraceGroupQuery,
  encodeTraceListQuery,
  QueryParamError,
  type SentryPreviewQuery,
} from '../../../shared/api/query-format.js';

/** A decoded query without its unset (undefined) fields, to compare with what was encoded. */
function defined(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const params = (search: string) => new URLSearchParams(search.replace(/^\?/, ''));

const TRACE_LISTS: TraceListQuery[] = [
  {},
  { service: 'checkout', q: 'a b&c=ü', errorsOnly: true, minDurationMs: 12.5 },
  { rootService: '', rootName: 'GET /a', sort: 'duration', dir: 'asc', limit: 1000, cursor: 'opaque/+=' },
  { rootService: 'api', rootName: '', sort: 'httpStatus', dir: 'desc', limit: 1, minDurationMs: 0 },
];
const SPAN_LISTS: SpanListQuery[] = [
  {},
  { service: 'db', q: '%20', errorsOnly: true, minDurationMs: 3, limit: 50, cursor: 'c1' },
  { traceId: '0123456789abcdef0123456789ABCDEF' },
];
const GROUPS: TraceGroupQuery[] = [{}, { q: 'x', errorsOnly: true, limit: 200, service: 's' }];
const PREVIEWS: SentryPreviewQuery[] = [
  {},
  { profile: 'collector' },
  {
    profile: 'sentry-otlp',
    environment: 'dev',
    release: 'app@1.2.3+build',
    dsn: 'https://k@o1.ingest.sentry.io/2',
    sentAt: '2026-01-01T00:00:00.000Z',
    options: { spanData: true },
  },
  { target: 'my target', sentAt: '2026-01-01T00:00:00Z', profile: 'collector' },
];

describe('encode then decode gives the query back', () => {
  it.each(TRACE_LISTS)('trace list %j', (q) => {
    expect(defined(decodeTraceListQuery(params(encodeTraceListQuery(q))))).toEqual(q);
  });
  it.each(SPAN_LISTS)('span list %j', (q) => {
    expect(defined(decodeSpanListQuery(params(encodeSpanListQuery(q))))).toEqual(q);
  });
  it.each(GROUPS)('groups %j', (q) => {
    expect(defined(decodeTraceGroupQuery(params(encodeTraceGroupQuery(q))))).toEqual(q);
  });
  it.each(PREVIEWS)('sentry preview %j', (q) => {
    expect(decodeSentryPreviewQuery(params(encodeSentryPreviewQuery(q)))).toEqual(q);
  });
});

describe('encoding', () => {
  it('leaves out unset, false and empty values, but keeps an empty root service or name', () => {
    expect(encodeTraceListQuery({ service: '', errorsOnly: false, q: undefined })).toBe('');
    expect(encodeTraceListQuery({ rootService: '', rootName: '' })).toBe('?rootService=&rootName=');
  });
  it('puts the preview settings first, then the options in the API order', () => {
    expect(encodeSentryPreviewQuery({ options: { spanData: false }, profile: 'collector' })).toBe(
      '?profile=collector&spanData=false',
    );
  });
});

describe('decoding refuses bad parameters, naming them', () => {
  const cases: [string, (p: URLSearchParams) => unknown, string, string][] = [
    [
      'traces',
      decodeTraceListQuery,
      'limit=0',
      "bad parameter 'limit': expected an integer from 1 to 1000, got '0'",
    ],
    [
      'traces',
      decodeTraceListQuery,
      'sort=x',
      "bad parameter 'sort': expected one of received, start, duration, spans, errors, name, service, httpStatus, got 'x'",
    ],
    ['traces', decodeTraceListQuery, 'q=a&q=b', "bad parameter 'q': given more than once"],
    [
      'traces',
      decodeTraceListQuery,
      'errorsOnly=maybe',
      "bad parameter 'errorsOnly': expected true or false, got 'maybe'",
    ],
    ['spans', decodeSpanListQuery, 'traceId=xyz', "bad parameter 'traceId': expected 32 hex digits"],
    [
      'spans',
      decodeSpanListQuery,
      'minDurationMs=-1',
      "bad parameter 'minDurationMs': expected a number ≥ 0, got '-1'",
    ],
    [
      'groups',
      decodeTraceGroupQuery,
      'sort=start',
      "bad parameter 'sort': unknown parameter (known: service, q, errorsOnly, minDurationMs, limit)",
    ],
    [
      'preview',
      decodeSentryPreviewQuery,
      'profile=x',
      "bad parameter 'profile': expected collector or sentry-otlp, got 'x'",
    ],
    [
      'preview',
      decodeSentryPreviewQuery,
      'target=t&release=1',
      "bad parameter 'release': cannot be combined with target (the target’s settings are what forwarding sends)",
    ],
  ];
  it.each(cases)('%s ?%s', (_name, decode, search, message) => {
    let thrown: unknown;
    try {
      decode(params(search));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(QueryParamError);
    expect((thrown as Error).message).toBe(message);
  });
  it('accepts the token any route takes', () => {
    expect(defined(decodeTraceListQuery(params('token=t&limit=5')))).toEqual({ limit: 5 });
    expect(decodeSentryPreviewQuery(params('token=t'))).toEqual({});
  });
});
