// The classic exporter's own unit-test vectors (sentryexporter.md §7.1), run against the collector profile
// with every improvement off, plus the status tables (§3.4.2) and Go-compatible formatting.
import { describe, expect, it } from 'vitest';
import {
  isTransactionRoot,
  mapCollector,
  traceContextOf,
} from '../../../../shared/sentry/collector/index.js';
import { spanDescriptors } from '../../../../shared/sentry/descriptors.js';
import { formatGoFloat, rfc3339Nano } from '../../../../shared/sentry/go-format.js';
import { CLASSIC_OPTIONS } from '../../../../shared/sentry/options.js';
import { buildSentryPreview } from '../../../../shared/sentry/preview.js';
import {
  GRPC_STATUS_TABLE,
  HTTP_STATUS_TABLE,
  statusFromSpanStatus,
} from '../../../../shared/sentry/status.js';
import { tagsFromAttributes } from '../../../../shared/sentry/collector/tags.js';
import type { Span } from '../../../../shared/model/span.js';
import { attr, attrs, exceptionEvent, resource, scope, sentryValidators, span } from '../fixtures.js';

const classic = { semconvFallbacks: false, unknownErrorStatus: false };
const SDK = { name: 'sentry.opentelemetry', version: '0.0.2' };
const validate = sentryValidators();

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

describe('TestSpanEventToSentryEvent', () => {
  // The sample span of the Go test; a SERVER root is added as its parent so that the batch is sent.
  const sample = (events: Span['events']) =>
    span({
      traceId: '01020304050607080807060504030201',
      spanId: '0102030405060708',
      parentSpanId: '0807060504030201',
      name: 'span_name',
      kind: 3,
      startTimeUnixNano: '123',
      endTimeUnixNano: '1234567890',
      attributes: attrs({ key: 'value' }),
      status: { code: 1, message: 'message' },
      resource: resource({ aws_instance: 'ap-south-1', unique_id: 'abcd1234' }),
      scope: scope('otel-go', '1.4.3'),
      events,
    });
  const root = span({
    traceId: '01020304050607080807060504030201',
    spanId: '0807060504030201',
    kind: 2,
    startTimeUnixNano: '1',
    endTimeUnixNano: '2000000000',
  });
  const baseTags = {
    key: 'value',
    library_name: 'otel-go',
    library_version: '1.4.3',
    aws_instance: 'ap-south-1',
    unique_id: 'abcd1234',
    span_kind: 'SPAN_KIND_CLIENT',
    status_message: 'message',
  };
  const base = {
    level: 'error',
    sdk: SDK,
    tags: baseTags,
    timestamp: '1970-01-01T00:00:01.23456789Z',
    transaction: 'span_name',
    user: {},
    contexts: {
      trace: {
        trace_id: '01020304050607080807060504030201',
        span_id: '0102030405060708',
        parent_span_id: '0807060504030201',
        description: 'span_name',
        status: 'ok',
      },
    },
  };
  const cases = [
    {
      name: 'Exception Event with both exception type and message',
      attrs: { 'exception.message': 'Kernel Panic', 'exception.type': 'mySampleType' },
      want: {
        ...base,
        message: 'Kernel Panic',
        exception: [{ value: 'Kernel Panic', type: 'mySampleType' }],
      },
    },
    {
      name: 'Exception Event with only exception type',
      attrs: { 'exception.type': 'mySampleType' },
      want: { ...base, exception: [{ type: 'mySampleType' }] },
    },
    { name: 'Exception Event with neither exception type nor exception message', attrs: {}, want: null },
  ];
  it.each(cases)('$name', ({ attrs: a, want }) => {
    const m = mapCollector([root, sample([exceptionEvent(a as Record<string, string>)])], CLASSIC_OPTIONS);
    if (want === null) {
      expect(m.errors).toEqual([]);
      expect(m.emptyExceptions).toEqual([{ spanIndex: 1, eventIndex: 0 }]);
      return;
    }
    expect(m.errors).toHaveLength(1);
    const { event_id, ...rest } = m.errors[0]!;
    expect(event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(rest).toEqual(want);
    expect(validate.error(m.errors[0])).toBe('');
  });
});

describe('TestSpanToSentrySpan', () => {
  it('with root span and invalid parent span_id', () => {
    expect(isTransactionRoot(span({ spanId: '0000000000000000', parentSpanId: '' }))).toBe(true);
  });
  it('with full span', () => {
    const s = span({
      traceId: '01020304050607080807060504030201',
      spanId: '0102030405060708',
      parentSpanId: '0807060504030201',
      name: 'span_name',
      startTimeUnixNano: '123',
      endTimeUnixNano: '1234567890',
      kind: 3,
      attributes: attrs({ key: 'value' }),
      status: { code: 1, message: 'message' },
      scope: scope('otel-python', '1.4.3'),
      resource: resource({ aws_instance: 'ca-central-1', unique_id: 'abcd1234' }),
    });
    expect(isTransactionRoot(s)).toBe(false);
    const root = span({ traceId: s.traceId, spanId: '0807060504030201', startTimeUnixNano: '1' });
    const m = mapCollector([root, s], CLASSIC_OPTIONS);
    expect(m.transactions[0]!.spans).toEqual([
      {
        trace_id: '01020304050607080807060504030201',
        span_id: '0102030405060708',
        parent_span_id: '0807060504030201',
        description: 'span_name',
        status: 'ok',
        tags: {
          key: 'value',
          library_name: 'otel-python',
          library_version: '1.4.3',
          aws_instance: 'ca-central-1',
          unique_id: 'abcd1234',
          span_kind: 'SPAN_KIND_CLIENT',
          status_message: 'message',
        },
        start_timestamp: '1970-01-01T00:00:00.000000123Z',
        timestamp: '1970-01-01T00:00:01.23456789Z',
      },
    ]);
  });
});

describe('TestGenerateSpanDescriptors', () => {
  const rows: [string, string, Record<string, string>, number, string, string][] = [
    [
      'http-client',
      '/api/users/{user_id}',
      { 'http.method': 'GET' },
      3,
      'http.client',
      'GET /api/users/{user_id}',
    ],
    [
      'http-server',
      '/api/users/{user_id}',
      { 'http.method': 'POST' },
      2,
      'http.server',
      'POST /api/users/{user_id}',
    ],
    ['db-call-without-statement', "SET mykey 'Val'", { 'db.system': 'redis' }, 3, 'db', "SET mykey 'Val'"],
    [
      'db-call-with-statement',
      'mysql call',
      { 'db.system': 'sqlite', 'db.statement': 'SELECT * FROM table' },
      3,
      'db',
      'SELECT * FROM table',
    ],
    [
      'rpc',
      'grpc.test.EchoService/Echo',
      { 'rpc.service': 'EchoService' },
      3,
      'rpc',
      'grpc.test.EchoService/Echo',
    ],
    [
      'message-system',
      'message-destination',
      { 'messaging.system': 'kafka' },
      4,
      'message',
      'message-destination',
    ],
    ['faas', 'message-destination', { 'faas.trigger': 'pubsub' }, 2, 'pubsub', 'message-destination'],
  ];
  it.each(rows)('%s', (_n, name, a, kind, op, description) => {
    const d = spanDescriptors(span({ spanId: '1', name, attributes: attrs(a), kind: kind as Span['kind'] }), {
      semconvFallbacks: false,
      httpRouteNames: false,
    });
    expect({ op: d.op, description: d.description }).toEqual({ op, description });
  });
  it('uses the kind suffixes of the newest classic code', () => {
    const ops = [0, 1, 2, 3, 4, 5].map(
      (kind) =>
        spanDescriptors(
          span({ spanId: '1', attributes: attrs({ 'http.method': 'GET' }), kind: kind as Span['kind'] }),
          {
            semconvFallbacks: false,
            httpRouteNames: false,
          },
        ).op,
    );
    expect(ops).toEqual([
      'http',
      'http.internal',
      'http.server',
      'http.client',
      'http.producer',
      'http.consumer',
    ]);
  });
  it('Go .Str() of a non-string http.method is empty', () => {
    const d = spanDescriptors(span({ spanId: '1', name: 'x', attributes: [attr('http.method', 7)] }), {
      semconvFallbacks: false,
      httpRouteNames: false,
    });
    expect(d.description).toBe(' x');
  });
});

describe('TestGenerateTagsFromAttributes', () => {
  const rows: [string, ReturnType<typeof attr>, string][] = [
    ['string-key', attr('string-key', 'string-value'), 'string-value'],
    ['bool-key', attr('bool-key', true), 'true'],
    ['double-key', attr('double-key', 123.123), '123.123'],
    ['int-key', attr('int-key', 321), '321'],
  ];
  it.each(rows)('%s', (key, kv, want) => {
    expect(tagsFromAttributes([kv]).get(key)).toBe(want);
  });
  it('drops arrays, kvlists, bytes and empty values', () => {
    const t = tagsFromAttributes([
      attr('a', { arrayValue: { values: [] } }),
      attr('k', { kvlistValue: { values: [] } }),
      attr('b', { bytesValue: 'AA==' }),
      attr('e', {}),
    ]);
    expect(t.size).toBe(0);
  });
  it.each([
    [1.0, '1'],
    [100000, '100000'],
    [1234567, '1.234567e+06'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [123456789, '1.23456789e+08'],
    [1e21, '1e+21'],
    [-2.5e-7, '-2.5e-07'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('formats double %s like Go', (v, want) => {
    expect(formatGoFloat(v)).toBe(want);
  });
});

describe('TestStatusFromSpanStatus', () => {
  const rows: [string, string, number, Record<string, string>, string, string][] = [
    ['with empty status', '', 0, {}, 'ok', ''],
    ['with status code', 'message', 2, {}, 'unknown', 'message'],
    ['with unimplemented status code', 'message', 1337, {}, 'unknown', 'error code 1337'],
    ['with ok status code', 'message', 1, {}, 'ok', 'message'],
    ['with 400 http status code', 'message', 2, { 'http.status_code': '401' }, 'unauthenticated', 'message'],
    ['with canceled grpc status code', 'message', 2, { 'rpc.grpc.status_code': '1' }, 'cancelled', 'message'],
  ];
  it.each(rows)('%s', (_n, message, code, tags, status, wantMessage) => {
    const r = statusFromSpanStatus(code, message, tags, classic);
    expect({ status: r.status, message: r.message }).toEqual({ status, message: wantMessage });
  });
});

describe('status tables', () => {
  const http: [string, string][] = [
    ['400', 'failed_precondition'],
    ['401', 'unauthenticated'],
    ['403', 'permission_denied'],
    ['404', 'not_found'],
    ['409', 'aborted'],
    ['429', 'resource_exhausted'],
    ['499', 'cancelled'],
    ['500', 'internal_error'],
    ['501', 'unimplemented'],
    ['503', 'unavailable'],
    ['504', 'deadline_exceeded'],
    ['402', 'unknown'],
    ['405', 'unknown'],
    ['408', 'unknown'],
    ['410', 'unknown'],
    ['502', 'unknown'],
    ['505', 'unknown'],
  ];
  it.each(http)('HTTP %s → %s', (code, want) => {
    expect(statusFromSpanStatus(2, '', { 'http.status_code': code }, classic).status).toBe(want);
    if (HTTP_STATUS_TABLE[code]) expect(HTTP_STATUS_TABLE[code]).toBe(want);
  });
  it('HTTP codes only refine ERROR: UNSET and OK stay ok', () => {
    expect(statusFromSpanStatus(0, '', { 'http.status_code': '500' }, classic).status).toBe('ok');
    expect(statusFromSpanStatus(1, '', { 'http.status_code': '500' }, classic).status).toBe('ok');
  });
  it('HTTP wins over gRPC, with no fallback to gRPC', () => {
    expect(
      statusFromSpanStatus(2, '', { 'http.status_code': '502', 'rpc.grpc.status_code': '1' }, classic).status,
    ).toBe('unknown');
  });
  const grpc: [string, string][] = [
    ['0', 'unknown'],
    ['1', 'cancelled'],
    ['2', 'unknown'],
    ['3', 'invalid_argument'],
    ['4', 'deadline_exceeded'],
    ['5', 'not_found'],
    ['6', 'already_exists'],
    ['7', 'permission_denied'],
    ['8', 'resource_exhausted'],
    ['9', 'failed_precondition'],
    ['10', 'aborted'],
    ['11', 'out_of_range'],
    ['12', 'unimplemented'],
    ['13', 'internal_error'],
    ['14', 'unavailable'],
    ['15', 'data_loss'],
    ['16', 'unauthenticated'],
    ['17', 'unknown'],
  ];
  it.each(grpc)('gRPC %s → %s', (code, want) => {
    expect(statusFromSpanStatus(2, '', { 'rpc.grpc.status_code': code }, classic).status).toBe(want);
    if (GRPC_STATUS_TABLE[code]) expect(GRPC_STATUS_TABLE[code]).toBe(want);
  });
});

// The §7.1 fixture trees, as OTLP spans (roots have no parent).
const T = 'd6c4f03650bd47699ec65c84352b6208';
const fx = {
  root1: span({
    spanId: '1cc4b26ab9094ef0',
    name: '/api/users/{user_id}',
    startTimeUnixNano: '5',
    endTimeUnixNano: '10',
  }),
  child1: span({
    spanId: '93ba92db3fa24752',
    parentSpanId: '1cc4b26ab9094ef0',
    startTimeUnixNano: '5',
    endTimeUnixNano: '7',
  }),
  childChild1: span({
    spanId: '1fa8913ec3814d34',
    parentSpanId: '93ba92db3fa24752',
    startTimeUnixNano: '6',
    endTimeUnixNano: '7',
  }),
  child2: span({
    spanId: '34efcde268684bb0',
    parentSpanId: '1cc4b26ab9094ef0',
    startTimeUnixNano: '7',
    endTimeUnixNano: '10',
  }),
  orphan1: span({
    spanId: '6241111811384fae',
    parentSpanId: '1930bb5cc45c4003',
    startTimeUnixNano: '3',
    endTimeUnixNano: '6',
  }),
  root2: span({ spanId: '4c7f56556ffe4e4a', startTimeUnixNano: '0', endTimeUnixNano: '5' }),
  root2child: span({
    spanId: '7ff3c8daf8184fee',
    parentSpanId: '4c7f56556ffe4e4a',
    startTimeUnixNano: '4',
    endTimeUnixNano: '5',
  }),
};

function shape(spans: Span[], opts = CLASSIC_OPTIONS) {
  const m = mapCollector(spans, opts);
  return m.transactions.map((t) => ({
    root: t.contexts.trace.span_id,
    spans: (t.spans ?? []).map((s) => s.span_id).sort(),
  }));
}

describe('TestClassifyOrphanSpans (through the whole mapping)', () => {
  it('with no root spans: both become their own transactions (when rootless traces are kept)', () => {
    expect(shape([fx.child1, fx.child2], { ...CLASSIC_OPTIONS, keepRootlessTraces: true })).toEqual([
      { root: fx.child1.spanId, spans: [] },
      { root: fx.child2.spanId, spans: [] },
    ]);
  });
  it('with no remaining orphans: the grandchild attaches on a later pass', () => {
    expect(shape([fx.childChild1, fx.child1, fx.child2, fx.root1])).toEqual([
      { root: fx.root1.spanId, spans: [fx.childChild1.spanId, fx.child2.spanId, fx.child1.spanId].sort() },
    ]);
  });
  it('with some remaining orphans: exactly orphanSpan1 is left', () => {
    expect(shape([fx.childChild1, fx.child1, fx.child2, fx.orphan1, fx.root1])).toEqual([
      { root: fx.root1.spanId, spans: [fx.childChild1.spanId, fx.child2.spanId, fx.child1.spanId].sort() },
      { root: fx.orphan1.spanId, spans: [] },
    ]);
  });
  it('with multiple roots', () => {
    expect(shape([fx.childChild1, fx.child1, fx.root2child, fx.child2, fx.root1, fx.root2])).toEqual([
      { root: fx.root2.spanId, spans: [fx.root2child.spanId] },
      { root: fx.root1.spanId, spans: [fx.childChild1.spanId, fx.child2.spanId, fx.child1.spanId].sort() },
    ]);
  });
});

describe('TestGenerateTransactions', () => {
  it('two roots and two orphans make four transactions, all with the environment', () => {
    const lostChild = span({
      spanId: '93ba92db3fa24752',
      parentSpanId: 'ffffffffffffff01',
      startTimeUnixNano: '5',
    });
    const m = mapCollector([fx.root1, fx.root2, fx.orphan1, lostChild], CLASSIC_OPTIONS, {
      environment: 'staging',
    });
    expect(m.transactions).toHaveLength(4);
    expect(m.transactions.map((t) => t.environment)).toEqual(['staging', 'staging', 'staging', 'staging']);
  });
});

describe('TestPushTraceData', () => {
  it('with no spans: nothing is sent', () => {
    const m = mapCollector([], CLASSIC_OPTIONS);
    expect([m.transactions.length, m.errors.length]).toEqual([0, 0]);
  });
  it('with full trace: one empty root span is sent', () => {
    const m = mapCollector(
      [span({ spanId: '0000000000000000', traceId: '0'.repeat(32), name: '' })],
      CLASSIC_OPTIONS,
    );
    expect(m.transactions).toHaveLength(1);
  });
  it('with no transaction root: the whole batch is dropped, errors included', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      parentSpanId: 'bbbbbbbbbbbbbbbb',
      events: [exceptionEvent({ 'exception.type': 'E' })],
    });
    const m = mapCollector([s], CLASSIC_OPTIONS);
    expect([m.transactions.length, m.errors.length]).toEqual([0, 0]);
    expect(m.placement).toEqual([{ where: 'dropped', reason: 'no-transaction-root' }]);
  });
});

describe('TestTransactionContextFromSpanMarshalEvent', () => {
  it.each([
    [
      'with parent span id',
      {
        trace_id: '1915f8aa35ff8fbebbfeedb9d7e07216',
        span_id: 'ea4864700408805c',
        parent_span_id: '4c577fe4aec9523b',
      },
      '{"trace":{"parent_span_id":"4c577fe4aec9523b","span_id":"ea4864700408805c","trace_id":"1915f8aa35ff8fbebbfeedb9d7e07216"}}',
    ],
    [
      'without parent span id',
      { trace_id: '11ab4adc8ac6ed96f245cd96b5b6d141', span_id: 'cc55ac735f0170ac' },
      '{"trace":{"span_id":"cc55ac735f0170ac","trace_id":"11ab4adc8ac6ed96f245cd96b5b6d141"}}',
    ],
  ])('%s', (_n, s, want) => {
    const ctx = { trace: traceContextOf({ ...s, start_timestamp: '', timestamp: '' }) };
    expect(canonicalJson(ctx)).toContain(want);
  });
  it('never sends an all-zero parent_span_id for a root', () => {
    const m = mapCollector(
      [span({ spanId: 'cc55ac735f0170ac', parentSpanId: '0000000000000000' })],
      CLASSIC_OPTIONS,
    );
    expect(m.transactions[0]!.contexts.trace).not.toHaveProperty('parent_span_id');
  });
});

describe('Go time formatting', () => {
  it.each([
    ['123', '1970-01-01T00:00:00.000000123Z'],
    ['1234567890', '1970-01-01T00:00:01.23456789Z'],
    ['0', '1970-01-01T00:00:00Z'],
    ['1714557600250000000', '2024-05-01T10:00:00.25Z'],
  ])('%s ns → %s', (ns, want) => expect(rfc3339Nano(ns)).toBe(want));
});

describe('the §3.5 example, exactly', () => {
  it('with all options off the output is what the classic exporter sends', () => {
    const res = resource({ 'service.name': 'api' });
    const sc = scope('io.otel.http', '1.2.0');
    const a = span({
      traceId: T,
      spanId: 'aaaaaaaaaaaaaaaa',
      kind: 2,
      name: '/users/{id}',
      attributes: [attr('http.method', 'GET'), attr('http.status_code', 404)],
      status: { code: 2, message: 'Not Found' },
      startTimeUnixNano: '1714557600000000000',
      endTimeUnixNano: '1714557600250000000',
      resource: res,
      scope: sc,
    });
    const b = span({
      traceId: T,
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      kind: 3,
      name: 'query',
      attributes: attrs({ 'db.system': 'postgresql', 'db.statement': 'SELECT 1' }),
      startTimeUnixNano: '1714557600100000000',
      endTimeUnixNano: '1714557600200000000',
      resource: res,
      scope: sc,
    });
    const m = mapCollector([b, a], CLASSIC_OPTIONS, { environment: 'prod' });
    expect(m.transactions).toHaveLength(1);
    const { event_id, ...tx } = m.transactions[0]!;
    expect(event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(tx).toEqual({
      contexts: {
        trace: {
          trace_id: T,
          span_id: 'aaaaaaaaaaaaaaaa',
          op: 'http.server',
          description: 'GET /users/{id}',
          status: 'not_found',
        },
      },
      environment: 'prod',
      sdk: SDK,
      tags: {
        'http.method': 'GET',
        'http.status_code': '404',
        'service.name': 'api',
        status_message: 'Not Found',
        span_kind: 'SPAN_KIND_SERVER',
        library_name: 'io.otel.http',
        library_version: '1.2.0',
      },
      timestamp: '2024-05-01T10:00:00.25Z',
      transaction: 'GET /users/{id}',
      user: {},
      type: 'transaction',
      spans: [
        {
          trace_id: T,
          span_id: 'bbbbbbbbbbbbbbbb',
          parent_span_id: 'aaaaaaaaaaaaaaaa',
          op: 'db',
          description: 'SELECT 1',
          status: 'ok',
          tags: {
            'db.system': 'postgresql',
            'db.statement': 'SELECT 1',
            'service.name': 'api',
            span_kind: 'SPAN_KIND_CLIENT',
            library_name: 'io.otel.http',
            library_version: '1.2.0',
          },
          start_timestamp: '2024-05-01T10:00:00.1Z',
          timestamp: '2024-05-01T10:00:00.2Z',
        },
      ],
      start_timestamp: '2024-05-01T10:00:00Z',
    });
    // Go's map marshalling sorts tag keys; so do we.
    expect(Object.keys(tx.tags)).toEqual(Object.keys(tx.tags).sort());
    expect(validate.transaction(m.transactions[0])).toBe('');
  });
  it('a resource attribute overrides a span attribute of the same key, in tags and status lookup', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      attributes: attrs({ 'http.status_code': 200, 'http.method': 'GET' }),
      resource: resource({ 'http.status_code': 404 }),
      status: { code: 2, message: '' },
    });
    const tx = mapCollector([s], CLASSIC_OPTIONS).transactions[0]!;
    expect(tx.tags['http.status_code']).toBe('404');
    expect(tx.contexts.trace.status).toBe('not_found');
  });
  it('a SERVER child of another transaction becomes its own transaction, linked by parent_span_id', () => {
    const root = span({ spanId: 'aaaaaaaaaaaaaaaa', kind: 3 });
    const server = span({
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      kind: 2,
      startTimeUnixNano: '1700000000100000000',
    });
    const child = span({
      spanId: 'cccccccccccccccc',
      parentSpanId: 'bbbbbbbbbbbbbbbb',
      startTimeUnixNano: '1700000000200000000',
    });
    const m = mapCollector([child, server, root], CLASSIC_OPTIONS);
    expect(
      m.transactions.map((t) => [
        t.contexts.trace.span_id,
        t.contexts.trace.parent_span_id,
        (t.spans ?? []).map((s) => s.span_id),
      ]),
    ).toEqual([
      ['aaaaaaaaaaaaaaaa', undefined, []],
      ['bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa', ['cccccccccccccccc']],
    ]);
  });
});

describe('empty names and unknown kinds, as sentry-go serialises them', () => {
  // Event.Transaction and Span.Description are `omitempty`; traceutil.SpanKindStr gives '' for other kinds.
  const root = span({ spanId: 'aaaaaaaaaaaaaaaa', name: '', kind: 2 });
  const child = span({
    spanId: 'bbbbbbbbbbbbbbbb',
    parentSpanId: 'aaaaaaaaaaaaaaaa',
    name: '',
    kind: 7 as Span['kind'],
    events: [exceptionEvent({ 'exception.type': 'E' })],
  });

  it('an empty span name leaves out transaction, description and the error transaction (not "")', () => {
    const m = mapCollector([root, child], CLASSIC_OPTIONS);
    const tx = m.transactions[0]!;
    expect('transaction' in tx).toBe(false);
    expect('description' in tx.contexts.trace).toBe(false);
    expect('description' in tx.spans![0]!).toBe(false);
    expect('transaction' in m.errors[0]!).toBe(false);
    expect(JSON.stringify(tx)).not.toMatch(/"(transaction|description)":""/);
    expect(validate.transaction(tx)).toBe('');
  });

  it('the same with every improvement on (names stay omitted, never "")', () => {
    const p = buildSentryPreview([root, child]);
    expect(JSON.stringify(p.transactions)).not.toMatch(/"(transaction|description)":""/);
    expect(JSON.stringify(p.errors)).not.toMatch(/"transaction":""/);
  });

  it('an unknown span kind gives span_kind "" (not SPAN_KIND_7); UNSPECIFIED gives no tag', () => {
    const m = mapCollector([root, child], CLASSIC_OPTIONS);
    expect(m.transactions[0]!.spans![0]!.tags!['span_kind']).toBe('');
    expect(m.errors[0]!.tags!['span_kind']).toBe('');
    const unspecified = mapCollector([{ ...root, kind: 0 }], CLASSIC_OPTIONS);
    expect('span_kind' in unspecified.transactions[0]!.tags!).toBe(false);
  });
});
