// Every lint code: the situation that raises it, its severity and the span it names.
import { describe, expect, it } from 'vitest';
import { LINT_CODES, type Lint } from '../../../shared/sentry/lints.js';
import { buildSentryPreview, type SentryPreviewRequest } from '../../../shared/sentry/preview.js';
import type { Span } from '../../../shared/model/span.js';
import { attr, attrs, exceptionEvent, resource, span } from './fixtures.js';

function lints(spans: Span[], req: SentryPreviewRequest = {}): Lint[] {
  return buildSentryPreview(spans, req).lints;
}
function codes(spans: Span[], req: SentryPreviewRequest = {}) {
  return lints(spans, req).map((l) => l.code);
}

const root = span({
  spanId: 'aaaaaaaaaaaaaaaa',
  kind: 2,
  name: 'GET /x',
  attributes: attrs({ 'http.method': 'GET', 'http.route': '/x' }),
});
const child = (p: Partial<Span> = {}) =>
  span({
    spanId: 'bbbbbbbbbbbbbbbb',
    parentSpanId: 'aaaaaaaaaaaaaaaa',
    startTimeUnixNano: '1700000000100000000',
    endTimeUnixNano: '1700000000200000000',
    ...p,
  });

it('a clean trace has no lints', () => {
  expect(lints([root, child()])).toEqual([]);
});

it('every lint has a stable code, a severity, a message and a one-line fix', () => {
  const all = [
    ...lints([
      span({
        spanId: 'aaaaaaaaaaaaaaaa',
        parentSpanId: 'ffffffffffffffff',
        name: 'a/b',
        resource: resource({}),
        events: [exceptionEvent({})],
      }),
    ]),
    ...lints(
      [
        span({
          spanId: 'aaaaaaaaaaaaaaaa',
          name: 'a/b',
          events: [exceptionEvent({ 'exception.type': 'E' })],
        }),
      ],
      { profile: 'sentry-otlp' },
    ),
  ];
  for (const l of all) {
    expect(LINT_CODES).toContain(l.code);
    expect(['error', 'warning', 'info']).toContain(l.severity);
    expect(l.message.length).toBeGreaterThan(10);
    expect(l.fix).not.toContain('\n');
    expect(l.fix.length).toBeGreaterThan(10);
  }
});

describe.each<[string, () => Span[], SentryPreviewRequest, string, string, string | null]>([
  [
    'missing-service-name',
    () => [{ ...root, resource: resource({}) }],
    {},
    'missing-service-name',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'unknown_service default',
    () => [{ ...root, resource: resource({ 'service.name': 'unknown_service:node' }) }],
    {},
    'missing-service-name',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'orphan-span',
    () => [root, child({ parentSpanId: 'cccccccccccccccc' })],
    {},
    'orphan-span',
    'warning',
    'bbbbbbbbbbbbbbbb',
  ],
  [
    'too-many-spans',
    () => [
      root,
      ...Array.from({ length: 1001 }, (_, i) =>
        child({ spanId: (0x1000 + i).toString(16).padStart(16, '0') }),
      ),
    ],
    {},
    'too-many-spans',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'span-name-slash',
    () => [span({ spanId: 'cccccccccccccccc', name: 'test/ping' })],
    { profile: 'sentry-otlp' },
    'span-name-slash',
    'info',
    'cccccccccccccccc',
  ],
  [
    'parentless-db-transaction',
    () => [
      span({
        spanId: 'cccccccccccccccc',
        kind: 3,
        name: 'create table',
        attributes: attrs({ 'db.system.name': 'postgresql', 'db.query.text': 'CREATE TABLE users (id int)' }),
      }),
    ],
    {},
    'parentless-db-transaction',
    'warning',
    'cccccccccccccccc',
  ],
  [
    'sql-transaction-name',
    () => [span({ spanId: 'cccccccccccccccc', kind: 5, name: 'SELECT id FROM jobs WHERE state = 1' })],
    {},
    'sql-transaction-name',
    'warning',
    'cccccccccccccccc',
  ],
  [
    'http-error-status-unset (classic)',
    () => [
      { ...root, attributes: attrs({ 'http.method': 'GET', 'http.route': '/x', 'http.status_code': 404 }) },
    ],
    { options: { httpStatusInference: false } },
    'http-error-status-unset',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'end-before-start',
    () => [root, child({ endTimeUnixNano: '1700000000000000000' })],
    {},
    'end-before-start',
    'error',
    'bbbbbbbbbbbbbbbb',
  ],
  [
    'child-outside-parent (one process: ended late)',
    () => [root, child({ endTimeUnixNano: '1700000002000000000' })],
    {},
    'child-outside-parent',
    'info',
    'bbbbbbbbbbbbbbbb',
  ],
  [
    'child-outside-parent (two services: clock skew)',
    () => [
      root,
      child({ endTimeUnixNano: '1700000002000000000', resource: resource({ 'service.name': 'worker' }) }),
    ],
    {},
    'child-outside-parent',
    'warning',
    'bbbbbbbbbbbbbbbb',
  ],
  [
    'invalid-id (all zero trace)',
    () => [{ ...root, traceId: '0'.repeat(32) }],
    {},
    'invalid-id',
    'error',
    'aaaaaaaaaaaaaaaa',
  ],
  ['invalid-id (malformed span)', () => [{ ...root, spanId: 'XYZ' }], {}, 'invalid-id', 'error', 'XYZ'],
  [
    'tag-too-long',
    () => [{ ...root, attributes: [...root.attributes, attr('sql', 'x'.repeat(250))] }],
    {},
    'tag-too-long',
    'info',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'tag-too-long, not cut',
    () => [{ ...root, attributes: [...root.attributes, attr('sql', 'x'.repeat(250))] }],
    { options: { tagLimits: false } },
    'tag-too-long',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'event-too-large',
    () => [{ ...root, attributes: [...root.attributes, attr('blob', 'y'.repeat(1_100_000))] }],
    {},
    'event-too-large',
    'error',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'high-cardinality-name',
    () => [
      span({
        spanId: 'aaaaaaaaaaaaaaaa',
        kind: 2,
        name: 'GET',
        attributes: attrs({ 'http.method': 'GET', 'http.target': '/users/123' }),
      }),
    ],
    {},
    'high-cardinality-name',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'high-cardinality-name, classic naming',
    () => [
      span({
        spanId: 'aaaaaaaaaaaaaaaa',
        kind: 2,
        name: '/orders/9f8e7d6c5b4a39281706',
        attributes: attrs({ 'http.method': 'GET' }),
      }),
    ],
    { options: { httpRouteNames: false } },
    'high-cardinality-name',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'exception-without-type-or-message',
    () => [root, child({ events: [exceptionEvent({ 'exception.stacktrace': 'x' })] })],
    {},
    'exception-without-type-or-message',
    'warning',
    'bbbbbbbbbbbbbbbb',
  ],
  [
    'no-transaction-root (dropped)',
    () => [child({ parentSpanId: 'cccccccccccccccc' })],
    { options: { keepRootlessTraces: false } },
    'no-transaction-root',
    'error',
    'bbbbbbbbbbbbbbbb',
  ],
  [
    'no-transaction-root (kept)',
    () => [child({ parentSpanId: 'cccccccccccccccc' })],
    {},
    'no-transaction-root',
    'warning',
    'bbbbbbbbbbbbbbbb',
  ],
  [
    'span-events-dropped',
    () => [{ ...root, name: 'root', events: [exceptionEvent({ 'exception.type': 'E' })] }],
    { profile: 'sentry-otlp' },
    'span-events-dropped',
    'warning',
    'aaaaaaaaaaaaaaaa',
  ],
  [
    'old-semconv-op',
    () => [{ ...root, name: 'root' }],
    { profile: 'sentry-otlp' },
    'old-semconv-op',
    'info',
    'aaaaaaaaaaaaaaaa',
  ],
])('%s', (_name, build, req, code, severity, spanId) => {
  it(`raises ${code} (${severity}) on the span concerned`, () => {
    const found = lints(build(), req).filter((l) => l.code === code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ severity, spanId });
  });
});

it('too-many-spans says which spans Relay keeps', () => {
  const kids = Array.from({ length: 1500 }, (_, i) =>
    child({
      spanId: (0x1000 + i).toString(16).padStart(16, '0'),
      attributes: [attr('payload', 'z'.repeat(400))],
    }),
  );
  const l = lints([root, ...kids]).find((x) => x.code === 'too-many-spans')!;
  expect(l.message).toMatch(/1500 spans/);
  expect(l.message).toMatch(/keeps only the first \d+ \(by start time, up to span [0-9a-f]{16}\)/);
});

it('span names with "/" are only worth a note under the OTLP profile, and never for HTTP spans', () => {
  const ping = span({ spanId: 'cccccccccccccccc', name: 'test/ping' });
  expect(codes([ping])).not.toContain('span-name-slash');
  expect(codes([ping], { profile: 'sentry-otlp' })).toContain('span-name-slash');
  // Route names ("GET /x") come from instrumentations and Sentry's SDKs send such names all the time.
  expect(codes([root], { profile: 'sentry-otlp' })).not.toContain('span-name-slash');
  const routeOnly = span({
    spanId: 'dddddddddddddddd',
    name: 'request handler - /x',
    attributes: attrs({ 'http.route': '/x' }),
  });
  expect(codes([routeOnly], { profile: 'sentry-otlp' })).not.toContain('span-name-slash');
});

it('child-outside-parent tells skew from late ending by the resource, not by the object', () => {
  // The same process in two export batches: equal attributes, two Resource objects.
  const late = child({
    endTimeUnixNano: '1700000002000000000',
    resource: resource({ 'service.name': 'api' }),
  });
  const l = lints([root, late]).find((x) => x.code === 'child-outside-parent')!;
  expect(l.severity).toBe('info');
  expect(l.message).toMatch(/not clock skew/);
  expect(l.message).toMatch(/ends 1000\.000 ms after its parent "GET \/x"/);
  const skewed = lints([root, { ...late, resource: resource({ 'service.name': 'worker' }) }]).find(
    (x) => x.code === 'child-outside-parent',
  )!;
  expect(skewed.severity).toBe('warning');
  expect(skewed.fix).toMatch(/NTP/);
});

it('an all-zero parent is read as "no parent" and reported as info', () => {
  const l = lints([{ ...root, parentSpanId: '0000000000000000' }]).filter((x) => x.code === 'invalid-id');
  expect(l.map((x) => x.severity)).toEqual(['info']);
});

it('a database span inside a request is not linted; a raw SQL name is said once per transaction', () => {
  const db = child({ attributes: attrs({ 'db.system': 'postgresql', 'db.statement': 'SELECT 1' }) });
  expect(codes([root, db])).not.toContain('parentless-db-transaction');
  const parentless = { ...db, parentSpanId: '', spanId: 'cccccccccccccccc' };
  expect(
    codes([parentless]).filter((c) => c === 'parentless-db-transaction' || c === 'sql-transaction-name'),
  ).toEqual(['parentless-db-transaction']);
});
