import { describe, expect, it } from 'vitest';
import { decodeTraceRequestJson } from '../../../shared/otlp/json-traces.js';
import { encodeTraceRequestJson } from '../../../shared/otlp/json-encoder.js';
import { expectedSpans, realisticRequest } from '../../helpers/otlp-payloads.js';
import { span } from '../sentry/fixtures.js';

describe('encodeTraceRequestJson', () => {
  it('round-trips through our own OTLP/JSON decoder span for span', () => {
    const spans = expectedSpans(realisticRequest(300, 7));
    const decoded = decodeTraceRequestJson(encodeTraceRequestJson(spans));
    expect(decoded.errors).toEqual([]);
    expect(decoded.rejected).toEqual([]);
    expect(decoded.spans).toEqual(spans);
  });

  it('writes non-finite doubles the way the JSON mapping allows', () => {
    const s = span({
      spanId: '1111111111111111',
      attributes: [
        { key: 'nan', value: { doubleValue: NaN } },
        { key: 'inf', value: { doubleValue: -Infinity } },
        { key: 'nested', value: { arrayValue: { values: [{ doubleValue: Infinity }] } } },
      ],
    });
    const back = decodeTraceRequestJson(encodeTraceRequestJson([s])).spans[0]!;
    expect(back.attributes).toEqual(s.attributes);
  });
});
