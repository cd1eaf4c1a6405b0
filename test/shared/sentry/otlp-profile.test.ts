// Profile sentry-otlp: Relay's per-span derivations (sentry-protocol.md §5.3–5.4) and segment grouping.
import { describe, expect, it } from 'vitest';
import {
  deriveDescription,
  deriveOp,
  mapSentryOtlp,
  v2Attribute,
} from '../../../shared/sentry/otlp-profile.js';
import { buildSentryPreview } from '../../../shared/sentry/preview.js';
import type { SpanV2Attribute } from '../../../shared/sentry/payload.js';
import { attr, attrs, exceptionEvent, resource, scope, span } from './fixtures.js';

const s = (o: Record<string, string>): Record<string, SpanV2Attribute> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { type: 'string', value: v } as SpanV2Attribute]));

describe('op (newest Relay rules)', () => {
  it.each<[Record<string, string>, string]>([
    [{ 'http.request.method': 'GET', 'sentry.kind': 'server' }, 'http.server'],
    [{ 'http.request.method': 'GET', 'sentry.kind': 'client' }, 'http.client'],
    [{ 'http.request.method': 'GET', 'sentry.kind': 'internal' }, 'http'],
    [{ 'http.request.method': 'GET', 'sentry.http.prefetch': 'true' }, 'http.prefetch'],
    [{ 'db.system.name': 'postgresql' }, 'db'],
    [{ 'gen_ai.provider.name': 'openai' }, 'gen_ai'],
    [{ 'rpc.service': 'Echo' }, 'rpc'],
    [{ 'messaging.system': 'kafka' }, 'message'],
    [{ 'faas.trigger': 'timer' }, 'timer'],
    [{ 'http.method': 'GET' }, 'default'],
    [{ 'db.system': 'mysql' }, 'default'],
    [{}, 'default'],
  ])('%o → %s', (a, op) => expect(deriveOp(s(a)).op).toBe(op));
});

describe('description', () => {
  it.each<[Record<string, string>, string | undefined]>([
    [{ 'db.query.text': 'SELECT 1' }, 'SELECT 1'],
    [{ 'http.request.method': 'GET', 'url.full': 'https://x.test/a' }, 'GET https://x.test/a'],
    [{ 'http.request.method': 'GET' }, undefined],
    [{ 'sentry.origin': 'manual', 'db.query.text': 'SELECT 1' }, 'name'],
  ])('%o → %s', (a, d) => expect(deriveDescription('name', s(a))?.description).toBe(d));
});

it('converts attribute values as Relay does', () => {
  expect(v2Attribute({ intValue: '9007199254740993' })).toEqual({
    type: 'integer',
    value: '9007199254740993',
  });
  expect(v2Attribute({ bytesValue: 'aGk=' })).toEqual({ type: 'string', value: 'hi' });
  expect(v2Attribute({ bytesValue: '//8=' })).toBeUndefined();
  expect(v2Attribute({ arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }] } })).toEqual({
    type: 'string',
    value: '["a",2]',
  });
  expect(v2Attribute({})).toBeUndefined();
});

describe('a span', () => {
  const sp = span({
    spanId: 'aaaaaaaaaaaaaaaa',
    kind: 2,
    name: 'GET users',
    flags: 0x300,
    status: { code: 2, message: 'boom' },
    attributes: [attr('http.request.method', 'GET'), attr('url.full', 'https://x.test/u'), attr('n', 3)],
    resource: resource({ 'service.name': 'api', 'telemetry.sdk.language': 'nodejs' }),
    scope: scope('http', '1.0'),
    events: [exceptionEvent({ 'exception.type': 'E' }), { ...exceptionEvent({}), name: 'log' }],
    links: [
      {
        traceId: 'c'.repeat(32),
        spanId: 'd'.repeat(16),
        traceState: '',
        attributes: [],
        droppedAttributesCount: 0,
        flags: 1,
      },
    ],
  });
  const m = mapSentryOtlp([sp], true);
  const v2 = m.segments[0]!.spans[0]!;
  it('gets the sentry.* attributes Relay derives', () => {
    expect(v2.attributes).toMatchObject({
      'sentry.kind': { type: 'string', value: 'server' },
      'sentry.op': { type: 'string', value: 'http.server' },
      'sentry.description': { type: 'string', value: 'GET https://x.test/u' },
      'sentry.status.message': { type: 'string', value: 'boom' },
      'sentry.origin': { type: 'string', value: 'auto.otlp.spans' },
      'sentry.platform': { type: 'string', value: 'node' },
      'sentry.is_remote': { type: 'boolean', value: true },
      'resource.service.name': { type: 'string', value: 'api' },
      'instrumentation.name': { type: 'string', value: 'http' },
      'instrumentation.version': { type: 'string', value: '1.0' },
      n: { type: 'integer', value: 3 },
    });
    expect(v2).toMatchObject({
      status: 'error',
      is_segment: true,
      name: 'GET users',
      start_timestamp: 1700000000,
      end_timestamp: 1700000001,
    });
    expect(v2.links).toEqual([{ trace_id: 'c'.repeat(32), span_id: 'd'.repeat(16), sampled: true }]);
  });
  it('drops every span event, and reports them', () => {
    expect(m.droppedEvents).toEqual([
      { spanIndex: 0, name: 'exception', count: 1 },
      { spanIndex: 0, name: 'log', count: 1 },
    ]);
  });
  it('records provenance for each attribute', () => {
    expect(m.provenance!['/segments/0/spans/0/attributes/resource.service.name']).toEqual({
      source: 'resource',
      key: 'service.name',
    });
    expect(m.provenance!['/segments/0/spans/0/attributes/sentry.op']).toMatchObject({
      source: 'attribute',
      key: 'http.request.method',
    });
  });
  it('empty names are filled as Relay does', () => {
    const e = mapSentryOtlp([{ ...sp, name: '', attributes: attrs({ 'db.system': 'x' }) }]).segments[0]!
      .spans[0]!;
    expect(e.name).toBe('db');
  });
});

describe('segments', () => {
  const a = span({ spanId: 'aaaaaaaaaaaaaaaa', name: 'A' });
  const b = span({
    spanId: 'bbbbbbbbbbbbbbbb',
    parentSpanId: 'aaaaaaaaaaaaaaaa',
    name: 'B',
    startTimeUnixNano: '1700000000200000000',
  });
  const r = span({
    spanId: 'cccccccccccccccc',
    parentSpanId: 'bbbbbbbbbbbbbbbb',
    name: 'R',
    flags: 0x300,
    startTimeUnixNano: '1700000000300000000',
  });
  const c = span({
    spanId: 'dddddddddddddddd',
    parentSpanId: 'cccccccccccccccc',
    name: 'C',
    startTimeUnixNano: '1700000000400000000',
  });
  const o = span({
    spanId: 'eeeeeeeeeeeeeeee',
    parentSpanId: '9999999999999999',
    name: 'O',
    startTimeUnixNano: '1700000000100000000',
  });
  it('a segment per root, remote span and orphan; every span in exactly one', () => {
    const m = mapSentryOtlp([c, o, r, b, a]);
    expect(
      m.segments.map((g) => [g.name, g.spans.map((x) => x.name), g.spans.map((x) => x.is_segment)]),
    ).toEqual([
      ['A', ['A', 'B'], [true, false]],
      ['O', ['O'], [true]],
      ['R', ['R', 'C'], [true, false]],
    ]);
  });
  it('the preview lists segments and no envelopes or errors', () => {
    const p = buildSentryPreview([a, b], { profile: 'sentry-otlp' });
    expect(p.segments).toHaveLength(1);
    expect([p.transactions, p.errors, p.envelopes, p.differences]).toEqual([[], [], [], []]);
    expect(p.placement).toEqual([
      { spanId: 'aaaaaaaaaaaaaaaa', at: '/segments/0/spans/0' },
      { spanId: 'bbbbbbbbbbbbbbbb', at: '/segments/0/spans/1' },
    ]);
  });
});
