import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from '../../../shared/otlp/errors.js';
import { decodeTraceRequestProtobuf } from '../../../shared/otlp/protobuf-traces.js';
import { encodeTraceRequest, hexToBytes } from '../../helpers/otlp-proto.js';
import { expectedSpans, oneSpanRequest, realisticRequest } from '../../helpers/otlp-payloads.js';
import {
  bytes,
  fixed32,
  fixed64,
  keyValue,
  len,
  requestWithSpans,
  spanBody,
  str,
  tag,
  varint,
} from '../../helpers/otlp-wire.js';

const decodeOne = (overrides: Record<string, unknown>) =>
  decodeTraceRequestProtobuf(encodeTraceRequest(oneSpanRequest(overrides)));

describe('decodeTraceRequestProtobuf', () => {
  it('decodes a realistic 512-span request exactly as the oracle says', () => {
    const req = realisticRequest(512, 7);
    const batch = decodeTraceRequestProtobuf(encodeTraceRequest(req));
    expect(batch.rejected).toEqual([]);
    expect(batch.errors).toEqual([]);
    expect(batch.spans).toEqual(expectedSpans(req));
  });

  it('decodes the same bytes twice to equal results (the caches never change an answer)', () => {
    const buf = encodeTraceRequest(realisticRequest(64, 3));
    expect(decodeTraceRequestProtobuf(buf)).toEqual(decodeTraceRequestProtobuf(buf));
  });

  it('shares resource and scope objects between the spans of a ResourceSpans/ScopeSpans', () => {
    const { spans } = decodeTraceRequestProtobuf(encodeTraceRequest(realisticRequest(20, 1)));
    expect(spans.length).toBe(20);
    for (const s of spans) {
      expect(s.resource).toBe(spans[0]!.resource);
      expect(s.scope).toBe(spans[0]!.scope);
    }
    expect(spans[0]!.resource.schemaUrl).toBe('https://opentelemetry.io/schemas/1.37.0');
  });

  it.each([
    ['zero', '0'],
    ['just below 2^53', '9007199254740991'],
    ['2^53', '9007199254740992'],
    ['2^53 + 1', '9007199254740993'],
    ['a 2026 timestamp', '1795625092587299166'],
    ['carry across 1e9', '4294967295999999999'],
    ['max uint64', '18446744073709551615'],
  ])('keeps fixed64 timestamps exact: %s', (_name, ns) => {
    const { spans } = decodeOne({
      startTimeUnixNano: ns,
      endTimeUnixNano: ns,
      events: [{ timeUnixNano: ns, name: 'e' }],
    });
    expect(spans[0]!.startTimeUnixNano).toBe(ns);
    expect(spans[0]!.endTimeUnixNano).toBe(ns);
    expect(spans[0]!.events[0]!.timeUnixNano).toBe(ns);
  });

  it('keeps fixed64 exact for many random values', () => {
    for (let i = 0; i < 2000; i++) {
      const v = BigInt.asUintN(
        64,
        BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(Math.random() * 2 ** 32)),
      );
      const { spans } = decodeOne({ startTimeUnixNano: String(v) });
      expect(spans[0]!.startTimeUnixNano).toBe(String(v));
    }
  });

  it.each([
    '0',
    '1',
    '-1',
    '42',
    '-42',
    '9007199254740993',
    '-9007199254740993',
    '9223372036854775807',
    '-9223372036854775808',
  ])('keeps int64 attribute %s exact (negatives two’s complement)', (v) => {
    const { spans } = decodeOne({ attributes: [{ key: 'n', value: { intValue: v } }] });
    expect(spans[0]!.attributes).toEqual([{ key: 'n', value: { intValue: v } }]);
  });

  it('decodes every AnyValue kind', () => {
    const attributes = [
      { key: 's', value: { stringValue: 'héllo ✓ 🚀' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'f', value: { boolValue: false } },
      { key: 'i', value: { intValue: '7' } },
      { key: 'd', value: { doubleValue: -1.5 } },
      { key: 'y', value: { bytesValue: Uint8Array.from([0, 1, 2, 250, 255]) } },
      {
        key: 'a',
        value: {
          arrayValue: { values: [{ stringValue: 'x' }, { intValue: '1' }, { arrayValue: { values: [] } }] },
        },
      },
      {
        key: 'm',
        value: {
          kvlistValue: {
            values: [
              { key: 'k', value: { boolValue: false } },
              { key: 'e', value: {} },
            ],
          },
        },
      },
      { key: 'empty', value: {} },
    ];
    const { spans } = decodeOne({ attributes });
    expect(spans[0]!.attributes).toEqual([
      { key: 's', value: { stringValue: 'héllo ✓ 🚀' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'f', value: { boolValue: false } },
      { key: 'i', value: { intValue: '7' } },
      { key: 'd', value: { doubleValue: -1.5 } },
      { key: 'y', value: { bytesValue: 'AAEC+v8=' } },
      {
        key: 'a',
        value: {
          arrayValue: { values: [{ stringValue: 'x' }, { intValue: '1' }, { arrayValue: { values: [] } }] },
        },
      },
      {
        key: 'm',
        value: {
          kvlistValue: {
            values: [
              { key: 'k', value: { boolValue: false } },
              { key: 'e', value: {} },
            ],
          },
        },
      },
      { key: 'empty', value: {} },
    ]);
  });

  it('decodes events, links, status, flags and trace state', () => {
    const { spans } = decodeOne({
      traceState: 'vendor=x',
      flags: 0x301,
      parentSpanId: hexToBytes('00f067aa0ba902b7'),
      events: [
        {
          timeUnixNano: '5',
          name: 'exception',
          attributes: [{ key: 'exception.type', value: { stringValue: 'E' } }],
          droppedAttributesCount: 2,
        },
      ],
      links: [
        {
          traceId: hexToBytes('4bf92f3577b34da6a3ce929d0e0e4736'),
          spanId: hexToBytes('00f067aa0ba902b7'),
          traceState: 't',
          flags: 1,
          droppedAttributesCount: 1,
        },
      ],
      status: { code: 2, message: 'boom' },
      droppedAttributesCount: 3,
      droppedEventsCount: 4,
      droppedLinksCount: 5,
    });
    const s = spans[0]!;
    expect(s.traceId).toBe('0102030405060708090a0b0c0d0e0f10');
    expect(s.spanId).toBe('a0a1a2a3a4a5a6a7');
    expect(s.parentSpanId).toBe('00f067aa0ba902b7');
    expect(s.traceState).toBe('vendor=x');
    expect(s.flags).toBe(0x301);
    expect(s.kind).toBe(1);
    expect(s.events).toEqual([
      {
        timeUnixNano: '5',
        name: 'exception',
        attributes: [{ key: 'exception.type', value: { stringValue: 'E' } }],
        droppedAttributesCount: 2,
      },
    ]);
    expect(s.links).toEqual([
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceState: 't',
        attributes: [],
        droppedAttributesCount: 1,
        flags: 1,
      },
    ]);
    expect(s.status).toEqual({ code: 2, message: 'boom' });
    expect([s.droppedAttributesCount, s.droppedEventsCount, s.droppedLinksCount]).toEqual([3, 4, 5]);
  });

  it('treats an all-zero 8-byte parent_span_id as a root span', () => {
    expect(decodeOne({ parentSpanId: new Uint8Array(8) }).spans[0]!.parentSpanId).toBe('');
  });

  it.each([
    [
      'trace_id of 15 bytes',
      { traceId: new Uint8Array(15).fill(1) },
      'invalid_trace_id',
      'trace_id is 15 bytes, expected 16',
    ],
    [
      'trace_id of 17 bytes',
      { traceId: new Uint8Array(17).fill(1) },
      'invalid_trace_id',
      'trace_id is 17 bytes',
    ],
    ['all-zero trace_id', { traceId: new Uint8Array(16) }, 'invalid_trace_id', 'trace_id is all zeros'],
    ['missing trace_id', { traceId: new Uint8Array(0) }, 'invalid_trace_id', 'trace_id is missing'],
    [
      'span_id of 4 bytes',
      { spanId: new Uint8Array(4).fill(1) },
      'invalid_span_id',
      'span_id is 4 bytes, expected 8',
    ],
    ['all-zero span_id', { spanId: new Uint8Array(8) }, 'invalid_span_id', 'span_id is all zeros'],
    ['missing span_id', { spanId: new Uint8Array(0) }, 'invalid_span_id', 'span_id is missing'],
    [
      'parent_span_id of 3 bytes',
      { parentSpanId: new Uint8Array(3).fill(1) },
      'invalid_parent_span_id',
      'parent_span_id is 3 bytes',
    ],
  ])('rejects a span with %s and keeps the others', (_name, overrides, reason, message) => {
    const req = oneSpanRequest(overrides);
    const good = oneSpanRequest().resourceSpans as Record<string, unknown>[];
    (req.resourceSpans as unknown[]).push(...good);
    const batch = decodeTraceRequestProtobuf(encodeTraceRequest(req));
    expect(batch.spans.length).toBe(1);
    expect(batch.rejected).toEqual([{ reason, count: 1 }]);
    expect(batch.errors.length).toBe(1);
    expect(batch.errors[0]).toContain(message);
    expect(batch.errors[0]).toContain('"one"');
  });

  it('caps rejection messages but counts every rejected span', () => {
    const spans = Array.from({ length: 100 }, () => ({
      traceId: new Uint8Array(16),
      spanId: new Uint8Array(8).fill(1),
      name: 'z',
    }));
    const batch = decodeTraceRequestProtobuf(
      encodeTraceRequest({ resourceSpans: [{ scopeSpans: [{ spans }] }] }),
    );
    expect(batch.rejected).toEqual([{ reason: 'invalid_trace_id', count: 100 }]);
    expect(batch.errors.length).toBe(21);
    expect(batch.errors[20]).toBe('… and 80 more rejected spans');
  });

  it('accepts an empty request and an empty body', () => {
    expect(decodeTraceRequestProtobuf(new Uint8Array(0))).toEqual({ spans: [], rejected: [], errors: [] });
    expect(decodeTraceRequestProtobuf(encodeTraceRequest({ resourceSpans: [{}] })).spans).toEqual([]);
  });

  it('skips unknown fields of every wire type, everywhere', () => {
    const unknown = [
      ...tag(99, 0),
      ...varint(300),
      ...tag(98, 1),
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      ...len(97, [1, 2, 3]),
      ...tag(96, 5),
      1,
      2,
      3,
      4,
    ];
    const buf = bytes(
      unknown,
      len(
        1,
        unknown,
        len(1, unknown, len(1, str(1, 'k'), len(2, str(1, 'v'), unknown), unknown)),
        len(2, unknown, len(2, spanBody(unknown, len(15, str(2, 'm'), unknown)))),
        unknown,
      ),
    );
    const { spans } = decodeTraceRequestProtobuf(buf);
    expect(spans.length).toBe(1);
    expect(spans[0]!.resource.attributes).toEqual([{ key: 'k', value: { stringValue: 'v' } }]);
    expect(spans[0]!.status).toEqual({ code: 0, message: 'm' });
  });

  it('decodes fields in any order (resource and schema_url after the spans)', () => {
    const buf = bytes(
      len(
        1,
        len(2, len(2, spanBody()), str(3, 'scope-schema'), len(1, str(1, 'lib'))),
        str(3, 'res-schema'),
        len(1, len(1, keyValue('service.name', str(1, 'late')))),
      ),
    );
    const { spans } = decodeTraceRequestProtobuf(buf);
    expect(spans[0]!.resource.attributes[0]!.value).toEqual({ stringValue: 'late' });
    expect(spans[0]!.resource.schemaUrl).toBe('res-schema');
    expect(spans[0]!.scope.name).toBe('lib');
    expect(spans[0]!.scope.schemaUrl).toBe('scope-schema');
  });

  it('last value wins for a repeated scalar field, as protobuf requires', () => {
    const { spans } = decodeTraceRequestProtobuf(
      requestWithSpans(spanBody(str(5, 'second'), fixed64(7, 9n), fixed64(7, 10n), fixed32(16, 1))),
    );
    expect(spans[0]!.name).toBe('second');
    expect(spans[0]!.startTimeUnixNano).toBe('10');
    expect(spans[0]!.flags).toBe(1);
  });

  function nested(depth: number): number[] {
    let v = str(1, 'leaf');
    for (let i = 0; i < depth; i++) v = len(6, len(1, keyValue('k', v).slice(0)));
    return v;
  }

  it('accepts kvlists nested 32 deep and refuses 33', () => {
    const ok = decodeTraceRequestProtobuf(requestWithSpans(spanBody(len(9, keyValue('deep', nested(32))))));
    expect(ok.spans.length).toBe(1);
    expect(() =>
      decodeTraceRequestProtobuf(requestWithSpans(spanBody(len(9, keyValue('deep', nested(33)))))),
    ).toThrow(/nested deeper than 32/);
  });

  const bad: [string, Uint8Array, RegExp][] = [
    ['truncated varint tag', bytes([0x8a]), /truncated varint/],
    ['length past the end', bytes([0x0a, 0x05, 0x01]), /runs past the end/],
    ['truncated span', requestWithSpans(spanBody()).subarray(0, 20), /runs past the end/],
    [
      'truncated fixed64 timestamp',
      requestWithSpans(spanBody(tag(7, 1), [1, 2, 3])),
      /past the end|truncated fixed64/,
    ],
    [
      'varint longer than 10 bytes',
      requestWithSpans(spanBody([...tag(6, 0), ...new Array(11).fill(0xff), 1])),
      /varint longer than 10 bytes/,
    ],
    [
      'invalid UTF-8 in a span name',
      requestWithSpans(spanBody(len(5, [0xc3, 0x28]))),
      /not valid UTF-8 at resource_spans\[0\]\.scope_spans\[0\]\.spans\[0\]\.name/,
    ],
    [
      'invalid UTF-8 in an attribute key',
      requestWithSpans(spanBody(len(9, len(1, [0xff])))),
      /not valid UTF-8 at .*spans\[0\]\.attributes\[0\]\.key/,
    ],
    [
      'lone surrogate (CESU-8) in a value',
      requestWithSpans(spanBody(len(9, keyValue('k', len(1, [0xed, 0xa0, 0x80]))))),
      /not valid UTF-8/,
    ],
    ['start group', requestWithSpans(spanBody(tag(50, 3))), /group/],
    ['end group', bytes(tag(5, 4)), /group/],
    ['wire type 6', bytes(tag(5, 6)), /invalid wire type 6/],
    ['field number 0', bytes([0x02, 0x00]), /field number 0/],
    [
      'span name as varint',
      requestWithSpans(spanBody([...tag(5, 0), 1])),
      /field 5 has unexpected wire type 0/,
    ],
    [
      'timestamp as varint',
      requestWithSpans(spanBody([...tag(7, 0), 1])),
      /field 7 has unexpected wire type 0/,
    ],
  ];
  it.each(bad)('throws OtlpDecodeError for %s', (_name, buf, message) => {
    let caught: unknown;
    try {
      decodeTraceRequestProtobuf(buf);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OtlpDecodeError);
    expect((caught as Error).message).toMatch(message);
  });
});
