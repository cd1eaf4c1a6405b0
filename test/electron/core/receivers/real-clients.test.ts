// The real OpenTelemetry JS exporters (gRPC, HTTP/JSON, HTTP/protobuf; with and without gzip) send one
// known trace to our receivers; every field must arrive exactly.
import type { RunningServer } from '../../../../electron/core/net/listen.js';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrpcReceiver } from '../../../../electron/core/receivers/grpc-receiver.js';
import { createServer, type Server } from 'node:http';
import { createOtlpHttpHandler } from '../../../../electron/core/receivers/http-receiver.js';
import { listenServer } from '../../../../electron/core/net/listen.js';
import type { KeyValue, Span } from '../../../../shared/model/span.js';
import { RecordingSink } from '../../../helpers/otlp-sink.js';

type HrTime = [number, number];
const ns = (t: HrTime) => String(BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]));

/** Builds the known trace once with the SDK and returns its ReadableSpans. */
function knownTrace(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'real-client-test',
      'service.version': '9.9.9',
      'process.pid': 1234,
    }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('receiver-test-scope', '1.2.3');
  const root = tracer.startSpan('GET /api/orders/:id', {
    kind: SpanKind.SERVER,
    startTime: [1795625092, 587000123],
    attributes: {
      'http.request.method': 'GET',
      'http.response.status_code': 500,
      'big.int': 4_000_000_000_123,
      ratio: 0.25,
      'feature.enabled': true,
      'tags.str': ['a', 'b'],
      'tags.int': [1, 2, 3],
      'tags.bool': [true, false],
      'tags.double': [1.5, 2.5],
    },
  });
  const child = tracer.startSpan(
    'SELECT orders',
    {
      kind: SpanKind.CLIENT,
      startTime: [1795625092, 600000001],
      links: [{ context: root.spanContext(), attributes: { 'link.why': 'retry' } }],
    },
    trace.setSpan(ROOT_CONTEXT, root),
  );
  child.setAttribute('db.system.name', 'postgresql');
  child.addEvent(
    'exception',
    { 'exception.type': 'Error', 'exception.message': 'boom', 'exception.count': 2 },
    [1795625092, 650000999],
  );
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'query failed' });
  child.end([1795625092, 700000002]);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end([1795625092, 987654321]);
  return memory.getFinishedSpans();
}

function attr(list: KeyValue[], key: string) {
  return list.find((a) => a.key === key)?.value;
}

function checkSpan(got: Span | undefined, want: ReadableSpan): void {
  expect(got, `span ${want.name} arrived`).toBeDefined();
  const s = got!;
  expect(s.traceId).toBe(want.spanContext().traceId);
  expect(s.spanId).toBe(want.spanContext().spanId);
  expect(s.parentSpanId).toBe(want.parentSpanContext?.spanId ?? '');
  expect(s.name).toBe(want.name);
  expect(s.kind).toBe(want.kind + 1); // the API's SpanKind is OTLP's minus one
  expect(s.startTimeUnixNano).toBe(ns(want.startTime as HrTime));
  expect(s.endTimeUnixNano).toBe(ns(want.endTime as HrTime));
  expect(s.status).toEqual({ code: want.status.code, message: want.status.message ?? '' });
  expect(s.resource.attributes).toEqual(
    expect.arrayContaining([
      { key: 'service.name', value: { stringValue: 'real-client-test' } },
      { key: 'service.version', value: { stringValue: '9.9.9' } },
      { key: 'process.pid', value: { intValue: '1234' } },
    ]),
  );
  expect(s.scope).toMatchObject({ name: 'receiver-test-scope', version: '1.2.3' });
}

const cases = [
  { name: 'gRPC', grpc: true, gzip: false, make: (url: string) => new GrpcExporter({ url }) },
  {
    name: 'gRPC + gzip',
    grpc: true,
    gzip: true,
    make: (url: string) => new GrpcExporter({ url, compression: 'gzip' as never }),
  },
  {
    name: 'HTTP/JSON',
    grpc: false,
    gzip: false,
    make: (url: string) => new JsonExporter({ url: `${url}/v1/traces` }),
  },
  {
    name: 'HTTP/JSON + gzip',
    grpc: false,
    gzip: true,
    make: (url: string) => new JsonExporter({ url: `${url}/v1/traces`, compression: 'gzip' as never }),
  },
  {
    name: 'HTTP/protobuf',
    grpc: false,
    gzip: false,
    make: (url: string) => new ProtoExporter({ url: `${url}/v1/traces` }),
  },
  {
    name: 'HTTP/protobuf + gzip',
    grpc: false,
    gzip: true,
    make: (url: string) => new ProtoExporter({ url: `${url}/v1/traces`, compression: 'gzip' as never }),
  },
];

describe('real OpenTelemetry JS exporters → receivers', () => {
  const sink = new RecordingSink();
  let grpc: RunningServer;
  // The receiver's own handler on a server that also notes each request's Content-Encoding, to prove the
  // gzip cases really were compressed.
  let http: Server;
  let httpPort = 0;
  const encodings: (string | undefined)[] = [];
  const spans = knownTrace();

  beforeAll(async () => {
    grpc = await startGrpcReceiver({ hosts: ['127.0.0.1'], port: 0, sink });
    const handler = createOtlpHttpHandler({ sink, maxBodyBytes: 64 * 1024 * 1024, checkHost: true });
    http = createServer((req, res) => {
      encodings.push(req.headers['content-encoding']);
      handler(req, res);
    });
    httpPort = await listenServer(http, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await grpc?.close();
    http?.closeAllConnections();
    await new Promise((resolve) => http?.close(resolve));
  });

  it.each(cases)('$name delivers every span exactly', async ({ make, grpc: isGrpc, gzip }) => {
    sink.clear();
    encodings.length = 0;
    const exporter = make(`http://127.0.0.1:${isGrpc ? grpc.port : httpPort}`);
    const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
      exporter.export(spans, resolve),
    );
    await exporter.shutdown();
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(0);
    expect(sink.spans.length).toBe(2);
    expect(sink.badRequests).toBe(0);
    if (!isGrpc) expect(encodings).toEqual([gzip ? 'gzip' : undefined]);

    const [childWant, rootWant] = spans; // finished in this order
    const root = sink.spans.find((s) => s.name === rootWant!.name);
    const child = sink.spans.find((s) => s.name === childWant!.name);
    checkSpan(root, rootWant!);
    checkSpan(child, childWant!);
    expect(child!.parentSpanId).toBe(root!.spanId);
    expect(child!.traceId).toBe(root!.traceId);

    const a = root!.attributes;
    expect(attr(a, 'http.request.method')).toEqual({ stringValue: 'GET' });
    expect(attr(a, 'http.response.status_code')).toEqual({ intValue: '500' });
    expect(attr(a, 'big.int')).toEqual({ intValue: '4000000000123' });
    expect(attr(a, 'ratio')).toEqual({ doubleValue: 0.25 });
    expect(attr(a, 'feature.enabled')).toEqual({ boolValue: true });
    expect(attr(a, 'tags.str')).toEqual({
      arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] },
    });
    expect(attr(a, 'tags.int')).toEqual({
      arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }, { intValue: '3' }] },
    });
    expect(attr(a, 'tags.bool')).toEqual({
      arrayValue: { values: [{ boolValue: true }, { boolValue: false }] },
    });
    expect(attr(a, 'tags.double')).toEqual({
      arrayValue: { values: [{ doubleValue: 1.5 }, { doubleValue: 2.5 }] },
    });

    expect(child!.events).toEqual([
      {
        timeUnixNano: '1795625092650000999',
        name: 'exception',
        attributes: [
          { key: 'exception.type', value: { stringValue: 'Error' } },
          { key: 'exception.message', value: { stringValue: 'boom' } },
          { key: 'exception.count', value: { intValue: '2' } },
        ],
        droppedAttributesCount: 0,
      },
    ]);
    expect(child!.links).toMatchObject([
      {
        traceId: root!.traceId,
        spanId: root!.spanId,
        attributes: [{ key: 'link.why', value: { stringValue: 'retry' } }],
      },
    ]);
    expect(child!.status).toEqual({ code: 2, message: 'query failed' });
    expect(root!.status).toEqual({ code: 1, message: '' });
    expect(root!.flags & 0xff).toBe(1); // sampled
  });
});
