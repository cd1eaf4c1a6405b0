import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ErrorResponse,
  ReceiversResponse,
  SettingsResponse,
  SpanListResponse,
  StatsResponse,
  StreamMessage,
  TraceGroupResponse,
  TraceListResponse,
  TraceResponse,
  TraceSummary,
} from '../../../../shared/api/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/core/api/server.js';
import { batch, makeSpan, traceId, traceSpans } from '../store/fixtures.js';
import { request } from './http-client.js';
import { FAKE_ICON, startHarness, TOKEN, type Harness } from './api-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ maxSpans: 1000 });
});
afterEach(async () => {
  await h.close();
});

const auth = { Authorization: `Bearer ${TOKEN}` };
const api = (path: string, method = 'GET', headers: Record<string, string> = auth) =>
  request(`${h.base}/api/v1${path}`, { method, headers });

describe('API access control', () => {
  it.each([
    ['no token', {}, '/stats', 401],
    ['wrong bearer', { Authorization: 'Bearer nope' }, '/stats', 401],
    ['bearer', auth, '/stats', 200],
    ['lowercase scheme', { Authorization: `bearer ${TOKEN}` }, '/stats', 200],
    ['query token', {}, `/stats?token=${TOKEN}`, 200],
    ['wrong query token', {}, `/stats?token=${TOKEN}x`, 401],
    ['basic auth is not the token', { Authorization: `Basic ${TOKEN}` }, '/stats', 401],
  ])('%s → %s', async (_name, headers, path, status) => {
    const r = await api(path, 'GET', headers);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    if (status === 401) expect(r.json<ErrorResponse>().error).toMatch(/token/);
  });

  it.each([
    ['evil.example', 403],
    ['evil.example:4320', 403],
    ['localhost.evil.example', 403],
    ['127.0.0.1.nip.io', 403],
    ['localhost:4320', 200],
    ['127.0.0.1:4320', 200],
    ['[::1]:4320', 200],
    ['192.168.1.5:4320', 200],
    ['[fe80::1]:4320', 200],
  ])('Host %s → %s (DNS rebinding guard)', async (host, status) => {
    const r = await api('/stats', 'GET', { ...auth, Host: host });
    expect(r.status).toBe(status);
  });

  it.each([
    ['https://evil.example', 403],
    ['http://localhost.evil.example', 403],
    ['null', 403],
    ['http://localhost:5173', 200],
    ['http://127.0.0.1:4320', 200],
    ['http://[::1]:4320', 200],
  ])('Origin %s → %s', async (origin, status) => {
    for (const method of ['GET', 'DELETE']) {
      const r = await api(method === 'GET' ? '/stats' : '/traces', method, { ...auth, Origin: origin });
      expect(r.status).toBe(status);
    }
  });

  it('refuses a foreign Origin even with the right token, and never sends CORS headers', async () => {
    h.store.ingest(batch(traceSpans(1, 1)));
    const r = await api('/traces', 'DELETE', { ...auth, Origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(h.store.counters().stored).toBe(1);
    const ok = await api('/traces', 'GET', { ...auth, Origin: 'http://localhost:4320' });
    expect(Object.keys(ok.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });
});

describe('API routes', () => {
  it('lists, filters and pages traces', async () => {
    for (let t = 1; t <= 5; t++)
      h.store.ingest(
        batch([makeSpan({ trace: t, span: 1, service: t % 2 ? 'odd' : 'even', error: t === 3 })]),
      );
    const all = (await api('/traces?limit=2')).json<TraceListResponse>();
    expect(all.total).toBe(5);
    expect(all.traces.map((t) => t.traceId)).toEqual([traceId(5), traceId(4)]);
    const next = (await api(`/traces?limit=2&cursor=${all.nextCursor}`)).json<TraceListResponse>();
    expect(next.traces.map((t) => t.traceId)).toEqual([traceId(3), traceId(2)]);
    const odd = (await api('/traces?service=odd&errorsOnly=true')).json<TraceListResponse>();
    expect(odd.traces.map((t) => t.traceId)).toEqual([traceId(3)]);
    expect((await api('/traces?q=span%201&minDurationMs=5')).json<TraceListResponse>().total).toBe(5);
  });

  it('sorts over the whole store with sort and dir, and filters by root service + name', async () => {
    for (let t = 1; t <= 6; t++)
      h.store.ingest(
        batch([
          makeSpan({
            trace: t,
            span: 1,
            name: t % 2 ? 'GET /odd' : 'GET /even',
            durationMs: [30, 10, 60, 20, 50, 40][t - 1],
            error: t === 2,
          }),
        ]),
      );
    const page1 = (await api('/traces?sort=duration&dir=desc&limit=2')).json<TraceListResponse>();
    expect(page1.traces.map((t) => t.durationMs)).toEqual([60, 50]);
    const page2 = (
      await api(`/traces?sort=duration&dir=desc&limit=2&cursor=${page1.nextCursor}`)
    ).json<TraceListResponse>();
    expect(page2.traces.map((t) => t.durationMs)).toEqual([40, 30]);
    const asc = (await api('/traces?sort=duration&dir=asc&limit=1')).json<TraceListResponse>();
    expect(asc.traces[0]!.durationMs).toBe(10);
    // A cursor of one order is refused by another, naming the parameter.
    const wrong = await api(`/traces?sort=start&limit=2&cursor=${page1.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json<ErrorResponse>().error).toContain("'cursor'");
    const group = (
      await api('/traces?rootService=checkout&rootName=' + encodeURIComponent('GET /even'))
    ).json<TraceListResponse>();
    expect(group.traces.map((t) => t.traceId)).toEqual([traceId(6), traceId(4), traceId(2)]);
  });

  it('groups traces by root service + name with count, error rate and percentiles', async () => {
    for (let t = 1; t <= 6; t++)
      h.store.ingest(
        batch([
          makeSpan({
            trace: t,
            span: 1,
            name: t <= 4 ? 'GET /a' : 'GET /b',
            durationMs: t * 10,
            error: t === 1,
          }),
        ]),
      );
    const r = (await api('/groups')).json<TraceGroupResponse>();
    expect(r).toEqual({
      traces: 6,
      totalGroups: 2,
      groups: [
        expect.objectContaining({ rootName: 'GET /a', count: 4, errorRate: 0.25, p50Ms: 20, p95Ms: 40 }),
        expect.objectContaining({ rootName: 'GET /b', count: 2, errorRate: 0, p50Ms: 50, p95Ms: 60 }),
      ],
    });
    const errs = (await api('/groups?errorsOnly=true&limit=5')).json<TraceGroupResponse>();
    expect(errs.groups.map((g) => g.count)).toEqual([1]);
  });

  it.each([
    ['/traces?sort=size', 'sort'],
    ['/traces?dir=up', 'dir'],
    ['/groups?limit=0', 'limit'],
    ['/groups?sort=duration', 'sort'],
    ['/spans?sort=duration', 'sort'],
    ['/traces?limit=0', 'limit'],
    ['/traces?limit=abc', 'limit'],
    ['/traces?limit=1001', 'limit'],
    ['/traces?errorsOnly=maybe', 'errorsOnly'],
    ['/traces?minDurationMs=-1', 'minDurationMs'],
    ['/traces?cursor=zzz', 'cursor'],
    ['/traces?servce=x', 'servce'],
    ['/traces?limit=1&limit=2', 'limit'],
    ['/spans?traceId=xyz', 'traceId'],
    ['/spans?cursor=abc', 'cursor'],
    ['/stats?verbose=1', 'verbose'],
  ])('GET %s → 400 naming %s', async (path, param) => {
    const r = await api(path);
    expect(r.status).toBe(400);
    expect(r.json<ErrorResponse>().error).toContain(`'${param}'`);
  });

  it('gets one trace with its spans sorted, 404 for an unknown one, 400 for a bad ID', async () => {
    h.store.ingest(
      batch([
        makeSpan({ trace: 7, span: 2, parent: 1, startMs: 5 }),
        makeSpan({ trace: 7, span: 1, startMs: 0 }),
      ]),
    );
    const r = (await api(`/traces/${traceId(7).toUpperCase()}`)).json<TraceResponse>();
    expect(r.summary).toMatchObject({ traceId: traceId(7), spanCount: 2, hasRoot: true });
    expect(r.spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000002']);
    expect(r.spans[0]!.resource.attributes[0]).toEqual({
      key: 'service.name',
      value: { stringValue: 'checkout' },
    });
    expect((await api(`/traces/${traceId(8)}`)).status).toBe(404);
    expect((await api('/traces/not-hex')).status).toBe(400);
  });

  it('pins and unpins', async () => {
    h.store.ingest(batch(traceSpans(1, 1)));
    const pinned = await api(`/traces/${traceId(1)}/pin`, 'PUT');
    expect(pinned.status).toBe(200);
    expect(pinned.json<TraceSummary>().pinned).toBe(true);
    expect((await api(`/traces/${traceId(1)}`)).json<TraceResponse>().summary.pinned).toBe(true);
    expect((await api(`/traces/${traceId(1)}/pin`, 'DELETE')).json<TraceSummary>().pinned).toBe(false);
    expect((await api(`/traces/${traceId(2)}/pin`, 'PUT')).status).toBe(404);
  });

  it('clears the store and the counters', async () => {
    h.store.ingest(batch(traceSpans(1, 3)));
    const r = await api('/traces', 'DELETE');
    expect(r.json()).toEqual({ ok: true });
    const stats = (await api('/stats')).json<StatsResponse>();
    expect(stats.counters).toMatchObject({ received: 0, stored: 0, traces: 0 });
  });

  it('lists spans', async () => {
    h.store.ingest(batch(traceSpans(1, 3)));
    const r = (await api(`/spans?traceId=${traceId(1)}&limit=2`)).json<SpanListResponse>();
    expect(r.total).toBe(3);
    expect(r.spans).toHaveLength(2);
    expect(r.nextCursor).not.toBeNull();
    expect(r.spans[0]).toMatchObject({ traceId: traceId(1), service: 'checkout', kind: 1 });
  });

  it('reports stats and receivers', async () => {
    h.store.ingest(batch(traceSpans(1, 4)));
    const s = (await api('/stats')).json<StatsResponse>();
    expect(s.counters).toMatchObject({ received: 4, accepted: 4, stored: 4, traces: 1, rejected: 0 });
    expect(s.limits).toEqual({ maxSpans: 1000, maxBytes: 512 * 1024 * 1024, idleTimeoutMs: 5000 });
    expect(s.spansPerSecond).toHaveLength(60);
    expect(s.spansPerSecond.at(-1)).toBe(4);
    expect(s.version).toBe('0.0.0-test');
    const r = (await api('/receivers')).json<ReceiversResponse>();
    expect(r.receivers.map((x) => x.protocol)).toEqual(['otlp-grpc', 'otlp-http']);
    expect(r.env).toEqual({
      http: {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      },
      grpc: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
    });
  });

  it('answers 404 JSON for unknown API paths and 405 with Allow for wrong methods', async () => {
    for (const path of ['/nope', '/traces/x/y/z', '']) {
      const r = await api(path);
      expect(r.status).toBe(404);
      expect(r.json<ErrorResponse>().error).toMatch(/no API route/);
    }
    const other = await request(`${h.base}/api/v2/traces`, { headers: auth });
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toMatch(/json/);
    const r = await api('/traces', 'POST');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, DELETE');
    expect((await api(`/traces/${traceId(1)}/pin`, 'GET')).headers.allow).toBe('PUT, DELETE');
    expect((await api('/demo', 'GET')).headers.allow).toBe('POST');
  });

  it('turns a failing demo send into a JSON error', async () => {
    const r = await api('/demo', 'POST');
    expect(r.status).toBe(500);
    expect(r.json<ErrorResponse>().error).toMatch(/no receiver/);
  });
});

describe('API settings', () => {
  const put = (body: string) =>
    request(`${h.base}/api/v1/settings`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body,
    });

  it('reads the settings in force', async () => {
    const r = (await api('/settings')).json<SettingsResponse>();
    expect(r.settings).toEqual({ maxSpans: 1000, maxBytes: 512 * 1024 * 1024, idleTimeoutMs: 5000 });
    expect(r.file).toBe(join(h.dataDir, 'settings.json'));
  });

  it('changes limits live, evicting down to them, and saves only the fields given', async () => {
    for (let t = 1; t <= 10; t++) h.store.ingest(batch(traceSpans(t, 2)));
    const r = await put('{"maxSpans": 6, "sentryDsn": "https://k@o1.ingest.sentry.io/1"}');
    expect(r.status).toBe(200);
    expect(r.json<SettingsResponse>().settings).toMatchObject({
      maxSpans: 6,
      sentryDsn: 'https://k@o1.ingest.sentry.io/1',
    });
    expect(h.store.counters()).toMatchObject({ stored: 6, evicted: 14, traces: 3 });
    expect(JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8'))).toEqual({
      maxSpans: 6,
      sentryDsn: 'https://k@o1.ingest.sentry.io/1',
    });
    expect((await api('/stats')).json<StatsResponse>().limits.maxSpans).toBe(6);
  });

  it.each([
    ['{"maxSpans": -3}', 'maxSpans must be a positive integer up to 100000000, got -3'],
    ['{"idleTimeoutMs": "5s", "maxBytes": 0}', 'maxBytes must be a positive integer, got 0'],
    ['[1]', 'the body must be a JSON object'],
    ['{nope', 'request body is not valid JSON'],
  ])('refuses %s with a 400 naming the problem', async (body, message) => {
    const r = await put(body);
    expect(r.status).toBe(400);
    expect(r.json<ErrorResponse>().error).toContain(message);
    expect(h.store.limits.maxSpans).toBe(1000);
  });
});

describe('API settings: concurrency and a settings file that went bad', () => {
  const put = (body: unknown) =>
    request(`${h.base}/api/v1/settings`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const file = () => join(h.dataDir, 'settings.json');

  it('keeps all of ten concurrent PUTs of different fields', async () => {
    const bodies = [
      { maxSpans: 900 },
      { idleTimeoutMs: 1234 },
      ...Array.from({ length: 8 }, (_, i) => ({ [`custom${i}`]: `v${i}` })),
    ];
    const answers = await Promise.all(bodies.map(put));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
    const all = Object.assign({}, ...bodies) as Record<string, unknown>;
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual(all);
    expect((await api('/settings')).json<SettingsResponse>().settings).toMatchObject(all);
    expect(h.store.limits).toMatchObject({ maxSpans: 900, idleTimeoutMs: 1234 });
  });

  it('answers 409 naming the file when it went bad while running, and leaves it and the limits as they are', async () => {
    const bad = '{"maxSpans": 10, "myNote": "keep me", ';
    writeFileSync(file(), bad);
    const r = await put({ idleTimeoutMs: 42 });
    expect(r.status).toBe(409);
    expect(r.json<ErrorResponse>().error).toContain(file());
    expect(r.json<ErrorResponse>().error).toMatch(/not valid JSON.*left as it is and nothing was changed/);
    expect(readFileSync(file(), 'utf8')).toBe(bad);
    expect(h.store.limits.idleTimeoutMs).toBe(5000);
  });

  it('answers 500 naming the file when it cannot be read or written', async () => {
    mkdirSync(file());
    const r = await put({ maxSpans: 7 });
    expect(r.status).toBe(500);
    expect(r.json<ErrorResponse>().error).toMatch(
      /cannot save the settings file .*settings\.json.*nothing was changed/,
    );
    expect(h.store.limits.maxSpans).toBe(1000);
  });
});

describe('API static UI', () => {
  it('serves the UI without a token, with CSP and nosniff', async () => {
    const index = await request(`${h.base}/`);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.text).toContain('<div id="root">');
    const js = await request(`${h.base}/assets/app.js`);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect((await request(`${h.base}/assets/app.css`)).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
  });

  it.each(['/icon.png', '/favicon.ico'])('serves the app icon at %s (no favicon 404)', async (path) => {
    const r = await fetch(`${h.base}${path}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await r.arrayBuffer()).equals(FAKE_ICON)).toBe(true);
  });

  it('falls back to index.html for app routes and 404s missing assets', async () => {
    const spa = await request(`${h.base}/traces/abc?token=x`);
    expect(spa.status).toBe(200);
    expect(spa.text).toContain('<div id="root">');
    expect((await request(`${h.base}/assets/missing.js`)).status).toBe(404);
  });

  it.each([
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cetc',
  ])('refuses directory traversal %s', async (path) => {
    // Sent raw (no client-side normalisation) through http.request.
    const r = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: h.port, path, method: 'GET' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(r.text).not.toMatch(/root:/);
    expect([400, 404, 200]).toContain(r.status);
    if (r.status === 200) expect(r.text).toContain('<div id="root">'); // the SPA fallback, nothing else
  });

  it('refuses a foreign Host for the UI too', async () => {
    expect((await request(`${h.base}/`, { headers: { Host: 'evil.example' } })).status).toBe(403);
  });
});

interface SseClient {
  messages: StreamMessage[];
  comments: number;
  close(): void;
}

function openStream(base: string, path = `/api/v1/stream?token=${TOKEN}`): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const client: SseClient = { messages: [], comments: 0, close: () => req.destroy() };
    let buffer = '';
    const req = httpRequest(`${base}${path}`, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      expect(res.headers['content-type']).toMatch(/text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          for (const line of frame.split('\n')) {
            if (line.startsWith('data: ')) client.messages.push(JSON.parse(line.slice(6)) as StreamMessage);
            else if (line.startsWith(':')) client.comments++;
          }
        }
      });
      resolve(client);
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

describe('API live stream', () => {
  it('needs the token', async () => {
    await expect(openStream(h.base, '/api/v1/stream')).rejects.toThrow(/401/);
  });

  it('sends hello, then a few batched deltas for thousands of spans, then cleared', async () => {
    const c = await openStream(h.base);
    await until(() => c.messages.length >= 1);
    expect(c.messages[0]!.type).toBe('hello');
    const start = Date.now();
    let span = 0;
    // 5000 spans in 50 requests over ~500 ms.
    for (let b = 0; b < 50; b++) {
      const spans = [];
      for (let i = 0; i < 100; i++, span++) spans.push(makeSpan({ trace: 1 + (span % 700), span: span + 1 }));
      h.store.ingest(batch(spans));
      await sleep(10);
    }
    // Wait for the delta that carries the last batch (at most one flush period later on an idle machine).
    await until(() => c.messages.some((m) => m.type === 'delta' && m.stats.counters.received === 5000));
    const deltas = c.messages.filter((m) => m.type === 'delta');
    const seconds = (Date.now() - start) / 1000;
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    expect(deltas.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 1);
    // Replaying the deltas gives exactly the store's list, with each trace's latest state.
    const replay = new Map<string, TraceSummary>();
    for (const d of deltas) {
      if (d.type !== 'delta') continue;
      for (const id of d.removed) replay.delete(id);
      for (const t of d.upserted) replay.set(t.traceId, t);
    }
    const held = h.store.listTraces({ limit: 1000 }).traces;
    expect(replay.size).toBe(held.length);
    for (const t of held) expect(replay.get(t.traceId)?.spanCount).toBe(t.spanCount);
    const last = deltas.at(-1)!;
    expect(last.stats.counters.stored).toBeLessThanOrEqual(1000); // maxSpans: the rest was evicted
    expect(last.stats.counters.evicted).toBeGreaterThanOrEqual(4000);
    expect(last.type === 'delta' && last.stats.evicting).toBe(true);

    const before = c.messages.length;
    await api('/traces', 'DELETE');
    await until(() => c.messages.slice(before).some((m) => m.type === 'cleared'));
    const cleared = c.messages.slice(before).find((m) => m.type === 'cleared')!;
    expect(cleared.stats.counters.received).toBe(0);
    c.close();
    await until(() => h.hub.clientCount === 0);
  });

  it('splits a burst of changed traces over several deltas of a bounded size, losing none', async () => {
    await h.close();
    h = await startHarness({}, { flushMs: 20, maxUpsertedPerDelta: 100 });
    const c = await openStream(h.base);
    await until(() => c.messages.length >= 1);
    const spans = [];
    for (let t = 1; t <= 450; t++) spans.push(makeSpan({ trace: t, span: t }));
    h.store.ingest(batch(spans));
    const seen = new Set<string>();
    await until(() => {
      seen.clear();
      for (const m of c.messages) if (m.type === 'delta') for (const t of m.upserted) seen.add(t.traceId);
      return seen.size === 450;
    });
    const sizes = c.messages.flatMap((m) =>
      m.type === 'delta' && m.upserted.length ? [m.upserted.length] : [],
    );
    expect(sizes).toEqual([100, 100, 100, 100, 50]);
    c.close();
    await until(() => h.hub.clientCount === 0);
  });

  it('sends keep-alive comments and stats ticks, and ends streams on close', async () => {
    await h.close();
    h = await startHarness({}, { keepAliveMs: 50, statsEveryMs: 50 });
    const c = await openStream(h.base);
    await until(() => c.comments > 0 && c.messages.some((m) => m.type === 'delta'));
    expect(h.hub.clientCount).toBe(1);
    h.hub.close();
    expect(h.hub.clientCount).toBe(0);
  });
});
