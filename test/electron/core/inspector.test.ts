import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoResponse, TraceResponse } from '../../../shared/api/contract.js';
import {
  displayHost,
  exposesNetwork,
  InspectorPortError,
  startInspector,
  type RunningInspector,
} from '../../../electron/core/inspector.js';
import { makeStaticDir } from './api/api-harness.js';

const running: RunningInspector[] = [];
const blockers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const i of running.splice(0)) await i.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const s of blockers.splice(0)) await new Promise((r) => s.close(r));
});

async function start(config: Parameters<typeof startInspector>[0] = {}): Promise<RunningInspector> {
  const i = await startInspector({
    hosts: ['127.0.0.1'],
    grpcPort: 0,
    httpPort: 0,
    uiPort: 0,
    staticDir: uiDir(),
    ...config,
  });
  running.push(i);
  return i;
}

function uiDir(): string {
  const d = makeStaticDir();
  dirs.push(d);
  return d;
}

function occupy(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    blockers.push(s);
    s.listen({ host: '127.0.0.1', port: 0 }, () => resolve((s.address() as { port: number }).port));
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen({ host: '127.0.0.1', port: 0 }, () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('startInspector', () => {
  it('starts store, both receivers and the API on free ports, and reports them', async () => {
    const i = await start({ token: 'fixed-token-123', limits: { maxSpans: 500 } });
    expect(i.token).toBe('fixed-token-123');
    expect(i.grpc.port).toBeGreaterThan(0);
    expect(i.http.port).toBeGreaterThan(0);
    expect(i.api.url).toBe(`http://127.0.0.1:${i.api.port}/?token=fixed-token-123`);
    expect(i.receivers).toEqual([
      {
        protocol: 'otlp-grpc',
        state: 'listening',
        address: `127.0.0.1:${i.grpc.port}`,
        addresses: [`127.0.0.1:${i.grpc.port}`],
        endpoint: `http://127.0.0.1:${i.grpc.port}`,
      },
      {
        protocol: 'otlp-http',
        state: 'listening',
        address: `127.0.0.1:${i.http.port}`,
        addresses: [`127.0.0.1:${i.http.port}`],
        endpoint: `http://127.0.0.1:${i.http.port}`,
      },
    ]);
    expect(i.store.limits.maxSpans).toBe(500);
    const ui = await fetch(`http://127.0.0.1:${i.api.port}/`);
    expect(ui.status).toBe(200);
  });

  it('generates a fresh URL-safe token per launch when none is given', async () => {
    const a = await start();
    const b = await start();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('POST /demo sends a realistic trace through its own OTLP/HTTP receiver', async () => {
    const i = await start();
    const headers = { Authorization: `Bearer ${i.token}` };
    const res = await fetch(`http://127.0.0.1:${i.api.port}/api/v1/demo`, { method: 'POST', headers });
    expect(res.status).toBe(200);
    const { traceId } = (await res.json()) as DemoResponse;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const t = (await (
      await fetch(`http://127.0.0.1:${i.api.port}/api/v1/traces/${traceId}`, { headers })
    ).json()) as TraceResponse;
    expect(t.summary).toMatchObject({
      rootName: 'GET /api/users',
      rootService: 'demo-shop',
      spanCount: 3,
      errorCount: 1,
    });
    const [root, db, http] = t.spans;
    expect(root).toMatchObject({ name: 'GET /api/users', kind: 2, parentSpanId: '', status: { code: 2 } });
    const attrs = (s: typeof root) => Object.fromEntries(s!.attributes.map((a) => [a.key, a.value]));
    expect(attrs(root)).toMatchObject({
      'http.route': { stringValue: '/api/users' },
      'http.request.method': { stringValue: 'GET' },
    });
    expect(root!.events[0]!.name).toBe('exception');
    expect(root!.events[0]!.attributes.map((a) => a.key)).toEqual([
      'exception.type',
      'exception.message',
      'exception.stacktrace',
    ]);
    expect(db).toMatchObject({ name: 'SELECT users', kind: 3, parentSpanId: root!.spanId });
    expect(attrs(db)).toMatchObject({ 'db.system': { stringValue: 'postgresql' } });
    expect(attrs(db)['db.query.text']).toBeDefined();
    expect(http).toMatchObject({ name: 'GET', kind: 3, parentSpanId: root!.spanId });
    expect(i.store.counters()).toMatchObject({ received: 3, stored: 3 });
  });

  it.each([
    ['grpcPort', '--grpc-port', 'OTLP/gRPC'],
    ['httpPort', '--http-port', 'OTLP/HTTP'],
    ['uiPort', '--ui-port', 'UI'],
  ] as const)(
    'names the port and %s flag when a port is in use, and closes what it started',
    async (key, flag, label) => {
      const taken = await occupy();
      const others = { grpcPort: await freePort(), httpPort: await freePort(), uiPort: await freePort() };
      const err = await startInspector({
        hosts: ['127.0.0.1'],
        ...others,
        [key]: taken,
        staticDir: null,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InspectorPortError);
      expect((err as Error).message).toBe(
        `port ${taken} (${label}) is already in use; choose another with ${flag}`,
      );
      // Everything it had started was closed again: the other ports are free.
      const again = await start({ ...others, [key]: 0 });
      expect(again.grpc.port === others.grpcPort || key === 'grpcPort').toBe(true);
      expect(again.http.port === others.httpPort || key === 'httpPort').toBe(true);
    },
  );

  it.each([
    [['127.0.0.1', '::1'], 'localhost', false],
    [['0.0.0.0'], 'localhost', true],
    [['::'], 'localhost', true],
    [['127.0.0.1'], '127.0.0.1', false],
    [['::1'], '[::1]', false],
    [['localhost'], 'localhost', false],
    [['192.168.1.5'], '192.168.1.5', true],
    [['fd00::5'], '[fd00::5]', true],
    [['127.0.0.2'], '127.0.0.2', false],
  ])('hosts %o are shown as %s (network: %s)', (hosts, shown, network) => {
    expect(displayHost(hosts)).toBe(shown);
    expect(exposesNetwork(hosts)).toBe(network);
  });
});
