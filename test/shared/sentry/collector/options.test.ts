// Each improvement over the classic exporter: what it changes, that it is on by default, and that it is
// reported as a difference from classic.
import { describe, expect, it } from 'vitest';
import { mapCollector } from '../../../../shared/sentry/collector/index.js';
import {
  CLASSIC_OPTIONS,
  DEFAULT_OPTIONS,
  OPTION_NAMES,
  type OptionName,
} from '../../../../shared/sentry/options.js';
import { buildSentryPreview } from '../../../../shared/sentry/preview.js';
import type { ErrorEvent } from '../../../../shared/sentry/payload.js';
import type { Span } from '../../../../shared/model/span.js';
import { attr, attrs, exceptionEvent, resource, sentryValidators, span } from '../fixtures.js';

const validate = sentryValidators();
const only = (name: OptionName) => ({ ...CLASSIC_OPTIONS, [name]: true });

function checkSchemas(m: ReturnType<typeof mapCollector>) {
  for (const t of m.transactions) expect(validate.transaction(t)).toBe('');
  for (const e of m.errors) expect(validate.error(e)).toBe('');
}

const newHttpServer = span({
  spanId: 'aaaaaaaaaaaaaaaa',
  kind: 2,
  name: 'GET /users/{id}',
  attributes: attrs({
    'http.request.method': 'GET',
    'http.route': '/users/{id}',
    'url.path': '/users/42',
    'http.response.status_code': 503,
  }),
  status: { code: 2, message: '' },
});
const newDbClient = span({
  spanId: 'bbbbbbbbbbbbbbbb',
  parentSpanId: 'aaaaaaaaaaaaaaaa',
  kind: 3,
  name: 'SELECT users',
  attributes: attrs({ 'db.system.name': 'postgresql', 'db.query.text': 'SELECT * FROM users WHERE id = $1' }),
  startTimeUnixNano: '1700000000100000000',
  endTimeUnixNano: '1700000000200000000',
});

it('every option is on by default', () => {
  expect(Object.values(DEFAULT_OPTIONS).every(Boolean)).toBe(true);
  expect(OPTION_NAMES.length).toBe(Object.keys(DEFAULT_OPTIONS).length);
});

describe('semconvFallbacks', () => {
  it('off: current semconv names are ignored, as by the classic exporter', () => {
    const m = mapCollector([newHttpServer, newDbClient], CLASSIC_OPTIONS);
    const tx = m.transactions[0]!;
    expect(tx.contexts.trace.op).toBeUndefined();
    expect(tx.contexts.trace.status).toBe('unknown');
    expect(tx.spans![0]!.op).toBeUndefined();
    expect(tx.spans![0]!.description).toBe('SELECT users');
  });
  it('on: op, description and status read the current names', () => {
    const m = mapCollector([newHttpServer, newDbClient], only('semconvFallbacks'));
    const tx = m.transactions[0]!;
    expect(tx.contexts.trace.op).toBe('http.server');
    expect(tx.contexts.trace.status).toBe('unavailable');
    expect(tx.spans![0]!).toMatchObject({ op: 'db', description: 'SELECT * FROM users WHERE id = $1' });
    checkSchemas(m);
  });
  it.each([
    [{ 'rpc.system.name': 'grpc' }, 'rpc'],
    [{ 'rpc.system': 'grpc' }, 'rpc'],
  ])('%o → op %s', (a, op) => {
    const m = mapCollector(
      [span({ spanId: 'aaaaaaaaaaaaaaaa', attributes: attrs(a) })],
      only('semconvFallbacks'),
    );
    expect(m.transactions[0]!.contexts.trace.op).toBe(op);
  });
  it('reads rpc.status_code by number or by name', () => {
    for (const code of ['5', 'NOT_FOUND']) {
      const s = span({
        spanId: 'aaaaaaaaaaaaaaaa',
        attributes: attrs({ 'rpc.status_code': code }),
        status: { code: 2, message: '' },
      });
      expect(mapCollector([s], only('semconvFallbacks')).transactions[0]!.contexts.trace.status).toBe(
        'not_found',
      );
    }
  });
  it('the old name wins when both are present', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      attributes: attrs({ 'http.method': 'POST', 'http.request.method': 'GET' }),
    });
    expect(mapCollector([s], only('semconvFallbacks')).transactions[0]!.transaction).toBe('POST span');
  });
  it('_OTHER methods use http.request.method_original', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      name: 'x',
      attributes: attrs({ 'http.request.method': '_OTHER', 'http.request.method_original': 'PURGE' }),
    });
    expect(mapCollector([s], only('semconvFallbacks')).transactions[0]!.transaction).toBe('PURGE x');
  });
});

describe('httpRouteNames', () => {
  const t = (s: Span, o = DEFAULT_OPTIONS) => mapCollector([s], o).transactions[0]!;
  it('names from http.route, source route', () => {
    const tx = t(newHttpServer);
    expect(tx.transaction).toBe('GET /users/{id}');
    expect(tx.transaction_info).toEqual({ source: 'route' });
  });
  it('without a route: the URL path (query dropped), source url', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      kind: 2,
      name: 'GET',
      attributes: attrs({ 'http.method': 'GET', 'http.target': '/users/42?x=1' }),
    });
    expect([t(s).transaction, t(s).transaction_info?.source]).toEqual(['GET /users/42', 'url']);
  });
  it('client spans: the full URL without query and credentials', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      kind: 3,
      name: 'GET',
      attributes: attrs({
        'http.request.method': 'GET',
        'url.full': 'https://u:p@api.example.com/v1/x?token=1#f',
      }),
    });
    expect(t(s).transaction).toBe('GET https://[filtered]@api.example.com/v1/x');
  });
  it('no route or URL: the span name, without doubling the method', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      name: 'GET /health',
      attributes: attrs({ 'http.method': 'GET' }),
    });
    expect([t(s).transaction, t(s).transaction_info?.source]).toEqual(['GET /health', 'custom']);
  });
  it('non-HTTP transactions are custom', () => {
    expect(t(span({ spanId: 'aaaaaaaaaaaaaaaa', name: 'job' })).transaction_info).toEqual({
      source: 'custom',
    });
  });
  it('off: classic "METHOD name" and no transaction_info', () => {
    const tx = t(newHttpServer, only('semconvFallbacks'));
    expect(tx.transaction).toBe('GET GET /users/{id}');
    expect(tx).not.toHaveProperty('transaction_info');
  });
});

describe('spanData', () => {
  it('copies attributes into data, with Sentry span-data keys', () => {
    const s = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      kind: 2,
      attributes: [
        attr('http.method', 'GET'),
        attr('http.status_code', 200),
        attr('list', { arrayValue: { values: [{ intValue: '1' }] } }),
      ],
    });
    const c = span({
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      kind: 3,
      attributes: attrs({ 'db.system.name': 'mysql' }),
    });
    const tx = mapCollector([s, c], only('spanData')).transactions[0]!;
    expect(tx.contexts.trace.data).toMatchObject({
      'http.method': 'GET',
      'http.status_code': 200,
      list: [1],
      'otel.kind': 'SERVER',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
    });
    expect(tx.spans![0]!.data).toMatchObject({
      'db.system.name': 'mysql',
      'db.system': 'mysql',
      'otel.kind': 'CLIENT',
    });
    expect(mapCollector([s], CLASSIC_OPTIONS).transactions[0]!.contexts.trace).not.toHaveProperty('data');
  });
});

describe('tagLimits', () => {
  const long = 'x'.repeat(300);
  const s = span({
    spanId: 'aaaaaaaaaaaaaaaa',
    attributes: [attr('k' + long, 'v'), attr('sql', long), attr('nl', 'a\nb')],
  });
  it('on: keys and values cut to 200 characters, newlines replaced, each reported', () => {
    const m = mapCollector([s], only('tagLimits'));
    const tags = m.transactions[0]!.tags;
    for (const [k, v] of Object.entries(tags)) {
      expect(Array.from(k).length).toBeLessThanOrEqual(200);
      expect(Array.from(v).length).toBeLessThanOrEqual(200);
      expect(v).not.toContain('\n');
    }
    expect(tags.sql).toBe('x'.repeat(197) + '...');
    expect(tags.nl).toBe('a b');
    expect(m.tagIssues.map((i) => [i.key.slice(0, 3), i.cut])).toEqual([
      ['kxx', true],
      ['nl', true],
      ['sql', true],
    ]);
  });
  it('off: sent as is, and still reported', () => {
    const m = mapCollector([s], CLASSIC_OPTIONS);
    expect(m.transactions[0]!.tags.sql).toBe(long);
    expect(m.tagIssues.every((i) => !i.cut)).toBe(true);
    expect(m.tagIssues).toHaveLength(3);
  });
});

describe('exceptionDetails', () => {
  const pyTrace = [
    'Traceback (most recent call last):',
    '  File "/srv/app/payments.py", line 42, in charge',
    '    gateway.charge(card, amount)',
    '  File "/usr/lib/python3.12/site-packages/stripe/api.py", line 7, in charge',
    '    raise CardError("declined")',
    'stripe.CardError: declined',
  ].join('\n');
  const root = span({
    spanId: 'aaaaaaaaaaaaaaaa',
    kind: 2,
    name: 'POST /pay',
    attributes: attrs({ 'http.method': 'POST', 'http.route': '/pay' }),
  });
  const failing = (ev: Record<string, string | boolean>) =>
    span({
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      name: 'process_payment',
      status: { code: 2, message: 'declined' },
      resource: resource({
        'service.name': 'pay',
        'telemetry.sdk.language': 'python',
        'service.version': '1.4.0',
      }),
      events: [exceptionEvent(ev, '1700000000700000000')],
    });
  const err = (ev: Record<string, string | boolean>, o = DEFAULT_OPTIONS): ErrorEvent => {
    const m = mapCollector([root, failing(ev)], o);
    checkSchemas(m);
    return m.errors[0]!;
  };
  it('parses the stack trace, oldest frame first, and links the error to span and transaction', () => {
    const e = err({
      'exception.type': 'stripe.CardError',
      'exception.message': 'declined',
      'exception.stacktrace': pyTrace,
      'exception.escaped': true,
    });
    const v = (
      e.exception as {
        values: { stacktrace?: { frames: { function?: string; in_app?: boolean }[] }; mechanism?: unknown }[];
      }
    ).values[0]!;
    expect(v.stacktrace!.frames.map((f) => [f.function, f.in_app])).toEqual([
      ['charge', true],
      ['charge', false],
    ]);
    expect(v.mechanism).toEqual({ type: 'generic', handled: false });
    expect(e).toMatchObject({
      level: 'error',
      platform: 'python',
      release: '1.4.0',
      transaction: 'POST /pay',
      timestamp: '2023-11-14T22:13:20.7Z',
      contexts: {
        trace: { span_id: 'bbbbbbbbbbbbbbbb', parent_span_id: 'aaaaaaaaaaaaaaaa', status: 'unknown_error' },
      },
    });
    expect(e).not.toHaveProperty('message');
    expect(e).not.toHaveProperty('extra');
  });
  it('keeps unparseable stack text, raw', () => {
    const e = err({
      'exception.type': 'Weird',
      'exception.stacktrace': 'something went wrong somewhere\nno frames here',
    });
    expect(e.extra).toEqual({ 'exception.stacktrace': 'something went wrong somewhere\nno frames here' });
    expect((e.exception as { values: { stacktrace?: unknown }[] }).values[0]!.stacktrace).toBeUndefined();
  });
  it('off: the classic bare exception, no stack, span end time, no environment on errors', () => {
    const e = err(
      {
        'exception.type': 'stripe.CardError',
        'exception.message': 'declined',
        'exception.stacktrace': pyTrace,
      },
      CLASSIC_OPTIONS,
    );
    expect(e.exception).toEqual([{ type: 'stripe.CardError', value: 'declined' }]);
    expect(e).toMatchObject({
      message: 'declined',
      transaction: 'process_payment',
      timestamp: '2023-11-14T22:13:21Z',
    });
    expect(e).not.toHaveProperty('environment');
    expect(e).not.toHaveProperty('platform');
  });
  it('the environment setting reaches errors too', () => {
    const m = mapCollector([root, failing({ 'exception.type': 'E' })], DEFAULT_OPTIONS, {
      environment: 'dev',
    });
    expect([m.transactions[0]!.environment, m.errors[0]!.environment]).toEqual(['dev', 'dev']);
  });
});

describe('resourceContext', () => {
  const s = span({
    spanId: 'aaaaaaaaaaaaaaaa',
    resource: resource({
      'service.name': 'api',
      'service.version': '2.0.1',
      'deployment.environment.name': 'staging',
      'deployment.environment': 'old',
      'host.name': 'web-1',
      'telemetry.sdk.language': 'nodejs',
    }),
  });
  it('on: release, environment, server_name, platform from the resource', () => {
    const tx = mapCollector([s], only('resourceContext')).transactions[0]!;
    expect(tx).toMatchObject({
      release: '2.0.1',
      environment: 'staging',
      server_name: 'web-1',
      platform: 'node',
    });
    expect(tx.contexts.otel?.resource['host.name']).toBe('web-1');
  });
  it('the settings win over the resource', () => {
    const tx = mapCollector([s], only('resourceContext'), { environment: 'prod', release: 'r9' })
      .transactions[0]!;
    expect([tx.environment, tx.release]).toEqual(['prod', 'r9']);
  });
  it('falls back to deployment.environment', () => {
    const s2 = { ...s, resource: resource({ 'deployment.environment': 'qa' }) };
    expect(mapCollector([s2], only('resourceContext')).transactions[0]!.environment).toBe('qa');
  });
  it('off: none of them', () => {
    const tx = mapCollector([s], CLASSIC_OPTIONS).transactions[0]!;
    for (const k of ['release', 'environment', 'server_name', 'platform']) expect(tx).not.toHaveProperty(k);
  });
});

describe('unknownErrorStatus', () => {
  const failed = span({ spanId: 'aaaaaaaaaaaaaaaa', status: { code: 2, message: '' } });
  it('on: unknown_error; never "error" or "unset"', () => {
    expect(mapCollector([failed], only('unknownErrorStatus')).transactions[0]!.contexts.trace.status).toBe(
      'unknown_error',
    );
    for (const code of [0, 1, 2, 7])
      for (const o of [DEFAULT_OPTIONS, CLASSIC_OPTIONS]) {
        const st = mapCollector([{ ...failed, status: { code: code as 0, message: '' } }], o).transactions[0]!
          .contexts.trace.status;
        expect(['error', 'unset']).not.toContain(st);
      }
  });
  it('off: unknown', () => {
    expect(mapCollector([failed], CLASSIC_OPTIONS).transactions[0]!.contexts.trace.status).toBe('unknown');
  });
});

describe('groupOrphans', () => {
  const a = span({ spanId: 'aaaaaaaaaaaaaaaa', parentSpanId: 'ffffffffffffffff', name: 'A', kind: 2 });
  const b = span({
    spanId: 'bbbbbbbbbbbbbbbb',
    parentSpanId: 'ffffffffffffff00',
    name: 'B',
    startTimeUnixNano: '1700000000100000000',
  });
  const c = span({
    spanId: 'cccccccccccccccc',
    parentSpanId: 'bbbbbbbbbbbbbbbb',
    name: 'C',
    startTimeUnixNano: '1700000000200000000',
  });
  const d = span({
    spanId: 'dddddddddddddddd',
    parentSpanId: 'cccccccccccccccc',
    name: 'D',
    startTimeUnixNano: '1700000000300000000',
  });
  it('on: an orphan chain becomes one transaction', () => {
    const m = mapCollector([d, c, b, a], DEFAULT_OPTIONS);
    expect(m.transactions.map((t) => [t.transaction, (t.spans ?? []).map((s) => s.description)])).toEqual([
      ['A', []],
      ['B', ['C', 'D']],
    ]);
  });
  it('off: one transaction per orphan span', () => {
    const m = mapCollector([d, c, b, a], only('keepRootlessTraces'));
    // A is a SERVER span, so a root; B, C, D each make their own transaction.
    expect(m.transactions.map((t) => [t.transaction, (t.spans ?? []).length])).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
      ['D', 0],
    ]);
  });
  it('parent cycles still place every span exactly once', () => {
    const x = span({ spanId: '1111111111111111', parentSpanId: '2222222222222222' });
    const y = span({ spanId: '2222222222222222', parentSpanId: '1111111111111111' });
    const m = mapCollector([x, y], DEFAULT_OPTIONS);
    expect(m.placement.map((p) => p.where)).toEqual(['transaction', 'transaction']);
  });
});

describe('keepRootlessTraces', () => {
  const orphan = span({
    spanId: 'aaaaaaaaaaaaaaaa',
    parentSpanId: 'ffffffffffffffff',
    events: [exceptionEvent({ 'exception.type': 'E' })],
  });
  it('on: sent anyway, errors included', () => {
    const m = mapCollector([orphan], only('keepRootlessTraces'));
    expect([m.transactions.length, m.errors.length]).toEqual([1, 1]);
  });
  it('off: dropped', () => {
    const m = mapCollector([orphan], CLASSIC_OPTIONS);
    expect([m.transactions.length, m.errors.length]).toEqual([0, 0]);
  });
});

describe('samplingContext', () => {
  const s = span({
    spanId: 'aaaaaaaaaaaaaaaa',
    kind: 2,
    name: 'GET',
    attributes: attrs({ 'http.method': 'GET', 'http.route': '/x' }),
  });
  const header = (o: Partial<Record<OptionName, boolean>>) =>
    JSON.parse(
      buildSentryPreview([s], {
        dsn: 'https://pub@o1.ingest.sentry.io/5',
        options: o,
      }).envelopes[0]!.text.split('\n')[0]!,
    );
  it('on: the envelope carries the trace header', () => {
    expect(header({}).trace).toEqual({
      trace_id: s.traceId,
      public_key: 'pub',
      sample_rate: '1',
      sampled: 'true',
      transaction: 'GET /x',
    });
  });
  it('off: no trace header, as the classic exporter', () => {
    expect(header({ samplingContext: false })).not.toHaveProperty('trace');
  });
});

describe('all options off equals classic; differences are attributed', () => {
  it('the preview lists no differences when every option is off', () => {
    const p = buildSentryPreview([newHttpServer, newDbClient], { options: CLASSIC_OPTIONS });
    expect(p.differences).toEqual([]);
  });
  it('each difference names the option behind it', () => {
    const p = buildSentryPreview([newHttpServer, newDbClient], {});
    expect(p.differences.length).toBeGreaterThan(0);
    for (const d of p.differences) expect(OPTION_NAMES).toContain(d.option);
    const byOption = new Set(p.differences.map((d) => d.option));
    for (const o of ['semconvFallbacks', 'httpRouteNames', 'spanData'] as const)
      expect(byOption).toContain(o);
  });
  it.each(OPTION_NAMES.map((n) => [n]))('turning on only %s changes only what it owns', (name) => {
    const p = buildSentryPreview(
      [
        newHttpServer,
        newDbClient,
        span({
          spanId: 'cccccccccccccccc',
          parentSpanId: 'eeeeeeeeeeeeeeee',
          events: [exceptionEvent({ 'exception.type': 'E', 'exception.stacktrace': 'at x (/a.js:1:2)' })],
        }),
      ],
      { options: only(name), dsn: 'https://k@h.example/1' },
    );
    for (const d of p.differences) expect([d.pointer, d.option]).toEqual([d.pointer, name]);
  });
});

describe('tag templates (cached per resource and attribute signature)', () => {
  it('spans sharing a resource get their own values, whatever the attribute positions', () => {
    const res = resource({ 'service.name': 'x' });
    const arr = attr('list', { arrayValue: { values: [{ stringValue: 'a' }] } });
    const a = span({
      spanId: 'aaaaaaaaaaaaaaaa',
      resource: res,
      attributes: [attr('k1', 'a1'), arr, attr('k2', 'a2')],
    });
    const b = span({
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      resource: res,
      startTimeUnixNano: '1700000000100000000',
      attributes: [arr, attr('k1', 'b1'), attr('k2', 'b2')],
    });
    const c = span({
      spanId: 'cccccccccccccccc',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      resource: res,
      startTimeUnixNano: '1700000000200000000',
      attributes: [attr('k1', 'c1'), attr('k2', 3.5), attr('k1', 'c1-last')],
    });
    for (let round = 0; round < 2; round++) {
      const tx = mapCollector([a, b, c], CLASSIC_OPTIONS).transactions[0]!;
      expect([tx.tags.k1, tx.tags.k2]).toEqual(['a1', 'a2']);
      expect(tx.spans!.map((s) => [s.tags!.k1, s.tags!.k2])).toEqual([
        ['b1', 'b2'],
        ['c1-last', '3.5'],
      ]);
    }
  });
});

it('an attribute called "__proto__" is kept as a tag and as data, not taken as a prototype', () => {
  const s = span({
    spanId: 'aaaaaaaaaaaaaaaa',
    attributes: [attr('__proto__', 'x'), attr('constructor', 'y')],
  });
  const tx = mapCollector([s], DEFAULT_OPTIONS).transactions[0]!;
  expect(JSON.parse(JSON.stringify(tx.tags))).toMatchObject({ __proto__: 'x', constructor: 'y' });
  expect(Object.getPrototypeOf(tx.tags)).toBe(Object.prototype);
  expect(JSON.stringify(tx.contexts.trace.data)).toContain('"__proto__":"x"');
  const v2 = buildSentryPreview([s], { profile: 'sentry-otlp' }).segments[0]!.spans[0]!;
  expect(JSON.stringify(v2.attributes)).toContain('"__proto__":{"type":"string","value":"x"}');
});

/** An old-semconv HTTP server root, the parent of the framework spans below. */
const getX = () =>
  span({ spanId: 'aaaaaaaaaaaaaaaa', kind: 2, name: 'GET /x', attributes: attrs({ 'http.method': 'GET' }) });

describe('dedupeExceptions', () => {
  // Express's instrumentation records one thrown error on the request handler and on the routers around it.
  const boom = () =>
    exceptionEvent({
      'exception.type': 'TypeError',
      'exception.message': 'x is undefined',
      'exception.stacktrace': 'TypeError: x is undefined\n    at handler (/srv/app/routes.js:12:5)',
    });
  const trace = () => [
    getX(),
    span({
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      name: 'router - /',
      events: [boom()],
    }),
    span({
      spanId: 'cccccccccccccccc',
      parentSpanId: 'bbbbbbbbbbbbbbbb',
      name: 'router - /api',
      startTimeUnixNano: '1700000000100000000',
      events: [boom()],
    }),
    span({
      spanId: 'dddddddddddddddd',
      parentSpanId: 'cccccccccccccccc',
      name: 'request handler - /x',
      startTimeUnixNano: '1700000000200000000',
      events: [boom()],
    }),
  ];

  it('on: one error event, on the innermost span; the others point at it; a lint says how many merged', () => {
    const p = buildSentryPreview(trace(), { options: only('dedupeExceptions') });
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]!.contexts!.trace!.span_id).toBe('dddddddddddddddd');
    expect(p.mergedExceptions).toEqual([
      { spanId: 'bbbbbbbbbbbbbbbb', eventIndex: 0, error: '/errors/0' },
      { spanId: 'cccccccccccccccc', eventIndex: 0, error: '/errors/0' },
    ]);
    const lint = p.lints.find((l) => l.code === 'duplicate-exception')!;
    expect(lint).toMatchObject({ severity: 'info', spanId: 'dddddddddddddddd', pointer: '/errors/0' });
    expect(lint.message).toMatch(/3 records merged into one error event/);
    expect(p.differences.filter((d) => d.pointer === '/errors/-')).toEqual([
      expect.objectContaining({ kind: 'removed', option: 'dedupeExceptions' }),
      expect.objectContaining({ kind: 'removed', option: 'dedupeExceptions' }),
    ]);
  });

  it('off: one event per record, as classic, and a warning that Sentry counts them', () => {
    const p = buildSentryPreview(trace(), { options: CLASSIC_OPTIONS });
    expect(p.errors).toHaveLength(3);
    expect(p.mergedExceptions).toEqual([]);
    const lint = p.lints.find((l) => l.code === 'duplicate-exception')!;
    expect(lint.severity).toBe('warning');
    expect(lint.message).toMatch(/sends 3 error events/);
  });
});

describe('httpStatusInference', () => {
  const server = (code: number, status = 0) =>
    span({
      spanId: 'aaaaaaaaaaaaaaaa',
      kind: 2,
      name: 'GET /x',
      attributes: [attr('http.method', 'GET'), attr('http.status_code', code)],
      status: { code: status as 0, message: '' },
    });

  it('on: an UNSET server span with 404 is not_found, with provenance and a difference', () => {
    const p = buildSentryPreview([server(404)], { options: only('httpStatusInference') });
    expect(p.transactions[0]!.contexts.trace.status).toBe('not_found');
    expect(p.provenance['/transactions/0/contexts/trace/status']).toMatchObject({
      key: 'http.status_code',
      rule: 'sentry-http-status-inference',
      option: 'httpStatusInference',
    });
    expect(p.differences).toContainEqual(
      expect.objectContaining({
        pointer: '/transactions/0/contexts/trace/status',
        classic: 'ok',
        value: 'not_found',
        option: 'httpStatusInference',
      }),
    );
    expect(p.lints.map((l) => l.code)).not.toContain('http-error-status-unset');
  });

  it('off: ok, as classic, with a warning naming the status Sentry would infer', () => {
    const p = buildSentryPreview([server(503)], { options: CLASSIC_OPTIONS });
    expect(p.transactions[0]!.contexts.trace.status).toBe('ok');
    const lint = p.lints.find((l) => l.code === 'http-error-status-unset')!;
    expect(lint.severity).toBe('warning');
    expect(lint.message).toMatch(/"unavailable"/);
  });

  it('an ERROR span keeps the classic table; a 2xx stays ok', () => {
    const m = mapCollector([server(400, 2)], DEFAULT_OPTIONS);
    expect(m.transactions[0]!.contexts.trace.status).toBe('failed_precondition');
    expect(mapCollector([server(204)], DEFAULT_OPTIONS).transactions[0]!.contexts.trace.status).toBe('ok');
  });
});

describe('frameworkOps', () => {
  const trace = () => [
    getX(),
    span({
      spanId: 'bbbbbbbbbbbbbbbb',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      name: 'middleware - query',
      attributes: attrs({ 'express.type': 'middleware', 'express.name': 'query' }),
    }),
  ];

  it('on: the op and description Sentry gives the framework span, marked as frameworkOps', () => {
    const p = buildSentryPreview(trace(), { options: only('frameworkOps') });
    expect(p.transactions[0]!.spans![0]).toMatchObject({ op: 'middleware.express', description: 'query' });
    expect(p.provenance['/transactions/0/spans/0/op']).toMatchObject({
      key: 'express.type',
      rule: 'framework-express',
      option: 'frameworkOps',
    });
    expect(p.differences).toContainEqual(
      expect.objectContaining({
        pointer: '/transactions/0/spans/0/op',
        kind: 'added',
        option: 'frameworkOps',
      }),
    );
  });

  it('off: no op and the span name, as classic', () => {
    const m = mapCollector(trace(), CLASSIC_OPTIONS);
    expect(m.transactions[0]!.spans![0]!.op).toBeUndefined();
    expect(m.transactions[0]!.spans![0]!.description).toBe('middleware - query');
  });
});
