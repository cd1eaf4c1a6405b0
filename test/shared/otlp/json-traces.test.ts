import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from '../../../shared/otlp/errors.js';
import { decodeTraceRequestJson } from '../../../shared/otlp/json-traces.js';
import { decodeTraceRequestProtobuf } from '../../../shared/otlp/protobuf-traces.js';
import { encodeTraceRequest } from '../../helpers/otlp-proto.js';
import { expectedSpans, realisticRequest, toOtlpJson } from '../../helpers/otlp-payloads.js';

const TRACE = '5B8EFFF798038103D269B633813FC60C';
const SPAN = 'EEE19B7EC3C1B174';

function request(span: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [
          {
            scope: { name: 'lib', version: '1' },
            spans: [{ traceId: TRACE, spanId: SPAN, name: 'n', ...span }],
          },
        ],
        ...extra,
      },
    ],
  };
}
const decodeSpan = (span: Record<string, unknown>) => {
  const batch = decodeTraceRequestJson(JSON.stringify(request(span)));
  expect(batch.rejected).toEqual([]);
  return batch.spans[0]!;
};

describe('decodeTraceRequestJson', () => {
  it('decodes the JSON twin of a realistic request exactly like the protobuf one', () => {
    const req = realisticRequest(300, 11);
    const fromJson = decodeTraceRequestJson(new TextEncoder().encode(JSON.stringify(toOtlpJson(req))));
    expect(fromJson.spans).toEqual(expectedSpans(req));
    expect(fromJson.spans).toEqual(decodeTraceRequestProtobuf(encodeTraceRequest(req)).spans);
  });

  it('lowercases hex IDs given in upper or mixed case', () => {
    const s = decodeSpan({ parentSpanId: 'aAbBcCdDeEfF0011' });
    expect(s.traceId).toBe(TRACE.toLowerCase());
    expect(s.spanId).toBe(SPAN.toLowerCase());
    expect(s.parentSpanId).toBe('aabbccddeeff0011');
  });

  it('accepts snake_case keys everywhere', () => {
    const body = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'k', value: { string_value: 'v' } }], dropped_attributes_count: 1 },
          schema_url: 'rs',
          scope_spans: [
            {
              scope: { name: 'lib', dropped_attributes_count: 2 },
              schema_url: 'ss',
              spans: [
                {
                  trace_id: TRACE,
                  span_id: SPAN,
                  parent_span_id: '00f067aa0ba902b7',
                  trace_state: 'a=b',
                  name: 'snake',
                  start_time_unix_nano: '1795625092587000001',
                  end_time_unix_nano: 1795625092,
                  dropped_attributes_count: 3,
                  dropped_events_count: 4,
                  dropped_links_count: 5,
                  attributes: [
                    { key: 'i', value: { int_value: '-12' } },
                    { key: 'b', value: { bool_value: true } },
                    { key: 'd', value: { double_value: '2.5' } },
                    { key: 'y', value: { bytes_value: 'AQID' } },
                    { key: 'a', value: { array_value: { values: [{ int_value: 1 }] } } },
                    { key: 'm', value: { kvlist_value: { values: [{ key: 'x', value: {} }] } } },
                  ],
                  events: [{ time_unix_nano: '7', name: 'e', dropped_attributes_count: 1 }],
                  links: [{ trace_id: TRACE, span_id: SPAN, trace_state: 't', dropped_attributes_count: 1 }],
                },
              ],
            },
          ],
        },
      ],
    };
    const [s] = decodeTraceRequestJson(JSON.stringify(body)).spans;
    expect(s).toMatchObject({
      parentSpanId: '00f067aa0ba902b7',
      traceState: 'a=b',
      startTimeUnixNano: '1795625092587000001',
      endTimeUnixNano: '1795625092',
      droppedAttributesCount: 3,
      droppedEventsCount: 4,
      droppedLinksCount: 5,
      events: [{ timeUnixNano: '7', name: 'e', attributes: [], droppedAttributesCount: 1 }],
      links: [
        {
          traceId: TRACE.toLowerCase(),
          spanId: SPAN.toLowerCase(),
          traceState: 't',
          droppedAttributesCount: 1,
          flags: 0,
        },
      ],
      resource: {
        attributes: [{ key: 'k', value: { stringValue: 'v' } }],
        droppedAttributesCount: 1,
        schemaUrl: 'rs',
      },
      scope: { name: 'lib', droppedAttributesCount: 2, schemaUrl: 'ss' },
    });
    expect(s!.attributes).toEqual([
      { key: 'i', value: { intValue: '-12' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'd', value: { doubleValue: 2.5 } },
      { key: 'y', value: { bytesValue: 'AQID' } },
      { key: 'a', value: { arrayValue: { values: [{ intValue: '1' }] } } },
      { key: 'm', value: { kvlistValue: { values: [{ key: 'x', value: {} }] } } },
    ]);
  });

  it.each([
    ['string', '9223372036854775807', '9223372036854775807'],
    ['negative string', '-9223372036854775808', '-9223372036854775808'],
    ['leading zeros', '007', '7'],
    ['minus zero', '-0', '0'],
    ['number', 42, '42'],
    ['big number (as the double holds it)', 9007199254740994, '9007199254740994'],
    ['negative number', -5, '-5'],
  ])('reads int64 given as a %s', (_n, given, want) => {
    expect(
      decodeSpan({ attributes: [{ key: 'i', value: { intValue: given } }] }).attributes[0]!.value,
    ).toEqual({ intValue: want });
  });

  it('reads timestamps as strings or numbers, exactly', () => {
    const s = decodeSpan({ startTimeUnixNano: '18446744073709551615', endTimeUnixNano: 1700000000000 });
    expect(s.startTimeUnixNano).toBe('18446744073709551615');
    expect(s.endTimeUnixNano).toBe('1700000000000');
  });

  it('reads enums as integers or names', () => {
    expect(
      decodeSpan({ kind: 'SPAN_KIND_CONSUMER', status: { code: 'STATUS_CODE_ERROR', message: 'x' } }),
    ).toMatchObject({
      kind: 5,
      status: { code: 2, message: 'x' },
    });
    expect(decodeSpan({ kind: 3, status: { code: 1 } })).toMatchObject({
      kind: 3,
      status: { code: 1, message: '' },
    });
  });

  it('ignores unknown fields and treats null as unset', () => {
    const s = decodeSpan({
      futureField: { a: [1, 2] },
      kind: null,
      status: null,
      attributes: [{ key: 'k', value: { stringValue: 'v', extra: 1 } }],
    });
    expect(s.kind).toBe(0);
    expect(s.status).toEqual({ code: 0, message: '' });
    expect(s.attributes).toEqual([{ key: 'k', value: { stringValue: 'v' } }]);
  });

  it('reads doubles as numbers or the special strings', () => {
    const s = decodeSpan({
      attributes: ['NaN', 'Infinity', '-Infinity', 1.25, '2.5e3', '-.5'].map((d, i) => ({
        key: `d${i}`,
        value: { doubleValue: d },
      })),
    });
    expect(s.attributes.map((a) => (a.value as { doubleValue: number }).doubleValue)).toEqual([
      NaN,
      Infinity,
      -Infinity,
      1.25,
      2500,
      -0.5,
    ]);
  });

  it('canonicalises base64 bytes (URL-safe, unpadded) to standard padded form', () => {
    const s = decodeSpan({ attributes: [{ key: 'y', value: { bytesValue: '-_8' } }] });
    expect(s.attributes[0]!.value).toEqual({ bytesValue: '+/8=' });
  });

  it('treats an all-zero parentSpanId as root', () => {
    expect(decodeSpan({ parentSpanId: '0000000000000000' }).parentSpanId).toBe('');
  });

  it.each([
    ['traceId of 15 bytes', { traceId: 'aa'.repeat(15) }, 'invalid_trace_id', 'traceId is 15 bytes'],
    ['all-zero traceId', { traceId: '0'.repeat(32) }, 'invalid_trace_id', 'traceId is all zeros'],
    ['empty traceId', { traceId: '' }, 'invalid_trace_id', 'traceId is missing'],
    ['spanId of 9 bytes', { spanId: 'ab'.repeat(9) }, 'invalid_span_id', 'spanId is 9 bytes'],
    ['all-zero spanId', { spanId: '0'.repeat(16) }, 'invalid_span_id', 'spanId is all zeros'],
    [
      'parentSpanId of 4 bytes',
      { parentSpanId: 'abababab' },
      'invalid_parent_span_id',
      'parentSpanId is 4 bytes',
    ],
  ])('rejects a span with %s and keeps the others', (_n, over, reason, message) => {
    const body = request(over);
    const scope = body.resourceSpans[0]!.scopeSpans[0]!;
    scope.spans.push({ traceId: TRACE, spanId: SPAN, name: 'good' });
    const batch = decodeTraceRequestJson(JSON.stringify(body));
    expect(batch.spans.map((s) => s.name)).toEqual(['good']);
    expect(batch.rejected).toEqual([{ reason, count: 1 }]);
    expect(batch.errors[0]).toContain(message);
  });

  function nestedKvlist(depth: number): unknown {
    let v: unknown = { stringValue: 'leaf' };
    for (let i = 0; i < depth; i++) v = { kvlistValue: { values: [{ key: 'k', value: v }] } };
    return v;
  }

  it('accepts nesting 32 deep and refuses 33', () => {
    expect(decodeSpan({ attributes: [{ key: 'deep', value: nestedKvlist(32) }] }).attributes.length).toBe(1);
    expect(() =>
      decodeTraceRequestJson(
        JSON.stringify(request({ attributes: [{ key: 'deep', value: nestedKvlist(33) }] })),
      ),
    ).toThrow(/nested deeper than 32 levels/);
  });

  it('survives absurdly deep JSON without a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => decodeTraceRequestJson(`{"resourceSpans":${deep}}`)).toThrow(OtlpDecodeError);
  });

  const P = '$.resourceSpans[0].scopeSpans[0].spans[0]';
  const bad: [string, string | Uint8Array, RegExp][] = [
    ['invalid JSON', '{"resourceSpans": [', /^invalid JSON: .* at \$$/],
    ['a JSON array body', '[]', /expected an object, got an array at \$$/],
    ['null body', 'null', /expected an object/],
    ['invalid UTF-8 body', Uint8Array.from([0x7b, 0xff, 0x7d]), /not valid UTF-8/],
    [
      'resourceSpans not an array',
      '{"resourceSpans": {}}',
      /expected an array, got an object at \$\.resourceSpans$/,
    ],
    [
      'base64 traceId',
      JSON.stringify(request({ traceId: 'W47/95gDgQPSabYzgT/GDA==' })),
      new RegExp(
        `not hex: OTLP/JSON encodes trace and span IDs as hex strings, not base64 at ${P.replace(/[$.[\]]/g, '\\$&')}\\.traceId`,
      ),
    ],
    [
      'odd-length hex spanId',
      JSON.stringify(request({ spanId: 'abc' })),
      /not hex .*spanId|not hex.* at .*spanId/,
    ],
    ['traceId as a number', JSON.stringify(request({ traceId: 12 })), /expected a hex string, got number/],
    [
      'unknown enum name',
      JSON.stringify(request({ kind: 'SPAN_KIND_SERVERISH' })),
      /unknown SpanKind name "SPAN_KIND_SERVERISH" at .*\.kind$/,
    ],
    [
      'bad status code name',
      JSON.stringify(request({ status: { code: 'ERROR' } })),
      /unknown StatusCode name "ERROR" at .*\.status\.code$/,
    ],
    ['fractional kind', JSON.stringify(request({ kind: 1.5 })), /SpanKind must be an integer/],
    [
      'negative timestamp',
      JSON.stringify(request({ startTimeUnixNano: '-1' })),
      /non-negative integer, got -1 at .*startTimeUnixNano$/,
    ],
    ['negative numeric timestamp', JSON.stringify(request({ endTimeUnixNano: -5 })), /non-negative/],
    [
      'timestamp above uint64',
      JSON.stringify(request({ startTimeUnixNano: '18446744073709551616' })),
      /out of range for uint64/,
    ],
    [
      'int64 above the range',
      JSON.stringify(request({ attributes: [{ key: 'i', value: { intValue: '9223372036854775808' } }] })),
      /out of range for int64 at .*attributes\[0\]\.value\.intValue$/,
    ],
    [
      'int64 with a fraction',
      JSON.stringify(request({ attributes: [{ key: 'i', value: { intValue: 1.5 } }] })),
      /expected an integer, got 1.5/,
    ],
    [
      'int64 as hex text',
      JSON.stringify(request({ attributes: [{ key: 'i', value: { intValue: '0x10' } }] })),
      /decimal integer string/,
    ],
    [
      'bad base64 bytesValue',
      JSON.stringify(request({ attributes: [{ key: 'y', value: { bytesValue: 'a$b=' } }] })),
      /bytesValue is not valid base64 at .*attributes\[0\]\.value\.bytesValue$/,
    ],
    [
      'base64 with a lone char',
      JSON.stringify(request({ attributes: [{ key: 'y', value: { bytesValue: 'abcde' } }] })),
      /not valid base64/,
    ],
    [
      'doubleValue as hex text',
      JSON.stringify(request({ attributes: [{ key: 'd', value: { doubleValue: '0x10' } }] })),
      /expected a number, got string/,
    ],
    [
      'boolValue as a string',
      JSON.stringify(request({ attributes: [{ key: 'b', value: { boolValue: 'true' } }] })),
      /expected true or false/,
    ],
    [
      'name as a number',
      JSON.stringify(request({ name: 5 })),
      /expected a string, got number 5 at .*\.name$/,
    ],
    ['flags out of range', JSON.stringify(request({ flags: 2 ** 32 })), /unsigned 32-bit/],
    [
      'attribute value not an object',
      JSON.stringify(request({ attributes: [{ key: 'k', value: 'v' }] })),
      /expected an object, got string .* at .*attributes\[0\]\.value$/,
    ],
    [
      'events not an array',
      JSON.stringify(request({ events: {} })),
      /expected an array, got an object at .*\.events$/,
    ],
    [
      'bad event timestamp',
      JSON.stringify(request({ events: [{ timeUnixNano: 'soon' }] })),
      /at .*\.events\[0\]\.timeUnixNano$/,
    ],
    [
      'non-hex link id',
      JSON.stringify(request({ links: [{ traceId: 'zz', spanId: SPAN }] })),
      /not hex.* at .*\.links\[0\]\.traceId$/,
    ],
  ];
  it.each(bad)('throws OtlpDecodeError naming the path for %s', (_n, body, message) => {
    let caught: unknown;
    try {
      decodeTraceRequestJson(body);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OtlpDecodeError);
    expect((caught as Error).message).toMatch(message);
  });
});
