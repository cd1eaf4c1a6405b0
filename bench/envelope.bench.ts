// Envelope serialisation: @sentry/core's serializeEnvelope vs ours, beside a JSON.stringify-only baseline of
// the same event, on a typical 8-span transaction and a 1000-span one; then parsing: garbage at 1 and 4 MiB
// (it must stay linear) against a valid envelope of the same size. Run: npm run bench:envelope (compiled,
// from dist-bench/). Figures and what they mean: docs/benchmarks.md, "Envelope serialiser".
import { createEnvelope, serializeEnvelope as coreSerializeEnvelope, type Envelope } from '@sentry/core';
import {
  buildEventEnvelope,
  dynamicSamplingContext,
  eventIdFor,
  serializeEnvelope,
} from '../shared/sentry/envelope.js';
import { parseEnvelope } from '../shared/sentry/envelope-parse.js';

const TRACE_ID = '6cf173d587eb48568a9b2e12dcfbea52';

function transaction(spans: number) {
  const start = 1742921669.158209;
  return {
    event_id: eventIdFor('transaction', TRACE_ID, String(spans)),
    type: 'transaction',
    transaction: 'GET /api/users/:id',
    transaction_info: { source: 'route' },
    start_timestamp: start,
    timestamp: start + 0.5,
    platform: 'node',
    environment: 'dev',
    release: 'shop@1.2.3',
    sdk: { name: 'otel-sentry-inspector', version: '0.1.0' },
    tags: {
      'service.name': 'users-api',
      'http.method': 'GET',
      span_kind: 'server',
      'host.name': 'dev-laptop',
    },
    contexts: {
      trace: { trace_id: TRACE_ID, span_id: '438f40bd3b4a41ee', op: 'http.server', status: 'ok' },
      otel: { resource: { 'service.name': 'users-api', 'telemetry.sdk.language': 'nodejs' } },
    },
    spans: Array.from({ length: spans }, (_, i) => ({
      trace_id: TRACE_ID,
      span_id: (0x1000000000000000 + i).toString(16).slice(0, 16),
      parent_span_id: '438f40bd3b4a41ee',
      op: i % 2 ? 'db' : 'http.client',
      description: i % 2 ? 'SELECT * FROM users WHERE id = $1 — ünïcödé' : 'GET https://auth.internal/verify',
      start_timestamp: start + i * 0.0004,
      timestamp: start + i * 0.0004 + 0.0003,
      status: 'ok',
      tags: { 'db.system': 'postgresql', 'net.peer.name': 'db.internal' },
      data: { 'db.statement': 'SELECT * FROM users WHERE id = $1', 'server.port': 5432 },
    })),
  };
}

function bench(name: string, fn: () => unknown, bytes: number, baselineOps?: number): number {
  for (let i = 0; i < 2000; i++) fn(); // warm up: let the JIT settle
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < 1000) {
    for (let i = 0; i < 50; i++) fn();
    ops += 50;
    now = performance.now();
  }
  const perSec = (ops * 1000) / (now - start);
  const ratio = baselineOps ? `  ${(perSec / baselineOps).toFixed(2)}× of baseline` : '';
  console.log(
    `  ${name.padEnd(44)} ${perSec.toFixed(0).padStart(8)} envelopes/s  ${((perSec * bytes) / 1e6).toFixed(0).padStart(5)} MB/s${ratio}`,
  );
  return perSec;
}

/** Consumes every result so that no call can be optimised away, without keeping the strings alive. */
let sink = 0;
const use = (s: string | Uint8Array) => {
  sink += s.length;
};
for (const spans of [8, 1000]) {
  const event = transaction(spans);
  const sentAt = '2026-03-01T12:00:00.123Z';
  const trace = dynamicSamplingContext({
    traceId: TRACE_ID,
    publicKey: 'abc',
    transaction: event.transaction,
  });
  const sdk = { name: 'otel-sentry-inspector', version: '0.1.0' };
  const headers = { event_id: event.event_id, sent_at: sentAt, sdk, trace };
  const bytes = JSON.stringify(event).length;
  console.log(`transaction with ${spans} spans (${bytes} bytes of JSON):`);
  const base = bench('JSON.stringify(event) baseline', () => use(JSON.stringify(event)), bytes);
  bench(
    '@sentry/core serializeEnvelope (no length)',
    () =>
      use(
        coreSerializeEnvelope(
          createEnvelope(headers, [[{ type: 'transaction' }, event]] as never) as Envelope,
        ),
      ),
    bytes,
    base,
  );
  bench(
    'ours: serializeEnvelope (with length)',
    () => use(serializeEnvelope(headers, [{ headers: { type: 'transaction' }, payload: event }])),
    bytes,
    base,
  );
  bench(
    'ours: buildEventEnvelope (validates, length)',
    () => use(buildEventEnvelope(event, { sentAt, sdk, trace })),
    bytes,
    base,
  );
}

/** MB/s of `parse` over `text`, best of five timed passes after a warm-up. */
function parseRate(text: string): number {
  parse(text);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    parse(text);
    best = Math.min(best, performance.now() - start);
  }
  return text.length / 1e6 / (best / 1000);
}
function parse(text: string) {
  const parsed = parseEnvelope(text);
  sink += parsed.problems.length + parsed.items.length;
}

// Parsing: what the fake Sentry and the envelope view read. Garbage is the worst case for the problem
// list; the same MB/s at 4 MiB as at 1 MiB means it stays linear.
const MiB = 1 << 20;
const record = 'x\r\n{"type":\n';
const garbage = (bytes: number) => record.repeat(Math.ceil(bytes / record.length));
const event1000 = transaction(1000);
const one = serializeEnvelope({ event_id: event1000.event_id }, [
  { headers: { type: 'transaction' }, payload: event1000 },
]);
const valid = (bytes: number) => {
  const items = one.slice(one.indexOf('\n') + 1);
  return one.slice(0, one.indexOf('\n') + 1) + items.repeat(Math.ceil(bytes / items.length));
};
console.log('parseEnvelope:');
const validRate = parseRate(valid(MiB));
console.log(`  valid envelope, 1 MiB (baseline)            ${validRate.toFixed(0).padStart(6)} MB/s`);
const g1 = parseRate(garbage(MiB));
const g4 = parseRate(garbage(4 * MiB));
console.log(
  `  garbage, 1 MiB                              ${g1.toFixed(0).padStart(6)} MB/s  ${(g1 / validRate).toFixed(2)}× of baseline`,
);
console.log(
  `  garbage, 4 MiB                              ${g4.toFixed(0).padStart(6)} MB/s  ${(g4 / g1).toFixed(2)}× of the 1 MiB rate (1.0 = linear)`,
);
console.log(`(checksum ${sink})`);
