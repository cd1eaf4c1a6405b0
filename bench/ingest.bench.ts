// Ingest benchmark (`npm run bench:ingest`): on the same pre-serialised 512-span requests of realistic spans
// (HTTP server roots with DB and HTTP client children, ~10 attributes each, exception events on failures):
//  (a) decode-only baseline: protobufjs decoding the payload in-process (reflection, from the test schema);
//  (b) end-to-end ingest into the real SpanStore over OTLP/gRPC, OTLP/HTTP protobuf and OTLP/HTTP JSON,
//      counted by the store (client load runs in a worker thread so it does not share the server's loop);
//  (c) memory: retained heap per stored span at 200 000 stored spans, beside the protobuf wire size.
// Flags: --seconds N (per measurement, default 4), --concurrency N (in-flight requests, default 8),
// --only grpc|http-proto|http-json (one end-to-end measurement, e.g. under --cpu-prof), --no-memory.
import { connect as connect2 } from 'node:http2';
import { connect, type Socket } from 'node:net';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startGrpcReceiver } from '../electron/core/receivers/grpc-receiver.js';
import { startHttpReceiver } from '../electron/core/receivers/http-receiver.js';
import { SpanStore } from '../electron/core/store/span-store.js';
import { decodeTraceRequestJson } from '../shared/otlp/json-traces.js';
import { decodeTraceRequestProtobuf } from '../shared/otlp/protobuf-traces.js';
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
    // gRPC framing by hand over node:http2 (5-byte message prefix, grpc-status in the trailers), for the
    // same reason as the raw HTTP client below: grpc-js' client would cost as much CPU as the receiver.
    const session = connect2(`http://127.0.0.1:${job.port}`);
    const framed = job.payloads.map((body) => {
      const prefix = Buffer.alloc(5);
      prefix.writeUInt32BE(body.byteLength, 1);
      return Buffer.concat([prefix, body]);
    });
    let nextFramed = 0;
    send = () =>
      new Promise((resolve) => {
        const req = session.request({
          ':method': 'POST',
          ':path': TRACE_EXPORT,
          'content-type': 'application/grpc',
          te: 'trailers',
        });
        let status = -1;
        req.on('response', (h) => {
          if (h['grpc-status'] !== undefined) status = Number(h['grpc-status']);
        });
        req.on('trailers', (t) => {
          status = Number(t['grpc-status']);
        });
        req.on('data', () => {});
        req.on('end', () => resolve(status === 0));
        req.on('error', () => resolve(false));
        req.end(framed[nextFramed++ % framed.length]);
      });
    done = () => session.close();
  } else {
    // A raw keep-alive HTTP/1.1 client over pre-built request bytes: node:http's client costs about as
    // much CPU as the server, and on two shared cores that would measure the client, not the receiver.
    const contentType = job.mode === 'http-json' ? 'application/json' : 'application/x-protobuf';
    const framed = job.payloads.map((body) =>
      Buffer.concat([
        Buffer.from(
          `POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1:${job.port}\r\nContent-Type: ${contentType}\r\n` +
            `Content-Length: ${body.byteLength}\r\n\r\n`,
        ),
        body,
      ]),
    );
    const sockets: RawConnection[] = [];
    const idle: RawConnection[] = [];
    for (let i = 0; i < job.concurrency; i++) {
      const c = await RawConnection.open(job.port);
      sockets.push(c);
      idle.push(c);
    }
    let nextFramed = 0;
    send = async () => {
      const c = idle.pop()!;
      const status = await c.exchange(framed[nextFramed++ % framed.length]!);
      idle.push(c);
      return status === 200;
    };
    done = () => sockets.forEach((c) => c.close());
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

/** One keep-alive connection, one request at a time; parses just enough of each response. */
class RawConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private pending: ((status: number) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.tryComplete();
    });
    socket.on('error', () => this.finish(0));
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }

  exchange(request: Buffer): Promise<number> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.socket.write(request);
    });
  }

  private tryComplete(): void {
    const headEnd = this.buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffered.subarray(0, headEnd).toString('latin1');
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const total = headEnd + 4 + length;
    if (this.buffered.length < total) return;
    this.buffered = this.buffered.subarray(total);
    this.finish(Number(head.slice(9, 12)));
  }

  private finish(status: number): void {
    const p = this.pending;
    this.pending = null;
    p?.(status);
  }

  close(): void {
    this.socket.destroy();
  }
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

interface Rate {
  /** spans per wall-clock second */
  wall: number;
  /** spans per CPU-second of this (the receiving) process: robust when other work shares the machine */
  cpu: number;
}

function timeLoop(seconds: number, step: (i: number) => void): Rate {
  for (let i = 0; i < 50; i++) step(i); // warm up
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000) step(n++);
  const cpu = process.cpuUsage(cpu0);
  return {
    wall: (n * BATCH) / ((performance.now() - t0) / 1000),
    cpu: (n * BATCH) / ((cpu.user + cpu.system) / 1e6),
  };
}

/** Runs the load generator in a child process, so it uses the other core instead of the server's loop. */
function load(job: LoadJob): Promise<{ requests: number; failures: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--load-child'], { execArgv: [] });
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
    const cpu0 = process.cpuUsage();
    const result = await load({ mode, port: receiver.port, payloads, concurrency, seconds });
    const cpu = process.cpuUsage(cpu0);
    const elapsed = (performance.now() - t0) / 1000;
    const after = store.counters();
    const received = after.received - before.received;
    if (after.received !== after.stored + after.evicted + after.rejected)
      throw new Error('counter identity broken');
    return {
      spansPerSec: received / elapsed,
      spansPerCpuSec: received / ((cpu.user + cpu.system) / 1e6),
      requests: result.requests,
      failures: result.failures,
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

  const rows: [string, Rate][] = [];
  const baseline = timeLoop(seconds, (i) => ExportTraceServiceRequest.decode(proto[i % DISTINCT]!));
  rows.push(['(a) baseline: protobufjs decode only, in-process', baseline]);
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  if (only === undefined) {
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
  }
  for (const [mode, payloads] of [
    ['grpc', proto],
    ['http-proto', proto],
    ['http-json', json],
  ] as const) {
    if (only !== undefined && only !== mode) continue;
    const r = await endToEnd(mode, payloads, seconds, concurrency);
    if (r.failures > 0) console.warn(`${mode}: ${r.failures} of ${r.requests} requests failed`);
    rows.push([
      `(b) end-to-end ${mode} → SpanStore (${concurrency} in flight)`,
      { wall: r.spansPerSec, cpu: r.spansPerCpuSec },
    ]);
  }

  console.log('');
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    '| measurement | spans/s | × baseline | spans per CPU-s of the receiving process | × baseline |',
  );
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, rate] of rows) {
    console.log(
      `| ${name.trim()} | ${fmt(rate.wall)} | ${(rate.wall / baseline.wall).toFixed(2)} | ${fmt(rate.cpu)} | ${(rate.cpu / baseline.cpu).toFixed(2)} |`,
    );
  }

  if (process.argv.includes('--no-memory')) return;
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
