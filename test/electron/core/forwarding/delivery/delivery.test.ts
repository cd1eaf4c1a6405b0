// The delivery service against the local fake Sentry: every scripted fault, rate limits per category,
// permanent errors with body excerpts (and no DSN key anywhere), client reports, concurrency and gzip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDeliveryService,
  type DeliveryEvent,
  type DeliveryService,
  type DeliveryServiceOptions,
  type DeliveryTarget,
} from '../../../../../electron/core/forwarding/delivery/index.js';
import { Outbox } from '../../../../../electron/core/forwarding/delivery/outbox.js';
import { startFakeSentry, type FakeSentry } from '../../../../helpers/fake-sentry.js';
import { fastClock, transactionDelivery } from '../../../../helpers/forward-traces.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Setup {
  sentry: FakeSentry;
  service: DeliveryService;
  target: DeliveryTarget;
  events: DeliveryEvent[];
  dataDir: string;
}

async function setup(
  opts: Partial<DeliveryServiceOptions> = {},
  targetOver: Partial<DeliveryTarget> = {},
): Promise<Setup> {
  const sentry = await startFakeSentry();
  cleanups.push(() => sentry.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'delivery-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  // A clock 50× faster than real time: a 1 s Retry-After passes in 20 ms.
  const clock = fastClock(50);
  const service = await createDeliveryService({
    dataDir,
    now: clock.now,
    timers: clock.timers,
    backoff: { baseMs: 100, maxMs: 1_000 },
    clientReportDelayMs: 50,
    ...opts,
  });
  cleanups.push(() => service.close());
  const target: DeliveryTarget = {
    id: 'dev',
    kind: 'sentry-envelope',
    url: sentry.envelopeUrl(),
    headers: { 'X-Sentry-Auth': sentry.authHeader() },
    redact: [sentry.projects[0]!.publicKey],
    // 5 real seconds on the fast clock: a slow answer on a busy machine is not taken for a timeout (which
    // would send the item again: at least once, as a timed-out request may have arrived).
    timeoutMs: 250_000,
    ...targetOver,
  };
  service.setTargets([target]);
  const events: DeliveryEvent[] = [];
  service.onEvent((e) => events.push(e));
  return { sentry, service, target, events, dataDir };
}

/** Items pending on disk, as a restart would find them. */
function pendingOnDisk(dataDir: string): number {
  return Outbox.inspect(join(dataDir, 'outbox')).items;
}

async function settled(s: Setup, count: number): Promise<void> {
  await s.sentry.waitFor(() => {
    const t = s.service.status().totals;
    return t.sent + t.failed + t.dropped >= count && t.queued === 0;
  });
}

describe('delivery to a healthy Sentry', () => {
  it('delivers each envelope once, gzipped and authenticated, valid against the schemas, and empties the outbox', async () => {
    const s = await setup();
    const items = Array.from({ length: 12 }, (_, i) => transactionDelivery('dev', i));
    const ids = items.map((d) => s.service.enqueue(d));
    expect(new Set(ids).size).toBe(12);
    await settled(s, 12);
    expect(s.sentry.eventIds().sort()).toEqual(items.map((d) => d.eventIds[0]).sort());
    expect(s.sentry.invalid).toEqual([]);
    expect(s.sentry.requests.every((r) => r.gzipped && r.status === 200)).toBe(true);
    expect(pendingOnDisk(s.dataDir)).toBe(0);
    expect(s.service.status().totals).toEqual({ queued: 0, sent: 12, failed: 0, dropped: 0 });
    const sent = s.events.filter((e) => e.type === 'sent');
    expect(sent.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(s.events.filter((e) => e.type === 'queued')).toHaveLength(12);
    expect(s.service.status().targets[0]).toMatchObject({ targetId: 'dev', sent: 12 });
    expect(s.service.status().targets[0]!.lastSuccessAt).toBeGreaterThan(0);
  });

  it('uses an injected fetch instead of node:http when given one (same outcome handling)', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const s = await setup({ fetchImpl: counting });
    s.sentry.failNext({ kind: 'status', status: 500 });
    const d = transactionDelivery('dev', 3);
    s.service.enqueue(d);
    await settled(s, 1);
    expect(calls).toBe(2);
    expect(s.sentry.eventIds()).toEqual(d.eventIds);
    expect(s.sentry.requests.every((r) => r.gzipped)).toBe(true);
  });

  it('keeps at most `concurrency` requests in flight per target', async () => {
    const s = await setup({}, { concurrency: 3 });
    // Every request hangs: what is in flight at once is what the limit allows.
    s.sentry.setFault({ kind: 'timeout' });
    for (let i = 0; i < 10; i++) s.service.enqueue(transactionDelivery('dev', i));
    await s.sentry.waitFor(() => s.sentry.hanging === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.sentry.hanging).toBe(3);
    expect(s.sentry.requests).toHaveLength(3);
  });

  it('refuses items for unknown targets and bad input, naming the problem', async () => {
    const s = await setup();
    expect(() => s.service.enqueue(transactionDelivery('nope', 1))).toThrow(/unknown target "nope"/);
    expect(() =>
      s.service.enqueue({ ...transactionDelivery('dev', 1), category: 'bogus' as 'transaction' }),
    ).toThrow(/unknown category/);
    expect(s.service.status().totals).toEqual({ queued: 0, sent: 0, failed: 0, dropped: 0 });
  });
});

describe('transient faults are retried until delivered', () => {
  it.each([
    ['connection reset', { kind: 'reset' as const }],
    ['timeout', { kind: 'timeout' as const }],
    ['500', { kind: 'status' as const, status: 500 }],
    ['503', { kind: 'status' as const, status: 503 }],
  ])('%s, twice, then success', async (_name, fault) => {
    // 25 s of the test clock are 500 ms of real time: long enough for an answer, short for a hang.
    const s = await setup({}, { timeoutMs: 25_000, concurrency: 1 });
    s.sentry.failNext(fault, fault);
    const d = transactionDelivery('dev', 1);
    const id = s.service.enqueue(d);
    await settled(s, 1);
    expect(s.sentry.eventIds()).toEqual(d.eventIds);
    expect(s.sentry.requests.map((r) => r.fault ?? r.status)).toEqual([fault.kind, fault.kind, 200]);
    const failed = s.events.filter((e) => e.type === 'failed');
    expect(failed).toHaveLength(2);
    for (const f of failed) expect(f).toMatchObject({ id, permanent: false });
    const reason = (failed[0] as { reason: string }).reason;
    if (fault.kind === 'timeout') expect(reason).toMatch(/timed out after 25000 ms/);
    if (fault.kind === 'reset') expect(reason).toMatch(/network error/);
    if (fault.kind === 'status') expect(reason).toMatch(new RegExp(`HTTP ${fault.status}`));
    expect(s.service.status().totals).toEqual({ queued: 0, sent: 1, failed: 0, dropped: 0 });
    expect(s.service.status().targets[0]!.lastError?.reason).toBe(reason);
  });
});

describe('permanent errors', () => {
  it.each([
    [400, 'envelope is malformed'],
    [401, 'invalid key fakepublickey0123456789abcdef00'],
    [403, 'event submission rejected with_reason: ProjectId'],
    [413, 'envelope exceeded size limits'],
  ])('HTTP %i fails the item at once, with the body excerpt and the key masked', async (status, body) => {
    const s = await setup();
    s.sentry.failNext({ kind: 'status', status, body: JSON.stringify({ detail: body }) });
    const id = s.service.enqueue(transactionDelivery('dev', 1));
    await settled(s, 1);
    expect(s.sentry.requests).toHaveLength(1);
    const failed = s.events.find((e) => e.type === 'failed');
    expect(failed).toMatchObject({ id, permanent: true, httpStatus: status });
    const excerpt = (failed as { bodyExcerpt: string }).bodyExcerpt;
    expect(excerpt).toContain(body.replace('fakepublickey0123456789abcdef00', '***'));
    expect(JSON.stringify(s.events)).not.toContain(s.sentry.projects[0]!.publicKey);
    expect(JSON.stringify(s.service.status())).not.toContain(s.sentry.projects[0]!.publicKey);
    expect(s.service.status().totals).toEqual({ queued: 0, sent: 0, failed: 1, dropped: 0 });
    expect(s.service.status().targets[0]!.lastError).toMatchObject({ httpStatus: status });
    expect(pendingOnDisk(s.dataDir)).toBe(0);
  });

  it('an unknown project (the real 403 of the fake, not scripted) is permanent', async () => {
    const sentry = await startFakeSentry();
    cleanups.push(() => sentry.close());
    const s = await setup(
      {},
      { url: sentry.envelopeUrl('999'), headers: { 'X-Sentry-Auth': sentry.authHeader() } },
    );
    s.service.enqueue(transactionDelivery('dev', 1));
    await settled(s, 1);
    expect(s.service.status().targets[0]!.lastError).toMatchObject({
      httpStatus: 403,
      bodyExcerpt: expect.stringContaining('ProjectId'),
    });
  });

  it('a missing X-Sentry-Auth gets the real 401 and fails', async () => {
    const s = await setup({}, { headers: {} });
    s.service.enqueue(transactionDelivery('dev', 1));
    await settled(s, 1);
    expect(s.service.status().totals.failed).toBe(1);
    expect(s.service.status().targets[0]!.lastError?.reason).toMatch(/401/);
  });
});

describe('rate limits', () => {
  it('429 with X-Sentry-Rate-Limits pauses only the limited category; the items go out after it ends', async () => {
    const s = await setup({}, { concurrency: 1 });
    s.sentry.failNext({ kind: 'rate-limit', rateLimits: '20:transaction:key' });
    const tx = transactionDelivery('dev', 1);
    s.service.enqueue(tx);
    await s.sentry.waitFor(() => s.events.some((e) => e.type === 'rate-limited'));
    const limited = s.events.find((e) => e.type === 'rate-limited')!;
    expect(limited).toMatchObject({ categories: ['transaction'] });
    expect(s.service.status().targets[0]!.rateLimitedUntil?.transaction).toBeGreaterThan(0);
    // An error event flows while transactions wait.
    const err = { ...transactionDelivery('dev', 2), category: 'error' as const };
    s.service.enqueue(err);
    await s.sentry.waitFor(() => s.sentry.eventIds().length === 1);
    expect(s.sentry.eventIds()).toEqual(err.eventIds);
    // After the 20 s limit (0.4 s of real time on the test clock) the transaction is delivered.
    await settled(s, 2);
    expect(s.sentry.eventIds()).toEqual([...err.eventIds, ...tx.eventIds]);
    expect(s.service.status().totals).toEqual({ queued: 0, sent: 2, failed: 0, dropped: 0 });
  });

  it('429 with only Retry-After pauses everything for that long', async () => {
    const s = await setup({}, { concurrency: 1 });
    s.sentry.failNext({ kind: 'rate-limit', retryAfter: 30 });
    s.service.enqueue(transactionDelivery('dev', 1));
    await s.sentry.waitFor(() => s.events.some((e) => e.type === 'rate-limited'));
    const limited = s.events.find((e) => e.type === 'rate-limited') as {
      until: number;
      categories: string[];
    };
    expect(limited.categories).toEqual(['all']);
    const errId = s.service.enqueue({ ...transactionDelivery('dev', 2), category: 'error' });
    await s.sentry.waitFor(() => s.events.some((e) => e.type === 'rate-limited' && e.id === errId));
    await settled(s, 2);
    // Nothing was sent before the limit ended: the second request came after `until`.
    expect(s.sentry.requests.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(s.events.find((e) => e.type === 'sent')).toMatchObject({});
    const firstSentAt = (s.events.find((e) => e.type === 'sent') as { at: number }).at;
    expect(firstSentAt).toBeGreaterThanOrEqual(limited.until);
  });

  it('a limit longer than the wait allowance drops the items and reports them to Sentry in a client report', async () => {
    const s = await setup({ maxRateLimitWaitMs: 60_000 });
    s.sentry.failNext({ kind: 'rate-limit', rateLimits: '3600:transaction:org:usage_exceeded' });
    const id = s.service.enqueue(transactionDelivery('dev', 1));
    await s.sentry.waitFor(() => s.sentry.discarded().length > 0);
    await settled(s, 2);
    expect(s.events.find((e) => e.type === 'dropped')).toMatchObject({ id, reason: 'rate_limited' });
    expect(s.sentry.discarded()).toEqual([
      { reason: 'ratelimit_backoff', category: 'transaction', quantity: 1 },
    ]);
    const t = s.service.status().totals;
    // The client report is an envelope of its own: enqueued, and sent.
    expect(t).toEqual({ queued: 0, sent: 1, failed: 0, dropped: 1 });
  });
});

describe('the outbox cap while Sentry is down', () => {
  it('drops the oldest, counts them, keeps the outbox within its cap, and reports queue_overflow after recovery', async () => {
    const one = Buffer.byteLength(transactionDelivery('dev', 0).body as string);
    const cap = one * 10 + 5_000;
    const s = await setup({ maxOutboxBytes: cap, memoryBytes: one * 3 }, { concurrency: 1 });
    s.sentry.setFault({ kind: 'status', status: 503 });
    const items = Array.from({ length: 40 }, (_, i) => transactionDelivery('dev', i));
    for (const d of items) s.service.enqueue(d);
    const dropped = s.events.filter((e) => e.type === 'dropped');
    expect(dropped.length).toBeGreaterThanOrEqual(29);
    expect(dropped.every((e) => e.type === 'dropped' && e.reason === 'outbox_full')).toBe(true);
    const disk = Outbox.inspect(join(s.dataDir, 'outbox'));
    expect(disk.bytes).toBeLessThanOrEqual(cap);
    expect(disk.items).toBe(s.service.status().totals.queued);
    const t = s.service.status().totals;
    expect(t.queued + t.sent + t.failed + t.dropped).toBe(40);
    // Recovery: what was kept is delivered, and Sentry hears how much was lost.
    s.sentry.setFault(undefined);
    await s.sentry.waitFor(() => s.sentry.discarded().length > 0 && s.service.status().totals.queued === 0);
    const delivered = s.sentry.eventIds();
    const droppedEventIds = dropped.flatMap((e) => (e.type === 'dropped' ? e.eventIds : []));
    expect(delivered.length + droppedEventIds.length).toBe(40);
    expect(new Set([...delivered, ...droppedEventIds]).size).toBe(40);
    // The newest survive, the oldest went (but not the first: it was in flight, and is never dropped then).
    expect(delivered).toContain(items[39]!.eventIds[0]);
    expect(delivered).toContain(items[0]!.eventIds[0]);
    expect(droppedEventIds).toContain(items[1]!.eventIds[0]);
    const lost = s.sentry.discarded().reduce((n, d) => n + d.quantity, 0);
    expect(lost).toBe(droppedEventIds.length);
    expect(
      s.sentry.discarded().every((d) => d.reason === 'queue_overflow' && d.category === 'transaction'),
    ).toBe(true);
  });
});

describe('targets', () => {
  it('removing a target drops its queued items (counted, reason target_removed)', async () => {
    const s = await setup({}, { concurrency: 1 });
    s.sentry.setFault({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) s.service.enqueue(transactionDelivery('dev', i));
    s.service.setTargets([]);
    expect(s.events.filter((e) => e.type === 'dropped' && e.reason === 'target_removed')).toHaveLength(3);
    expect(s.service.status()).toEqual({
      totals: { queued: 0, sent: 0, failed: 0, dropped: 3 },
      // Still listed with its counters, so the rows add up to the totals (no limit or error: it is gone).
      targets: [{ targetId: 'dev', queued: 0, sent: 0, failed: 0, dropped: 3 }],
    });
    expect(pendingOnDisk(s.dataDir)).toBe(0);
  });
});
