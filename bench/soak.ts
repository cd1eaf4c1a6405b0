// Soak test (`npm run soak [-- --seconds N]`): N seconds (default 60) at 50 000 spans/s into a store capped
// at 100 000 spans, through the real OTLP receivers (half OTLP/gRPC, half OTLP/HTTP protobuf, 512-span
// requests). Checks, sampled every second: the counter identity received = stored + evicted + rejected,
// the span cap, no request failing, the offered rate reached, and memory that stops growing once the store
// is full (heap after GC, printed over time). Exits 1 when a check fails.
import * as grpc from '@grpc/grpc-js';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startInspector } from '../electron/core/inspector.js';
import { realisticRequest } from '../test/helpers/otlp-payloads.js';
import { encodeTraceRequest } from '../test/helpers/otlp-proto.js';

const TRACE_EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const BATCH = 512;
const RATE = 50_000;
const MAX_SPANS = 100_000;
/** Distinct payloads: more spans than the cap, so a payload comes round again only after it was evicted. */
const PAYLOADS = 240;
const MAX_IN_FLIGHT = 24;

function argSeconds(): number {
  const i = process.argv.indexOf('--seconds');
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  if (raw === undefined) return 60;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`soak: --seconds must be a positive number, got '${raw}'`);
    process.exit(2);
  }
  return n;
}

const gc = (globalThis as { gc?: () => void }).gc;
const MiB = 1024 * 1024;
function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}
const mib = (n: number) => (n / MiB).toFixed(1);

async function main(): Promise<number> {
  const seconds = argSeconds();
  if (!gc) console.warn('soak: run with --expose-gc (npm run soak does) for exact heap figures');
  console.log(`soak: building ${PAYLOADS} payloads of ${BATCH} spans…`);
  const payloads = Array.from({ length: PAYLOADS }, (_, i) =>
    Buffer.from(encodeTraceRequest(realisticRequest(BATCH, i + 1))),
  );
  const wireBytes = payloads.reduce((n, p) => n + p.length, 0);
  console.log(
    `soak: ${mib(wireBytes)} MiB of protobuf, ${(wireBytes / (PAYLOADS * BATCH)).toFixed(0)} B/span on the wire`,
  );

  const inspector = await startInspector({
    hosts: ['127.0.0.1'],
    grpcPort: 0,
    httpPort: 0,
    uiPort: 0,
    staticDir: null,
    limits: { maxSpans: MAX_SPANS },
  });
  const { store } = inspector;
  const client = new grpc.Client(`127.0.0.1:${inspector.grpc.port}`, grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': -1,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });

  const failures: string[] = [];
  let requestErrors = 0;
  let firstRequestError = '';
  const noteError = (what: string) => {
    requestErrors++;
    if (!firstRequestError) firstRequestError = what;
  };
  const sendGrpc = (body: Buffer) =>
    new Promise<void>((resolve) => {
      client.makeUnaryRequest(
        TRACE_EXPORT,
        (b: Buffer) => b,
        (b: Buffer) => b,
        body,
        { deadline: Date.now() + 30_000 },
        (err) => {
          if (err) noteError(`gRPC ${err.code}: ${err.details}`);
          resolve();
        },
      );
    });
  const sendHttp = (body: Buffer) =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: inspector.http.port,
          path: '/v1/traces',
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.length },
        },
        (res) => {
          if (res.statusCode !== 200) noteError(`HTTP ${res.statusCode}`);
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', (e) => {
        noteError(`HTTP ${e.message}`);
        resolve();
      });
      req.end(body);
    });

  const baseline = heapAfterGc();
  console.log(
    `soak: ${seconds} s at ${RATE} spans/s, store capped at ${MAX_SPANS} spans; heap before ingest ${mib(baseline)} MiB`,
  );
  console.log('    t   spans/s   stored   evicted  rejected   heap MiB   rss MiB');

  let sentBatches = 0;
  let inFlight = 0;
  let next = 0;
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  const end = start + seconds * 1000;
  const heapSamples: { t: number; heap: number }[] = [];
  let lastSample = start;
  let sampledSpans = 0;

  const check = () => {
    const c = store.counters();
    if (c.received !== c.stored + c.evicted + c.rejected)
      failures.push(
        `identity broken: received ${c.received} ≠ stored ${c.stored} + evicted ${c.evicted} + rejected ${c.rejected}`,
      );
    if (c.stored > MAX_SPANS) failures.push(`stored ${c.stored} spans, over the cap of ${MAX_SPANS}`);
    return c;
  };

  while (performance.now() < end) {
    const now = performance.now();
    const due = Math.floor(((now - start) / 1000) * (RATE / BATCH));
    while (sentBatches < due && inFlight < MAX_IN_FLIGHT) {
      const body = payloads[next]!;
      next = (next + 1) % PAYLOADS;
      inFlight++;
      const p = (sentBatches % 2 === 0 ? sendGrpc(body) : sendHttp(body)).then(() => {
        inFlight--;
        pending.delete(p);
      });
      pending.add(p);
      sentBatches++;
    }
    if (now - lastSample >= 1000) {
      const c = check();
      const t = (now - start) / 1000;
      const rate = (c.received - sampledSpans) / ((now - lastSample) / 1000);
      sampledSpans = c.received;
      lastSample = now;
      if (Math.round(t) % 5 === 0 || t >= seconds - 1) {
        const heap = heapAfterGc();
        heapSamples.push({ t, heap });
        const rss = process.memoryUsage().rss;
        console.log(
          `${t.toFixed(0).padStart(5)} ${rate.toFixed(0).padStart(9)} ${String(c.stored).padStart(8)} ${String(c.evicted).padStart(9)} ${String(c.rejected).padStart(9)} ${mib(heap).padStart(10)} ${mib(rss).padStart(9)}`,
        );
      }
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const c = check();
  const finalHeap = heapAfterGc();
  client.close();
  agent.destroy();
  await inspector.close();

  const sentSpans = sentBatches * BATCH;
  const achieved = c.received / elapsed;
  if (c.received !== sentSpans)
    failures.push(`the store counted ${c.received} spans received, ${sentSpans} were sent`);
  if (requestErrors) failures.push(`${requestErrors} request(s) failed (first: ${firstRequestError})`);
  if (achieved < RATE * 0.9)
    failures.push(`reached ${achieved.toFixed(0)} spans/s, under 90% of the ${RATE} offered`);
  // Once the store is full, the heap must stop growing: compare the last third of the samples taken with a
  // full store against the first third (single samples swing with the requests in flight).
  const full = heapSamples.filter((s) => s.t >= (MAX_SPANS / RATE) * 2);
  const third = Math.max(1, Math.floor(full.length / 3));
  const mean = (xs: { heap: number }[]) => xs.reduce((n, x) => n + x.heap, 0) / Math.max(1, xs.length);
  const early = full.length >= 3 ? mean(full.slice(0, third)) : finalHeap;
  const late = full.length >= 3 ? mean(full.slice(-third)) : finalHeap;
  const plateau = full.length ? Math.min(...full.map((s) => s.heap)) : finalHeap;
  const peak = full.length ? Math.max(...full.map((s) => s.heap)) : finalHeap;
  if (late > early * 1.2 + 16 * MiB)
    failures.push(
      `heap kept growing after the store filled: mean ${mib(early)} MiB early, ${mib(late)} MiB late`,
    );
  const perSpan = (finalHeap - baseline) / Math.max(1, c.stored);

  console.log('');
  console.log('soak summary');
  console.log(`  duration            ${elapsed.toFixed(1)} s`);
  console.log(`  spans sent          ${sentSpans} (${achieved.toFixed(0)} spans/s; ${RATE} offered)`);
  console.log(
    `  received            ${c.received} = stored ${c.stored} + evicted ${c.evicted} + rejected ${c.rejected}`,
  );
  console.log(
    `  rejected by reason  ${JSON.stringify(Object.fromEntries(Object.entries(c.rejectedByReason).filter(([, n]) => n > 0)))}`,
  );
  console.log(`  request errors      ${requestErrors}`);
  console.log(
    `  heap (after GC)     before ${mib(baseline)} MiB, full store ${mib(plateau)}–${mib(peak)} MiB (mean ${mib(early)} early, ${mib(late)} late), end ${mib(finalHeap)} MiB`,
  );
  console.log(
    `  retained per stored span  ${(perSpan / 1024).toFixed(2)} KiB (heap growth over ${c.stored} spans, decoder objects included)`,
  );
  console.log(`  result              ${failures.length ? 'FAIL' : 'PASS'}`);
  for (const f of failures) console.log(`    ✗ ${f}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('soak: crashed:', e);
    process.exit(1);
  },
);
