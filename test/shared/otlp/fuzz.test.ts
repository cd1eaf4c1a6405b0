// Thousands of damaged payloads through both decoders: only OtlpDecodeError may escape, and whatever is
// accepted still satisfies the model's invariants.
import { describe, expect, it } from 'vitest';
import type { DecodedTraces } from '../../../shared/model/span.js';
import { OtlpDecodeError } from '../../../shared/otlp/errors.js';
import { decodeTraceRequestJson } from '../../../shared/otlp/json-traces.js';
import { decodeTraceRequestProtobuf } from '../../../shared/otlp/protobuf-traces.js';
import { mutateBytes, mutateJsonStructure, mutateJsonText } from '../../helpers/otlp-fuzz.js';
import { encodeTraceRequest } from '../../helpers/otlp-proto.js';
import { prng, realisticRequest, toOtlpJson } from '../../helpers/otlp-payloads.js';

const DECIMAL = /^(0|[1-9]\d*)$/;

function checkBatch(b: DecodedTraces): void {
  for (const s of b.spans) {
    if (!/^[0-9a-f]{32}$/.test(s.traceId) || /^0+$/.test(s.traceId))
      throw new Error(`bad traceId ${s.traceId}`);
    if (!/^[0-9a-f]{16}$/.test(s.spanId) || /^0+$/.test(s.spanId)) throw new Error(`bad spanId ${s.spanId}`);
    if (s.parentSpanId !== '' && !/^[0-9a-f]{16}$/.test(s.parentSpanId))
      throw new Error(`bad parent ${s.parentSpanId}`);
    if (!DECIMAL.test(s.startTimeUnixNano) || !DECIMAL.test(s.endTimeUnixNano))
      throw new Error('bad timestamp');
    if (typeof s.name !== 'string' || !Array.isArray(s.attributes) || !s.resource || !s.scope)
      throw new Error('bad shape');
  }
  for (const r of b.rejected) if (!(r.count > 0)) throw new Error('bad rejected count');
}

function run(decode: () => DecodedTraces, outcomes: { ok: number; err: number }): void {
  try {
    checkBatch(decode());
    outcomes.ok++;
  } catch (e) {
    if (!(e instanceof OtlpDecodeError)) throw e;
    outcomes.err++;
  }
}

describe('decoder fuzzing', () => {
  const seeds = [1, 2, 3, 4];
  const requests = seeds.map((s) => realisticRequest(12, s));

  it('protobuf: 5000 mutated payloads', () => {
    const rand = prng(0xc0ffee);
    const bases = requests.map(encodeTraceRequest);
    const outcomes = { ok: 0, err: 0 };
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 5000; i++) {
      const input = mutateBytes(rand, bases[i % bases.length]!);
      run(() => decodeTraceRequestProtobuf(input), outcomes);
    }
    // Both outcomes must be exercised for the test to mean anything.
    expect(outcomes.ok).toBeGreaterThan(200);
    expect(outcomes.err).toBeGreaterThan(200);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('JSON text: 3000 mutated bodies', () => {
    const rand = prng(0xbeef);
    const texts = requests.map((r) => JSON.stringify(toOtlpJson(r)));
    const outcomes = { ok: 0, err: 0 };
    for (let i = 0; i < 3000; i++) {
      const input = mutateJsonText(rand, texts[i % texts.length]!);
      run(() => decodeTraceRequestJson(input), outcomes);
    }
    expect(outcomes.ok).toBeGreaterThan(50);
    expect(outcomes.err).toBeGreaterThan(500);
  });

  it('JSON structure: 3000 requests with odd values in random places', () => {
    const rand = prng(0xfeed);
    const outcomes = { ok: 0, err: 0 };
    for (let i = 0; i < 3000; i++) {
      const input = JSON.stringify(mutateJsonStructure(rand, requests[i % requests.length]!));
      run(() => decodeTraceRequestJson(input), outcomes);
    }
    expect(outcomes.ok).toBeGreaterThan(200);
    expect(outcomes.err).toBeGreaterThan(200);
  });
});
