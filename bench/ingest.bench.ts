// Ingest benchmark (`npm run bench:ingest`): on the same pre-serialised 512-span requests of realistic spans
// (HTTP server roots with DB and HTTP client children, ~10 attributes each, exception events on failures):
//  (a) decode-only baseline: protobufjs decoding the payload in-process (reflection, from the test schema);
//  (b) end-to-end ingest into the real SpanStore over OTLP/gRPC, OTLP/HTTP protobuf and OTLP/HTTP JSON,
//      counted by the store (client load runs in a worker thread so it does not share the server's loop);
//  (c) memory: retained heap per stored span at 200 000 stored spans, beside the protobuf wire size.
// Flags: --seconds N (per measurement, default 4), --concurrency N (in-flight requests, default 8).
import * as grpc from '@grpc/grpc-js';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startGrpcReceiver } from '../electron/core/receivers/grpc-receiver.js';
import { startHttpReceiver } from '../electron/core/receivers/http-receiver.js';
import { SpanStore } from '../electron/core/store/span-store.js';
import { decodeTraceRequestJson } from '../shared/otlp/json-decoder.js';
import { decodeTraceRequestProtobuf } from '../shared/otlp/protobuf-decoder.js';
import { realisticRequest, toOtlpJson } from '../test/helpers/otlp-payloads.js';
import { encodeTraceRequest, ExportTraceServiceRequest } from '../test/helpers/otlp-proto.js';

const BATCH = 512;
const DISTINCT = 80;
/**
 * The end-to-end store holds fewer spans than the distinct payloads carry, so a payload comes round again
 * only after its traces were evicted: every span is new to the store (the steady state of a full store),
 * never a cheap duplicate.
 */
const E2E_MAX_SPANS = 20_000;
const TRACE_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

type Mode = 'grpc' | 'http-proto' | 'http-json';
interface LoadJob {
  mode: Mode;
  port: number;
  payloads: Uint8Array[];
  concurrency: number;
  seconds: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

// ---- load generator (worker thread) -------------------------------------------------------------

async function runLoad(job: LoadJob): Promise<{ requests: number; failures: number }> {
  const deadline = performance.now() + job.seconds * 1000;
  let requests = 0;
  let failures = 0;
  let next = 0;
  const payload = () => job.payloads[next++ % job.payloads.length]!;

  let send: (body: Uint8Array) => Promise<boolean>;
  let done = () => {};
  if (job.mode === 'grpc') {
    const client = new grpc.Client(`127.0.0.1:${job.port}`, grpc.credentials.createInsecure(), {
      'grpc.max_send_message_length': -1,
    });
    send = (body) =>
      new Promise((resolve) =>
        client.makeUnaryRequest(
          TRACE_EXPORT,
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.from(body.buffer, body.byteOffset, body.byteLength),
          (err) => resolve(!err),
        ),
      );
    done = () => client.close();
  } else {
    const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
    const contentType = job.mode === 'http-json' ? 'application/json' : 'application/x-protobuf';
    send = (body) =>
      new Promise((resolve) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: job.port,
            path: '/v1/traces',
            method: 'POST',
            agent,
            headers: { 'content-type': contentType, 'content-length': body.byteLength },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode === 200));
          },
        );
        req.on('error', () => resolve(false));
        req.end(body);
      });
    done = () => agent.destroy();
  }
  const lane = async () => {
    while (performance.now() < deadline) {
      const ok = await send(payload());
      requests++;
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  done();
  return { requests, failures };
}

const isLoadChild = process.argv[2] === '--load-child';
if (isLoadChild) {
  process.once('message', (job: Omit<LoadJob, 'payloads'> & { payloads: string[] }) => {
    const payloads = job.payloads.map((b) => Buffer.from(b, 'base64'));
    void runLoad({ ...job, payloads }).then((r) => process.send!(r, () => process.exit(0)));
  });
}

// ---- measurements (main thread) -----------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

function timeLoop(seconds: number, step: (i: number) => void): number {
  for (let i = 0; i < 50; i++) step(i); // warm up
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000) step(n++);
  return (n * BATCH) / ((performance.now() - t0) / 1000);
}

/** Runs the load generator in a child process, so it uses the other core instead of the server's loop. */
function load(job: LoadJob): Promise<{ requests: number; failures: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--load-child'], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m) => resolve(m as { requests: number; failures: number }));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    child.send({ ...job, payloads: job.payloads.map((p) => Buffer.from(p).toString('base64')) });
  });
}

async function endToEnd(mode: Mode, payloads: Uint8Array[], seconds: number, concurrency: number) {
  const store = new SpanStore({ maxSpans: E2E_MAX_SPANS });
  const receiver =
    mode === 'grpc'
      ? await startGrpcReceiver({ hosts: ['127.0.0.1'], port: 0, sink: store })
      : await startHttpReceiver({ hosts: ['127.0.0.1'], port: 0, sink: store });
  try {
    // Warm up the receiver (JIT, connections) before counting.
    await load({ mode, port: receiver.port, payloads, concurrency, seconds: 1 });
    const before = store.counters();
    const t0 = performance.now();
    const result = await load({ mode, port: receiver.port, payloads, concurrency, seconds });
    const elapsed = (performance.now() - t0) / 1000;
    const after = store.counters();
    const received = after.received - before.received;
    if (after.received !== after.stored + after.evicted + after.rejected)
      throw new Error('counter identity broken');
    return {
      spansPerSec: received / elapsed,
      requests: result.requests,
      failures: result.failures,
      rejected: after.rejected,
    };
  } finally {
    await receiver.close();
    store.close();
  }
}

async function main(): Promise<void> {
  const seconds = arg('--seconds', 4);
  const concurrency = arg('--concurrency', 8);
  const cpuModel = cpus()[0]?.model ?? 'unknown';
  console.log(`ingest bench: node ${process.version}, ${cpus().length} CPUs (${cpuModel})`);
  if (!gc) console.warn('run with --expose-gc (npm run bench:ingest does) for the memory figure');

  const requests = Array.from({ length: DISTINCT }, (_, i) => realisticRequest(BATCH, i + 1));
  const proto = requests.map((r) => encodeTraceRequest(r));
  const json = requests.map((r) => new TextEncoder().encode(JSON.stringify(toOtlpJson(r))));
  const protoPerSpan = proto.reduce((n, b) => n + b.length, 0) / (DISTINCT * BATCH);
  const jsonPerSpan = json.reduce((n, b) => n + b.length, 0) / (DISTINCT * BATCH);
  console.log(
    `payloads: ${DISTINCT} × ${BATCH} spans; ${protoPerSpan.toFixed(0)} B/span protobuf, ${jsonPerSpan.toFixed(0)} B/span JSON`,
  );

  const rows: [string, number][] = [];
  const baseline = timeLoop(seconds, (i) => ExportTraceServiceRequest.decode(proto[i % DISTINCT]!));
  rows.push(['(a) baseline: protobufjs decode only, in-process', baseline]);
  rows.push([
    '    info: protobufjs decode + toObject(longs: String)',
    timeLoop(seconds, (i) =>
      ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(proto[i % DISTINCT]!), {
        longs: String,
        bytes: String,
      }),
    ),
  ]);
  rows.push([
    '    info: our protobuf decoder → model, in-process',
    timeLoop(seconds, (i) => decodeTraceRequestProtobuf(proto[i % DISTINCT]!)),
  ]);
  rows.push([
    '    info: our JSON decoder → model, in-process',
    timeLoop(seconds, (i) => decodeTraceRequestJson(json[i % DISTINCT]!)),
  ]);

  for (const [mode, payloads] of [
    ['grpc', proto],
    ['http-proto', proto],
    ['http-json', json],
  ] as const) {
    const r = await endToEnd(mode, payloads, seconds, concurrency);
    if (r.failures > 0) console.warn(`${mode}: ${r.failures} of ${r.requests} requests failed`);
    rows.push([`(b) end-to-end ${mode} → SpanStore (${concurrency} in flight)`, r.spansPerSec]);
  }

  console.log('');
  console.log('| measurement | spans/s | × baseline |');
  console.log('|---|---:|---:|');
  for (const [name, rate] of rows)
    console.log(
      `| ${name.trim()} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / baseline).toFixed(2)} |`,
    );

  // Memory: 200 000 distinct stored spans, decoded from protobuf into the real store.
  const target = 200_000;
  const batches = Math.ceil(target / BATCH);
  const memPayloads = Array.from({ length: batches }, (_, i) =>
    encodeTraceRequest(realisticRequest(BATCH, 10_000 + i)),
  );
  const wirePerSpan = memPayloads.reduce((n, b) => n + b.length, 0) / (batches * BATCH);
  const store = new SpanStore({ maxSpans: target, maxBytes: 4 * 1024 * 1024 * 1024 });
  const h0 = heap();
  for (const p of memPayloads) store.ingest(decodeTraceRequestProtobuf(p));
  const h1 = heap();
  const stored = store.counters().stored;
  console.log('');
  console.log(
    `memory: ${stored.toLocaleString('en-US')} stored spans retain ${((h1 - h0) / stored).toFixed(0)} B/span of heap ` +
      `(store estimate ${(store.counters().storedBytes / stored).toFixed(0)} B/span); protobuf wire size ${wirePerSpan.toFixed(0)} B/span`,
  );
  store.close();
}

if (!isLoadChild) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
