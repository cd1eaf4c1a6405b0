// Bad input, table-driven, across both receivers: each case gets the status the OTLP spec (or, where it
// is silent, the collector) gives, and a valid export still succeeds right after it.
import type { RunningServer } from '../../../../electron/core/net/listen.js';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrpcReceiver } from '../../../../electron/core/receivers/grpc-receiver.js';
import { startHttpReceiver } from '../../../../electron/core/receivers/http-receiver.js';
import { decodeRpcStatus, decodeTraceResponse, encodeTraceRequest } from '../../../helpers/otlp-proto.js';
import { oneSpanJsonWith, oneSpanRequest } from '../../../helpers/otlp-payloads.js';
import { grpcExport, httpRequest, type RawRequest } from '../../../helpers/otlp-clients.js';
import { RecordingSink } from '../../../helpers/otlp-sink.js';
import {
  bytes,
  fixed64,
  keyValue,
  len,
  requestWithSpans,
  spanBody,
  str,
  tag,
} from '../../../helpers/otlp-wire.js';

const LIMIT = 1024 * 1024;
const PB = { 'content-type': 'application/x-protobuf' };
const JSONH = { 'content-type': 'application/json' };
const valid = encodeTraceRequest(oneSpanRequest());

function nestedKvlistJson(depth: number): unknown {
  let v: unknown = { stringValue: 'leaf' };
  for (let i = 0; i < depth; i++) v = { kvlistValue: { values: [{ key: 'k', value: v }] } };
  return v;
}

function nestedKvlistPb(depth: number): number[] {
  let v = str(1, 'leaf');
  for (let i = 0; i < depth; i++) v = len(6, len(1, keyValue('k', v)));
  return v;
}

type HttpExpect = {
  status: number;
  contentType?: string;
  body?: RegExp;
  rejected?: string;
  header?: [string, string];
};
type HttpCase = [name: string, req: Omit<RawRequest, 'port'>, expect: HttpExpect];

const httpCases: HttpCase[] = [
  [
    'truncated protobuf',
    { headers: PB, body: valid.subarray(0, valid.length - 5) },
    { status: 400, contentType: 'application/x-protobuf', body: /runs past the end/ },
  ],
  [
    'protobuf with an invalid wire type',
    { headers: PB, body: bytes(tag(1, 7)) },
    { status: 400, body: /invalid wire type 7/ },
  ],
  [
    'protobuf with a group',
    { headers: PB, body: requestWithSpans(spanBody(tag(40, 3))) },
    { status: 400, body: /group/ },
  ],
  [
    'protobuf with invalid UTF-8',
    { headers: PB, body: requestWithSpans(spanBody(len(5, [0xe2, 0x82]))) },
    { status: 400, body: /not valid UTF-8 at .*spans\[0\]\.name/ },
  ],
  [
    'protobuf kvlist nested 33 deep',
    { headers: PB, body: requestWithSpans(spanBody(len(9, keyValue('deep', nestedKvlistPb(33))))) },
    { status: 400, body: /nested deeper than 32/ },
  ],
  [
    'protobuf timestamp with the wrong wire type',
    { headers: PB, body: requestWithSpans(spanBody([...tag(7, 0), 5])) },
    { status: 400, body: /field 7 has unexpected wire type/ },
  ],
  ['JSON body sent as protobuf', { headers: PB, body: '{"resourceSpans":[]}' }, { status: 400 }],
  [
    'wrong content type text/plain',
    { headers: { 'content-type': 'text/plain' }, body: '{}' },
    { status: 415, body: /unsupported media type/ },
  ],
  ['missing content type', { body: valid }, { status: 415 }],
  [
    'content type application/grpc',
    { headers: { 'content-type': 'application/grpc' }, body: valid },
    { status: 415 },
  ],
  [
    'content type application/protobuf (not the OTLP name)',
    { headers: { 'content-type': 'application/protobuf' }, body: valid },
    { status: 415 },
  ],
  [
    'invalid JSON',
    { headers: JSONH, body: '{"resourceSpans": [' },
    { status: 400, contentType: 'application/json', body: /invalid JSON/ },
  ],
  [
    'JSON array instead of an object',
    { headers: JSONH, body: '[1,2]' },
    { status: 400, body: /expected an object/ },
  ],
  [
    'JSON with invalid UTF-8',
    { headers: JSONH, body: Uint8Array.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x7d]) },
    { status: 400, body: /not valid UTF-8/ },
  ],
  [
    'JSON base64 trace ID',
    { headers: JSONH, body: oneSpanJsonWith({ traceId: 'AQIDBAUGBwgJCgsMDQ4PEA==' }) },
    { status: 400, body: /not hex: OTLP\/JSON encodes trace and span IDs as hex/ },
  ],
  [
    'JSON odd-length hex span ID',
    { headers: JSONH, body: oneSpanJsonWith({ spanId: 'abc' }) },
    { status: 400, body: /spanId/ },
  ],
  [
    'JSON bad enum name',
    { headers: JSONH, body: oneSpanJsonWith({ kind: 'SPAN_KIND_BOGUS' }) },
    { status: 400, body: /unknown SpanKind name/ },
  ],
  [
    'JSON negative timestamp',
    { headers: JSONH, body: oneSpanJsonWith({ startTimeUnixNano: '-1' }) },
    { status: 400, body: /non-negative/ },
  ],
  [
    'JSON bad base64 bytesValue',
    { headers: JSONH, body: oneSpanJsonWith({ attributes: [{ key: 'b', value: { bytesValue: '***' } }] }) },
    { status: 400, body: /not valid base64/ },
  ],
  [
    'JSON int64 out of range',
    {
      headers: JSONH,
      body: oneSpanJsonWith({ attributes: [{ key: 'i', value: { intValue: '99999999999999999999' } }] }),
    },
    { status: 400, body: /out of range for int64/ },
  ],
  [
    'JSON kvlist nested 33 deep',
    { headers: JSONH, body: oneSpanJsonWith({ attributes: [{ key: 'deep', value: nestedKvlistJson(33) }] }) },
    { status: 400, body: /nested deeper than 32/ },
  ],
  [
    'gzip bomb (64 MiB of zeros in ~64 KiB)',
    { headers: { ...PB, 'content-encoding': 'gzip' }, chunks: [gzipSync(Buffer.alloc(64 * LIMIT))] },
    { status: 413, body: /decompressed body exceeds the limit/ },
  ],
  [
    'corrupt gzip',
    {
      headers: { ...PB, 'content-encoding': 'gzip' },
      body: Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]),
    },
    { status: 400, body: /cannot decompress gzip/ },
  ],
  [
    'unsupported Content-Encoding br',
    { headers: { ...PB, 'content-encoding': 'br' }, body: valid },
    { status: 415, body: /Content-Encoding/ },
  ],
  [
    'unsupported Content-Encoding zstd',
    { headers: { ...PB, 'content-encoding': 'zstd' }, body: valid },
    { status: 415 },
  ],
  [
    'body over the cap (Content-Length)',
    { headers: PB, body: new Uint8Array(LIMIT + 1) },
    { status: 413, body: /body exceeds the limit/ },
  ],
  [
    'chunked body over the cap',
    { headers: PB, chunks: [new Uint8Array(LIMIT / 2), new Uint8Array(LIMIT / 2), new Uint8Array(10)] },
    { status: 413 },
  ],
  ['unknown path /v1/metrics', { path: '/v1/metrics', headers: PB, body: valid }, { status: 404 }],
  [
    'unknown path /',
    { path: '/', headers: JSONH, body: '{}' },
    { status: 404, contentType: 'application/json' },
  ],
  ['trailing slash /v1/traces/', { path: '/v1/traces/', headers: PB, body: valid }, { status: 404 }],
  ['GET /v1/traces', { method: 'GET' }, { status: 405, header: ['allow', 'POST, OPTIONS'] }],
  [
    'PUT /v1/traces',
    { method: 'PUT', headers: PB, body: valid },
    { status: 405, header: ['allow', 'POST, OPTIONS'] },
  ],
  ['DELETE /v1/traces', { method: 'DELETE' }, { status: 405 }],
  [
    'foreign Host header (DNS rebinding)',
    { headers: { ...PB, host: 'rebind.attacker.example' }, body: valid },
    { status: 403 },
  ],
  [
    'wrong-length trace ID (protobuf)',
    { headers: PB, body: encodeTraceRequest(oneSpanRequest({ traceId: new Uint8Array(8).fill(7) })) },
    { status: 200, rejected: '1' },
  ],
  [
    'all-zero span ID (protobuf)',
    { headers: PB, body: encodeTraceRequest(oneSpanRequest({ spanId: new Uint8Array(8) })) },
    { status: 200, rejected: '1' },
  ],
  [
    'wrong-length parent span ID (protobuf)',
    { headers: PB, body: encodeTraceRequest(oneSpanRequest({ parentSpanId: new Uint8Array(2).fill(1) })) },
    { status: 200, rejected: '1' },
  ],
  [
    'all-zero trace ID (JSON)',
    { headers: JSONH, body: oneSpanJsonWith({ traceId: '0'.repeat(32) }) },
    { status: 200, rejected: '1' },
  ],
  [
    'wrong-length span ID (JSON)',
    { headers: JSONH, body: oneSpanJsonWith({ spanId: 'abcd' }) },
    { status: 200, rejected: '1' },
  ],
];

type GrpcCase = [
  name: string,
  payload: Uint8Array,
  opts: { compression?: 0 | 1 | 2; path?: string },
  expect: { code: number; details?: RegExp; rejected?: string },
];

const grpcCases: GrpcCase[] = [
  ['truncated protobuf', valid.subarray(0, valid.length - 3), {}, { code: 3, details: /runs past the end/ }],
  [
    'invalid UTF-8',
    requestWithSpans(spanBody(len(5, [0xff, 0xfe]))),
    {},
    { code: 3, details: /not valid UTF-8/ },
  ],
  [
    'kvlist nested 33 deep',
    requestWithSpans(spanBody(len(9, keyValue('deep', nestedKvlistPb(33))))),
    {},
    { code: 3, details: /nested deeper/ },
  ],
  ['truncated fixed64', requestWithSpans(spanBody(fixed64(7, 1n).slice(0, 5))), {}, { code: 3 }],
  ['JSON bytes sent over gRPC', new TextEncoder().encode('{"resourceSpans":[]}'), {}, { code: 3 }],
  ['message over the size limit', bytes(len(99, new Uint8Array(LIMIT + 10))), {}, { code: 8 }],
  [
    'gzip bomb over the limit after decompression',
    bytes(len(99, new Uint8Array(8 * LIMIT))),
    { compression: 2 },
    { code: 8 },
  ],
  [
    'unknown method',
    valid,
    { path: '/opentelemetry.proto.collector.logs.v1.LogsService/Export' },
    { code: 12 },
  ],
  [
    'wrong-length trace ID',
    encodeTraceRequest(oneSpanRequest({ traceId: new Uint8Array(20).fill(1) })),
    {},
    { code: 0, rejected: '1' },
  ],
  [
    'all-zero trace ID',
    encodeTraceRequest(oneSpanRequest({ traceId: new Uint8Array(16) })),
    {},
    { code: 0, rejected: '1' },
  ],
];

describe('bad input', () => {
  const sink = new RecordingSink();
  let http: RunningServer;
  let grpc: RunningServer;
  beforeAll(async () => {
    http = await startHttpReceiver({ hosts: ['127.0.0.1'], port: 0, maxBodyBytes: LIMIT, sink });
    grpc = await startGrpcReceiver({ hosts: ['127.0.0.1'], port: 0, maxReceiveMessageBytes: LIMIT, sink });
  });
  afterAll(async () => {
    await http.close();
    await grpc.close();
  });

  async function bothStillServe(): Promise<void> {
    const before = sink.spans.length;
    expect((await httpRequest({ port: http.port, headers: PB, body: valid })).status).toBe(200);
    expect((await grpcExport(grpc.port, valid)).code).toBe(0);
    expect(sink.spans.length).toBe(before + 2);
  }

  it('has at least 30 named cases', () => {
    expect(httpCases.length + grpcCases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(httpCases)('HTTP: %s', async (_name, req, want) => {
    const res = await httpRequest({ port: http.port, ...req });
    expect(res.status).toBe(want.status);
    if (want.contentType) expect(res.headers['content-type']).toBe(want.contentType);
    const ct = String(res.headers['content-type'] ?? '');
    const text =
      ct === 'application/x-protobuf' && res.status !== 200
        ? (decodeRpcStatus(res.body).message ?? '')
        : res.body.toString();
    if (want.body) expect(text).toMatch(want.body);
    if (res.status === 400 && ct === 'application/json') expect(JSON.parse(text)).toMatchObject({ code: 3 });
    if (want.header) expect(res.headers[want.header[0]]).toBe(want.header[1]);
    if (want.rejected) {
      const partial =
        ct === 'application/json'
          ? JSON.parse(text).partialSuccess
          : decodeTraceResponse(res.body).partialSuccess;
      expect(partial.rejectedSpans).toBe(want.rejected);
      expect(partial.errorMessage).toMatch(/span 0 "one": /);
    }
    await bothStillServe();
  });

  it.each(grpcCases)('gRPC: %s', async (_name, payload, opts, want) => {
    const res = await grpcExport(grpc.port, payload, opts);
    expect(res.code).toBe(want.code);
    if (want.details) expect(res.details).toMatch(want.details);
    if (want.rejected)
      expect(decodeTraceResponse(res.response!).partialSuccess?.rejectedSpans).toBe(want.rejected);
    await bothStillServe();
  });

  it('counted undecodable requests as bad requests', () => {
    expect(sink.badRequests).toBeGreaterThanOrEqual(20);
  });
});
