import { Agent, createServer } from 'node:http';
import type { RunningServer } from '../../../../electron/core/net/listen.js';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGrpcReceiver } from '../../../../electron/core/receivers/grpc-receiver.js';
import {
  createOtlpHttpHandler,
  startHttpReceiver,
} from '../../../../electron/core/receivers/http-receiver.js';
import { listenServer } from '../../../../electron/core/net/listen.js';
import { decodeRpcStatus, decodeTraceResponse, encodeTraceRequest } from '../../../helpers/otlp-proto.js';
import { oneSpanRequest, realisticRequest, toOtlpJson } from '../../../helpers/otlp-payloads.js';
import { grpcExport, httpRequest } from '../../../helpers/otlp-clients.js';
import { RecordingSink } from '../../../helpers/otlp-sink.js';

const PB = { 'content-type': 'application/x-protobuf' };
const JSONH = { 'content-type': 'application/json' };

describe('OTLP/HTTP receiver', () => {
  const sink = new RecordingSink();
  let r: RunningServer;
  beforeAll(async () => {
    r = await startHttpReceiver({ hosts: ['127.0.0.1'], port: 0, maxBodyBytes: 4 * 1024 * 1024, sink });
  });
  afterAll(() => r.close());
  beforeEach(() => sink.clear());

  it('accepts a hand-built JSON body: uppercase hex, snake_case keys, int64 strings, array/kvlist/bytes values', async () => {
    const body = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'hand' } }] },
          scope_spans: [
            {
              scope: { name: 'manual' },
              spans: [
                {
                  trace_id: '5B8EFFF798038103D269B633813FC60C',
                  span_id: 'EEE19B7EC3C1B174',
                  parent_span_id: 'EEE19B7EC3C1B173',
                  name: 'I am a span!',
                  kind: 'SPAN_KIND_SERVER',
                  start_time_unix_nano: '1544712660000000000',
                  end_time_unix_nano: '1544712661000000000',
                  attributes: [
                    { key: 'my.int', value: { int_value: '9223372036854775807' } },
                    {
                      key: 'my.array',
                      value: {
                        arrayValue: {
                          values: [{ stringValue: 'x' }, { intValue: '-3' }, { boolValue: false }],
                        },
                      },
                    },
                    {
                      key: 'my.map',
                      value: { kvlistValue: { values: [{ key: 'inner', value: { doubleValue: 0.5 } }] } },
                    },
                    { key: 'my.bytes', value: { bytesValue: 'AAEC/w==' } },
                  ],
                  status: { code: 'STATUS_CODE_ERROR', message: 'bad' },
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await httpRequest({
      port: r.port,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body.toString())).toEqual({});
    expect(sink.spans).toMatchObject([
      {
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        parentSpanId: 'eee19b7ec3c1b173',
        kind: 2,
        startTimeUnixNano: '1544712660000000000',
        status: { code: 2, message: 'bad' },
        attributes: [
          { key: 'my.int', value: { intValue: '9223372036854775807' } },
          {
            key: 'my.array',
            value: {
              arrayValue: { values: [{ stringValue: 'x' }, { intValue: '-3' }, { boolValue: false }] },
            },
          },
          {
            key: 'my.map',
            value: { kvlistValue: { values: [{ key: 'inner', value: { doubleValue: 0.5 } }] } },
          },
          { key: 'my.bytes', value: { bytesValue: 'AAEC/w==' } },
        ],
      },
    ]);
  });

  it('accepts a chunked protobuf body without Content-Length, split at awkward places', async () => {
    const bytes = encodeTraceRequest(realisticRequest(200, 5));
    const chunks = [
      bytes.subarray(0, 1),
      bytes.subarray(1, 777),
      bytes.subarray(777, 100_000),
      bytes.subarray(100_000),
    ];
    const res = await httpRequest({ port: r.port, headers: PB, chunks });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(res.body.length).toBe(0);
    expect(sink.spans.length).toBe(200);
  });

  it.each([
    ['gzip', (b: Uint8Array) => gzipSync(b)],
    ['x-gzip', (b: Uint8Array) => gzipSync(b)],
    ['deflate', (b: Uint8Array) => deflateSync(b)],
    ['deflate', (b: Uint8Array) => deflateRawSync(b)],
    ['identity', (b: Uint8Array) => b],
  ])('decompresses Content-Encoding %s', async (encoding, compress) => {
    const res = await httpRequest({
      port: r.port,
      headers: { ...PB, 'content-encoding': encoding },
      chunks: [compress(encodeTraceRequest(realisticRequest(50, 2)))],
    });
    expect(res.status).toBe(200);
    expect(sink.spans.length).toBe(50);
  });

  it('answers partial success in the request’s encoding', async () => {
    const bad = oneSpanRequest({ traceId: new Uint8Array(16) });
    const pb = await httpRequest({ port: r.port, headers: PB, body: encodeTraceRequest(bad) });
    expect(pb.status).toBe(200);
    expect(decodeTraceResponse(pb.body)).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: 'span 0 "one": trace_id is all zeros' },
    });
    const js = await httpRequest({ port: r.port, headers: JSONH, body: JSON.stringify(toOtlpJson(bad)) });
    expect(JSON.parse(js.body.toString())).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: 'span 0 "one": traceId is all zeros' },
    });
  });

  it('answers 400 with a google.rpc.Status in the request’s encoding', async () => {
    const pb = await httpRequest({ port: r.port, headers: PB, body: Uint8Array.from([0x0a, 0x05]) });
    expect(pb.status).toBe(400);
    expect(pb.headers['content-type']).toBe('application/x-protobuf');
    expect(decodeRpcStatus(pb.body)).toMatchObject({
      code: 3,
      message: expect.stringContaining('runs past the end'),
    });
    const js = await httpRequest({ port: r.port, headers: JSONH, body: '{' });
    expect(js.status).toBe(400);
    expect(JSON.parse(js.body.toString())).toMatchObject({
      code: 3,
      message: expect.stringContaining('invalid JSON'),
    });
    expect(sink.badRequests).toBe(2);
  });

  describe('CORS', () => {
    it.each(['http://localhost:5173', 'https://127.0.0.1', 'http://[::1]:8080', 'http://LOCALHOST:3000'])(
      'answers the preflight from %s',
      async (origin) => {
        const res = await httpRequest({
          port: r.port,
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,x-custom',
          },
        });
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers['access-control-allow-methods']).toContain('POST');
        expect(res.headers['access-control-allow-headers']).toBe('content-type,x-custom');
        const post = await httpRequest({ port: r.port, headers: { ...JSONH, origin }, body: '{}' });
        expect(post.headers['access-control-allow-origin']).toBe(origin);
        const failed = await httpRequest({ port: r.port, headers: { ...JSONH, origin }, body: '{' });
        expect(failed.status).toBe(400);
        expect(failed.headers['access-control-allow-origin']).toBe(origin);
      },
    );

    it.each(['https://evil.example', 'http://localhost.evil.example', 'null', 'http://127.0.0.2.nip.io'])(
      'gives no CORS grant to %s',
      async (origin) => {
        const pre = await httpRequest({
          port: r.port,
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(pre.status).toBe(403);
        expect(pre.headers['access-control-allow-origin']).toBeUndefined();
        const post = await httpRequest({ port: r.port, headers: { ...JSONH, origin }, body: '{}' });
        expect(post.headers['access-control-allow-origin']).toBeUndefined();
      },
    );
  });

  describe('Host guard (DNS rebinding)', () => {
    it.each(['localhost', 'localhost:4318', '127.0.0.1:1234', '[::1]:4318', '10.1.2.3'])(
      'accepts Host %s on loopback',
      async (host) => {
        const res = await httpRequest({ port: r.port, headers: { ...JSONH, host }, body: '{}' });
        expect(res.status).toBe(200);
      },
    );
    it.each(['evil.example', 'evil.example:4318', 'localhost.evil.example', 'attacker'])(
      'refuses Host %s on loopback with 403',
      async (host) => {
        const res = await httpRequest({ port: r.port, headers: { ...JSONH, host }, body: '{}' });
        expect(res.status).toBe(403);
        expect(res.body.toString()).toContain('is not localhost or an IP address');
      },
    );
    it('accepts any Host when bound to a non-loopback address (containers)', async () => {
      // The handler is what startHttpReceiver uses when --host is e.g. 0.0.0.0; tests stay on loopback.
      const server = createServer(createOtlpHttpHandler({ sink, maxBodyBytes: 1024, checkHost: false }));
      const port = await listenServer(server, '127.0.0.1', 0);
      try {
        const res = await httpRequest({ port, headers: { ...JSONH, host: 'inspector:4318' }, body: '{}' });
        expect(res.status).toBe(200);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  it('close() ends keep-alive connections promptly', async () => {
    const own = await startHttpReceiver({ hosts: ['127.0.0.1'], port: 0, sink });
    const agent = new Agent({ keepAlive: true });
    const res = await httpRequest({ port: own.port, headers: JSONH, body: '{}', agent });
    expect(res.status).toBe(200);
    const t0 = Date.now();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    agent.destroy();
  });
});

describe('a failing sink', () => {
  const throwing = {
    ingest: () => {
      throw new Error('store bug');
    },
    recordBadRequest: () => {},
  };

  it('HTTP answers 500 with a Status and keeps serving', async () => {
    const r = await startHttpReceiver({ hosts: ['127.0.0.1'], port: 0, sink: throwing });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (let i = 0; i < 2; i++) {
        const res = await httpRequest({
          port: r.port,
          headers: PB,
          body: encodeTraceRequest(oneSpanRequest()),
        });
        expect(res.status).toBe(500);
        expect(decodeRpcStatus(res.body)).toEqual({
          code: 13,
          message: 'internal error while storing the spans',
        });
      }
      expect(errors.length).toBe(2);
    } finally {
      console.error = original;
      await r.close();
    }
  });

  it('gRPC answers INTERNAL and keeps serving', async () => {
    const r = await startGrpcReceiver({ hosts: ['127.0.0.1'], port: 0, sink: throwing });
    const original = console.error;
    console.error = () => {};
    try {
      for (let i = 0; i < 2; i++) {
        const res = await grpcExport(r.port, encodeTraceRequest(oneSpanRequest()));
        expect(res).toMatchObject({ code: 13, details: 'internal error while storing the spans' });
      }
    } finally {
      console.error = original;
      await r.close();
    }
  });
});
