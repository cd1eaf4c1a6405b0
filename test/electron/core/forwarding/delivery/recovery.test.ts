// 30 s of failures (resets, 500s, 502s, 503s; timeouts are covered in delivery.test.ts) while traces keep coming, then recovery: nothing is
// lost and nothing arrives twice. Runs on a clock 20× faster than real time (the 30 s take 1.5 s), with
// the service's default backoff (1 s doubling to 30 s, with jitter).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  createDeliveryService,
  type DeliveryEvent,
} from '../../../../../electron/core/forwarding/delivery/index.js';
import { Outbox } from '../../../../../electron/core/forwarding/delivery/outbox.js';
import { startFakeSentry, type Fault } from '../../../../helpers/fake-sentry.js';
import { fastClock, transactionDelivery } from '../../../../helpers/forward-traces.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('30 s of failures then recovery loses nothing and duplicates nothing', async () => {
  const clock = fastClock(20);
  const sentry = await startFakeSentry();
  cleanups.push(() => sentry.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'delivery-recovery-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const service = await createDeliveryService({ dataDir, now: clock.now, timers: clock.timers });
  cleanups.push(() => service.close());
  service.setTargets([
    {
      id: 'dev',
      kind: 'sentry-envelope',
      url: sentry.envelopeUrl(),
      headers: { 'X-Sentry-Auth': sentry.authHeader() },
      // 100 s on this clock = 5 s of real time: a slow answer on a busy machine is not a timeout.
      timeoutMs: 100_000,
    },
  ]);
  const events: DeliveryEvent[] = [];
  service.onEvent((e) => events.push(e));

  const t0 = clock.now();
  const faults: Fault[] = [
    { kind: 'reset' },
    { kind: 'status', status: 500 },
    { kind: 'status', status: 502 },
    { kind: 'status', status: 503 },
  ];
  let n = 0;
  let lastFailureAt = 0;
  // The outage starts with the first request and lasts 30 s.
  let outageStart = 0;
  sentry.setFault(() => {
    if (!outageStart) outageStart = clock.now();
    if (clock.now() - outageStart >= 30_000) return undefined;
    lastFailureAt = clock.now();
    return faults[n++ % faults.length];
  });

  // Traces keep arriving through the outage: 5 every virtual second for 30 s.
  let next = 0;
  while (clock.now() - t0 < 30_000) {
    for (let i = 0; i < 5; i++) service.enqueue(transactionDelivery('dev', next++));
    await new Promise((r) => setTimeout(r, 10));
  }
  const total = next;
  await sentry.waitFor(() => service.status().totals.queued === 0, 30_000);

  const expected = Array.from({ length: total }, (_, i) => transactionDelivery('dev', i).eventIds[0]!);
  const got = sentry.eventIds();
  expect(got).toHaveLength(total);
  expect([...got].sort()).toEqual([...expected].sort());
  expect(service.status().totals).toEqual({ queued: 0, sent: total, failed: 0, dropped: 0 });
  // It really failed for (close to) 30 s, and retried many times with backoff, not in a hot loop.
  const firstSent = events.find((e) => e.type === 'sent') as { at: number };
  expect(firstSent.at - outageStart).toBeGreaterThanOrEqual(30_000);
  expect(lastFailureAt).toBeGreaterThan(outageStart);
  const failures = sentry.requests.filter((r) => r.status !== 200).length;
  expect(failures).toBeGreaterThanOrEqual(4);
  expect(failures).toBeLessThan(100);
  expect(events.filter((e) => e.type === 'failed' && e.permanent)).toEqual([]);
  expect(Outbox.inspect(join(dataDir, 'outbox')).items).toBe(0);
});
