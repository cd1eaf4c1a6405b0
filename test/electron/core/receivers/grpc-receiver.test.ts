import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../../electron/core/net/listen.js';
import { startGrpcReceiver } from '../../../../electron/core/receivers/grpc-receiver.js';
import { decodeTraceResponse, encodeTraceRequest } from '../../../helpers/otlp-proto.js';
import { oneSpanRequest, realisticRequest } from '../../../helpers/otlp-payloads.js';
import { grpcExport } from '../../../helpers/otlp-clients.js';
import { RecordingSink } from '../../../helpers/otlp-sink.js';

describe('OTLP/gRPC receiver', () => {
  const sink = new RecordingSink();
  let r: RunningServer;
  beforeAll(async () => {
    r = await startGrpcReceiver({ hosts: ['127.0.0.1'], port: 0, sink });
  });
  afterAll(() => r.close());
  beforeEach(() => sink.clear());

  it('accepts a 10 MiB message (default limit 64 MiB)', async () => {
    const big = 'x'.repeat(10_000);
    const req = oneSpanRequest();
    const span = (req.resourceSpans as { scopeSpans: { spans: Record<string, unknown>[] }[] }[])[0]!
      .scopeSpans[0]!.spans[0]!;
    span.attributes = Array.from({ length: 1050 }, (_, i) => ({
      key: `blob.${i}`,
      value: { stringValue: big },
    }));
    const payload = encodeTraceRequest(req);
    expect(payload.length).toBeGreaterThan(10 * 1024 * 1024);
    const res = await grpcExport(r.port, payload);
    expect(res.code).toBe(0);
    expect(sink.spans[0]!.attributes.length).toBe(1050);
    expect(sink.spans[0]!.attributes[1049]).toEqual({ key: 'blob.1049', value: { stringValue: big } });
  });

  it.each([
    ['none', 0],
    ['deflate', 1],
    ['gzip', 2],
  ] as const)('accepts grpc-encoding %s', async (_name, compression) => {
    const res = await grpcExport(r.port, encodeTraceRequest(realisticRequest(100, 9)), { compression });
    expect(res.code).toBe(0);
    expect(res.response!.length).toBe(0); // full success: partial_success unset
    expect(sink.spans.length).toBe(100);
  });

  it('answers partial success with the rejected count and message', async () => {
    const req = oneSpanRequest({ spanId: new Uint8Array(8) });
    const res = await grpcExport(r.port, encodeTraceRequest(req));
    expect(res.code).toBe(0);
    expect(decodeTraceResponse(res.response!)).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: 'span 0 "one": span_id is all zeros' },
    });
  });

  it('answers INVALID_ARGUMENT naming the problem and counts the bad request', async () => {
    const res = await grpcExport(r.port, Uint8Array.from([0x0a, 0x02, 0x12, 0x05]));
    expect(res.code).toBe(3);
    expect(res.details).toMatch(/cannot decode ExportTraceServiceRequest: .* at resource_spans\[0\]/);
    expect(sink.badRequests).toBe(1);
  });

  it('applies a configured smaller limit with RESOURCE_EXHAUSTED', async () => {
    const small = await startGrpcReceiver({
      hosts: ['127.0.0.1'],
      port: 0,
      maxReceiveMessageBytes: 64 * 1024,
      sink,
    });
    try {
      const payload = encodeTraceRequest(realisticRequest(512, 1));
      expect((await grpcExport(small.port, payload)).code).toBe(8);
      expect((await grpcExport(small.port, encodeTraceRequest(oneSpanRequest()))).code).toBe(0);
    } finally {
      await small.close();
    }
  });
});
