// The forwarding routes on a real inspector (real store, API server and receivers) with an in-memory
// delivery service standing in for the network side.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ForwardingResponse,
  ForwardResponse,
  SamplingSimulateResponse,
  SentryPreviewResponse,
  TraceResponse,
} from '../../../../shared/api/contract.js';
import { routes } from '../../../../shared/api/contract.js';
import type { RunningInspector } from '../../../../electron/core/inspector.js';
import { RecordingDelivery } from '../../../helpers/recording-delivery.js';
import { batch, callApi, DSN, KEY, startTestInspector, traces } from './fixtures.js';

let inspector: RunningInspector;
let delivery: RecordingDelivery;
let dataDir: string;
/** Every response body of this test, to check none holds the DSN key. */
let seen: string[];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'osi-fwd-api-'));
  delivery = new RecordingDelivery();
  seen = [];
  inspector = await startTestInspector({ dataDir, createDelivery: () => Promise.resolve(delivery) });
});
afterEach(async () => {
  await inspector.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const body of seen) expect(body).not.toContain(KEY);
});

function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return callApi<T>(inspector, seen, method, path, body);
}

const SENT_AT = /"sent_at":"[^"]+"/;

describe('targets', () => {
  it('PUT stores, GET masks, a bad DSN is refused naming the field, DELETE removes', async () => {
    const put = await call('PUT', routes.forwardingTarget('dev'), {
      kind: 'sentry-envelope',
      dsn: DSN,
      release: '1.2.3',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id: 'dev',
      dsn: 'http://****@127.0.0.1:9/42',
      endpoint: 'http://127.0.0.1:9/api/42/envelope/',
    });
    const spotlight = await call('PUT', routes.forwardingTarget('spotlight'), {
      kind: 'sentry-envelope',
      dsn: 'http://spotlight@localhost:8969/0',
    });
    expect(spotlight.body).toMatchObject({ endpoint: 'http://localhost:8969/api/0/envelope/' });
    const bad = await call<{ error: string }>('PUT', routes.forwardingTarget('x'), {
      kind: 'sentry-otlp',
      dsn: `https://${KEY}@sentry.io`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('dsn (projectId)');
    const get = await call<ForwardingResponse>('GET', routes.forwarding());
    expect(get.body.targets.map((t) => t.id)).toEqual(['dev', 'spotlight']);
    expect(get.body.status.counters).toEqual({ queued: 0, sent: 0, failed: 0, dropped: 0 });
    expect(delivery.targets.map((t) => t.id)).toEqual(['dev', 'spotlight']);
    // The settings file holds it (0600, checked in the service test); GET /settings does not show it.
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toContain(KEY);
    const settings = await call<{ settings: Record<string, unknown> }>('GET', routes.settings());
    expect(settings.body.settings.forwarding).toBeUndefined();
    expect((await call('PUT', routes.settings(), { forwarding: {} })).status).toBe(400);
    expect((await call('DELETE', routes.forwardingTarget('spotlight'))).status).toBe(200);
    expect((await call('DELETE', routes.forwardingTarget('spotlight'))).status).toBe(404);
    const test = await call<{ ok: boolean }>('POST', routes.forwardingTargetTest('dev'));
    expect(test.body.ok).toBe(true);
    expect(delivery.tested[0]!.headers['X-Sentry-Auth']).toContain(KEY);
  });
});

describe('POST /forward', () => {
  it('queues exactly the chosen traces once, answers per trace, resends only when asked', async () => {
    await call('PUT', routes.forwardingTarget('dev'), { kind: 'sentry-envelope', dsn: DSN });
    const t = traces(4);
    inspector.store.ingest(batch(t.spans));
    const [a, b] = t.ids as [string, string];
    const missing = 'f'.repeat(32);
    const first = await call<ForwardResponse>('POST', routes.forward(), { traceIds: [a, b, missing] });
    expect(first.status).toBe(200);
    expect(first.body.traces.map((x) => [x.traceId, x.outcome, x.targets[0]?.outcome])).toEqual([
      [a, 'ok', 'queued'],
      [b, 'ok', 'queued'],
      [missing, 'not-found', undefined],
    ]);
    expect([...new Set(delivery.items.flatMap((i) => i.traceIds))].sort()).toEqual([a, b].sort());
    const queuedCount = delivery.items.length;
    const again = await call<ForwardResponse>('POST', routes.forward(), { traceIds: [a] });
    expect(again.body.traces[0]!.targets[0]!.outcome).toBe('already-queued');
    delivery.sendAll();
    const sent = await call<ForwardResponse>('POST', routes.forward(), { traceIds: [a] });
    const firstIds = first.body.traces[0]!.targets[0]!.eventIds;
    expect(sent.body.traces[0]!.targets[0]).toMatchObject({ outcome: 'already-sent', eventIds: firstIds });
    expect(delivery.items.length).toBe(queuedCount);
    const dry = await call<ForwardResponse>('POST', routes.forward(), {
      traceIds: [a],
      resend: true,
      dryRun: true,
    });
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.traces[0]!.targets[0]!.outcome).toBe('would-send');
    expect(dry.body.traces[0]!.targets[0]!.items![0]!.body).toContain('http://****@127.0.0.1:9/42');
    expect(delivery.items.length).toBe(queuedCount);
    const resend = await call<ForwardResponse>('POST', routes.forward(), { traceIds: [a], resend: true });
    const newIds = resend.body.traces[0]!.targets[0]!.eventIds;
    expect(resend.body.traces[0]!.targets[0]!.outcome).toBe('queued');
    expect(newIds).toEqual(dry.body.traces[0]!.targets[0]!.eventIds);
    expect(newIds.some((id) => firstIds.includes(id))).toBe(false);
    // Status in the trace list and per target.
    const trace = await call<TraceResponse>('GET', routes.trace(a));
    expect(trace.body.summary.forwarding).toMatchObject({
      state: 'queued',
      targets: [{ targetId: 'dev', sends: 2 }],
    });
    const fw = await call<ForwardingResponse>('GET', routes.forwarding());
    const c = fw.body.status.counters;
    expect(c.queued + c.sent + c.failed + c.dropped).toBe(delivery.items.length);
  });

  it('refuses bad requests naming the field', async () => {
    const none = await call<{ error: string }>('POST', routes.forward(), { traceIds: ['a'.repeat(32)] });
    expect(none.body.error).toContain('no forwarding target');
    await call('PUT', routes.forwardingTarget('dev'), { kind: 'sentry-envelope', dsn: DSN });
    const cases: [unknown, string][] = [
      [{}, 'traceIds must be a non-empty array'],
      [{ traceIds: ['xyz'] }, 'traceIds[0] must be 32 hex digits'],
      [{ traceIds: ['a'.repeat(32)], targetIds: ['nope'] }, 'targetIds[0]: no forwarding target "nope"'],
      [{ traceIds: ['a'.repeat(32)], dryRun: 'yes' }, 'dryRun must be true or false'],
      [{ traceIds: ['a'.repeat(32)], force: true }, 'force is not a forward field'],
    ];
    for (const [body, message] of cases) {
      const r = await call<{ error: string }>('POST', routes.forward(), body);
      expect(r.status).toBe(400);
      expect(r.body.error).toContain(message);
    }
  });

  it('forwards byte for byte what the preview with that target shows (event IDs and sent_at aside)', async () => {
    await call('PUT', routes.forwardingTarget('dev'), {
      kind: 'sentry-envelope',
      dsn: DSN,
      environment: 'staging',
      options: { spanData: false },
      resourceRules: [{ key: 'service.name', action: 'upsert', value: 'renamed-service' }],
    });
    const t = traces(3);
    inspector.store.ingest(batch(t.spans));
    for (const id of t.ids) {
      await call('POST', routes.forward(), { traceIds: [id] });
      const preview = await call<SentryPreviewResponse>('GET', `${routes.sentry(id)}?target=dev`);
      expect(preview.status).toBe(200);
      const sent = delivery.items.filter((i) => i.traceIds.includes(id)).map((i) => i.body as string);
      expect(sent.length).toBe(preview.body.envelopes.length);
      expect(sent.length).toBeGreaterThan(0);
      sent.forEach((body, n) => {
        expect(body).toContain(KEY);
        const masked = body.split(KEY).join('****').replace(SENT_AT, '');
        expect(masked).toBe(preview.body.envelopes[n]!.text.replace(SENT_AT, ''));
      });
      expect(preview.body.envelopes[0]!.text).toContain('renamed-service');
      expect(preview.body.envelopes[0]!.text).toContain('"environment":"staging"');
    }
    const named = await call('GET', `${routes.sentry(t.ids[0]!)}?target=dev&profile=collector`);
    expect(named.status).toBe(200);
    for (const q of ['profile=sentry-otlp', 'dsn=x', 'spanData=true']) {
      const bad = await call<{ error: string }>('GET', `${routes.sentry(t.ids[0]!)}?target=dev&${q}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain(`bad parameter '${q.split('=')[0]!}'`);
    }
  });

  it('OTLP targets send OTLP that our own receiver accepts span for span', async () => {
    const other = await startTestInspector({ createDelivery: null });
    try {
      await call('PUT', routes.forwardingTarget('jaeger'), {
        kind: 'otlp-http',
        url: `http://127.0.0.1:${other.http.port}/v1/traces`,
        headers: { 'x-tenant': 'team-a' },
      });
      const t = traces(2);
      inspector.store.ingest(batch(t.spans));
      await call('POST', routes.forward(), { traceIds: t.ids });
      for (const item of delivery.items) {
        const res = await fetch(delivery.targets[0]!.url, {
          method: 'POST',
          headers: { 'Content-Type': item.contentType, ...delivery.targets[0]!.headers },
          body: item.body as string,
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({});
      }
      for (const id of t.ids)
        expect(other.store.getTrace(id)!.spans).toEqual(inspector.store.getTrace(id)!.spans);
    } finally {
      await other.close();
    }
  });
});

describe('sampling', () => {
  it('PUT sampling validates; simulate counts what current or proposed rules keep', async () => {
    const bad = await call<{ error: string }>('PUT', routes.forwardingSampling(), { percentage: 120 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('percentage must be a number from 0 to 100');
    const put = await call('PUT', routes.forwardingSampling(), { percentage: 0 });
    expect(put.body).toMatchObject({ enabled: false, percentage: 0, keepErrors: true });
    const t = traces(30);
    inspector.store.ingest(batch(t.spans));
    const errors = t.ids.filter((id) => t.byId.get(id)!.some((s) => s.status.code === 2)).length;
    expect(errors).toBeGreaterThan(0);
    const current = await call<SamplingSimulateResponse>('GET', routes.samplingSimulate());
    expect(current.body).toMatchObject({ total: 30, kept: errors, dropped: 30 - errors });
    expect(current.body.byReason.error).toBe(errors);
    const proposed = encodeURIComponent(
      JSON.stringify({ percentage: 100, exclude: [{ field: 'spanName', value: 'GET /health' }] }),
    );
    const sim = await call<SamplingSimulateResponse>(
      'GET',
      `${routes.samplingSimulate()}?rules=${proposed}&limit=5`,
    );
    const health = t.ids.filter((id) => t.byId.get(id)!.some((s) => s.name === 'GET /health')).length;
    expect(health).toBeGreaterThan(0);
    expect(sim.body.byReason.excluded).toBe(health);
    expect(sim.body.kept).toBe(30 - health);
    expect(sim.body.decisions).toHaveLength(5);
    expect((await call('GET', `${routes.samplingSimulate()}?rules=%7B`)).status).toBe(400);
  });
});
