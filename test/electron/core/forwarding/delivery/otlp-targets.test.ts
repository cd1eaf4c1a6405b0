// OTLP targets (a plain OTLP/HTTP backend and Sentry's OTLP endpoint): items are batched like the
// collector's batch processor, merged without decoding, and what arrives decodes, with this project's own
// OTLP decoders, into exactly the spans that were sent, span for span.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDeliveryService,
  type DeliveryServiceOptions,
  type DeliveryTarget,
  type NewDelivery,
} from '../../../../../electron/core/forwarding/delivery/index.js';
import { startFakeSentry } from '../../../../helpers/fake-sentry.js';
import { expectedSpans, realisticRequest, toOtlpJson } from '../../../../helpers/otlp-payloads.js';
import { encodeTraceRequest } from '../../../../helpers/otlp-proto.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  target: (s: Awaited<ReturnType<typeof startFakeSentry>>) => DeliveryTarget,
  opts: Partial<DeliveryServiceOptions> = {},
) {
  const sentry = await startFakeSentry();
  cleanups.push(() => sentry.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'delivery-otlp-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const service = await createDeliveryService({ dataDir, ...opts });
  cleanups.push(() => service.close());
  service.setTargets([target(sentry)]);
  return { sentry, service };
}

const key = (s: { traceId: string; spanId: string }) => `${s.traceId}/${s.spanId}`;

function otlpItem(targetId: string, contentType: string, body: Uint8Array): NewDelivery {
  return { targetId, traceIds: [], eventIds: [], category: 'otlp', contentType, body };
}

describe.each([
  ['protobuf', 'application/x-protobuf'],
  ['JSON', 'application/json'],
])('OTLP/%s', (_name, contentType) => {
  const body = (seed: number) => {
    const req = realisticRequest(6, seed);
    const bytes =
      contentType === 'application/json'
        ? new TextEncoder().encode(JSON.stringify(toOtlpJson(req)))
        : encodeTraceRequest(req);
    return { bytes, spans: expectedSpans(req) };
  };

  it('items that wait together go out as one request; the backend receives every span once', async () => {
    const { sentry, service } = await setup(
      (s) => ({ id: 'jaeger', kind: 'otlp-http', url: s.otlpHttpUrl, headers: { 'x-team': 'a' } }),
      { batch: { windowMs: 100 } },
    );
    const sent = Array.from({ length: 20 }, (_, i) => body(i + 1));
    for (const b of sent) service.enqueue(otlpItem('jaeger', contentType, b.bytes));
    await sentry.waitFor(() => service.status().totals.queued === 0);
    expect(sentry.invalid).toEqual([]);
    // 20 items, well under the size limit, enqueued within the window: one request.
    expect(sentry.requests).toHaveLength(1);
    expect(sentry.requests[0]!.gzipped).toBe(true);
    expect(sentry.otlp[0]!.headers['x-team']).toBe('a');
    const got = sentry.otlp.flatMap((o) => o.spans);
    const want = sent.flatMap((b) => b.spans);
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
    expect(got).toHaveLength(want.length);
    expect(service.status().totals).toEqual({ queued: 0, sent: 20, failed: 0, dropped: 0 });
  });

  it('a batch is cut at maxItems', async () => {
    const { sentry, service } = await setup(
      (s) => ({ id: 'jaeger', kind: 'otlp-http', url: s.otlpHttpUrl, headers: {}, concurrency: 1 }),
      { batch: { windowMs: 50, maxItems: 4 } },
    );
    for (let i = 0; i < 10; i++) service.enqueue(otlpItem('jaeger', contentType, body(i + 1).bytes));
    await sentry.waitFor(() => service.status().totals.queued === 0);
    // 6 spans per item, at most 4 items per request.
    const sizes = sentry.otlp.map((o) => o.spans.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(60);
    expect(sizes.every((n) => n <= 24)).toBe(true);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
  });
});

it("Sentry's OTLP endpoint: authenticated, span for span; discards are reported to the project's envelope endpoint", async () => {
  const { sentry, service } = await setup(
    (s) => ({
      id: 'sentry-otlp',
      kind: 'sentry-otlp',
      url: s.otlpUrl(),
      headers: { 'X-Sentry-Auth': s.authHeader() },
      concurrency: 1,
    }),
    { batch: { windowMs: 10 }, maxRateLimitWaitMs: 1_000, clientReportDelayMs: 10 },
  );
  const req = realisticRequest(5, 7);
  service.enqueue({
    ...otlpItem('sentry-otlp', 'application/x-protobuf', encodeTraceRequest(req)),
    quantity: 5,
  });
  await sentry.waitFor(() => service.status().totals.queued === 0);
  expect(sentry.otlp[0]!.spans.map(key).sort()).toEqual(expectedSpans(req).map(key).sort());

  // A long span quota limit: the next item is dropped and Sentry hears of 5 spans lost.
  sentry.failNext({ kind: 'rate-limit', rateLimits: '3600:span:organization:usage_exceeded' });
  service.enqueue({
    ...otlpItem('sentry-otlp', 'application/x-protobuf', encodeTraceRequest(realisticRequest(5, 8))),
    quantity: 5,
  });
  await sentry.waitFor(() => sentry.discarded().length > 0 && service.status().totals.queued === 0);
  expect(sentry.discarded()).toEqual([{ reason: 'ratelimit_backoff', category: 'span', quantity: 5 }]);
  expect(sentry.envelopes.at(-1)!.projectId).toBe('1');
  expect(service.status().totals).toEqual({ queued: 0, sent: 2, failed: 0, dropped: 1 });
});
