// Merging OTLP request bodies without decoding them: the merged body decodes into all the spans.
import { describe, expect, it } from 'vitest';
import { mergeOtlpBodies } from '../../../../../electron/core/forwarding/delivery/otlp-batch.js';
import { decodeTraceRequestJson } from '../../../../../shared/otlp/json-traces.js';
import { decodeTraceRequestProtobuf } from '../../../../../shared/otlp/protobuf-traces.js';
import { expectedSpans, realisticRequest, toOtlpJson } from '../../../../helpers/otlp-payloads.js';
import { encodeTraceRequest } from '../../../../helpers/otlp-proto.js';

const reqs = [realisticRequest(3, 1), realisticRequest(5, 2), realisticRequest(1, 3)];
const want = reqs.flatMap((r) => expectedSpans(r));

describe('mergeOtlpBodies', () => {
  it('protobuf: concatenated requests decode as their merge', () => {
    const merged = mergeOtlpBodies('application/x-protobuf', reqs.map(encodeTraceRequest));
    expect(decodeTraceRequestProtobuf(merged).spans).toEqual(want);
  });
  it('JSON: the resourceSpans arrays are joined', () => {
    const enc = new TextEncoder();
    const merged = mergeOtlpBodies(
      'application/json',
      reqs.map((r) => enc.encode(JSON.stringify(toOtlpJson(r)))),
    );
    expect(decodeTraceRequestJson(merged).spans).toEqual(want);
  });
  it('one body is passed through untouched', () => {
    const one = encodeTraceRequest(reqs[0]!);
    expect(mergeOtlpBodies('application/x-protobuf', [one])).toBe(one);
  });
});
