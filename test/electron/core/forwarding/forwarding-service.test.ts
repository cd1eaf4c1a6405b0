// The routing side against an in-memory delivery service: sampling on "trace completed", late spans as a
// second counted decision, per-trace status from delivery events, settings persistence with a sealing codec.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardingService } from '../../../../electron/core/forwarding/forwarding-service.js';
import type { SecretCodec } from '../../../../electron/core/forwarding/secret-codec.js';
import { defaultSettings, loadSettings, SettingsService } from '../../../../electron/core/settings/index.js';
import { SpanStore } from '../../../../electron/core/store/span-store.js';
import { RecordingDelivery } from '../../../helpers/recording-delivery.js';
import { batch, DSN, KEY, traces } from './fixtures.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function setup(opts: { codec?: SecretCodec | null; dataDir?: string } = {}) {
  let now = 1_800_000_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const store = new SpanStore({ now: clock.now, idleTimeoutMs: 1000 });
  const delivery = new RecordingDelivery(clock.now);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'osi-fwd-'));
  if (!opts.dataDir) cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const settings = new SettingsService(dataDir, { ...defaultSettings(), ...(await loadSettings(dataDir)) });
  const service = new ForwardingService({
    store,
    delivery,
    settings,
    codec: opts.codec ?? null,
    now: clock.now,
  });
  cleanup.push(() => {
    service.close();
    store.close();
  });
  /** Lets the idle window pass and runs the sampler on what completed. */
  const complete = async () => {
    clock.advance(1001);
    store.checkIdle();
    await service.decideCompleted();
  };
  return { store, delivery, settings, service, clock, dataDir, complete };
}

describe('automatic tail sampling', () => {
  it('is off by default: completed traces are not sent', async () => {
    const { store, delivery, service, complete } = await setup();
    await service.putTarget('s', { kind: 'sentry-envelope', dsn: DSN });
    store.ingest(batch(traces(3).spans));
    await complete();
    expect(delivery.items).toEqual([]);
    expect(service.status().sampler.decisions).toBe(0);
  });

  it('sends kept traces to every enabled target, with the reason on the trace', async () => {
    const { store, delivery, service, complete } = await setup();
    await service.putTarget('s', { kind: 'sentry-envelope', dsn: DSN });
    await service.putTarget('o', { kind: 'otlp-http', url: 'http://127.0.0.1:9/v1/traces' });
    await service.putTarget('off', {
      kind: 'otlp-http',
      url: 'http://127.0.0.1:9/v1/traces',
      enabled: false,
    });
    await service.putSampling({
      enabled: true,
      percentage: 0,
      include: [{ field: 'spanName', value: 'GET /api/orders' }],
    });
    const t = traces(12);
    store.ingest(batch(t.spans));
    await complete();
    const kept = t.ids.filter((id) => {
      const spans = t.byId.get(id)!;
      return spans.some((s) => s.status.code === 2 || s.name === 'GET /api/orders');
    });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(12);
    const sentTraces = (target: string) =>
      [...new Set(delivery.items.filter((i) => i.targetId === target).flatMap((i) => i.traceIds))].sort();
    expect(sentTraces('s')).toEqual([...kept].sort());
    expect(sentTraces('o')).toEqual([...kept].sort());
    expect(sentTraces('off')).toEqual([]);
    const s = service.status().sampler;
    expect(s.decisions).toBe(12);
    expect(s.kept).toBe(kept.length);
    expect(s.kept + s.dropped).toBe(12);
    const summary = store.getSummary(kept[0]!)!;
    expect(summary.forwarding?.state).toBe('queued');
    expect(['error', 'included']).toContain(summary.forwarding?.sampling?.reason);
    const dropped = t.ids.find((id) => !kept.includes(id))!;
    expect(store.getSummary(dropped)!.forwarding).toMatchObject({
      state: 'not-sent',
      sampling: { keep: false, reason: 'percentage-dropped', decisions: 1 },
    });
  });

  it('late spans make a second, counted decision and only they are sent', async () => {
    const { store, delivery, service, complete } = await setup();
    await service.putTarget('o', { kind: 'otlp-http', url: 'http://127.0.0.1:9/v1/traces' });
    await service.putSampling({ enabled: true, percentage: 100 });
    const t = traces(1);
    const spans = t.byId.get(t.ids[0]!)!;
    store.ingest(batch(spans.slice(0, 2)));
    await complete();
    store.ingest(batch(spans.slice(2)));
    await complete();
    expect(service.status().sampler).toMatchObject({ decisions: 2, lateDecisions: 1 });
    expect(store.getSummary(t.ids[0]!)!.forwarding?.sampling?.decisions).toBe(2);
    const bodies = delivery.items.map(
      (i) =>
        JSON.parse(i.body as string) as {
          resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[];
        },
    );
    const ids = bodies.map((b) =>
      b.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((x) => x.spanId))),
    );
    expect(ids).toEqual([spans.slice(0, 2).map((s) => s.spanId), spans.slice(2).map((s) => s.spanId)]);
  });
});

describe('status from delivery events', () => {
  it('follows each trace through queued, sent, failed and rate-limited; counters add up', async () => {
    const { store, delivery, service, clock } = await setup();
    await service.putTarget('s', { kind: 'sentry-envelope', dsn: DSN });
    const t = traces(3);
    store.ingest(batch(t.spans));
    const [a, b, c] = t.ids as [string, string, string];
    const r = await service.forward({ traceIds: [a, b, c] });
    expect(r.traces.map((x) => x.targets[0]!.outcome)).toEqual(['queued', 'queued', 'queued']);
    const itemsOf = (id: string) => delivery.items.filter((i) => i.traceIds.includes(id));
    for (const i of itemsOf(a)) delivery.send(i.id);
    delivery.fail(
      itemsOf(b)[0]!.id,
      `HTTP 403: project key ${KEY} disabled`,
      403,
      `{"detail":"key ${KEY} disabled"}`,
    );
    delivery.rateLimit(itemsOf(c)[0]!.id, clock.now() + 60_000);
    expect(store.getSummary(a)!.forwarding).toMatchObject({
      state: 'sent',
      targets: [{ targetId: 's', state: 'sent', eventIds: itemsOf(a).flatMap((i) => i.eventIds) }],
    });
    const failed = store.getSummary(b)!.forwarding!;
    expect(failed.state).toBe('failed');
    expect(failed.targets[0]!.reason).toBe('HTTP 403: project key **** disabled');
    expect(failed.targets[0]).toMatchObject({ httpStatus: 403 });
    expect(store.getSummary(c)!.forwarding).toMatchObject({
      state: 'rate-limited',
      targets: [{ rateLimitedUntil: clock.now() + 60_000 }],
    });
    const st = service.status();
    const total = delivery.items.length;
    expect(st.counters.queued + st.counters.sent + st.counters.failed + st.counters.dropped).toBe(total);
    expect(st.targets[0]!.lastError).toMatchObject({ httpStatus: 403 });
    expect(JSON.stringify(st)).not.toContain(KEY);
  });
});

describe('selective send', () => {
  it('each status change reaches the live stream as an upserted summary', async () => {
    const { store, delivery, service } = await setup();
    await service.putTarget('s', { kind: 'sentry-envelope', dsn: DSN });
    const t = traces(2);
    store.ingest(batch(t.spans));
    const feed = store.subscribe(() => undefined);
    feed.take();
    await service.forward({ traceIds: [t.ids[0]!] });
    const queued = feed.take().upserted;
    expect(queued.map((s) => [s.traceId, s.forwarding?.state])).toEqual([[t.ids[0], 'queued']]);
    delivery.sendAll();
    const sent = feed.take().upserted;
    expect(sent.map((s) => [s.traceId, s.forwarding?.state])).toEqual([[t.ids[0], 'sent']]);
    expect(sent[0]!.revision).toBeGreaterThan(queued[0]!.revision);
    feed.close();
  });

  it('two requests for the same trace at once queue it once', async () => {
    const { store, delivery, service } = await setup();
    await service.putTarget('s', { kind: 'sentry-envelope', dsn: DSN });
    const t = traces(1);
    store.ingest(batch(t.spans));
    const [a, b] = await Promise.all([
      service.forward({ traceIds: t.ids }),
      service.forward({ traceIds: t.ids }),
    ]);
    expect([a, b].map((r) => r.traces[0]!.targets[0]!.outcome).sort()).toEqual(['already-queued', 'queued']);
    const queued = a.traces[0]!.targets[0]!.outcome === 'queued' ? a : b;
    expect(delivery.items.flatMap((i) => i.eventIds)).toEqual(queued.traces[0]!.targets[0]!.eventIds);
  });
});

describe('settings', () => {
  const fakeCodec: SecretCodec = {
    name: 'fake-keychain',
    seal: (s) => Buffer.from(s).toString('base64').split('').reverse().join(''),
    open: (s) => Buffer.from(s.split('').reverse().join(''), 'base64').toString(),
  };

  it('keeps targets in settings.json (mode 0600), sealed by the codec, and reads them back', async () => {
    const first = await setup({ codec: fakeCodec });
    await first.service.putTarget('s', { kind: 'sentry-envelope', dsn: DSN, environment: 'dev' });
    await first.service.putSampling({ enabled: true, percentage: 5 });
    const file = join(first.dataDir, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).toContain('fake-keychain');
    const again = await setup({ codec: fakeCodec, dataDir: first.dataDir });
    expect(again.service.target('s')).toMatchObject({ dsn: DSN, environment: 'dev' });
    expect(again.service.samplingRules()).toMatchObject({ enabled: true, percentage: 5 });
    // Read by a process without the keychain (e.g. the CLI): reported, not fatal.
    const headless = await setup({ codec: null, dataDir: first.dataDir });
    expect(headless.service.target('s')).toBeUndefined();
    expect(headless.service.response().problems).toEqual([
      { id: 's', problem: expect.stringContaining('encrypted by fake-keychain') as string },
    ]);
  });

  it('without a codec writes the DSN into the 0600 file and says so', async () => {
    const { service, dataDir } = await setup();
    await service.putTarget('s', { kind: 'sentry-envelope', dsn: DSN });
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toContain(DSN);
    expect(service.response().secretStorage).toBe('plain-0600');
  });

  it('refuses a bad target naming the field and changes nothing', async () => {
    const { service } = await setup();
    await expect(
      service.putTarget('s', { kind: 'sentry-envelope', dsn: `https://${KEY}@host/abc` }),
    ).rejects.toThrow(/dsn \(projectId\)/);
    expect(service.response().targets).toEqual([]);
  });

  it('removing a target drops its queued items (counted)', async () => {
    const { store, service } = await setup();
    await service.putTarget('o', { kind: 'otlp-http', url: 'http://127.0.0.1:9/v1/traces' });
    const t = traces(1);
    store.ingest(batch(t.spans));
    await service.forward({ traceIds: t.ids });
    await service.deleteTarget('o');
    expect(service.status().counters).toMatchObject({ queued: 0, dropped: 1 });
    expect(store.getSummary(t.ids[0]!)!.forwarding?.targets[0]).toMatchObject({
      state: 'failed',
      reason: 'dropped: target removed',
    });
  });
});
